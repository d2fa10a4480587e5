"""Demo data of the plans app: one plan of approach per pilot city, each in another state.

| city           | state         | what it shows                                                  |
|----------------|---------------|----------------------------------------------------------------|
| Enschede       | concept       | just started: little more than the header                      |
| Gouda          | concept       | half done: training and one goal table still to fill in        |
| Zutphen        | ingediend     | complete; was sent back once and submitted again               |
| Utrecht        | vastgesteld   | approved, then changed: "what changed since approval" has rows |
| Amsterdam-Zuid | in uitvoering | under way: actions done, in progress, two overdue, one due soon|
| Arnhem         | geëvalueerd   | the 2017–2018 pilot, carried out and evaluated                 |

The workflow goes through `plans.services` (so transitions and the approved snapshot are real);
goals and actions are written with the ORM. The texts are invented, in plain Dutch, per city.

Dates of the running plans follow today: their period starts on 1 January of the year that was
current 120 days ago and ends on 31 December of the next year, so there is always past (for
overdue actions) and future inside it. Idempotent: a city that has a plan (of any period, so
also in a later year) is left as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from plans import services
from plans.constants import ActionStatus, GoalTable, PlanStatus, TransitionKind
from plans.models import Action, Goal, PlanOfApproach, PlanSnapshot, PlanTransition
from teams.demo import CITIES, PILOT_END, PILOT_START
from teams.models import Location, Person, User

SELF = GoalTable.SELF_DIRECTION
COLLAB = GoalTable.COLLABORATION
PLANNED = ActionStatus.PLANNED
BUSY = ActionStatus.IN_PROGRESS
DONE = ActionStatus.DONE
DROPPED = ActionStatus.DROPPED

# A day is either a fixed date (the evaluated pilot) or a number of days from today (running
# plans; clamped into the plan's period).
Day = datetime.date | int | None


@dataclass
class A:
    """An action: people are slots in teams.demo.City.people, organisations are names."""

    description: str
    people: tuple[int, ...] = ()
    orgs: tuple[str, ...] = ()
    starts: Day = None
    due: Day = None
    note: str = ""
    status: str = PLANNED  # the status it ends up in; every action starts as 'gepland'


@dataclass
class G:
    table: str
    text: str
    actions: list[A]


@dataclass
class Step:
    """A workflow step, or a hook that changes the plan in between (`kind` None)."""

    kind: str | None
    actor: str  # "leader" or "coordinator"
    day: Day
    remark: str = ""
    hook: Callable[[PlanOfApproach, Context], None] | None = None


@dataclass
class PlanSpec:
    location: str
    pilot: bool  # True: the 2017–2018 pilot period; False: a running period around today
    answers: dict[str, Any]
    goals: list[G] = field(default_factory=list)
    created: Day = -30
    steps: list[Step] = field(default_factory=list)


@dataclass
class Context:
    plan: PlanOfApproach
    location: Location
    people: dict[int, Person]
    leader: User
    coordinator: User
    today: datetime.date

    def day(self, value: Day) -> datetime.date | None:
        if value is None or isinstance(value, datetime.date):
            return value
        day = self.today + datetime.timedelta(days=value)
        return min(max(day, self.plan.starts_on), self.plan.ends_on)

    def moment(self, value: Day) -> datetime.datetime:
        """A time on that day for backdated history (not clamped: history may precede it)."""
        if isinstance(value, datetime.date):
            day = value
        else:
            day = self.today + datetime.timedelta(days=value or 0)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


# --- The six plans --------------------------------------------------------------------------

ENSCHEDE = PlanSpec(
    location="Enschede",
    pilot=False,
    created=-3,
    answers={
        "background_team": (
            "Stichting Maatschappelijke Dienstverlening werkt met sociaal werkers in "
            "Velve-Lindenhof, Pathmos en Twekkelerveld. Hoeveel bewoners we precies bereiken, "
            "zoeken we nog uit."
        ),
    },
)

GOUDA = PlanSpec(
    location="Gouda",
    pilot=False,
    created=-12,
    answers={
        "background_team": (
            "Sociaal Team Gouda is het wijkteam voor alle inwoners van de stad. In Korte "
            "Akkeren, Goverwelle en Gouda-Oost helpt het team ieder jaar ongeveer 450 "
            "huishoudens. Veel bewoners hebben psychische klachten, geldzorgen of weinig mensen "
            "om zich heen. Het team helpt bij vragen over geld, wonen, opvoeding en gezondheid, "
            "en zoekt andere hulp als dat nodig is."
        ),
        "background_team_size": (
            "In deze drie wijken werken 16 mensen in het team: generalisten, wijkcoaches, een "
            "schuldhulpverlener, een wijkverpleegkundige en twee consulenten jeugd en gezin."
        ),
        "background_recovery": (
            "KernKracht is een zelfregieorganisatie van en voor ervaringsdeskundigen. Er zijn "
            "herstelgroepen, een inloop, cursussen over eigen regie en persoonlijke steun door "
            "een ervaringsdeskundige. Iedere inwoner met psychische of sociale problemen die "
            "weer meer zelf wil bepalen, is welkom."
        ),
        "background_staff": (
            "KernKracht heeft 7 betaalde medewerkers en ongeveer 35 vrijwilligers. Alle "
            "betaalde medewerkers en bijna alle vrijwilligers zijn ervaringsdeskundige."
        ),
        "background_focus": (
            "Bewoners die al jaren hulp krijgen en weinig meedoen in de wijk. Met hun "
            "hersteldromen, wensen en doelen als begin willen we ze helpen weer zelf keuzes te "
            "maken. Dat past bij hoe KernKracht werkt, en het wijkteam wil meer mét bewoners "
            "praten in plaats van over hen."
        ),
        "background_strengths": (
            "Goed: de medewerkers van het wijkteam en KernKracht kennen elkaar en bellen elkaar "
            "makkelijk. Beter kan: het wijkteam wijst bewoners nog weinig op de herstelgroepen, "
            "en een ervaringsdeskundige is bijna nooit bij het eerste gesprek."
        ),
        "structure_tasks": (
            "Zoë Projectlijn (Sociaal Team Gouda) houdt het plan bij en leidt het overleg. Aram "
            "Trainersbank (KernKracht) regelt de training en de workshop. Bente Wijkteamer is "
            "het aanspreekpunt voor haar collega's in het wijkteam. Chris Hersteldroom koppelt "
            "ervaringsdeskundigen aan bewoners."
        ),
        "structure_meetings": (
            "Om de week op dinsdagochtend, de ene keer bij KernKracht, de andere keer bij het "
            "wijkteam in Korte Akkeren."
        ),
        "structure_partners": (
            "De huisartsen in Goverwelle wijzen bewoners op de inloop van KernKracht. Met de "
            "woningcorporatie kijken we samen naar bewoners met een huurachterstand. Buurthuis "
            "De Vlinder heeft een zaal voor de herstelgroep."
        ),
        "structure_needs": (
            "Tijd voor de wijkteamleden om de training te volgen, een vaste plek in de wijk "
            "voor de inloop, en geld van de gemeente om ervaringsdeskundigen ook na het project "
            "te betalen."
        ),
        # Training: only the first answer so far (the rest is left for the demo journey).
        "training_focus": (
            "Hoe begin je een gesprek over de hersteldroom van een bewoner, en hoe voeren een "
            "wijkteamlid en een ervaringsdeskundige dat gesprek samen?"
        ),
    },
    goals=[
        G(
            SELF,
            "Bewoners die al lang hulp krijgen, maken een eigen plan vanuit hun hersteldroom.",
            [
                A(
                    "Ervaringsdeskundigen voeren met 20 bewoners een gesprek over hun "
                    "hersteldroom, wensen en doelen.",
                    (3, 5),
                    ("KernKracht",),
                    starts=30,
                    due=150,
                ),
                A(
                    "Het wijkteam vraagt bewoners bij het eerste of tweede huisbezoek of ze zo'n "
                    "gesprek willen.",
                    (2,),
                    ("Sociaal Team Gouda",),
                    note="Vanaf de start, bij elk nieuw huisbezoek",
                ),
            ],
        ),
        G(
            SELF,
            "Meer bewoners doen mee aan een activiteit in hun eigen wijk.",
            [
                A(
                    "Een herstelgroep starten in buurthuis De Vlinder in Korte Akkeren.",
                    (4,),
                    ("KernKracht",),
                    starts=45,
                    due=120,
                ),
            ],
        ),
        # Still incomplete: no one named and no date yet.
        G(
            COLLAB,
            "Wijkteam en KernKracht werken in tandems bij nieuwe aanmeldingen.",
            [
                A(
                    "Elke maand de nieuwe aanmeldingen samen doorlopen en kiezen waar een tandem "
                    "past."
                ),
            ],
        ),
    ],
)


def _zutphen_sharpen_goal(plan: PlanOfApproach, ctx: Context) -> None:
    """After the coordinator sent it back: the second goal gets a number."""
    goal = plan.goals.get(table=SELF, position=1)
    goal.text = (
        "Minstens 25 bewoners maken met een ervaringsdeskundige een eigen steunplan en bepalen "
        "zelf wat erin komt."
    )
    goal.save()


ZUTPHEN = PlanSpec(
    location="Zutphen",
    pilot=False,
    created=-40,
    answers={
        "background_team": (
            "Perspectief Zutphen is de welzijnsorganisatie die in Zutphen ook de sociale "
            "wijkteams levert. In het Waterkwartier, De Hoven en Noordveen steunt het team elk "
            "jaar zo'n 300 inwoners: vaak mensen die eenzaam zijn, schulden hebben of psychisch "
            "kwetsbaar zijn. Het team helpt praktisch, coacht thuis en gaat mee naar "
            "activiteiten of vrijwilligerswerk."
        ),
        "background_team_size": (
            "Twaalf medewerkers: sociaal werkers, een opbouwwerker, twee maatschappelijk "
            "werkers, een jongerenwerker en een wijkconsulent van de gemeente."
        ),
        "background_recovery": (
            "Er doen twee organisaties mee. Ixta Noa heeft herstelwerkplaatsen en "
            "inloopmomenten, waar bewoners samen met ervaringsdeskundigen aan hun herstel "
            "werken. Intact Zelfhulp en Herstel organiseert zelfhulpgroepen, bijvoorbeeld over "
            "angst, somberheid en rouw. Beide staan open voor iedere inwoner, met of zonder "
            "diagnose."
        ),
        "background_staff": (
            "Ixta Noa heeft in Zutphen 3 betaalde krachten en ongeveer 25 vrijwilligers. Intact "
            "heeft 1 betaalde coördinator en 15 vrijwillige groepsbegeleiders. Op één persoon "
            "na zijn ze allemaal ervaringsdeskundige."
        ),
        "background_focus": (
            "Eenzaamheid bij volwassenen die psychisch kwetsbaar zijn. Het wijkteam ziet veel "
            "mensen die thuis zitten en niemand hebben om op terug te vallen. Contact met "
            "lotgenoten en een maatje dat het zelf heeft meegemaakt, kan dan veel betekenen."
        ),
        "background_strengths": (
            "Goed: de zelfhulpgroepen van Intact zitten vaak vol en deelnemers zijn tevreden. "
            "Beter kan: het wijkteam kent het aanbod van de twee organisaties nog maar half, en "
            "voor bewoners is de stap naar een groep groot als niemand met hen meegaat."
        ),
        "structure_tasks": (
            "Puck Regiehouder (Perspectief Zutphen) leidt het project en houdt contact met de "
            "gemeente. Rik Dagdeler (Intact Zelfhulp en Herstel) plant de training. Sara "
            "Praktijkhuis brengt vragen uit het wijkteam in. Tim Zelfhulper regelt de inzet van "
            "ervaringsdeskundigen van Ixta Noa en Intact."
        ),
        "structure_meetings": (
            "Elke maandag een kort overleg van een uur in het wijkcentrum in het Waterkwartier. "
            "Eén keer per kwartaal een langere bijeenkomst om terug te kijken."
        ),
        "structure_partners": (
            "De bibliotheek geeft ruimte voor een wekelijkse inloop. Met de huisartsenpraktijk "
            "in De Hoven spreken we af hoe de praktijkondersteuner ggz bewoners naar de groepen "
            "kan sturen. De woningcorporatie geeft zorgen over eenzame huurders door aan het "
            "wijkteam."
        ),
        "structure_needs": (
            "Vrije uren voor de wijkteamleden, een vrijwilligersvergoeding voor de "
            "ervaringsdeskundigen, en één vaste contactpersoon bij de gemeente."
        ),
        "training_focus": (
            "Hoe je eenzaamheid bespreekt zonder te oordelen, en hoe je als tandem afspreekt wie "
            "wat doet bij een bewoner."
        ),
        "training_trainers": (
            "Een landelijke trainer ervaringsdeskundigheid samen met Rik Dagdeler (Intact)"
        ),
        "training_planned": (
            "Drie donderdagmiddagen in de bibliotheek, binnen twee maanden na de vaststelling"
        ),
        "training_participants": 18,
        "workshop_focus": (
            "Het aanbod van Ixta Noa en Intact leren kennen, en oefenen met een "
            "keukentafelgesprek met z'n drieën."
        ),
        "workshop_trainers": "Tim Zelfhulper en Uma Lotgenote, met een collega van Perspectief",
        "workshop_planned": "Eén middag tijdens de eerstvolgende teamdag van het wijkteam",
    },
    goals=[
        G(
            SELF,
            "Eenzame bewoners vinden een groep of activiteit die bij hen past.",
            [
                A(
                    "Een ervaringsdeskundige gaat de eerste twee keer mee naar een groep of "
                    "inloop.",
                    (4, 7),
                    ("Ixta Noa",),
                    note="Steeds binnen twee weken na de aanmelding",
                ),
                A(
                    "Elke week een inloop in de bibliotheek, samen met vrijwilligers van Intact.",
                    (5,),
                    ("Intact Zelfhulp en Herstel",),
                    starts=21,
                    due=200,
                ),
            ],
        ),
        G(
            SELF,
            "Bewoners krijgen meer regie over hun eigen steun.",  # sharpened after the return
            [
                A(
                    "Met het werkboek van Ixta Noa een persoonlijk steunplan maken.",
                    (3, 2),
                    ("Ixta Noa", "Perspectief Zutphen"),
                    starts=30,
                    due=240,
                ),
            ],
        ),
        G(
            COLLAB,
            "Wijkteam en herstelorganisaties bespreken moeilijke situaties samen.",
            [
                A(
                    "Een maandelijkse casusbespreking van het wijkteam met Ixta Noa en Intact.",
                    (0, 2, 3),
                    ("Perspectief Zutphen", "Ixta Noa", "Intact Zelfhulp en Herstel"),
                    note="Elke eerste woensdag van de maand",
                ),
                A(
                    "De afspraken over doorverwijzen op papier zetten en delen met het hele "
                    "wijkteam.",
                    (0,),
                    ("Perspectief Zutphen",),
                    due=45,
                ),
            ],
        ),
        G(
            COLLAB,
            "Ervaringsdeskundigen zijn bekend en zichtbaar in de wijk.",
            [
                A(
                    "Ervaringsdeskundigen stellen zich voor op de wijkavond en in de wijkkrant.",
                    (7, 5),
                    ("Intact Zelfhulp en Herstel",),
                    starts=60,
                    due=90,
                ),
            ],
        ),
    ],
    steps=[
        Step(TransitionKind.SUBMIT, "leader", -18, "Graag jullie reactie."),
        Step(
            TransitionKind.RETURN,
            "coordinator",
            -11,
            "Een goed plan. Maak het tweede doel bij eigen regie nog concreter: hoeveel "
            "bewoners willen jullie bereiken?",
        ),
        Step(None, "leader", -7, hook=_zutphen_sharpen_goal),
        Step(TransitionKind.SUBMIT, "leader", -5, "Het tweede doel heeft nu een aantal."),
    ],
)


def _utrecht_after_approval(plan: PlanOfApproach, ctx: Context) -> None:
    """Two changes after approval: the meeting rhythm, and a new action."""
    services.plan_section_save(
        plan_id=plan.pk,
        revision=PlanOfApproach.objects.get(pk=plan.pk).revision,
        values={
            "structure_meetings": (
                "De eerste drie maanden om de week, daarna één keer per maand; afwisselend in "
                "Vleuten en in Hoograven."
            )
        },
        actor=ctx.leader,
    )
    goal = plan.goals.get(table=COLLAB, position=1)
    _action(
        ctx,
        goal,
        len(goal.actions.all()),
        A(
            "Een korte folder over het aanbod maken voor de praktijkondersteuners ggz.",
            (6,),
            ("Steunpunt GGZ Utrecht",),
            starts=5,
            due=75,
        ),
    )


UTRECHT = PlanSpec(
    location="Utrecht",
    pilot=False,
    created=-60,
    answers={
        "background_team": (
            "De buurtteams in Vleuten-De Meern en Hoograven horen bij de Buurteamorganisatie "
            "Utrecht. Ze helpen gezinnen en volwassenen met vragen over zorg, welzijn, geld en "
            "wonen. De twee teams begeleiden samen ongeveer 600 bewoners per jaar; bij een op de "
            "drie spelen psychische problemen mee."
        ),
        "background_team_size": (
            "Samen 22 buurtteammedewerkers, met een achtergrond in maatschappelijk werk, "
            "sociaal-psychiatrische verpleegkunde, schuldhulp of jeugdhulp. Elk team heeft ook "
            "een gedragswetenschapper."
        ),
        "background_recovery": (
            "Enik Recovery College is een plek waar mensen met en zonder eigen ervaring samen "
            "leren over herstel, in cursussen en werkgroepen. Steunpunt GGZ Utrecht is een "
            "cliëntenorganisatie met een inloop, cursussen en belangenbehartiging door "
            "ervaringsdeskundigen. Beide zijn er voor Utrechters die met psychische "
            "kwetsbaarheid te maken hebben, en ook voor hun naasten."
        ),
        "background_staff": (
            "Enik werkt met 9 betaalde krachten en ongeveer 40 vrijwillige cursusleiders. "
            "Steunpunt GGZ heeft 5 betaalde krachten en 30 vrijwilligers. Bij allebei is bijna "
            "iedereen ervaringsdeskundige."
        ),
        "background_focus": (
            "Herstel van bewoners die na een opname of een lange behandeling weer thuis in de "
            "wijk wonen. Juist in de eerste maanden daarna valt veel steun weg. Een cursus bij "
            "het recovery college en een ervaringsdeskundige naast je helpen om weer grip te "
            "krijgen."
        ),
        "background_strengths": (
            "Goed: de buurtteams sturen bewoners al naar Enik, en in Hoograven zit een inloop "
            "van Steunpunt GGZ vlakbij. Beter kan: in Vleuten-De Meern is in de wijk zelf weinig "
            "te doen, en bewoners haken af als een cursus ver weg is of lang op zich laat "
            "wachten."
        ),
        "structure_tasks": (
            "Hidde Koplopers (Enik Recovery College) leidt het project. Inge Oefenlijn "
            "(Steunpunt GGZ Utrecht) zorgt voor de training. Jamal Buurtteamer is de schakel met "
            "de twee buurtteams. Kim Herstelkracht koppelt ervaringsdeskundigen aan bewoners en "
            "houdt bij hoe het loopt."
        ),
        "structure_meetings": (
            "Eén keer per maand op de eerste donderdag, afwisselend in Vleuten en in Hoograven."
        ),
        "structure_partners": (
            "Met de ggz-instelling spreken we af dat bewoners bij het einde van hun behandeling "
            "horen van Enik en het buurtteam. In Vleuten-De Meern zoeken we met het wijkbureau "
            "een ruimte voor cursussen dicht bij huis. De huisartsen en praktijkondersteuners "
            "ggz krijgen een korte uitleg over het aanbod."
        ),
        "structure_needs": (
            "Een vaste cursusplek in Vleuten-De Meern, heldere afspraken met de ggz over het "
            "moment van ontslag, en tijd voor buurtteammedewerkers om de training te volgen."
        ),
        "training_focus": (
            "Wat herstel na een opname vraagt, hoe je samen met een ervaringsdeskundige een "
            "bewoner steunt zonder het over te nemen, en wat je doet bij terugval."
        ),
        "training_trainers": (
            "Inge Oefenlijn (Steunpunt GGZ Utrecht) met een landelijke trainer "
            "ervaringsdeskundigheid"
        ),
        "training_planned": "Drie dinsdagmiddagen, kort na de start van de uitvoering",
        "training_participants": 20,
        "workshop_focus": (
            "Wat het recovery college te bieden heeft, hoe je een bewoner aanmeldt, en "
            "voorbeelden van samenwerking uit de eerste maanden."
        ),
        "workshop_trainers": "Lars Kwartiermaker (Enik) en Mila Steunbeer (Steunpunt GGZ)",
        "workshop_planned": "In het teamoverleg van beide buurtteams, een maand na de start",
    },
    goals=[
        G(
            SELF,
            "Bewoners die terugkomen uit behandeling, hebben binnen een maand een "
            "ervaringsdeskundige als steun.",
            [
                A(
                    "Elk buurtteam krijgt een vaste ervaringsdeskundige die nieuwe bewoners thuis "
                    "bezoekt.",
                    (3, 5),
                    ("Steunpunt GGZ Utrecht",),
                    starts=14,
                    due=180,
                ),
                A(
                    "Met de ggz afspreken dat het buurtteam een seintje krijgt bij ontslag, als "
                    "de bewoner daar toestemming voor geeft.",
                    (0,),
                    ("Buurteamorganisatie Utrecht",),
                    due=10,
                    status=BUSY,  # started after the approval: shows up as a change
                ),
            ],
        ),
        G(
            SELF,
            "Bewoners volgen een herstelcursus dicht bij huis.",
            [
                A(
                    "De cursus 'Herstellen doe je zelf' geven in Vleuten-De Meern.",
                    (4,),
                    ("Enik Recovery College",),
                    starts=60,
                    due=150,
                ),
                A(
                    "Wie een cursus wil volgen, krijgt de eerste keer een maatje mee.",
                    (7,),
                    ("Steunpunt GGZ Utrecht",),
                    note="Bij elke nieuwe cursusgroep",
                ),
            ],
        ),
        G(
            COLLAB,
            "Buurtteams en ervaringsdeskundigen bespreken bewoners samen, als de bewoner dat "
            "goed vindt.",
            [
                A(
                    "Een ervaringsdeskundige schuift elke maand aan bij het teamoverleg van "
                    "beide buurtteams.",
                    (3, 2),
                    ("Buurteamorganisatie Utrecht", "Steunpunt GGZ Utrecht"),
                    note="Elke maand, bij het eerste teamoverleg",
                ),
            ],
        ),
        G(
            COLLAB,
            "Buurtteammedewerkers kennen het aanbod van Enik en Steunpunt GGZ.",
            [
                A(
                    "Beide buurtteams brengen een kennismakingsbezoek aan Enik.",
                    (2, 6),
                    ("Buurteamorganisatie Utrecht", "Enik Recovery College"),
                    starts=20,
                    due=40,
                ),
            ],
        ),
    ],
    steps=[
        Step(TransitionKind.SUBMIT, "leader", -30),
        Step(TransitionKind.APPROVE, "coordinator", -21, "Helder plan met haalbare doelen."),
        Step(None, "leader", -6, hook=_utrecht_after_approval),
    ],
)

AMSTERDAM = PlanSpec(
    location="Amsterdam-Zuid",
    pilot=False,
    created=-115,
    answers={
        "background_team": (
            "Dynamo levert in Amsterdam-Zuid de sociaal werkers die samen met de buurtteams "
            "bewoners ondersteunen. In de Rivierenbuurt, Buitenveldert en De Pijp gaat het om "
            "ongeveer 500 bewoners per jaar, onder wie veel alleenwonende ouderen en mensen met "
            "psychische klachten of geldzorgen. De hulp is praktisch: huisbezoeken, hulp bij "
            "post en formulieren, en de weg wijzen naar activiteiten."
        ),
        "background_team_size": (
            "In Zuid werken 14 sociaal werkers, onder wie twee opbouwwerkers, een "
            "ouderenadviseur en een medewerker schuldhulp."
        ),
        "background_recovery": (
            "Team ED is een team van ervaringsdeskundigen dat bewoners steunt bij herstel en "
            "meedoen, een-op-een en in groepen. De Sociale Maatschap helpt mensen die ver van "
            "werk af staan om mee te doen, onder meer met maatjes en begeleiders die zelf "
            "ervaring hebben. Beide zijn er voor bewoners van Zuid die psychisch kwetsbaar zijn "
            "of vastlopen."
        ),
        "background_staff": (
            "Team ED heeft 6 betaalde ervaringsdeskundigen en 12 vrijwilligers. De Sociale "
            "Maatschap heeft 4 betaalde krachten en ongeveer 20 vrijwilligers; de helft van hen "
            "is ervaringsdeskundige."
        ),
        "background_focus": (
            "Meedoen door werk en vrijwilligerswerk. Veel bewoners willen graag iets doen met "
            "hun dag, maar weten niet waar ze moeten beginnen. Een eerste stap naar "
            "vrijwilligerswerk geeft ritme, contact en zelfvertrouwen."
        ),
        "background_strengths": (
            "Goed: er is veel aanbod in Zuid, en Dynamo en Team ED kennen elkaar al van eerdere "
            "projecten. Beter kan: bewoners raken de weg kwijt in al dat aanbod, en "
            "vrijwilligersplekken vragen soms te veel tegelijk."
        ),
        "structure_tasks": (
            "Anouk Planmaker (Team ED) leidt het project. Bas Leerkring (De Sociale Maatschap) "
            "zorgt voor de training en de workshop. Cas Buurtwerker is het aanspreekpunt bij "
            "Dynamo. Dewi Ervaring verdeelt de vragen onder de ervaringsdeskundigen."
        ),
        "structure_meetings": (
            "Om de week op woensdagochtend, in het buurthuis in de Rivierenbuurt."
        ),
        "structure_partners": (
            "Met het vrijwilligerscentrum zoeken we plekken waar bewoners klein kunnen beginnen. "
            "De bibliotheek in Buitenveldert doet mee met een wekelijks taalcafé. Met de "
            "wijkagent en de woningcorporatie maken we afspraken over bewoners die overlast "
            "geven omdat ze vastlopen."
        ),
        "structure_needs": (
            "Vrijwilligersplekken met geduld voor een rustige start, geld voor reiskosten van "
            "bewoners, en leidinggevenden bij Dynamo die tijd vrijmaken voor het project."
        ),
        "training_focus": (
            "Samen met een bewoner kijken naar wat hij of zij wil en kan, in plaats van naar wat "
            "er misgaat; en hoe sociaal werker en ervaringsdeskundige elkaar aanvullen."
        ),
        "training_trainers": "Bas Leerkring met een landelijke trainer ervaringsdeskundigheid",
        "training_planned": "Drie dagdelen in de eerste twee maanden van de uitvoering",
        "training_participants": 16,
        "workshop_focus": (
            "Kwartiermaken: hoe maak je ruimte voor bewoners bij gewone clubs en activiteiten in "
            "de buurt?"
        ),
        "workshop_trainers": "Esra Kwartier en Floor Wijkhart (ervaringsdeskundigen)",
        "workshop_planned": "Op de teamdag van Dynamo, in de derde maand",
    },
    goals=[
        G(
            SELF,
            "Bewoners vinden een eerste plek om mee te doen: vrijwilligerswerk, een cursus of "
            "een club.",
            [
                A(
                    "Met 30 bewoners een gesprek voeren over 'wat wil ik met mijn dag', door een "
                    "tandem van Dynamo en Team ED.",
                    (2, 3),
                    ("Dynamo", "Team ED"),
                    starts=-85,
                    due=120,
                    status=BUSY,
                ),
                A(
                    "Een lijst maken van vrijwilligersplekken waar bewoners rustig kunnen "
                    "beginnen.",
                    (5,),
                    ("De Sociale Maatschap",),
                    starts=-80,
                    due=-40,
                    status=DONE,
                ),
                A(
                    "Bewoners die ergens beginnen, krijgen de eerste zes weken een maatje.",
                    (4, 7),
                    ("De Sociale Maatschap",),
                    starts=-30,
                    due=-9,
                    status=BUSY,  # overdue
                ),
            ],
        ),
        G(
            SELF,
            "Bewoners weten zelf waar ze in Zuid terechtkunnen.",
            [
                A(
                    "Samen met bewoners een buurtkaart maken met alle activiteiten.",
                    (6, 4),
                    ("Dynamo",),
                    starts=-70,
                    due=-23,
                    status=PLANNED,  # overdue: never got started
                ),
                A(
                    "Elke week een taalcafé in de bibliotheek van Buitenveldert.",
                    (7,),
                    ("Team ED",),
                    note="Elke dinsdagmiddag",
                    status=BUSY,
                ),
                A(
                    "Een informatiemarkt voor bewoners in het stadsdeelkantoor.",
                    (0,),
                    ("Gemeente Amsterdam",),
                    due=-50,
                    status=DROPPED,
                ),
            ],
        ),
        G(
            COLLAB,
            "Dynamo en Team ED werken bij nieuwe bewoners vanzelf in een tandem.",
            [
                A(
                    "Op papier zetten hoe een tandem werkt: wie doet wat en wie houdt contact.",
                    (0, 2),
                    ("Team ED", "Dynamo"),
                    starts=-90,
                    due=-60,
                    status=DONE,
                ),
                A(
                    "Om de week een gezamenlijk casusoverleg.",
                    (0, 3, 2),
                    ("Team ED", "Dynamo"),
                    note="Om de week, woensdag na het projectoverleg",
                    status=BUSY,
                ),
            ],
        ),
        G(
            COLLAB,
            "Ervaringsdeskundigen horen vast bij het werk in de buurt.",
            [
                A(
                    "Ervaringsdeskundigen houden mee spreekuur in het buurthuis in De Pijp.",
                    (3, 5),
                    ("Team ED",),
                    starts=-40,
                    due=6,
                    status=BUSY,  # due soon
                ),
                A(
                    "Een tussentijdse evaluatie met bewoners en medewerkers.",
                    (0, 1),
                    ("Team ED", "De Sociale Maatschap"),
                    starts=20,
                    due=45,
                ),
            ],
        ),
        G(
            COLLAB,
            "Alle betrokken medewerkers hebben de training of de workshop gevolgd.",
            [
                A(
                    "De training van drie dagdelen voor sociaal werkers en ervaringsdeskundigen.",
                    (1,),
                    ("De Sociale Maatschap",),
                    starts=-75,
                    due=-45,
                    status=DONE,
                ),
                A(
                    "De workshop kwartiermaken op de teamdag van Dynamo.",
                    (4, 5),
                    ("Team ED",),
                    starts=-20,
                    due=-20,
                    status=DONE,
                ),
            ],
        ),
    ],
    steps=[
        Step(TransitionKind.SUBMIT, "leader", -105),
        Step(TransitionKind.APPROVE, "coordinator", -98, "Vastgesteld. Succes met de start!"),
        Step(TransitionKind.START, "leader", -95),
    ],
)

D = datetime.date
ARNHEM = PlanSpec(
    location="Arnhem",
    pilot=True,
    created=D(2017, 9, 12),
    answers={
        "background_team": (
            "De wijkteams in Presikhaaf, Malburgen en Klarendal zijn brede sociale teams van de "
            "gemeente Arnhem. Ze zijn er voor iedere bewoner met vragen over zorg, opvoeding, "
            "geld of werk, en helpen samen ongeveer 700 huishoudens per jaar. Bij veel van hen "
            "gaat het om armoede, schulden en psychische problemen."
        ),
        "background_team_size": (
            "Drie teams van elk ongeveer tien mensen: wijkcoaches, maatschappelijk werkers, een "
            "wijkverpleegkundige, een jeugdconsulent en een consulent werk en inkomen."
        ),
        "background_recovery": (
            "Vitale Verbindingen is een zelfregieorganisatie met herstelgroepen, een "
            "ontmoetingsplek en persoonlijke steun door ervaringsdeskundigen. Iedereen die "
            "vastloopt door psychische problemen, verslaving of armoede mag binnenlopen, ook "
            "zonder verwijzing."
        ),
        "background_staff": (
            "Vier betaalde krachten en ongeveer 30 vrijwilligers. De betaalde krachten en twee "
            "derde van de vrijwilligers zijn ervaringsdeskundige."
        ),
        "background_focus": (
            "Armoede en schulden samen met psychische klachten. In alle drie de wijken zien de "
            "wijkcoaches dat geldzorgen het herstel in de weg zitten. Een ervaringsdeskundige "
            "die zelf schulden heeft gehad, maakt vaak sneller contact."
        ),
        "background_strengths": (
            "Goed: in Malburgen zitten het wijkteam en Vitale Verbindingen al in hetzelfde "
            "gebouw. Beter kan: in Presikhaaf en Klarendal kennen de wijkcoaches de "
            "ervaringsdeskundigen nog nauwelijks, en bewoners met schulden gaan vaak alleen naar "
            "de schuldhulp."
        ),
        "structure_tasks": (
            "Iris Koersvast (Wijkteams Arnhem) leidt het project. Jelle Lesrooster (Vitale "
            "Verbindingen) regelt de training. Kees Wijkpad houdt contact met de drie "
            "wijkteams. Lotte Veerkracht plant de inzet van de ervaringsdeskundigen."
        ),
        "structure_meetings": "Elke maand op de tweede maandag, in het wijkcentrum in Malburgen.",
        "structure_partners": (
            "Met de schuldhulp van de gemeente spreken we af dat een ervaringsdeskundige mee "
            "mag naar het eerste gesprek. Via de voedselbank in Presikhaaf bereiken we bewoners "
            "die nog geen hulp hebben. Het buurthuis in Klarendal doet mee met een wekelijkse "
            "inloop."
        ),
        "structure_needs": (
            "Ruimte in de agenda van de wijkcoaches, een vergoeding voor vrijwilligers, en een "
            "gedeelde plek in Presikhaaf en Klarendal zoals in Malburgen."
        ),
        "training_focus": (
            "Praten over geld en schaamte, herstel als schulden stress geven, en samen als "
            "wijkcoach en ervaringsdeskundige het eerste gesprek voeren."
        ),
        "training_trainers": "Jelle Lesrooster met een trainer van KernKracht",
        "training_planned": "Drie dagdelen in november en december 2017",
        "training_participants": 21,
        "workshop_focus": (
            "Wat ervaringsdeskundigen kunnen doen bij armoede, en hoe je een bewoner naar Vitale "
            "Verbindingen verwijst."
        ),
        "workshop_trainers": "Lotte Veerkracht en Mo Herstelpad",
        "workshop_planned": "Januari 2018, op de teamdagen van de drie wijkteams",
    },
    goals=[
        G(
            SELF,
            "Bewoners met schulden krijgen naast schuldhulp ook steun van iemand die het zelf "
            "heeft meegemaakt.",
            [
                A(
                    "Een ervaringsdeskundige gaat mee naar het eerste gesprek bij de schuldhulp.",
                    (3, 4),
                    ("Vitale Verbindingen",),
                    starts=D(2017, 11, 1),
                    due=D(2018, 10, 31),
                    status=DONE,
                ),
                A(
                    "Een groep 'Grip op geld' van acht bijeenkomsten.",
                    (5,),
                    ("Vitale Verbindingen",),
                    starts=D(2018, 2, 1),
                    due=D(2018, 5, 31),
                    status=DONE,
                ),
            ],
        ),
        G(
            SELF,
            "Bewoners bouwen in hun wijk een eigen netwerk op.",
            [
                A(
                    "Elke week een inloop in het buurthuis in Klarendal.",
                    (7, 5),
                    ("Vitale Verbindingen",),
                    note="Elke donderdagochtend",
                    status=DONE,
                ),
                A(
                    "Een buurtmaaltijd in Presikhaaf, met bewoners als gastheer of gastvrouw.",
                    (6,),
                    ("Wijkteams Arnhem",),
                    starts=D(2018, 3, 1),
                    due=D(2018, 6, 30),
                    status=DROPPED,
                ),
            ],
        ),
        G(
            COLLAB,
            "Wijkcoaches en ervaringsdeskundigen kennen elkaar in alle drie de wijken.",
            [
                A(
                    "Ervaringsdeskundigen lopen een dag mee met een wijkteam.",
                    (3, 2),
                    ("Wijkteams Arnhem", "Vitale Verbindingen"),
                    starts=D(2017, 10, 15),
                    due=D(2017, 12, 15),
                    status=DONE,
                ),
                A(
                    "Elk wijkteam krijgt een vast aanspreekpunt voor Vitale Verbindingen.",
                    (0,),
                    ("Wijkteams Arnhem",),
                    due=D(2017, 12, 1),
                    status=DONE,
                ),
            ],
        ),
        G(
            COLLAB,
            "Wijkcoach en ervaringsdeskundige werken samen als tandem bij bewoners met schulden "
            "en psychische klachten.",
            [
                A(
                    "Twintig bewoners begeleiden met een tandem van wijkcoach en "
                    "ervaringsdeskundige.",
                    (2, 6, 3, 4),
                    ("Wijkteams Arnhem", "Vitale Verbindingen"),
                    starts=D(2018, 1, 1),
                    due=D(2018, 11, 30),
                    status=DONE,
                ),
                A(
                    "Aan het eind samen opschrijven wat werkte, voor de andere Arnhemse wijken.",
                    (0, 1),
                    ("Wijkteams Arnhem", "Vitale Verbindingen"),
                    starts=D(2018, 10, 1),
                    due=D(2018, 11, 30),
                    status=DONE,
                ),
            ],
        ),
    ],
    steps=[
        Step(TransitionKind.SUBMIT, "leader", D(2017, 10, 2)),
        Step(TransitionKind.APPROVE, "coordinator", D(2017, 10, 16), "Akkoord."),
        Step(TransitionKind.START, "leader", D(2017, 11, 1)),
        Step(
            TransitionKind.EVALUATE,
            "leader",
            D(2018, 12, 10),
            "Achttien bewoners zijn in een tandem begeleid; de groep 'Grip op geld' liep twee "
            "keer vol. De inloop in Klarendal gaat door. De buurtmaaltijd is niet gelukt: er "
            "was geen vaste kok. Advies: de werkwijze ook in de andere Arnhemse wijken "
            "gebruiken.",
        ),
    ],
)

PLANS = [AMSTERDAM, ARNHEM, ENSCHEDE, GOUDA, UTRECHT, ZUTPHEN]
EXPECTED_STATUS = {
    "Amsterdam-Zuid": PlanStatus.UNDERWAY,
    "Arnhem": PlanStatus.EVALUATED,
    "Enschede": PlanStatus.DRAFT,
    "Gouda": PlanStatus.DRAFT,
    "Utrecht": PlanStatus.APPROVED,
    "Zutphen": PlanStatus.SUBMITTED,
}


def running_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """1 January of the year 120 days ago until 31 December of the year after."""
    anchor = today - datetime.timedelta(days=120)
    return datetime.date(anchor.year, 1, 1), datetime.date(anchor.year + 1, 12, 31)


# --- Seeding ----------------------------------------------------------------------------------


def seed(stdout=None) -> None:
    """Create the demo plans that are missing; existing plans are left alone."""
    if not settings.DEMO_DATA_ALLOWED:
        raise RuntimeError("Demo data is not allowed with these settings.")
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        coordinator = User.objects.get(username="coordinator")
        for spec in PLANS:
            created += _seed_plan(spec, coordinator, today)
    if stdout is not None:
        stdout.write(
            f"Plannen van aanpak: {created} aangemaakt, {len(PLANS) - created} bestonden al."
        )


def _seed_plan(spec: PlanSpec, coordinator: User, today: datetime.date) -> int:
    location = Location.objects.get(name=spec.location)
    starts_on, ends_on = (PILOT_START, PILOT_END) if spec.pilot else running_period(today)
    if PlanOfApproach.objects.filter(location=location).exists():
        return 0  # one demo plan per city: an existing one (of any year) is left as it is
    city = next(city for city in CITIES if city.name == spec.location)
    people = {
        slot: Person.objects.get(given_name=given, family_name=family)
        for slot, (given, family) in enumerate(city.people)
    }
    leader = User.objects.get(username=f"leider-{city.key}")
    plan = services.plan_create(
        location=location, starts_on=starts_on, ends_on=ends_on, actor=leader
    )
    ctx = Context(plan, location, people, leader, coordinator, today)
    plan = services.plan_section_save(
        plan_id=plan.pk,
        revision=plan.revision,
        values={"project_leader": people[0], **spec.answers},
        actor=leader,
    )
    finals: list[tuple[Action, str]] = []
    positions: dict[str, int] = {}
    for goal_spec in spec.goals:
        position = positions.get(goal_spec.table, 0)
        positions[goal_spec.table] = position + 1
        goal = Goal.objects.create(
            plan=plan, table=goal_spec.table, position=position, text=goal_spec.text
        )
        for index, action_spec in enumerate(goal_spec.actions):
            finals.append((_action(ctx, goal, index, action_spec), action_spec.status))

    applied = False
    for step in spec.steps:
        if step.kind == TransitionKind.EVALUATE and not applied:
            _apply_statuses(finals)
            applied = True
        if step.hook is not None:
            step.hook(plan, ctx)
            continue
        actor = coordinator if step.actor == "coordinator" else leader
        services.plan_transition(
            plan_id=plan.pk,
            kind=step.kind,
            actor=actor,
            remark=step.remark,
        )
        _backdate(plan, step.kind, ctx.moment(step.day))
    if not applied:
        _apply_statuses(finals)

    PlanOfApproach.objects.filter(pk=plan.pk).update(created_at=ctx.moment(spec.created))
    plan.refresh_from_db()
    if plan.status != EXPECTED_STATUS[spec.location]:
        raise RuntimeError(f"Demo plan {spec.location} ended as {plan.status}.")
    return 1


def _action(ctx: Context, goal: Goal, position: int, spec: A) -> Action:
    action = Action(
        goal=goal,
        position=position,
        description=spec.description,
        starts_on=ctx.day(spec.starts),
        due_on=ctx.day(spec.due),
        timing_note=spec.note,
        status=PLANNED,
    )
    action.full_clean(exclude=["goal"])
    action.save()
    if spec.people:
        action.owner_people.set([ctx.people[slot] for slot in spec.people])
    if spec.orgs:
        partners = {org.name: org for org in ctx.location.organisations.all()}
        action.owner_organisations.set([partners[name] for name in spec.orgs])
    return action


def _apply_statuses(finals: list[tuple[Action, str]]) -> None:
    for action, status in finals:
        if action.status != status:
            action.status = status
            action.save(update_fields=["status"])


def _backdate(plan: PlanOfApproach, kind: str, moment: datetime.datetime) -> None:
    """The service stamps 'now'; the demo history gets believable dates instead."""
    transition = PlanTransition.objects.filter(plan=plan, kind=kind).order_by("-pk").first()
    PlanTransition.objects.filter(pk=transition.pk).update(created_at=moment)
    if kind == TransitionKind.APPROVE:
        snapshot = PlanSnapshot.objects.filter(plan=plan).order_by("-pk").first()
        PlanSnapshot.objects.filter(pk=snapshot.pk).update(created_at=moment)
