"""Writes of the plans app: every change in one transaction, checked before it is saved.

Concurrency: a plan carries a `revision`. Each write locks the plan row, compares the revision the
user's form was based on, and raises `PlanConflict` when someone saved in between; the view then
shows both versions and keeps what the user typed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from plans import merge
from plans.constants import PlanStatus, TransitionKind
from plans.models import Action, Goal, PlanOfApproach, PlanSnapshot, PlanTransition
from plans.progress import is_complete, plan_progress
from plans.snapshots import plan_as_data
from teams.models import Location, ProjectTeamMember


class PlanConflict(Exception):
    """Someone else changed what the user changed too, after the user opened it."""

    def __init__(self, current: PlanOfApproach, fields: Iterable[str] = ()):
        super().__init__("plan changed")
        self.current = current
        self.fields = sorted(fields)


class PlanLocked(Exception):
    """The plan is in a state that allows no edits (under review, or evaluated)."""


@transaction.atomic
def plan_create(
    *, location: Location, starts_on: datetime.date, ends_on: datetime.date, actor: Any
) -> PlanOfApproach:
    """A new draft, pre-filled from the location's partners and project team."""
    plan = PlanOfApproach(location=location, starts_on=starts_on, ends_on=ends_on, updated_by=actor)
    team = getattr(location, "project_team", None)
    if team is not None:
        plan.structure_tasks = team.task_division
        plan.structure_meetings = " – ".join(
            part for part in (team.get_meeting_frequency_display(), team.meeting_note) if part
        )
    plan.full_clean()
    plan.save()
    partners = location.organisations.all()
    plan.recovery_organisations.set(partners.filter(kind__in=["herstel", "client"]))
    plan.neighbourhood_teams.set(partners.filter(kind__in=["wijkteam", "sociaalwerk"]))
    plan.neighbourhoods.set(location.neighbourhoods.all())
    return plan


def _lock(plan_id: int) -> PlanOfApproach:
    plan = PlanOfApproach.objects.select_for_update().get(pk=plan_id)
    if not plan.is_editable:
        raise PlanLocked
    return plan


def _bump(plan: PlanOfApproach, actor: Any) -> None:
    PlanOfApproach.objects.filter(pk=plan.pk).update(revision=F("revision") + 1, updated_by=actor)
    plan.revision += 1


@transaction.atomic
def plan_section_save(
    *,
    plan_id: int,
    revision: int,
    values: dict[str, Any],
    relations: dict[str, Iterable[Any]] | None = None,
    base: dict[str, str] | None = None,
    actor: Any,
) -> PlanOfApproach:
    """Save the answers of one section (text fields and header relations).

    When the plan changed since the user opened the form (`revision`), only the fields the
    user changed are written, and a field someone else changed as well is a `PlanConflict`.
    """
    plan = _lock(plan_id)
    relations = dict(relations or {})
    if plan.revision != revision:
        wanted = {**values, **relations}
        base = base if isinstance(base, dict) else {}
        current = merge.section_base(plan, wanted)
        mine = {name: merge.fingerprint(value) for name, value in wanted.items()}
        changed_by_me = {name for name in wanted if mine[name] != base.get(name)}
        changed_by_other = {name for name in wanted if current[name] != base.get(name)}
        clashes = {n for n in changed_by_me & changed_by_other if mine[n] != current[n]}
        if clashes:
            raise PlanConflict(plan, clashes)
        values = {name: value for name, value in values.items() if name in changed_by_me}
        relations = {name: objs for name, objs in relations.items() if name in changed_by_me}
    for name, value in values.items():
        setattr(plan, name, value)
    plan.updated_by = actor
    plan.revision += 1
    plan.full_clean()
    plan.save()
    for name, objects in relations.items():
        getattr(plan, name).set(objects)
    return plan


@transaction.atomic
def goal_table_save(
    *, plan_id: int, revision: int, table_form: Any, base: str | None = None, actor: Any
) -> PlanOfApproach:
    """Save a whole goal table (goals with their actions) as the user left it.

    When the plan changed since the user opened the table, the save goes ahead only if this
    table itself is still as the user found it (others may have edited other sections).
    """
    plan = _lock(plan_id)
    if plan.revision != revision and merge.table_base(plan, table_form.table) != base:
        raise PlanConflict(plan, [table_form.table])
    table_form.save(plan=plan)
    _bump(plan, actor)
    return plan


@transaction.atomic
def action_add(
    *,
    plan_id: int,
    table: str,
    goal_text: str,
    description: str,
    owner_people: Iterable[Any] = (),
    due_on: datetime.date | None = None,
    actor: Any,
) -> Action:
    """Add one action under the goal `goal_text` of `table` (made when missing): for other
    apps that start work in the plan (the embedding monitor's plan link)."""
    plan = _lock(plan_id)
    if due_on and not plan.covers(due_on):
        raise ValidationError(
            {
                "due_on": _(
                    "Kies een datum binnen de periode van het plan (%(start)s tot %(end)s)."
                )
                % {"start": f"{plan.starts_on:%d-%m-%Y}", "end": f"{plan.ends_on:%d-%m-%Y}"}
            }
        )
    goal = plan.goals.filter(table=table, text=goal_text).first()
    if goal is None:
        last = plan.goals.filter(table=table).order_by("-position").first()
        goal = Goal(
            plan=plan, table=table, text=goal_text, position=(last.position + 1) if last else 1
        )
        goal.full_clean()
        goal.save()
    last_action = goal.actions.order_by("-position").first()
    action = Action(
        goal=goal,
        description=description,
        due_on=due_on,
        position=(last_action.position + 1) if last_action else 1,
    )
    action.full_clean()
    action.save()
    action.owner_people.set(owner_people)
    _bump(plan, actor)
    return action


# --- Workflow -------------------------------------------------------------------------------

TRANSITIONS = {
    TransitionKind.SUBMIT: ({PlanStatus.DRAFT}, PlanStatus.SUBMITTED),
    TransitionKind.APPROVE: ({PlanStatus.SUBMITTED}, PlanStatus.APPROVED),
    TransitionKind.RETURN: ({PlanStatus.SUBMITTED}, PlanStatus.DRAFT),
    TransitionKind.START: ({PlanStatus.APPROVED}, PlanStatus.UNDERWAY),
    TransitionKind.EVALUATE: ({PlanStatus.UNDERWAY}, PlanStatus.EVALUATED),
}
REMARK_REQUIRED = {TransitionKind.RETURN, TransitionKind.EVALUATE}


@transaction.atomic
def plan_transition(*, plan_id: int, kind: str, actor: Any, remark: str = "") -> PlanOfApproach:
    """Move the plan one step in its workflow (concept → … → geëvalueerd)."""
    plan = PlanOfApproach.objects.select_for_update().get(pk=plan_id)
    sources, target = TRANSITIONS[TransitionKind(kind)]
    if plan.status not in sources:
        raise ValidationError(
            _("Dit kan niet meer: het plan staat nu op '%(status)s'.")
            % {"status": plan.get_status_display()}
        )
    if kind in REMARK_REQUIRED and not remark.strip():
        raise ValidationError({"remark": _("Schrijf een korte toelichting.")})
    if kind == TransitionKind.SUBMIT:
        full = PlanOfApproach.objects.with_everything().get(pk=plan.pk)
        team_size = ProjectTeamMember.objects.filter(team__location=plan.location_id).count()
        progress = plan_progress(full, team_size=team_size)
        if not is_complete(progress):
            missing = [f"{p.section.title}: {m}" for p in progress for m in p.missing]
            raise ValidationError(
                [_("Het plan is nog niet compleet. Nog nodig:")] + [str(m) for m in missing]
            )
    PlanTransition.objects.create(
        plan=plan,
        kind=kind,
        from_status=plan.status,
        to_status=target,
        remark=remark.strip(),
        actor=actor,
    )
    plan.status = target
    plan.updated_by = actor
    plan.revision += 1
    plan.save(update_fields=["status", "updated_by", "revision", "updated_at"])
    if kind == TransitionKind.APPROVE:
        full = PlanOfApproach.objects.with_everything().get(pk=plan.pk)
        PlanSnapshot.objects.create(plan=plan, data=plan_as_data(full))
    return plan
