"""Reads of the plans app that span models."""

from __future__ import annotations

from typing import Any

from plans.constants import APPROVED_STATUSES
from plans.models import Action, PlanOfApproach, PlanSnapshot
from plans.progress import SectionProgress, plan_progress
from plans.snapshots import Change, changes_between, plan_as_data
from teams.models import ProjectTeamMember


def plan_for_page(queryset, pk: int) -> PlanOfApproach:
    return queryset.with_everything().get(pk=pk)


def team_members(plan: PlanOfApproach) -> list[ProjectTeamMember]:
    return list(
        ProjectTeamMember.objects.filter(team__location=plan.location_id).select_related(
            "person", "organisation"
        )
    )


def progress_of(plan: PlanOfApproach, members: list[ProjectTeamMember]) -> list[SectionProgress]:
    return plan_progress(plan, team_size=len(members))


def approved_version(plan: PlanOfApproach) -> PlanSnapshot | None:
    if plan.status not in APPROVED_STATUSES:
        return None
    return plan.snapshots.order_by("-created_at", "-pk").first()


def changes_since_approval(plan: PlanOfApproach) -> tuple[PlanSnapshot | None, list[Change]]:
    """What differs from the approved version; `plan` must come with `with_everything()`."""
    snapshot = approved_version(plan)
    if snapshot is None:
        return None, []
    return snapshot, changes_between(snapshot.data, plan_as_data(plan))


def open_actions_for(user: Any) -> Any:
    """Open actions of the plans a projectleider leads (their home page)."""
    from teams import access
    from teams.constants import Role

    scope = access.scope_for(user)
    led = [loc for loc, roles in scope.roles_by_location.items() if Role.PROJECT_LEADER in roles]
    return (
        Action.objects.open()
        .of_active_plans()
        .filter(goal__plan__location_id__in=led)
        .for_list()
        .order_by("due_on", "pk")
    )
