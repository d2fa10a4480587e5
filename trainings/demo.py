"""Demo data of trainings: the national curriculum, and a training and a workshop per city.

The curriculum is loaded by data migration 0002; a flushed database (browser tests flush after
each test) loses it, so seed_demo first puts it back with that migration's own code.

Then every pilot city gets a training run (three half-days) and a workshop run, each copied from
the current curriculum with `services.run_create`, in another stage per city. The stages are
data, in `demo_trainings.json` beside this module (change the places, dates, notes and remarks
there; this module only seeds them):

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

The file: `trainer` and `participants` (per kind) are slots in teams.demo.City.people; `times`
names the session times; `remarks` and `final_remarks` are the evaluations' remarks, handed out
in turn. Per city a `training` and a `workshop`, each with `sessions` (one per half-day: `day`, a
date "2017-11-14", a number of days from today or null for no date yet; `place`; `time`, a name
in `times`, default "morning"; `weekday`, move the day forward to it, 0 is Monday), `blocks` of
held half-days (`session`, `position`, `status`, `note`; the other blocks: given), `away`
(`session`, `slot`, `status` other than present), `no_homework` (`session`, `slot`),
`certificate_min_sessions` and `adapt` (in order: `option`, choose the n-th option of a block;
`minutes`; `regional_method`, its own title and description; `add_block`, before the block
titled `before`). `comment` keys are for the reader only.

Held half-days (a day in the past) are ticked off through the services (`tick_block`,
`tick_attendance`, `evaluation_save`), then backdated to the half-day's own time. The trainers
are the city's trainer (local) and the trainer of another city (national, so a national trainer
visits); the participants are the city's social workers and experts. Idempotent: a city that has
any run is left as it is.
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace
from typing import Any

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
DATA = Path(__file__).with_name("demo_trainings.json")


def load_data() -> dict[str, Any]:
    """The data file, with days as dates or offsets, times as times and statuses checked."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    times = {
        name: tuple(datetime.time.fromisoformat(moment) for moment in pair)
        for name, pair in data["times"].items()
    }
    for city in data["cities"]:
        for kind in ("training", "workshop"):
            run = city[kind]
            for session in run["sessions"]:
                if isinstance(session["day"], str):
                    session["day"] = datetime.date.fromisoformat(session["day"])
                session["time"] = times[session.get("time", "morning")]
            run["blocks"] = {
                (block["session"], block["position"]): (BlockStatus(block["status"]), block["note"])
                for block in run.get("blocks", [])
            }
            run["away"] = {
                (away["session"], away["slot"]): AttendanceStatus(away["status"])
                for away in run.get("away", [])
            }
            run["no_homework"] = {(n["session"], n["slot"]) for n in run.get("no_homework", [])}
            run["slots"] = tuple(data["participants"][kind])
    return data


# --- Local adaptations (on the run's blocks, never on the curriculum) -----------------------


def _block(run, number: int, title: str):
    return RunBlock.objects.get(session__run=run, session__number=number, title=title)


def _adapt(run, change: dict[str, Any]) -> None:
    what = change["adapt"]
    if what == "option":
        block = _block(run, change["session"], change["block"])
        block.chosen_option = block.source.options.order_by("position")[change["option"] - 1].title
        block.save(update_fields=["chosen_option"])
    elif what == "minutes":
        block = _block(run, change["session"], change["block"])
        block.minutes = change["minutes"]
        block.save(update_fields=["minutes"])
    elif what == "regional_method":
        block = RunBlock.objects.get(session__run=run, is_regional=True)
        block.title = change["title"]
        block.description = change["description"]
        block.save(update_fields=["title", "description"])
    elif what == "add_block":
        _add_block(run, change["session"], change["before"], change["block"])
    else:
        raise ValueError(f"{DATA.name}: unknown adaptation {what!r}")


def _add_block(run, number: int, before: str, fields: dict[str, Any]) -> None:
    """A block of the location's own (no source), put before the block titled `before`."""
    following = _block(run, number, before)
    RunBlock.objects.filter(session=following.session, position__gte=following.position).update(
        position=F("position") + 1
    )
    fields = {**fields, "kind": BlockKind(fields["kind"])}
    RunBlock.objects.create(session=following.session, position=following.position, **fields)


# --- Seeding ----------------------------------------------------------------------------------


def seed(stdout=None) -> None:
    restore_curriculum()
    if not settings.DEMO_DATA_ALLOWED:
        raise RuntimeError("Demo data is not allowed with these settings.")
    data = load_data()
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        for spec in data["cities"]:
            created += _seed_city(data, spec, today)
    if stdout is not None:
        stdout.write(
            f"Trainingen en workshops: {created} steden aangemaakt, "
            f"{len(data['cities']) - created} hadden er al."
        )


def restore_curriculum() -> None:
    """Put the national curriculum back when the database lost it (a flush)."""
    if Curriculum.objects.exists():
        return
    migration = import_module(CURRICULUM_MIGRATION)
    migration.create_curricula(apps, SimpleNamespace(connection=connection))


@dataclass
class CityContext:
    data: dict[str, Any]  # the whole data file (trainer slot, remarks)
    index: int  # the city's place in teams.demo.CITIES: varies the evaluations
    location: object
    people: dict[int, object]  # slot -> Person
    today: datetime.date


def _person(given: str, family: str):
    return Person.objects.select_related("user").get(given_name=given, family_name=family)


def _seed_city(data: dict[str, Any], spec: dict[str, Any], today: datetime.date) -> int:
    location = Location.objects.get(name=spec["location"])
    if TrainingRun.objects.filter(location=location).exists():
        return 0
    index = next(i for i, city in enumerate(CITIES) if city.name == spec["location"])
    people = {slot: _person(*name) for slot, name in enumerate(CITIES[index].people)}
    city = CityContext(data, index, location, people, today)

    def visiting_trainer(step: int):
        return _person(*CITIES[(index + step) % len(CITIES)].people[data["trainer"]])

    current = {c.kind: c for c in Curriculum.objects.filter(is_current=True)}
    _seed_run(city, current[CurriculumKind.TRAINING], spec["training"], visiting_trainer(1))
    _seed_run(city, current[CurriculumKind.WORKSHOP], spec["workshop"], visiting_trainer(2))
    return 1


def _seed_run(city: CityContext, curriculum, spec: dict[str, Any], national_trainer) -> None:
    local_trainer = city.people[city.data["trainer"]]
    run = services.run_create(
        location=city.location,
        curriculum=curriculum,
        national_trainer=national_trainer,
        local_trainer=local_trainer,
        certificate_min_sessions=spec.get("certificate_min_sessions"),
    )
    for change in spec.get("adapt", []):
        _adapt(run, change)
    participants = {}
    for slot in spec["slots"]:
        person = city.people[slot]
        role = person.memberships.filter(location=city.location).values_list("role", flat=True)[0]
        participants[slot] = Participant.objects.create(run=run, person=person, role=role)

    sessions = list(run.sessions.order_by("number"))
    last = sessions[-1].number
    actors = [local_trainer.user, national_trainer.user]
    for session, session_spec in zip(sessions, spec["sessions"], strict=True):
        _plan(session, session_spec, city.today)
        if session.date is not None and session.date < city.today:
            is_last = session.number == last
            _hold(session, spec, participants, actors, city, is_last=is_last)

    first = sessions[0].date
    if first is not None:
        created = timezone.make_aware(
            datetime.datetime.combine(
                min(first - datetime.timedelta(days=30), city.today), datetime.time(11, 0)
            )
        )
        TrainingRun.objects.filter(pk=run.pk).update(created_at=created, updated_at=created)


def _plan(session, spec: dict[str, Any], today: datetime.date) -> None:
    day = spec["day"]
    if day is None:
        return
    if not isinstance(day, datetime.date):
        day = today + datetime.timedelta(day)
    if spec.get("weekday") is not None:
        day += datetime.timedelta(days=(spec["weekday"] - day.weekday()) % 7)
    session.date = day
    session.starts_at, session.ends_at = spec["time"]
    session.place = spec.get("place", "")
    session.full_clean()
    session.save(update_fields=["date", "starts_at", "ends_at", "place"])


def _hold(session, spec, participants, actors, city: CityContext, *, is_last: bool) -> None:
    """Tick the half-day off as the trainers did in the room, then give it its own time."""
    started = session.local_start() + datetime.timedelta(minutes=2)
    number = session.number

    moment = started
    for index, block in enumerate(session.blocks.order_by("position", "pk")):
        status, note = spec["blocks"].get((number, block.position), (BlockStatus.DELIVERED, ""))
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
        status = spec["away"].get((number, slot), AttendanceStatus.PRESENT)
        fields = [("status", status)]
        if status == AttendanceStatus.PRESENT:
            present.append((index, participant))
            if number > 1:  # the homework of the half-day before
                homework = "nee" if (number, slot) in spec["no_homework"] else "ja"
                fields.append(("homework", homework))
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
        turn = city.index + number + index
        by_participant = turn % 3 == 0
        for kind in kinds:
            remarks = city.data["final_remarks" if kind == EvaluationKind.FINAL else "remarks"]
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
