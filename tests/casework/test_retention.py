"""The retention rule: files are anonymised a set time after support ended, by a management
command whose dry-run lists exactly what the real run then anonymises."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from casework.constants import AuditAction, TallySource, TrajectoryStatus
from casework.models import AnonymousTally, CaseAuditEvent, Contact, Resident, Trajectory
from tests.casework.factories import ContactFactory, register, today

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def ended(trajectory: Trajectory, *, started: int, ended: int) -> None:
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=TrajectoryStatus.ENDED, started_on=days_ago(started), ended_on=days_ago(ended)
    )


def run(*args: str) -> list[int]:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    text = out.getvalue()
    ids = [int(number) for number in re.findall(r"^\s+(\d+)$", text, flags=re.MULTILINE)]
    count = int(re.search(r"(\d+) dossiers", text).group(1))
    assert count == len(ids)
    return ids


@pytest.fixture
def files(world):
    """Residents in every situation the rule distinguishes."""
    site = world.gouda
    long_ended, trajectory = register(site, name="Lang geleden klaar")
    ended(trajectory, started=600, ended=500)
    ContactFactory(trajectory=trajectory, author=site.expert.person, date=days_ago(550))

    recently_ended, trajectory = register(site, name="Net klaar")
    ended(trajectory, started=200, ended=60)

    still_active, trajectory = register(site, name="Loopt nog")
    Trajectory.objects.filter(pk=trajectory.pk).update(started_on=days_ago(700))

    one_open, trajectory = register(site, name="Een klaar, een open")
    ended(trajectory, started=700, ended=600)
    Trajectory.objects.create(
        resident=one_open,
        form="tandem",
        expert=site.expert.person,
        social_worker=site.worker.person,
        referral_source="zelf",
        request="Opnieuw hulp.",
        started_on=days_ago(30),
    )

    never_started, trajectory = register(site, name="Nooit gestart")
    Trajectory.objects.filter(pk=trajectory.pk).delete()
    Resident.objects.filter(pk=never_started.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=430)
    )

    new_without_trajectory, trajectory = register(site, name="Pas aangemeld")
    Trajectory.objects.filter(pk=trajectory.pk).delete()

    return {
        "due": {long_ended.pk, never_started.pk},
        "kept": {recently_ended.pk, still_active.pk, one_open.pk, new_without_trajectory.pk},
    }


def test_dry_run_lists_exactly_what_the_real_run_anonymises(files):
    everyone = files["due"] | files["kept"]
    listed = run("--dry-run")
    assert set(listed) == files["due"]
    assert set(Resident.objects.values_list("pk", flat=True)) == everyone  # nothing changed
    assert not AnonymousTally.objects.filter(source=TallySource.RETENTION).exists()

    anonymised = run()
    assert anonymised == listed
    assert set(Resident.objects.values_list("pk", flat=True)) == files["kept"]
    assert run("--dry-run") == []  # and nothing is left to do


def test_what_survives_is_counted_without_a_person(files):
    run()
    tallies = AnonymousTally.objects.filter(source=TallySource.RETENTION)
    assert sum(t.contacts for t in tallies) == 1
    assert sum(t.trajectories for t in tallies) == 1
    assert not Contact.objects.filter(trajectory__resident_id__in=files["due"]).exists()
    events = CaseAuditEvent.objects.filter(action=AuditAction.ERASE)
    assert set(events.values_list("resident_id", flat=True)) == files["due"]
    for event in events:
        assert event.actor is None
        assert event.reason == "Bewaartermijn van 12 maanden verstreken."


def test_a_longer_period_keeps_more(files):
    assert run("--dry-run", "--months", "24") == []
    assert run("--dry-run", "--months", "13") == sorted(files["due"])


def test_the_period_is_at_least_a_month(files):
    with pytest.raises(CommandError):
        run("--months", "0")
    assert Resident.objects.count() == len(files["due"] | files["kept"])
