"""seed_demo restores the national curriculum when a database lost it, and never doubles it.

Order-independent: browser tests flush the database, so the migration's rows may be gone.
"""

from importlib import import_module

from django.core.management import call_command

from trainings.models import Curriculum, CurriculumBlock

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
