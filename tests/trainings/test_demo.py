"""seed_demo restores the national curriculum when a database lost it, and never doubles it;
it gives every city a training and a workshop, each in its own stage.

Order-independent: browser tests flush the database, so the migration's rows may be gone.
"""

import io
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from teams.constants import Role
from teams.models import Membership, Person
from trainings import demo as demo_module
from trainings.constants import (
    AttendanceStatus,
    BlockStatus,
    CurriculumKind,
    EnteredBy,
    EvaluationKind,
)
from trainings.models import (
    Attendance,
    BlockOption,
    Curriculum,
    CurriculumBlock,
    Evaluation,
    RunBlock,
    Session,
    Tick,
    TrainingRun,
)

MIGRATION = import_module("trainings.migrations.0002_national_curriculum")
BLOCKS = sum(len(part["blocks"]) for data in MIGRATION.CURRICULA for part in data["parts"])


def test_seed_demo_restores_a_lost_curriculum(db):
    Curriculum.objects.all().delete()
    call_command("seed_demo")
    assert Curriculum.objects.filter(is_current=True).count() == 2
    assert CurriculumBlock.objects.count() == BLOCKS


def test_seed_demo_does_not_double_the_curriculum(db):
    call_command("seed_demo")
    call_command("seed_demo")
    assert Curriculum.objects.count() == 2
    assert CurriculumBlock.objects.count() == BLOCKS


# --- Demo runs per city ----------------------------------------------------------------------

CITIES = ["Amsterdam-Zuid", "Arnhem", "Enschede", "Gouda", "Utrecht", "Zutphen"]
TIMESTAMPS = {"created_at", "updated_at"}


def trainings_rows() -> dict[str, list]:
    """Every row of the trainings app, without the timestamps Django sets itself."""
    data = {}
    for model in apps.get_app_config("trainings").get_models():
        rows = list(model.objects.values())
        for row in rows:
            for name in TIMESTAMPS:
                row.pop(name, None)
        data[model.__name__] = sorted(map(repr, rows))
    return data


def curriculum_content() -> list[tuple]:
    blocks = CurriculumBlock.objects.order_by("part__curriculum", "part__number", "position")
    fields = ("part__curriculum__kind", "part__number", "position", "minutes", "title")
    options = BlockOption.objects.order_by("block", "position")
    return list(blocks.values_list(*fields, "description", "is_regional")) + list(
        options.values_list("block", "title")
    )


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_runs():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = trainings_rows()
    assert first["TrainingRun"] and first["Tick"] and first["Evaluation"]
    assert "Trainingen en workshops: 6 steden aangemaakt" in out.getvalue()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert trainings_rows() == first
    assert "0 steden aangemaakt, 6 hadden er al" in out.getvalue()


def test_every_city_has_a_training_and_a_workshop(demo):
    for city in CITIES:
        runs = TrainingRun.objects.filter(location__name=city)
        assert sorted(runs.values_list("kind", flat=True)) == ["training", "workshop"], city
        training = runs.get(kind=CurriculumKind.TRAINING)
        assert training.curriculum.is_current
        assert training.sessions.count() == 3
        assert training.participants.count() >= 4, city
        assert training.local_trainer and training.national_trainer
        assert (
            training.national_trainer.memberships.filter(role=Role.TRAINER)
            .exclude(location=training.location)
            .exists()
        ), "the national trainer comes from another city"
        assert Membership.objects.filter(
            person=training.local_trainer, location=training.location, role=Role.TRAINER
        ).exists()
        for participant in training.participants.all():
            assert Membership.objects.filter(
                person=participant.person_id, location=training.location, role=participant.role
            ).exists()


def test_the_cities_are_in_different_stages(demo):
    today = timezone.localdate()
    runs = TrainingRun.objects.filter(kind=CurriculumKind.TRAINING).with_progress()
    held = {run.location.name: run.sessions_held for run in runs.select_related("location")}
    assert held == {
        "Amsterdam-Zuid": 3,
        "Arnhem": 3,
        "Enschede": 0,
        "Gouda": 2,
        "Utrecht": 1,
        "Zutphen": 0,
    }
    for session in Session.objects.filter(date__isnull=False):
        assert session.is_held == (session.date < today), session
    assert Session.objects.filter(date__isnull=True).exists()  # a workshop not planned yet


def test_trainer_utrecht_has_a_session_today_ready_to_tick_off(demo):
    person = Person.objects.get(user__username="trainer-utrecht")
    session = Session.objects.get(
        run__location__name="Utrecht",
        run__kind=CurriculumKind.TRAINING,
        date=timezone.localdate(),
    )
    assert person.pk in session.run.trainer_ids
    assert session.number == 2 and not session.is_held
    assert session.starts_at and session.ends_at and session.place
    assert session.blocks.count() >= 6
    assert not session.blocks.exclude(status=BlockStatus.OPEN).exists()
    assert session.run.participants.count() >= 4
    assert not session.attendances.exists() and not session.ticks.exists()
    numbers = dict(session.run.sessions.values_list("number", "date"))
    assert numbers[1] < timezone.localdate() < numbers[3]


def test_held_sessions_were_ticked_off_through_the_services(demo):
    held = Session.objects.filter(started_at__isnull=False).select_related("run")
    assert held.count() == 3 + 3 + 2 + 1 + 1 + 1  # trainings, plus two workshops
    statuses = set()
    for session in held:
        blocks = list(session.blocks.all())
        assert all(block.status != BlockStatus.OPEN for block in blocks), session
        assert session.ticks.filter(block__isnull=False).count() == len(blocks)
        assert session.finished_at > session.started_at
        assert session.started_at.date() == session.date
        for tick in session.ticks.all():
            assert session.started_at <= tick.at <= session.finished_at, tick
        attendances = list(session.attendances.all())
        assert len(attendances) == session.run.participants.count()
        assert session.ticks.filter(attendance__isnull=False).exists()
        present = [a for a in attendances if a.status == AttendanceStatus.PRESENT]
        assert len(present) >= len(attendances) - 2
        assert session.evaluations.filter(kind=EvaluationKind.SESSION).count() == len(present)
        statuses |= {block.status for block in blocks}
    assert statuses == {BlockStatus.DELIVERED, BlockStatus.CHANGED, BlockStatus.SKIPPED}
    assert (
        RunBlock.objects.exclude(status=BlockStatus.DELIVERED)
        .exclude(status=BlockStatus.OPEN)
        .exclude(note="")
        .exists()
    )
    assert Attendance.objects.filter(status=AttendanceStatus.EXCUSED).exists()
    assert Attendance.objects.filter(status=AttendanceStatus.ABSENT).exists()
    assert Attendance.objects.filter(homework_done=True).exists()
    assert Attendance.objects.filter(homework_done=False).exists()
    scores = set(Evaluation.objects.values_list("score", flat=True))
    assert scores == {3, 4, 5}
    assert Evaluation.objects.filter(entered_by=EnteredBy.PARTICIPANT).exists()
    assert Evaluation.objects.exclude(remark="").exists()
    assert not Tick.objects.filter(at__gt=timezone.now()).exists()


def test_finished_trainings_have_a_final_evaluation_on_the_last_half_day(demo):
    finals = Evaluation.objects.filter(kind=EvaluationKind.FINAL).select_related("session__run")
    assert {e.session.run.location.name for e in finals} == {"Amsterdam-Zuid", "Arnhem"}
    assert all(e.session.number == 3 for e in finals)


def test_local_adaptations_change_the_run_and_leave_the_curriculum_alone(db):
    demo_module.restore_curriculum()
    before = curriculum_content()
    call_command("seed_demo", stdout=io.StringIO())
    assert curriculum_content() == before

    utrecht = RunBlock.objects.filter(
        session__run__location__name="Utrecht", session__run__kind=CurriculumKind.TRAINING
    )
    own = utrecht.get(source__isnull=True)
    assert own.session.number == 2
    regional = utrecht.get(is_regional=True)
    assert regional.title != regional.source.title
    assert "Enik" in regional.title
    option = utrecht.get(session__number=1, title="Thema: herstel").chosen_option
    assert option == "Samen verzamelen wat herstel is"  # the second option
    changed = utrecht.get(source__title="Collectieve empowerment, kwartiermaken en omdenken")
    assert changed.minutes != changed.source.minutes
    today = utrecht.filter(session__number=2)
    assert sum(today.values_list("minutes", flat=True)) == 240
    assert list(today.values_list("position", flat=True)) == list(range(1, today.count() + 1))

    enschede = RunBlock.objects.filter(session__run__location__name="Enschede")
    assert not enschede.filter(source__isnull=True).exists()
    for block in enschede.select_related("source"):
        assert (block.title, block.minutes) == (block.source.title, block.source.minutes)
