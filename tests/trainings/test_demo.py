"""seed_demo restores the national curriculum when a database lost it, and never doubles it."""

from django.core.management import call_command

from trainings.models import Curriculum, CurriculumBlock


def test_seed_demo_restores_a_lost_curriculum(db):
    blocks = CurriculumBlock.objects.count()
    Curriculum.objects.all().delete()
    call_command("seed_demo")
    assert Curriculum.objects.filter(is_current=True).count() == 2
    assert CurriculumBlock.objects.count() == blocks


def test_seed_demo_does_not_double_the_curriculum(db):
    before = Curriculum.objects.count()
    call_command("seed_demo")
    call_command("seed_demo")
    assert Curriculum.objects.count() == before == 2
