"""The plan as plain data (for the approved version) and what changed since then."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans.constants import ActionStatus, GoalTable
from plans.models import PlanOfApproach
from plans.sections import QUESTIONS, SECTIONS

HEADER_RELATIONS = ["neighbourhoods", "recovery_organisations", "neighbourhood_teams"]


def plan_as_data(plan: PlanOfApproach) -> dict[str, Any]:
    """Everything a reader sees in the plan, as JSON-friendly data keyed by stable ids."""
    fields: dict[str, Any] = {}
    for section in SECTIONS:
        for name in section.fields:
            if name in HEADER_RELATIONS:
                fields[name] = sorted(str(obj) for obj in getattr(plan, name).all())
            elif name == "project_leader":
                fields[name] = str(plan.project_leader) if plan.project_leader else ""
            else:
                value = getattr(plan, name)
                fields[name] = "" if value is None else str(value)
    goals = {}
    for goal in plan.goals.all():
        goals[str(goal.pk)] = {
            "table": goal.table,
            "text": goal.text,
            "actions": {str(action.pk): _action_data(action) for action in goal.actions.all()},
        }
    return {"fields": fields, "goals": goals}


def _action_data(action) -> dict[str, Any]:
    owners = [str(p) for p in action.owner_people.all()]
    owners += [str(o) for o in action.owner_organisations.all()]
    return {
        "description": action.description,
        "owners": sorted(owners),
        "starts_on": action.starts_on.isoformat() if action.starts_on else "",
        "due_on": action.due_on.isoformat() if action.due_on else "",
        "timing_note": action.timing_note,
        "status": action.status,
    }


@dataclass(frozen=True)
class Change:
    """One difference between the approved plan and the plan now."""

    where: str
    what: str
    before: str
    after: str
    progress: bool = False  # a status moving on (gepland → gereed): progress, not a new plan
    where_typed: bool = False  # `where` is a goal or an action as written, not a label of ours
    values_typed: bool = True  # before/after as written (a status: a label of ours)


# Lazy: built once at import, shown in the language of each request.
ACTION_LABELS = {
    "description": gettext_lazy("wat"),
    "owners": gettext_lazy("wie"),
    "starts_on": gettext_lazy("vanaf"),
    "due_on": gettext_lazy("klaar op"),
    "timing_note": gettext_lazy("wanneer"),
    "status": gettext_lazy("status"),
}


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    changes = []
    for name, old in before["fields"].items():
        new = after["fields"].get(name, "")
        if old != new:
            where = str(QUESTIONS[name].text) if name in QUESTIONS else name
            changes.append(Change(where, _("gewijzigd"), _show(old), _show(new)))
    old_goals, new_goals = before["goals"], after["goals"]
    for goal_id, goal in new_goals.items():
        table = GoalTable(goal["table"]).label
        if goal_id not in old_goals:
            changes.append(Change(str(table), _("doel toegevoegd"), "", goal["text"]))
            for action in goal["actions"].values():
                changes.append(
                    Change(
                        goal["text"],
                        _("actie toegevoegd"),
                        "",
                        action["description"],
                        where_typed=True,
                    )
                )
            continue
        old = old_goals[goal_id]
        if old["text"] != goal["text"]:
            changes.append(Change(str(table), _("doel gewijzigd"), old["text"], goal["text"]))
        changes += _action_changes(goal["text"], old["actions"], goal["actions"])
    for goal_id, goal in old_goals.items():
        if goal_id not in new_goals:
            table = GoalTable(goal["table"]).label
            changes.append(Change(str(table), _("doel verwijderd"), goal["text"], ""))
    return changes


def _action_changes(goal_text: str, old: dict, new: dict) -> list[Change]:
    changes = []
    for action_id, action in new.items():
        if action_id not in old:
            changes.append(
                Change(
                    goal_text, _("actie toegevoegd"), "", action["description"], where_typed=True
                )
            )
            continue
        for key, label in ACTION_LABELS.items():
            if old[action_id][key] != action[key]:
                changes.append(
                    Change(
                        action["description"],
                        str(label),
                        _show(old[action_id][key], key),
                        _show(action[key], key),
                        progress=key == "status",
                        where_typed=True,
                        values_typed=key != "status",
                    )
                )
    for action_id, action in old.items():
        if action_id not in new:
            changes.append(
                Change(
                    goal_text, _("actie verwijderd"), action["description"], "", where_typed=True
                )
            )
    return changes


def _show(value: Any, key: str = "") -> str:
    if isinstance(value, list):
        return ", ".join(value)
    if key == "status" and value:
        return str(ActionStatus(value).label)
    return str(value)
