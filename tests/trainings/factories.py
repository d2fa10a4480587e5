"""Factories for the trainings app."""

import factory
from factory.django import DjangoModelFactory

from trainings.constants import BlockKind, CurriculumKind
from trainings.models import BlockOption, Curriculum, CurriculumBlock, CurriculumPart


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
