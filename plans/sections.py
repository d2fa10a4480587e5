"""The sections of the plan, in the order of Bijlage 1: titles, questions and completeness.

One place for the form's structure: the edit forms, the plan page, the PDF and the
'what changed' view all read it from here. Questions are in our own plain Dutch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from plans.constants import GoalTable


@dataclass(frozen=True)
class Question:
    field: str
    text: str
    help: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    number: int
    title: str
    intro: str = ""
    questions: tuple[Question, ...] = field(default_factory=tuple)
    goal_table: str | None = None

    @property
    def fields(self) -> list[str]:
        return [question.field for question in self.questions]


HEADER = Section(
    "kop",
    1,
    _("Locatie en partners"),
    _("Kies de wijken, de organisaties en de projectleider uit de gegevens van uw locatie."),
    (
        Question("neighbourhoods", _("In welke wijk(en) werkt het projectteam?")),
        Question(
            "recovery_organisations", _("Welke herstel- of zelfregieorganisatie(s) doen mee?")
        ),
        Question("neighbourhood_teams", _("Welk(e) wijkteam(s) doen mee?")),
        Question("project_leader", _("Wie is de projectleider?")),
    ),
)
BACKGROUND = Section(
    "achtergrond",
    2,
    _("Achtergrond"),
    _("Beschrijf in een paar zinnen de situatie waarin het project begint."),
    (
        Question(
            "background_team",
            _(
                "Wat voor wijkteam is het? Welke kwetsbare bewoners ondersteunt het, ongeveer "
                "hoeveel, en met wat voor hulp?"
            ),
        ),
        Question(
            "background_team_size",
            _("Hoeveel mensen werken in het wijkteam, en uit welke vakgebieden komen ze?"),
        ),
        Question(
            "background_recovery",
            _(
                "Wat voor herstel- of zelfregieorganisatie doet mee? Wat zijn de belangrijkste "
                "activiteiten, en voor wie zijn ze bedoeld?"
            ),
        ),
        Question(
            "background_staff",
            _(
                "Hoeveel betaalde medewerkers en vrijwilligers heeft die organisatie? Hoeveel van "
                "hen zijn ervaringsdeskundige?"
            ),
        ),
        Question(
            "background_focus",
            _("Op welk thema richt het lokale projectteam zich, en waarom juist dit thema?"),
        ),
        Question(
            "background_strengths",
            _("Wat gaat rond dit thema al goed, en wat kan beter?"),
        ),
    ),
)
STRUCTURE = Section(
    "projectstructuur",
    3,
    _("Projectstructuur"),
    _(
        "Wie zitten in het lokale projectteam, en hoe werkt het team? De leden komen uit het "
        "projectteam van uw locatie."
    ),
    (
        Question("structure_tasks", _("Hoe verdeelt het projectteam het werk, in grote lijnen?")),
        Question("structure_meetings", _("Hoe vaak komt het projectteam bij elkaar?")),
        Question(
            "structure_partners",
            _(
                "Met welke andere organisaties in de wijk werkt u samen, en wat houdt die "
                "samenwerking in?"
            ),
            _("Denk aan de huisarts, de woningcorporatie, de wijkagent of een buurthuis."),
        ),
        Question(
            "structure_needs",
            _("Wat is er nodig om het project in de wijk of regio te laten slagen?"),
        ),
    ),
)
SELF_DIRECTION = Section(
    "eigen-regie",
    4,
    _("Ondersteuning eigen regie en participatie"),
    _(
        "Welke doelen heeft u om de eigen regie van bewoners te vergroten en hun deelname aan "
        "activiteiten in en buiten de wijk te stimuleren? Schrijf per doel wat u gaat doen, wie "
        "het doet en wanneer. Doelen mogen onderweg worden bijgesteld."
    ),
    goal_table=GoalTable.SELF_DIRECTION,
)
COLLABORATION = Section(
    "samenwerking",
    5,
    _("Ontwikkeling lokale samenwerking"),
    _(
        "Wat wilt u bereiken in de samenwerking tussen wijkteam, herstel- of "
        "zelfregieorganisatie en andere organisaties, en in de inzet van ervaringsdeskundigen? "
        "Nieuwe doelen mogen, het verbreden of verdiepen van wat er al is ook."
    ),
    goal_table=GoalTable.COLLABORATION,
)
TRAINING = Section(
    "training",
    6,
    _("Training en teamworkshop"),
    _(
        "De training is voor sociaal werkers en ervaringsdeskundigen samen; de workshop is voor "
        "het hele wijkteam."
    ),
    (
        Question(
            "training_focus",
            _(
                "Waar moet de training voor sociaal werkers en ervaringsdeskundigen vooral "
                "aandacht aan geven?"
            ),
        ),
        Question(
            "training_trainers",
            _("Wie geeft de training?"),
            _("Vaak een ervaringsdeskundige trainer samen met iemand van de lokale organisatie."),
        ),
        Question("training_planned", _("Wanneer zijn de bijeenkomsten?")),
        Question("training_participants", _("Hoeveel mensen doen mee aan de training?")),
        Question(
            "workshop_focus",
            _("Waar moet de workshop voor het wijkteam en andere betrokkenen aandacht aan geven?"),
        ),
        Question("workshop_trainers", _("Wie geeft de workshop?")),
        Question("workshop_planned", _("Wanneer is de workshop?")),
    ),
)

SECTIONS: tuple[Section, ...] = (
    HEADER,
    BACKGROUND,
    STRUCTURE,
    SELF_DIRECTION,
    COLLABORATION,
    TRAINING,
)
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
TEXT_SECTIONS = [section for section in SECTIONS if section.goal_table is None]
QUESTIONS = {q.field: q for section in SECTIONS for q in section.questions}
