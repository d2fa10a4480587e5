"""Keep derived conditions fresh: after a write to what they read (trainings' sessions, teams'
experts and project team, the activities app's intervision groups and their members), the
location's derived conditions are brought up to date after commit, once per location per
transaction. This only keeps stored statuses in step with their
sources; `services.sync_all_derived` catches up whatever sends no signal (run it nightly)."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

_PENDING = "_embedding_pending_locations"


def _locations_of(instance: Any) -> set[int]:
    name = type(instance).__name__
    if name in ("Session",):
        return {instance.run.location_id}
    if name in ("TrainingRun", "ProjectTeam", "Membership", "IntervisionGroup"):
        return {instance.location_id} if instance.location_id else set()
    if name == "ProjectTeamMember":
        return {instance.team.location_id}
    if name == "ExpertProfile":
        return set(
            instance.person.memberships.exclude(location=None).values_list("location_id", flat=True)
        )
    return set()


def _flush() -> None:
    from embedding.models import Adoption
    from embedding.services import condition_sync_derived

    pending = getattr(connection, _PENDING, None) or set()
    setattr(connection, _PENDING, set())
    if not pending:
        return
    for adoption in Adoption.objects.filter(location_id__in=sorted(pending)).select_related(
        "location"
    ):
        condition_sync_derived(location=adoption.location)


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    try:
        ids = _locations_of(instance)
    except Exception:  # a half-deleted row: the nightly sync catches up
        return
    if not ids:
        return
    # A callback for every write, the ids in one set per connection: the first callback that
    # runs syncs each location once and empties the set (ids left by a rollback cost one
    # harmless extra sync).
    pending = getattr(connection, _PENDING, None)
    if pending is None:
        pending = set()
        setattr(connection, _PENDING, pending)
    pending |= ids
    transaction.on_commit(_flush)


def _group_members_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    """The members of an intervision group changed (a set() after the group was saved)."""
    if action in ("post_add", "post_remove", "post_clear") and not kwargs.get("reverse"):
        _changed(sender, instance)


def _connect() -> None:
    from activities.models import IntervisionGroup
    from teams.models import ExpertProfile, Membership, ProjectTeam, ProjectTeamMember
    from trainings.models import Session, TrainingRun

    for model in (
        Session,
        TrainingRun,
        ExpertProfile,
        Membership,
        ProjectTeam,
        ProjectTeamMember,
        IntervisionGroup,
    ):
        post_save.connect(_changed, sender=model, dispatch_uid=f"embedding-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"embedding-del-{model.__name__}")
    m2m_changed.connect(
        _group_members_changed,
        sender=IntervisionGroup.members.through,
        dispatch_uid="embedding-intervision-members",
    )


_connect()
