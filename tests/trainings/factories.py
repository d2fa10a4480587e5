"""Factories for the trainings app."""

import datetime

import factory
from factory.django import DjangoModelFactory

from trainings.constants import AttendanceStatus, BlockKind, CurriculumKind, ParticipantRole
from trainings.models import (
    Attendance,
    BlockOption,
    Curriculum,
    CurriculumBlock,
    CurriculumPart,
    Participant,
    RunBlock,
    Session,
    TrainingRun,
)


class CurriculumFactory(DjangoModelFactory):
    class Meta:
        model = Curriculum

    kind = CurriculumKind.TRAINING
    name = "Testcurriculum"
    version = factory.Sequence(lambda n: 100 + n)
    is_current = False


class CurriculumPartFactory(DjangoModelFactory):
    class Meta:
        model = CurriculumPart

    curriculum = factory.SubFactory(CurriculumFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Dagdeel {n + 1}")


class CurriculumBlockFactory(DjangoModelFactory):
    class Meta:
        model = CurriculumBlock

    part = factory.SubFactory(CurriculumPartFactory)
    position = factory.Sequence(lambda n: n + 1)
    minutes = 15
    title = factory.Sequence(lambda n: f"Blok {n}")
    kind = BlockKind.THEME
    description = "Een blok om te testen."


class BlockOptionFactory(DjangoModelFactory):
    class Meta:
        model = BlockOption

    block = factory.SubFactory(CurriculumBlockFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Optie {n}")


class TrainingRunFactory(DjangoModelFactory):
    """A bare run (no sessions). `RunWithSessionsFactory`/`make_run` copy a curriculum."""

    class Meta:
        model = TrainingRun

    location = factory.SubFactory("tests.teams.factories.LocationFactory")
    curriculum = factory.SubFactory(CurriculumFactory)
    kind = factory.SelfAttribute("curriculum.kind")
    title = factory.Sequence(lambda n: f"Training {n}")
    part_minutes = 240


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    run = factory.SubFactory(TrainingRunFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Dagdeel {n + 1}")
    date = factory.LazyFunction(lambda: datetime.date.today())
    starts_at = datetime.time(9, 0)
    ends_at = datetime.time(13, 0)
    place = "Buurthuis De Brug"


class RunBlockFactory(DjangoModelFactory):
    class Meta:
        model = RunBlock

    session = factory.SubFactory(SessionFactory)
    position = factory.Sequence(lambda n: n + 1)
    minutes = 30
    title = factory.Sequence(lambda n: f"Blok {n}")
    kind = BlockKind.THEME


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    run = factory.SubFactory(TrainingRunFactory)
    person = factory.SubFactory("tests.teams.factories.PersonFactory")
    role = ParticipantRole.SOCIAL_WORKER


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    participant = factory.SubFactory(ParticipantFactory, run=factory.SelfAttribute("..session.run"))
    status = AttendanceStatus.PRESENT


def small_curriculum(parts: int = 3, blocks_per_part: int = 3, minutes: int = 60) -> Curriculum:
    """A curriculum with `parts` half-days of `blocks_per_part` blocks (the first has options)."""
    curriculum = CurriculumFactory()
    for number in range(1, parts + 1):
        part = CurriculumPartFactory(curriculum=curriculum, number=number)
        for position in range(1, blocks_per_part + 1):
            block = CurriculumBlockFactory(part=part, position=position, minutes=minutes)
            if position == 1:
                BlockOptionFactory(block=block, position=1, title="Eerste keuze")
                BlockOptionFactory(block=block, position=2, title="Tweede keuze")
    return curriculum


def make_run(location, *, parts: int = 3, blocks_per_part: int = 3, trainer=None, when=None):
    """A run copied from a small curriculum, with dates (one week apart from `when`)."""
    from trainings.services import run_create

    run = run_create(
        location=location,
        curriculum=small_curriculum(parts, blocks_per_part),
        local_trainer=trainer,
    )
    start = when or datetime.date.today()
    for offset, session in enumerate(run.sessions.all()):
        session.date = start + datetime.timedelta(weeks=offset)
        session.starts_at = datetime.time(9, 0)
        session.ends_at = datetime.time(13, 0)
        session.place = "Buurthuis De Brug"
        session.save()
    return run


def training_world(world):
    """Gouda's run for the access tests: trained by Gouda's trainer, with the werker (present at
    every half-day, so with a certificate) and the ervaringsdeskundige as participants.

    Sets world.run, world.session, world.block and world.participant (the werker's)."""
    gouda = world.gouda
    world.run = make_run(gouda.location, trainer=gouda.trainer.person)
    world.session = world.run.sessions.first()
    world.block = world.session.blocks.first()
    world.participant = ParticipantFactory(run=world.run, person=gouda.worker.person)
    ParticipantFactory(run=world.run, person=gouda.expert.person, role=ParticipantRole.EXPERT)
    for session in world.run.sessions.all():
        AttendanceFactory(session=session, participant=world.participant)
    return world
