"""Keep the summaries fresh: a write to a source table queues a refresh of its location after
commit.

Each receiver only finds the location id(s) and schedules them; once per location per
transaction, in `transaction.on_commit` (nothing runs if it rolls back), the refresh is queued
for a Celery worker (dashboard/tasks.py; in-process where tasks run eagerly).
Writes that bypass signals (QuerySet.update, bulk_create without a parent save, raw SQL) are
caught up by `manage.py refresh_dashboard`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

_PENDING_ATTR = "_dashboard_pending_refresh"


def _flush() -> None:
    """Queue a refresh of every location waiting on this connection (once each; the worker
    coalesces them further, see dashboard/tasks.py), then forget them."""
    from dashboard.tasks import queue_refresh

    connection = transaction.get_connection()
    pending = getattr(connection, _PENDING_ATTR, None) or set()
    setattr(connection, _PENDING_ATTR, set())
    queue_refresh(pending)


def schedule_refresh(location_ids: Iterable[int | None]) -> None:
    """Refresh these locations after the current transaction commits (at once outside one).

    Every write registers a (cheap) callback, but the ids wait in one set per connection: the
    first callback that runs refreshes each of them once and empties the set, the others find
    nothing to do. Ids left behind by a rollback only cost one extra, harmless refresh.
    """
    ids = {pk for pk in location_ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    pending = getattr(connection, _PENDING_ATTR, None)
    if pending is None:
        pending = set()
        setattr(connection, _PENDING_ATTR, pending)
    pending |= ids
    transaction.on_commit(_flush)


def _value(model: str, pk: int | None, lookup: str) -> list[int | None]:
    if pk is None:
        return []
    return list(apps.get_model(model).objects.filter(pk=pk).values_list(lookup, flat=True))


def _expert_locations(person_id: int) -> list[int | None]:
    from teams.constants import Role

    return list(
        apps.get_model("teams.Membership")
        .objects.filter(person_id=person_id, role=Role.EXPERT)
        .values_list("location_id", flat=True)
    )


# Model label -> how to find the location ids of one instance (at signal time, so a parent
# that a cascade deletes later is still there).
LOCATION_OF: dict[str, Callable[[Any], Iterable[int | None]]] = {
    "casework.Resident": lambda i: [i.location_id],
    "casework.AnonymousTally": lambda i: [i.location_id],
    "casework.Consent": lambda i: _value("casework.Resident", i.resident_id, "location_id"),
    "casework.Trajectory": lambda i: _value("casework.Resident", i.resident_id, "location_id"),
    "casework.Contact": lambda i: _value(
        "casework.Trajectory", i.trajectory_id, "resident__location_id"
    ),
    "plans.PlanOfApproach": lambda i: [i.location_id],
    "plans.Goal": lambda i: _value("plans.PlanOfApproach", i.plan_id, "location_id"),
    "plans.Action": lambda i: _value("plans.Goal", i.goal_id, "plan__location_id"),
    "trainings.TrainingRun": lambda i: [i.location_id],
    "trainings.Session": lambda i: _value("trainings.TrainingRun", i.run_id, "location_id"),
    "trainings.RunBlock": lambda i: _value("trainings.Session", i.session_id, "run__location_id"),
    "trainings.Attendance": lambda i: _value("trainings.Session", i.session_id, "run__location_id"),
    "trainings.Participant": lambda i: _value("trainings.TrainingRun", i.run_id, "location_id"),
    "teams.Membership": lambda i: [i.location_id],
    "teams.ExpertProfile": lambda i: _expert_locations(i.person_id),
    "teams.ProjectTeamMember": lambda i: _value("teams.ProjectTeam", i.team_id, "location_id"),
}

# Many-to-many fields that count for a plan's completeness.
M2M_FIELDS = {
    "plans.PlanOfApproach": ["neighbourhoods", "recovery_organisations", "neighbourhood_teams"],
    "plans.Action": ["owner_people", "owner_organisations"],
}


def _on_change(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loaddata: refresh_dashboard afterwards
    schedule_refresh(LOCATION_OF[sender._meta.label](instance))


def _on_m2m(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    if not action.startswith("post_"):
        return
    label = type(instance)._meta.label
    if label in LOCATION_OF:
        schedule_refresh(LOCATION_OF[label](instance))


def connect() -> None:
    for label in LOCATION_OF:
        model = apps.get_model(label)
        uid = f"dashboard-{label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
    for label, fields in M2M_FIELDS.items():
        model = apps.get_model(label)
        for name in fields:
            through = getattr(model, name).through
            m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"dashboard-{label}-{name}")
