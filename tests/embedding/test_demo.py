"""Demo data: all six cities track their conditions, Zutphen far along, Gouda just started
with its first review overdue; a second run changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from embedding.constants import Status
from embedding.models import Adoption, Condition, ConditionChange

pytestmark = pytest.mark.django_db


def share(name: str) -> float:
    conditions = Condition.objects.filter(location__name=name).exclude(status=Status.NOT_APPLICABLE)
    return conditions.filter(status=Status.IN_PLACE).count() / conditions.count()


def test_demo_spread_and_idempotent():
    call_command("seed_demo", verbosity=0)
    assert Adoption.objects.count() == 6
    assert share("Zutphen") > 0.7 > share("Utrecht") > share("Gouda")
    assert share("Gouda") < 0.2
    today = timezone.localdate()
    assert Condition.objects.filter(location__name="Gouda", next_review_on__lt=today).exists()
    assert not Condition.objects.filter(location__name="Zutphen", next_review_on__lt=today).exists()
    assert Condition.objects.filter(location__name="Zutphen", status=Status.NOT_APPLICABLE).exists()
    assert (
        Condition.objects.exclude(evidence_id=None).filter(evidence_type__model="action").exists()
    )
    counts = (Condition.objects.count(), ConditionChange.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Condition.objects.count(), ConditionChange.objects.count()) == counts
