"""Demo data of trainings: the national curriculum, and a training and a workshop per city.

The curriculum is loaded by data migration 0002; a flushed database (browser tests flush after
each test) loses it, so seed_demo first puts it back with that migration's own code.

Then every pilot city gets a training run (three half-days) and a workshop run, each copied from
the current curriculum with `services.run_create`, in another stage per city:

| city           | training                                   | workshop                   |
|----------------|--------------------------------------------|----------------------------|
| Amsterdam-Zuid | finished (75, 60 and 45 days ago)          | held 20 days ago           |
| Arnhem         | finished in the 2017 pilot, minimum of 2   | held in January 2018       |
| Enschede       | just planned (in 3, 5 and 7 weeks)         | no date yet                |
| Gouda          | half-days 1 and 2 held, 3 next week        | planned in 4 weeks         |
| Utrecht        | half-day 1 held, 2 TODAY (not started), 3  | planned in 5 weeks         |
| Zutphen        | planned: three Thursday afternoons         | planned at the team day    |

Utrecht is a contract: `trainer-utrecht` has a half-day today to tick off in the room, with its
blocks and participants ready. Amsterdam-Zuid, Arnhem, Gouda and Utrecht adapted their runs
(another option, other minutes, their own regional method, a block of their own) on the run's
blocks only; the curriculum is never touched.

Held half-days are ticked off through the services (`tick_block`, `tick_attendance`,
`evaluation_save`), then backdated to the half-day's own time. The trainers are the city's
trainer (local) and the trainer of another city (national, so a national trainer visits); the
participants are the city's social workers and experts. Idempotent: a city that has any run is
left as it is.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from teams.demo import CITIES
from teams.models import Location, Person
from trainings import services
from trainings.constants import (
    AttendanceStatus,
    BlockKind,
    BlockStatus,
    CurriculumKind,
    EnteredBy,
    EvaluationKind,
)
from trainings.models import (
    Attendance,
    Curriculum,
    Evaluation,
    Participant,
    RunBlock,
    Session,
    Tick,
    TrainingRun,
)

CURRICULUM_MIGRATION = "trainings.migrations.0002_national_curriculum"

# Slots in teams.demo.City.people: 1 is the trainer; 2 and 6 are social workers, 3, 4, 5 and 7
# are experts by experience (0 is the projectleider, who does not take part).
TRAINER_SLOT = 1
PARTICIPANT_SLOTS = (2, 3, 4, 5, 6, 7)
WORKSHOP_SLOTS = (2, 6, 3, 4, 5)

MORNING = (datetime.time(9, 30), datetime.time(13, 30))
AFTERNOON = (datetime.time(13, 30), datetime.time(17, 30))
WORKSHOP_TIME = (datetime.time(13, 0), datetime.time(16, 30))

# A day is a fixed date (the 2017 pilot), a number of days from today, or None (no date yet).
Day = datetime.date | int | None

DELIVERED = BlockStatus.DELIVERED
CHANGED = BlockStatus.CHANGED
SKIPPED = BlockStatus.SKIPPED
PRESENT = AttendanceStatus.PRESENT
ABSENT = AttendanceStatus.ABSENT
EXCUSED = AttendanceStatus.EXCUSED

REMARKS = [
    "Fijn om samen met ervaringsdeskundigen te oefenen.",
    "Goede sfeer. Ik durfde veel te vragen.",
    "",
    "Soms wat lang, maar wel nuttig.",
    "Ik neem de oefening mee naar mijn werk.",
    "Graag meer tijd voor voorbeelden uit de praktijk.",
    "Het verhaal van de trainer maakte indruk op mij.",
]
FINAL_REMARKS = [
    "Ik kijk nu anders naar herstel.",
    "We hebben goede afspraken gemaakt over samenwerken.",
    "Ik vraag vaker een ervaringsdeskundige om mee te gaan.",
    "Leerzaam. Ik had graag nog een dagdeel gehad.",
]


@dataclass
class S:
    """A session: its day, place and time; a day in the past means it was held."""

    day: Day
    place: str = ""
    time: tuple[datetime.time, datetime.time] = MORNING
    weekday: int | None = None  # move the day forward to this weekday (0 is Monday)


@dataclass
class RunSpec:
    sessions: list[S]
    # (half-day, block position) -> (stand, note) for held half-days; other blocks: given.
    blocks: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    # (half-day, person slot) -> attendance other than present.
    away: dict[tuple[int, int], str] = field(default_factory=dict)
    no_homework: set[tuple[int, int]] = field(default_factory=set)
    slots: tuple[int, ...] = PARTICIPANT_SLOTS
    certificate_min_sessions: int | None = None
    adapt: Callable[[object], None] | None = None


@dataclass
class CitySpec:
    location: str
    training: RunSpec
    workshop: RunSpec


# --- Local adaptations (on the run's blocks, never on the curriculum) -----------------------


def _block(run, number: int, title: str):
    return RunBlock.objects.get(session__run=run, session__number=number, title=title)


def _choose_second_option(run, number: int, title: str) -> None:
    block = _block(run, number, title)
    block.chosen_option = block.source.options.order_by("position")[1].title
    block.save(update_fields=["chosen_option"])


def _set_minutes(run, number: int, title: str, minutes: int) -> None:
    block = _block(run, number, title)
    block.minutes = minutes
    block.save(update_fields=["minutes"])


def _regional_method(run, title: str, description: str) -> None:
    block = RunBlock.objects.get(session__run=run, is_regional=True)
    block.title = title
    block.description = description
    block.save(update_fields=["title", "description"])


def _add_block(run, number: int, before: str, **fields) -> None:
    """A block of the location's own (no source), put before the block titled `before`."""
    following = _block(run, number, before)
    RunBlock.objects.filter(session=following.session, position__gte=following.position).update(
        position=F("position") + 1
    )
    RunBlock.objects.create(session=following.session, position=following.position, **fields)


def _adapt_amsterdam(run) -> None:
    _choose_second_option(run, 1, "Thema: herstel")
    _regional_method(
        run,
        "Ondersteunen in de praktijk: kwartiermaken in de buurt",
        "In Amsterdam-Zuid werken we met kwartiermaken. Sociaal werker en ervaringsdeskundige "
        "zoeken samen met de bewoner een plek in de buurt waar hij of zij welkom is, zoals een "
        "inloop, een buurtkamer of vrijwilligerswerk.",
    )


def _adapt_arnhem(run) -> None:
    _regional_method(
        run,
        "Ondersteunen bij geldzorgen",
        "In Arnhem gaat een ervaringsdeskundige mee naar het eerste gesprek bij de schuldhulp. "
        "De groep oefent hoe je over geld en schaamte praat, en wie van de twee wat doet.",
    )
    _set_minutes(run, 3, "Lotgenotencontact", 20)
    _set_minutes(run, 3, "Samenwerken: rollenspel", 70)


def _adapt_gouda(run) -> None:
    _choose_second_option(run, 1, "Thema: stigma")
    _regional_method(
        run,
        "Ondersteunen met hersteldromen",
        "De methode van KernKracht: de bewoner beschrijft een hersteldroom, maakt die concreet "
        "in wensen en kiest haalbare doelen. Sociaal werker en ervaringsdeskundige oefenen in "
        "tweetallen met een eigen droom.",
    )


def _adapt_utrecht(run) -> None:
    _choose_second_option(run, 1, "Thema: herstel")
    _regional_method(
        run,
        "Ondersteunen met het herstelplan van Enik",
        "Enik Recovery College werkt met een eigen herstelplan: wat wil ik, wat heb ik nodig en "
        "wie helpt mij? Sociaal werker en ervaringsdeskundige vullen het samen in met een "
        "voorbeeld uit het buurtteam.",
    )
    _set_minutes(run, 2, "Collectieve empowerment, kwartiermaken en omdenken", 75)
    _add_block(
        run,
        2,
        before="Pauze",
        minutes=15,
        title="Het Steunpunt GGZ stelt zich voor",
        kind=BlockKind.THEME,
        goal="Deelnemers weten wat het Steunpunt GGZ in de wijk doet.",
        description=(
            "Een medewerker van het Steunpunt GGZ Utrecht vertelt over de inloop en de "
            "lotgenotengroepen in Hoograven en Vleuten-De Meern."
        ),
    )


# --- The six cities --------------------------------------------------------------------------

CITY_SPECS = [
    CitySpec(
        "Amsterdam-Zuid",
        RunSpec(
            [
                S(-75, "Buurtkamer Rivierenbuurt, Maasstraat"),
                S(-60, "Buurtkamer Rivierenbuurt, Maasstraat"),
                S(-45, "Wijkcentrum De Pijp, zaal 2"),
            ],
            blocks={
                (1, 3): (CHANGED, "Minder stellingen gedaan: de groep wilde lang napraten."),
                (2, 3): (CHANGED, "Filmpje overgeslagen, meer tijd voor omdenken."),
                (3, 5): (SKIPPED, "Geen tijd meer. Komt terug in het teamoverleg."),
            },
            away={(2, 5): EXCUSED, (3, 7): ABSENT},
            no_homework={(2, 6), (3, 4)},
            adapt=_adapt_amsterdam,
        ),
        RunSpec(
            [S(-20, "Kantoor Dynamo, Buitenveldert", WORKSHOP_TIME)],
            blocks={
                (1, 6): (CHANGED, "Langer gedaan: kwartiermaken was het thema van de teamdag."),
                (1, 5): (SKIPPED, "Overgeslagen om tijd te maken voor kwartiermaken."),
            },
            slots=WORKSHOP_SLOTS,
        ),
    ),
    CitySpec(
        "Arnhem",
        RunSpec(
            [
                S(datetime.date(2017, 11, 14), "Wijkcentrum Malburgen"),
                S(datetime.date(2017, 11, 28), "Wijkcentrum Malburgen"),
                S(datetime.date(2017, 12, 12), "Buurthuis Klarendal"),
            ],
            blocks={
                (1, 7): (CHANGED, "Stickers geplakt met labels over geld en schulden."),
                (2, 5): (DELIVERED, "Goed gesprek over schaamte."),
                (3, 6): (CHANGED, "Twee groepjes in plaats van drie: er waren afmeldingen."),
            },
            away={(2, 3): EXCUSED, (3, 6): EXCUSED, (3, 7): ABSENT},
            no_homework={(3, 2)},
            certificate_min_sessions=2,
            adapt=_adapt_arnhem,
        ),
        RunSpec(
            [S(datetime.date(2018, 1, 16), "Wijkcentrum Presikhaaf", WORKSHOP_TIME)],
            blocks={(1, 2): (CHANGED, "Vitale Verbindingen vertelde zelf over het project.")},
            slots=WORKSHOP_SLOTS,
        ),
    ),
    CitySpec(
        "Enschede",
        RunSpec(
            [
                S(21, "Buurthuis Velve-Lindenhof"),
                S(35, "Buurthuis Velve-Lindenhof"),
                S(49, "Wijkcentrum Pathmos"),
            ]
        ),
        RunSpec([S(None)], slots=WORKSHOP_SLOTS),
    ),
    CitySpec(
        "Gouda",
        RunSpec(
            [
                S(-21, "Buurthuis De Vlinder, Korte Akkeren"),
                S(-7, "Buurthuis De Vlinder, Korte Akkeren"),
                S(7, "KernKracht, Goverwelle"),
            ],
            blocks={
                (1, 2): (CHANGED, "Kennismaking met beeldkaarten. Duurde wat langer."),
                (2, 2): (CHANGED, "Kort gehouden: weinig mensen hadden de opdracht gedaan."),
            },
            away={(2, 4): ABSENT},
            no_homework={(2, 3), (2, 6), (2, 7)},
            adapt=_adapt_gouda,
        ),
        RunSpec([S(28, "Sociaal Team Gouda, Gouda-Oost", WORKSHOP_TIME)], slots=WORKSHOP_SLOTS),
    ),
    CitySpec(
        "Utrecht",
        RunSpec(
            [
                S(-14, "Buurtcentrum Hoograven, zaal De Linde"),
                S(0, "Buurtcentrum Hoograven, zaal De Linde"),
                S(14, "Enik Recovery College, Vleuten-De Meern"),
            ],
            blocks={
                (1, 3): (SKIPPED, "De zaal was te klein om over een lijn te lopen."),
                (1, 4): (CHANGED, "Geen tijd meer voor de herstellijn in groepjes."),
            },
            away={(1, 5): EXCUSED},
            adapt=_adapt_utrecht,
        ),
        RunSpec(
            [S(35, "Buurtteam Vleuten-De Meern, teamruimte", WORKSHOP_TIME)],
            slots=WORKSHOP_SLOTS,
        ),
    ),
    CitySpec(
        "Zutphen",
        RunSpec(
            [
                S(10, "Bibliotheek Zutphen, leeszaal", AFTERNOON, weekday=3),
                S(17, "Bibliotheek Zutphen, leeszaal", AFTERNOON, weekday=3),
                S(24, "Bibliotheek Zutphen, leeszaal", AFTERNOON, weekday=3),
            ]
        ),
        RunSpec(
            [S(42, "Wijkcentrum Waterkwartier (teamdag)", WORKSHOP_TIME)], slots=WORKSHOP_SLOTS
        ),
    ),
]


# --- Seeding ----------------------------------------------------------------------------------


def seed(stdout=None) -> None:
    restore_curriculum()
    if not settings.DEMO_DATA_ALLOWED:
        raise RuntimeError("Demo data is not allowed with these settings.")
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        for index, spec in enumerate(CITY_SPECS):
            created += _seed_city(index, spec, today)
    if stdout is not None:
        stdout.write(
            f"Trainingen en workshops: {created} steden aangemaakt, "
            f"{len(CITY_SPECS) - created} hadden er al."
        )


def restore_curriculum() -> None:
    """Put the national curriculum back when the database lost it (a flush)."""
    if Curriculum.objects.exists():
        return
    migration = import_module(CURRICULUM_MIGRATION)
    migration.create_curricula(apps, SimpleNamespace(connection=connection))


@dataclass
class CityContext:
    index: int
    location: object
    people: dict[int, object]  # slot -> Person
    today: datetime.date


def _seed_city(index: int, spec: CitySpec, today: datetime.date) -> int:
    location = Location.objects.get(name=spec.location)
    if TrainingRun.objects.filter(location=location).exists():
        return 0
    city = CityContext(index, location, {}, today)
    for slot, (given, family) in enumerate(CITIES[index].people):
        city.people[slot] = Person.objects.select_related("user").get(
            given_name=given, family_name=family
        )

    def visiting_trainer(step: int):
        given, family = CITIES[(index + step) % len(CITIES)].people[TRAINER_SLOT]
        return Person.objects.select_related("user").get(given_name=given, family_name=family)

    current = {c.kind: c for c in Curriculum.objects.filter(is_current=True)}
    _seed_run(city, current[CurriculumKind.TRAINING], spec.training, visiting_trainer(1))
    _seed_run(city, current[CurriculumKind.WORKSHOP], spec.workshop, visiting_trainer(2))
    return 1


def _seed_run(city: CityContext, curriculum, spec: RunSpec, national_trainer) -> None:
    local_trainer = city.people[TRAINER_SLOT]
    run = services.run_create(
        location=city.location,
        curriculum=curriculum,
        national_trainer=national_trainer,
        local_trainer=local_trainer,
        certificate_min_sessions=spec.certificate_min_sessions,
    )
    if spec.adapt is not None:
        spec.adapt(run)
    participants = {}
    for slot in spec.slots:
        person = city.people[slot]
        role = person.memberships.filter(location=city.location).values_list("role", flat=True)[0]
        participants[slot] = Participant.objects.create(run=run, person=person, role=role)

    sessions = list(run.sessions.order_by("number"))
    last = sessions[-1].number
    actors = [local_trainer.user, national_trainer.user]
    for session, session_spec in zip(sessions, spec.sessions, strict=True):
        _plan(session, session_spec, city.today)
        if session.date is not None and session.date < city.today:
            _hold(session, spec, participants, actors, city.index, is_last=session.number == last)

    first = sessions[0].date
    if first is not None:
        created = timezone.make_aware(
            datetime.datetime.combine(
                min(first - datetime.timedelta(days=30), city.today), datetime.time(11, 0)
            )
        )
        TrainingRun.objects.filter(pk=run.pk).update(created_at=created, updated_at=created)


def _plan(session, spec: S, today: datetime.date) -> None:
    if spec.day is None:
        return
    day = spec.day if isinstance(spec.day, datetime.date) else today + datetime.timedelta(spec.day)
    if spec.weekday is not None:
        day += datetime.timedelta(days=(spec.weekday - day.weekday()) % 7)
    session.date = day
    session.starts_at, session.ends_at = spec.time
    session.place = spec.place
    session.full_clean()
    session.save(update_fields=["date", "starts_at", "ends_at", "place"])


def _hold(session, spec: RunSpec, participants, actors, seed: int, *, is_last: bool) -> None:
    """Tick the half-day off as the trainers did in the room, then give it its own time."""
    started = session.local_start() + datetime.timedelta(minutes=2)
    number = session.number

    moment = started
    for index, block in enumerate(session.blocks.order_by("position", "pk")):
        status, note = spec.blocks.get((number, block.position), (DELIVERED, ""))
        services.tick_block(
            session=session,
            block_id=block.pk,
            token=uuid.uuid4(),
            status=status,
            note=note,
            seen_version=block.version,
            actor=actors[index % 2],
        )
        moment += datetime.timedelta(minutes=block.minutes)
        ticked = moment - datetime.timedelta(minutes=2)
        RunBlock.objects.filter(pk=block.pk).update(ticked_at=ticked)
        Tick.objects.filter(block=block).update(at=ticked)
    finished = min(moment, session.local_end())

    present = []
    for index, (slot, participant) in enumerate(participants.items()):
        status = spec.away.get((number, slot), PRESENT)
        fields = [("status", status)]
        if status == PRESENT:
            present.append((index, participant))
            if number > 1:  # the homework of the half-day before
                fields.append(("homework", "nee" if (number, slot) in spec.no_homework else "ja"))
        for field_name, value in fields:
            services.tick_attendance(
                session=session,
                participant_id=participant.pk,
                token=uuid.uuid4(),
                field=field_name,
                value=value,
                seen_version=None,
                actor=actors[0],
            )
    ticked = started + datetime.timedelta(minutes=10)
    attendances = Attendance.objects.filter(session=session)
    attendances.update(ticked_at=ticked)
    Tick.objects.filter(attendance__in=attendances).update(at=ticked)
    Session.objects.filter(pk=session.pk).update(started_at=started, finished_at=finished)

    kinds = [EvaluationKind.SESSION]
    if is_last and session.run.gives_certificate:
        kinds.append(EvaluationKind.FINAL)
    for index, participant in present:
        turn = seed + number + index
        by_participant = turn % 3 == 0
        for kind in kinds:
            remarks = FINAL_REMARKS if kind == EvaluationKind.FINAL else REMARKS
            evaluation = services.evaluation_save(
                session=session,
                participant=participant,
                kind=kind,
                score=3 + turn % 3,
                remark=remarks[turn % len(remarks)],
                entered_by=EnteredBy.PARTICIPANT if by_participant else EnteredBy.TRAINER,
            )
            entered = finished + datetime.timedelta(days=1 if by_participant else 0, minutes=30)
            Evaluation.objects.filter(pk=evaluation.pk).update(updated_at=entered)
