"""The summaries agree with the source tables, and the signals keep them fresh."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction

from casework.models import AnonymousTally, Contact, Resident, Trajectory
from dashboard.models import LocationDueDay, LocationMonthSummary, LocationSummary
from dashboard.summaries import refresh_all, refresh_location
from plans.constants import ActionStatus
from plans.models import Action
from tests.casework.factories import ContactFactory
from tests.dashboard.factories import fill, today
from trainings.models import Attendance, RunBlock, Session

pytestmark = pytest.mark.django_db


def test_summary_matches_a_direct_computation(world):
    fill(world.gouda, 1)
    fill(world.zutphen, 2)
    refresh_all()
    for site, scale in ((world.gouda, 1), (world.zutphen, 2)):
        location = site.location
        summary = LocationSummary.objects.get(location=location)
        actions = list(Action.objects.filter(goal__plan__location=location))
        assert summary.goals == 1
        assert summary.actions_done == sum(a.status == ActionStatus.DONE for a in actions)
        assert summary.actions_open == sum(
            a.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS) for a in actions
        )
        sessions = list(Session.objects.filter(run__location=location))
        assert summary.sessions_total == len(sessions) == 2 * scale
        assert summary.sessions_held == sum(s.started_at is not None for s in sessions)
        blocks = list(RunBlock.objects.filter(session__run__location=location))
        assert summary.blocks_total == len(blocks)
        assert summary.blocks_delivered == len(blocks)
        attendance = list(Attendance.objects.filter(session__run__location=location))
        assert summary.attendance_ticked == len(attendance)
        assert summary.attendance_present == sum(a.status == "aanwezig" for a in attendance)
        # The werker was at every half-day: a certificate; the expert at none.
        assert summary.workers_trained == scale
        assert summary.experts_trained == 0
        trajectories = Trajectory.objects.filter(resident__location=location)
        assert summary.trajectories_tandem == trajectories.count() == 2 * scale
        assert summary.residents == Resident.objects.filter(location=location).count()
        assert summary.residents_consenting == summary.residents
        assert summary.experts_active == 1  # the site's ervaringsdeskundige
        assert summary.experts_paid + summary.experts_volunteer == 1
        month = LocationMonthSummary.objects.get(location=location, month=today().replace(day=1))
        # Recorded contacts and trajectories plus the anonymous tallies of the month.
        tallies = AnonymousTally.objects.filter(location=location, month=month.month)
        assert month.contacts == Contact.objects.filter(
            trajectory__resident__location=location
        ).count() + sum(t.contacts for t in tallies)
        assert month.new_trajectories == trajectories.count() + sum(t.trajectories for t in tallies)
        assert month.sessions_held == summary.sessions_held
        overdue = sum(a.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS) for a in actions)
        assert sum(d.open_actions for d in LocationDueDay.objects.filter(location=location)) == (
            overdue
        )


def test_refresh_takes_the_same_number_of_queries_whatever_the_data(
    world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fill(world.gouda, 1)
    with CaptureQueriesContext(connection) as small:
        refresh_location(world.gouda.location.pk)
    fill(world.gouda, 4)
    with CaptureQueriesContext(connection) as large:
        refresh_location(world.gouda.location.pk)
    assert len(small) == len(large)


def test_a_new_contact_counts_after_commit(world, django_capture_on_commit_callbacks, monkeypatch):
    from dashboard import summaries

    refreshed = []
    real = summaries.refresh_location
    monkeypatch.setattr(summaries, "refresh_location", lambda pk: (refreshed.append(pk), real(pk)))
    fill(world.gouda, 1)
    refresh_all()
    month = today().replace(day=1)
    before = LocationMonthSummary.objects.get(location=world.gouda.location, month=month).contacts
    trajectory = Trajectory.objects.filter(resident__location=world.gouda.location).first()
    refreshed.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ContactFactory(trajectory=trajectory, author=world.gouda.expert.person, date=today())
        ContactFactory(trajectory=trajectory, author=world.gouda.expert.person, date=today())
    # Once per location per transaction (ids left over from the fixtures may come along).
    assert refreshed.count(world.gouda.location.pk) == 1
    after = LocationMonthSummary.objects.get(location=world.gouda.location, month=month).contacts
    assert after == before + 2


def test_a_rolled_back_change_refreshes_nothing_and_the_next_one_still_does(
    world, django_capture_on_commit_callbacks
):
    fill(world.gouda, 1)
    refresh_all()
    trajectory = Trajectory.objects.filter(resident__location=world.gouda.location).first()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                ContactFactory(trajectory=trajectory, author=world.gouda.expert.person)
                raise RuntimeError
        except RuntimeError:
            pass
        ContactFactory(trajectory=trajectory, author=world.gouda.expert.person, date=today())
    month = LocationMonthSummary.objects.get(
        location=world.gouda.location, month=today().replace(day=1)
    )
    tallied = AnonymousTally.objects.filter(location=world.gouda.location, month=month.month)
    assert month.contacts == Contact.objects.filter(
        trajectory__resident__location=world.gouda.location, date__gte=today().replace(day=1)
    ).count() + sum(t.contacts for t in tallied)


def test_ticking_an_action_done_updates_overdue(world, django_capture_on_commit_callbacks):
    fill(world.gouda, 1)
    refresh_all()
    action = Action.objects.filter(
        goal__plan__location=world.gouda.location, status=ActionStatus.PLANNED
    ).first()
    before = LocationSummary.objects.get(location=world.gouda.location).actions_done
    with django_capture_on_commit_callbacks(execute=True):
        action.status = ActionStatus.DONE
        action.save()
    assert LocationSummary.objects.get(location=world.gouda.location).actions_done == before + 1


def test_refresh_dashboard_command_and_demo_seed(world):
    fill(world.gouda, 1)
    call_command("refresh_dashboard", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert LocationSummary.objects.count() == 2
    from dashboard import demo

    LocationSummary.objects.all().delete()
    demo.seed()
    assert LocationSummary.objects.count() == 2


def test_an_anonymous_tally_refreshes_its_month(world, django_capture_on_commit_callbacks):
    from casework.services import tally_anonymous_contact

    refresh_all()
    for count in (2, 3):  # the second one adds to the existing row (a locked save)
        with django_capture_on_commit_callbacks(execute=True):
            tally_anonymous_contact(
                location=world.gouda.location, date=today(), kind="huisbezoek", count=count
            )
    month = LocationMonthSummary.objects.get(
        location=world.gouda.location, month=today().replace(day=1)
    )
    assert month.contacts == 5
