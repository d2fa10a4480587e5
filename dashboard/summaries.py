"""Recompute one location's summary rows from the source tables.

`refresh_location` runs a fixed number of aggregate queries whatever the data (about fifteen);
the signals (dashboard/signals.py) call it after a commit that touched the location, and
`manage.py refresh_dashboard` calls it for every location (bulk loads, a nightly safety net).
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from casework.constants import ENDED_STATUSES, CollaborationForm, ConsentPurpose
from casework.models import AnonymousTally, Consent, Contact, Resident, Trajectory
from plans.constants import OPEN_ACTION_STATUSES, ActionStatus
from plans.models import PlanOfApproach
from plans.progress import plan_progress
from teams.constants import Employment, Role
from teams.models import Location, Membership, ProjectTeamMember
from trainings.certificates import earns, with_attendance_counts
from trainings.constants import AttendanceStatus, BlockStatus, ParticipantRole
from trainings.models import Attendance, Participant, RunBlock, Session

from . import page_cache
from .models import LocationDueDay, LocationMonthSummary, LocationSummary

FORM_FIELDS = {
    CollaborationForm.TANDEM: "trajectories_tandem",
    CollaborationForm.SEPARATE_FROM_EXPERT: "trajectories_apart_ed",
    CollaborationForm.SEPARATE_FROM_WORKER: "trajectories_apart_sw",
    CollaborationForm.ADVISORY: "trajectories_advies",
}


def refresh_all() -> int:
    ids = list(Location.objects.order_by("pk").values_list("pk", flat=True))
    for location_id in ids:
        refresh_location(location_id)
    return len(ids)


def refresh_location(location_id: int) -> None:
    """Recompute the summary, month and due-day rows of one location (gone: nothing to do)."""
    with transaction.atomic():
        if not Location.objects.filter(pk=location_id).exists():
            return  # deleted: its summary rows went with it (on_delete=CASCADE)
        # Lock the summary row, so two refreshes of one location never interleave.
        LocationSummary.objects.bulk_create(
            [LocationSummary(location_id=location_id)], ignore_conflicts=True
        )
        summary = LocationSummary.objects.select_for_update().get(location_id=location_id)
        figures, due_days = _plan_figures(location_id)
        figures.update(_training_figures(location_id))
        figures.update(_casework_figures(location_id))
        figures.update(_expert_figures(location_id))
        for name, value in figures.items():
            setattr(summary, name, value)
        summary.save()
        LocationDueDay.objects.filter(location_id=location_id).delete()
        LocationDueDay.objects.bulk_create(
            LocationDueDay(location_id=location_id, due_on=day, open_actions=n)
            for day, n in sorted(due_days.items())
        )
        LocationMonthSummary.objects.filter(location_id=location_id).delete()
        LocationMonthSummary.objects.bulk_create(
            LocationMonthSummary(location_id=location_id, month=month, **values)
            for month, values in sorted(_month_figures(location_id).items())
        )
        page_cache.bump_now_and_after_commit()  # every cached dashboard is out of date


def current_plan_id(location_id: int, today: datetime.date | None = None) -> int | None:
    """The latest plan whose period has started; else the first one still to come."""
    today = today or timezone.localdate()
    plans = list(
        PlanOfApproach.objects.filter(location_id=location_id)
        .order_by("-starts_on")
        .values_list("pk", "starts_on")
    )
    for pk, starts_on in plans:
        if starts_on <= today:
            return pk
    return plans[-1][0] if plans else None


def _plan_figures(location_id: int) -> tuple[dict[str, Any], Counter]:
    figures: dict[str, Any] = {
        "plan_status": "",
        "plan_percent": None,
        "goals": 0,
        "actions_done": 0,
        "actions_open": 0,
    }
    due_days: Counter = Counter()
    plan_id = current_plan_id(location_id)
    if plan_id is None:
        return figures, due_days
    plan = PlanOfApproach.objects.with_everything().get(pk=plan_id)
    team_size = ProjectTeamMember.objects.filter(team__location_id=location_id).count()
    progress = plan_progress(plan, team_size=team_size)
    filled = sum(item.filled for item in progress)
    total = sum(item.total for item in progress)
    goals = list(plan.goals.all())
    actions = [action for goal in goals for action in goal.actions.all()]
    for action in actions:
        if action.status in OPEN_ACTION_STATUSES and action.due_on:
            due_days[action.due_on] += 1
    figures.update(
        plan_status=plan.status,
        plan_percent=round(100 * filled / total) if total else 100,
        goals=len(goals),
        actions_done=sum(a.status == ActionStatus.DONE for a in actions),
        actions_open=sum(a.status in OPEN_ACTION_STATUSES for a in actions),
    )
    return figures, due_days


def _training_figures(location_id: int) -> dict[str, int]:
    sessions = Session.objects.filter(run__location_id=location_id).aggregate(
        sessions_total=Count("pk"), sessions_held=Count("pk", filter=Q(started_at__isnull=False))
    )
    blocks = RunBlock.objects.filter(session__run__location_id=location_id).aggregate(
        blocks_total=Count("pk"),
        blocks_delivered=Count(
            "pk", filter=Q(status__in=[BlockStatus.DELIVERED, BlockStatus.CHANGED])
        ),
    )
    attendance = Attendance.objects.filter(session__run__location_id=location_id).aggregate(
        attendance_ticked=Count("pk", filter=~Q(status=AttendanceStatus.UNKNOWN)),
        attendance_present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
    )
    trained: dict[str, set[int]] = {
        ParticipantRole.SOCIAL_WORKER: set(),
        ParticipantRole.EXPERT: set(),
    }
    participants = with_attendance_counts(
        Participant.objects.filter(run__location_id=location_id).select_related("run")
    )
    for participant in participants:
        if earns(participant):
            trained.setdefault(participant.role, set()).add(participant.person_id)
    return {
        **sessions,
        **blocks,
        **attendance,
        "workers_trained": len(trained[ParticipantRole.SOCIAL_WORKER]),
        "experts_trained": len(trained[ParticipantRole.EXPERT]),
    }


def _casework_figures(location_id: int) -> dict[str, int]:
    figures = dict.fromkeys(FORM_FIELDS.values(), 0)
    ongoing = (
        Trajectory.objects.filter(resident__location_id=location_id)
        .exclude(status__in=ENDED_STATUSES)
        .order_by()
        .values("form")
        .annotate(n=Count("pk"))
    )
    for row in ongoing:
        if row["form"] in FORM_FIELDS:
            figures[FORM_FIELDS[row["form"]]] = row["n"]
    record_consent = Consent.objects.active().filter(
        resident=OuterRef("pk"), purpose=ConsentPurpose.RECORD
    )
    figures.update(
        Resident.objects.filter(location_id=location_id)
        .annotate(consenting=Exists(record_consent))
        .aggregate(
            residents=Count("pk"),
            residents_consenting=Count("pk", filter=Q(consenting=True)),
        )
    )
    return figures


def _expert_figures(location_id: int) -> dict[str, int]:
    return (
        Membership.objects.active()
        .filter(location_id=location_id, role=Role.EXPERT)
        .aggregate(
            experts_active=Count("person", distinct=True),
            experts_paid=Count(
                "person",
                distinct=True,
                filter=Q(person__expert_profile__employment=Employment.PAID),
            ),
            experts_volunteer=Count(
                "person",
                distinct=True,
                filter=Q(person__expert_profile__employment=Employment.VOLUNTEER),
            ),
        )
    )


def _as_month(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _month_figures(location_id: int) -> dict[datetime.date, dict[str, int]]:
    months: dict[datetime.date, dict[str, int]] = {}

    def add(rows, name: str) -> None:
        for row in rows:
            month = _as_month(row["month"])
            months.setdefault(month, {"new_trajectories": 0, "contacts": 0, "sessions_held": 0})[
                name
            ] += row["n"]

    def per_month(queryset, field: str):
        return (
            queryset.annotate(month=TruncMonth(field))
            .order_by()
            .values("month")
            .annotate(n=Count("pk"))
        )

    add(
        per_month(Trajectory.objects.filter(resident__location_id=location_id), "started_on"),
        "new_trajectories",
    )
    add(
        per_month(Contact.objects.filter(trajectory__resident__location_id=location_id), "date"),
        "contacts",
    )
    add(
        per_month(
            Session.objects.filter(run__location_id=location_id, started_at__isnull=False),
            "started_at",
        ),
        "sessions_held",
    )
    # Anonymous tallies (contacts and trajectories without a file) count in the same months.
    tallies = (
        AnonymousTally.objects.filter(location_id=location_id)
        .order_by()
        .values("month")
        .annotate(contacts=Sum("contacts"), trajectories=Sum("trajectories"))
    )
    add(({"month": r["month"], "n": r["contacts"] or 0} for r in tallies), "contacts")
    add(({"month": r["month"], "n": r["trajectories"] or 0} for r in tallies), "new_trajectories")
    return months
