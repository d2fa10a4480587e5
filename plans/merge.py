"""Fingerprints of what a user started editing, so that concurrent saves can be merged.

A form carries the fingerprints of the values it showed (its *base*). When the plan's revision
moved on in the meantime, a field counts as a conflict only if both the user and someone else
changed it (to different values); everything else merges: the user's changes are written, the
other person's stay.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet

from plans.models import Action, Goal, PlanOfApproach


def fingerprint(value: Any) -> str:
    if isinstance(value, QuerySet | list | tuple | set):
        text = ",".join(sorted(str(getattr(item, "pk", item)) for item in value))
    elif isinstance(value, Model):
        text = str(value.pk)
    elif value is None:
        text = ""
    else:
        text = str(value)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def field_value(plan: PlanOfApproach, name: str) -> Any:
    """The stored value of one question, in the shape a form's cleaned_data has."""
    field = plan._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(plan, name).all())
    if field.is_relation:
        return getattr(plan, field.attname)
    return getattr(plan, name)


def section_base(plan: PlanOfApproach, names: Iterable[str]) -> dict[str, str]:
    return {name: fingerprint(field_value(plan, name)) for name in names}


def table_base(plan: PlanOfApproach, table: str) -> str:
    """One fingerprint for a whole goal table: goals, their actions and owners."""
    goals = list(
        Goal.objects.filter(plan=plan, table=table)
        .order_by("position", "pk")
        .values_list("pk", "position", "text")
    )
    actions = (
        Action.objects.filter(goal__plan=plan, goal__table=table)
        .order_by("pk")
        .prefetch_related("owner_people", "owner_organisations")
    )
    rows = [
        [
            action.pk,
            action.goal_id,
            action.position,
            action.description,
            str(action.starts_on),
            str(action.due_on),
            action.timing_note,
            action.status,
            sorted(person.pk for person in action.owner_people.all()),
            sorted(organisation.pk for organisation in action.owner_organisations.all()),
        ]
        for action in actions
    ]
    return fingerprint(json.dumps([goals, rows], default=str))


def encode(base: dict[str, str] | str) -> str:
    return json.dumps(base)


def decode(raw: str | None) -> Any:
    """The base a form sent back; anything unreadable counts as 'unknown' (all conflicts)."""
    try:
        return json.loads(raw or "")
    except (ValueError, RecursionError):  # RecursionError: nested deeper than json can follow
        return None
