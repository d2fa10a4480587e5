"""The national curriculum that migration 0002 puts in every database (Bijlage 2 and 3)."""

import pytest

from tests import conftest
from trainings.constants import BlockKind, CurriculumKind
from trainings.models import Curriculum, CurriculumBlock

pytestmark = pytest.mark.django_db

MIGRATION = ("trainings", "0002_national_curriculum")

K = BlockKind

TRAINING_PARTS = {
    1: [
        (15, K.WELCOME),
        (15, K.INTRODUCTION),
        (30, K.EXERCISE),
        (60, K.THEME),  # herstel, two options
        (15, K.BREAK),
        (60, K.THEME),  # ervaringsdeskundigheid
        (30, K.THEME),  # stigma, two options
        (15, K.CLOSING),
    ],
    2: [
        (15, K.WELCOME),
        (45, K.THEME),
        (90, K.THEME),
        (15, K.BREAK),
        (60, K.PRACTICE),  # regional method
        (15, K.CLOSING),
    ],
    3: [
        (15, K.WELCOME),
        (30, K.PRACTICE),
        (60, K.PRACTICE),
        (15, K.BREAK),
        (30, K.THEME),
        (60, K.EXERCISE),  # role play in three small groups
        (30, K.CLOSING),
    ],
}

WORKSHOP_BLOCKS = [
    (15, K.WELCOME),
    (20, K.THEME),
    (20, K.THEME),
    (30, K.THEME),
    (20, K.THEME),
    (20, K.THEME),
    (45, K.PRACTICE),
    (15, K.CLOSING),
]


def run_migration_function(name: str) -> None:
    """Call a function of migration 0002 with the models as they were at that migration."""
    conftest.run_migration_function(*MIGRATION, name)


def current(kind: str) -> Curriculum:
    return Curriculum.objects.get(kind=kind, is_current=True)


def layout(part) -> list[tuple[int, str]]:
    return [(block.minutes, block.kind) for block in part.blocks.order_by("position")]


def test_both_curricula_are_current_version_1():
    assert set(Curriculum.objects.values_list("kind", "version", "is_current")) == {
        (CurriculumKind.TRAINING, 1, True),
        (CurriculumKind.WORKSHOP, 1, True),
    }
    for curriculum in Curriculum.objects.all():
        assert curriculum.name
        assert curriculum.summary


def test_training_has_three_half_days_of_240_minutes():
    training = current(CurriculumKind.TRAINING)
    assert training.name == "Empowerment en ervaringsdeskundigheid in de wijk"
    assert training.part_minutes == 240
    parts = list(training.parts.order_by("number"))
    assert [part.number for part in parts] == [1, 2, 3]
    for part in parts:
        assert part.title
        assert sum(block.minutes for block in part.blocks.all()) == 240


@pytest.mark.parametrize("number", [1, 2, 3])
def test_training_block_order_minutes_and_kinds(number):
    part = current(CurriculumKind.TRAINING).parts.get(number=number)
    assert layout(part) == TRAINING_PARTS[number]
    positions = list(part.blocks.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1))


def test_training_minutes_per_part():
    training = current(CurriculumKind.TRAINING)
    minutes = {
        part.number: [block.minutes for block in part.blocks.order_by("position")]
        for part in training.parts.all()
    }
    assert minutes == {
        1: [15, 15, 30, 60, 15, 60, 30, 15],
        2: [15, 45, 90, 15, 60, 15],
        3: [15, 30, 60, 15, 30, 60, 30],
    }


def test_recovery_and_stigma_have_two_options_each():
    part = current(CurriculumKind.TRAINING).parts.get(number=1)
    blocks = list(part.blocks.order_by("position"))
    recovery, stigma = blocks[3], blocks[6]
    assert "herstel" in recovery.title.lower()
    assert "stigma" in stigma.title.lower()
    for block in (recovery, stigma):
        options = list(block.options.order_by("position"))
        assert [option.position for option in options] == [1, 2]
        assert all(option.title and option.description for option in options)
    assert {option.title for option in stigma.options.all()} >= {"Diagnose me!"}
    # No other block offers options.
    with_options = CurriculumBlock.objects.filter(options__isnull=False).distinct()
    assert set(with_options) == {recovery, stigma}


def test_exactly_one_block_is_regional():
    regional = CurriculumBlock.objects.get(is_regional=True)
    assert regional.part.curriculum.kind == CurriculumKind.TRAINING
    assert regional.part.number == 2
    assert regional.minutes == 60
    assert "Gouda" in regional.description


def test_first_closing_has_homework_for_workers_and_experts():
    part = current(CurriculumKind.TRAINING).parts.get(number=1)
    closing = part.blocks.get(kind=K.CLOSING)
    assert "Sociaal werkers" in closing.homework
    assert "Ervaringsdeskundigen" in closing.homework


def test_workshop_has_one_part_with_eight_blocks():
    workshop = current(CurriculumKind.WORKSHOP)
    assert workshop.name == "Teamworkshop empowerment en ervaringsdeskundigheid"
    assert workshop.part_minutes == 210
    part = workshop.parts.get()
    assert part.number == 1
    assert layout(part) == WORKSHOP_BLOCKS
    assert [minutes for minutes, _ in layout(part)] == [15, 20, 20, 30, 20, 20, 45, 15]
    assert sum(block.minutes for block in part.blocks.all()) == 185
    assert sum(block.minutes for block in part.blocks.all()) <= workshop.part_minutes


def test_every_block_has_a_title_and_description():
    blocks = CurriculumBlock.objects.all()
    assert blocks.count() == 8 + 6 + 7 + 8
    for block in blocks:
        assert block.title.strip(), block.pk
        assert block.description.strip(), block.title


def test_reverse_removes_exactly_what_the_migration_created():
    other = Curriculum.objects.create(
        kind=CurriculumKind.TRAINING, name="Eigen versie", version=2, is_current=False
    )
    run_migration_function("delete_curricula")
    assert list(Curriculum.objects.all()) == [other]
    assert not CurriculumBlock.objects.exists()
