"""Reads of the embedding app that span models; each costs a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from embedding import derivations
from embedding.constants import Phase, Status
from embedding.models import Adoption, Condition, ConditionChange


def plan_for_link(location: Any) -> Any:
    """The plan a new action goes into: the one being carried out, else the newest draft."""
    from plans.constants import EDITABLE_STATUSES, PlanStatus
    from plans.models import PlanOfApproach

    plans = list(
        PlanOfApproach.objects.filter(location=location, status__in=EDITABLE_STATUSES).order_by(
            "-starts_on"
        )
    )
    for plan in plans:
        if plan.status in (PlanStatus.UNDERWAY, PlanStatus.APPROVED):
            return plan
    return plans[0] if plans else None


@dataclass
class PhaseGroup:
    phase: str
    label: Any
    conditions: list[Condition] = field(default_factory=list)

    @property
    def applicable(self) -> int:
        return sum(1 for c in self.conditions if c.status != Status.NOT_APPLICABLE)

    @property
    def in_place(self) -> int:
        return sum(1 for c in self.conditions if c.status == Status.IN_PLACE)

    @property
    def percent(self) -> int:
        return round(100 * self.in_place / self.applicable) if self.applicable else 0


def group_by_phase(conditions: list[Condition]) -> list[PhaseGroup]:
    groups = {phase: PhaseGroup(phase, Phase(phase).label) for phase in Phase.values}
    for condition in conditions:
        groups[condition.phase].conditions.append(condition)
    return list(groups.values())


def adoption_of(location: Any) -> Adoption | None:
    return Adoption.objects.filter(location=location).select_related("checklist").first()


def conditions_of(location: Any) -> list[Condition]:
    """A location's conditions with owner and evidence (one query per kind of evidence)."""
    conditions = list(
        Condition.objects.filter(location=location).for_page().prefetch_related("evidence")
    )
    from embedding import evidence

    for condition in conditions:
        condition.derived_from = (
            derivations.source_of(condition.derivation) if condition.derivation else ""
        )
        obj = condition.evidence if condition.evidence_id else None
        condition.evidence_text = evidence.describe(obj) if obj is not None else ""
    return conditions


def status_on(location: Any, day: datetime.date) -> list[Condition]:
    """The location's conditions with `status_then`: their status at the end of `day`."""
    return list(
        Condition.objects.filter(location=location)
        .with_status_on(day)
        .order_by("phase", "position", "pk")
    )


def history_of(location: Any, limit: int = 100) -> list[ConditionChange]:
    return list(
        ConditionChange.objects.filter(condition__location=location)
        .select_related("condition", "actor__person")
        .order_by("-at", "-pk")[:limit]
    )


def overdue_for(location_ids: list[int], today: datetime.date) -> list[Condition]:
    return list(
        Condition.objects.filter(location_id__in=location_ids, next_review_on__lt=today)
        .exclude(status=Status.NOT_APPLICABLE)
        .select_related("location", "owner")
        .order_by("next_review_on", "location__name", "position")
    )


def month_ends(count: int, today: datetime.date | None = None) -> list[datetime.date]:
    """The last day of each of the last `count` months, oldest first; this month: today."""
    today = today or timezone.localdate()
    ends = [today]
    first = today.replace(day=1)
    for _i in range(count - 1):
        end = first - datetime.timedelta(days=1)
        ends.append(end)
        first = end.replace(day=1)
    return list(reversed(ends))


def progress_over_time(
    location_ids: list[int], months: int = 12, today: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Per month end and phase: how many applicable conditions were in place, from the
    history. Two queries, whatever the number of locations (the rows are read once)."""
    ends = month_ends(months, today)
    phase_of = dict(
        Condition.objects.filter(location_id__in=location_ids).values_list("pk", "phase")
    )
    changes = (
        ConditionChange.objects.filter(condition_id__in=list(phase_of))
        .order_by("at", "pk")
        .values_list("condition_id", "at", "status_after")
    )
    tz = timezone.get_default_timezone()
    points = [{"month": end, **{p: [0, 0] for p in Phase.values}} for end in ends]
    status: dict[int, str] = {}
    index = 0
    limits = [
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        for end in ends
    ]
    for condition_id, at, after in list(changes) + [(None, None, None)]:
        while index < len(ends) and (at is None or at >= limits[index]):
            for cid, value in status.items():
                if value != Status.NOT_APPLICABLE:
                    counts = points[index][phase_of[cid]]
                    counts[1] += 1
                    counts[0] += value == Status.IN_PLACE
            index += 1
        if condition_id is not None:
            status[condition_id] = after
    for point in points:
        for phase in Phase.values:
            done, applicable = point[phase]
            point[phase] = {
                "done": done,
                "applicable": applicable,
                "percent": round(100 * done / applicable) if applicable else 0,
            }
    return points


@dataclass
class MatrixRow:
    location: Any
    cells: list[Condition | None]
    in_place: int
    applicable: int

    @property
    def percent(self) -> int:
        return round(100 * self.in_place / self.applicable) if self.applicable else 0


def matrix(locations: list[Any]) -> tuple[list[Any], list[MatrixRow]]:
    """Locations × the items of the current national checklist (by code). Two queries."""
    from embedding.models import Checklist

    checklist = Checklist.objects.current()
    items = list(checklist.items.order_by("phase", "position")) if checklist else []
    order = {phase: index for index, phase in enumerate(Phase.values)}
    items.sort(key=lambda item: (order[item.phase], item.position))
    found: dict[int, dict[str, Condition]] = defaultdict(dict)
    for condition in Condition.objects.filter(
        location__in=[loc.pk for loc in locations], item__isnull=False
    ).only("pk", "location_id", "code", "status", "derivation", "title"):
        found[condition.location_id][condition.code] = condition
    rows = []
    for location in locations:
        cells = [found[location.pk].get(item.code) for item in items]
        present = [c for c in cells if c is not None]
        rows.append(
            MatrixRow(
                location=location,
                cells=cells,
                in_place=sum(1 for c in present if c.status == Status.IN_PLACE),
                applicable=sum(1 for c in present if c.status != Status.NOT_APPLICABLE),
            )
        )
    return items, rows
