"""What the dashboard shows: rows per location from the summaries, in a fixed number of
queries (locations, months, anonymous tallies), whatever the data behind them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.constants import PlanStatus
from teams.access import scope_for
from teams.constants import LocationStatus, Role
from teams.models import Location

from . import suppression as sup
from .models import LocationDueDay, LocationMonthSummary, LocationSummary


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    group: Any
    casework: bool = False
    sortable: bool = False


GROUP_PLAN = _("Plan van aanpak")
GROUP_TRAINING = _("Training")
GROUP_CASES = _("Bewoners (samen geteld)")
GROUP_POOL = _("Ervaringsdeskundigen")

# Every figure of a row, in the order of the table and the exports. Casework columns are
# not sortable: the order of suppressed cells would tell something about their size.
COLUMNS = [
    Column("plan_status", _("Status plan"), GROUP_PLAN, sortable=True),
    Column("plan_percent", _("Plan ingevuld (%)"), GROUP_PLAN, sortable=True),
    Column("goals", _("Doelen"), GROUP_PLAN, sortable=True),
    Column("actions_done", _("Acties gereed"), GROUP_PLAN, sortable=True),
    Column("actions_open", _("Acties open"), GROUP_PLAN, sortable=True),
    Column("overdue", _("Acties te laat"), GROUP_PLAN, sortable=True),
    Column("sessions", _("Dagdelen gegeven"), GROUP_TRAINING, sortable=True),
    Column("blocks", _("Blokken gegeven"), GROUP_TRAINING, sortable=True),
    Column("attendance", _("Aanwezig (van afgevinkt)"), GROUP_TRAINING, sortable=True),
    Column("workers_trained", _("Sociaal werkers getraind"), GROUP_TRAINING, sortable=True),
    Column("experts_trained", _("Ervaringsdeskundigen getraind"), GROUP_TRAINING, sortable=True),
    Column("trajectories_tandem", _("Lopend: tandem"), GROUP_CASES, casework=True),
    Column("trajectories_apart_ed", _("Lopend: apart, start bij ED"), GROUP_CASES, casework=True),
    Column("trajectories_apart_sw", _("Lopend: apart, start bij SW"), GROUP_CASES, casework=True),
    Column("trajectories_advies", _("Lopend: advies"), GROUP_CASES, casework=True),
    Column("trajectories_total", _("Lopende trajecten"), GROUP_CASES, casework=True),
    Column("new_period", _("Nieuwe trajecten (periode)"), GROUP_CASES, casework=True),
    Column("contacts_period", _("Contacten (periode)"), GROUP_CASES, casework=True),
    Column("residents_consenting", _("Bewoners met toestemming"), GROUP_CASES, casework=True),
    Column("residents", _("Bewoners"), GROUP_CASES, casework=True),
    Column("consent_percent", _("Toestemming (%)"), GROUP_CASES, casework=True),
    Column("experts_active", _("Actief"), GROUP_POOL, sortable=True),
    Column("experts_paid", _("Betaald"), GROUP_POOL, sortable=True),
    Column("experts_volunteer", _("Vrijwilliger"), GROUP_POOL, sortable=True),
]
FORM_KEYS = [
    "trajectories_tandem",
    "trajectories_apart_ed",
    "trajectories_apart_sw",
    "trajectories_advies",
]

# ?sort= values -> what to order by (a whitelist; anything else sorts by name).
SORTS: dict[str, str] = {
    "name": "name",
    "city": "city",
    "status": "status",
    "plan_status": "dashboard_summary__plan_status",
    "plan_percent": "dashboard_summary__plan_percent",
    "goals": "dashboard_summary__goals",
    "actions_done": "dashboard_summary__actions_done",
    "actions_open": "dashboard_summary__actions_open",
    "overdue": "overdue",
    "sessions": "dashboard_summary__sessions_held",
    "blocks": "dashboard_summary__blocks_delivered",
    "attendance": "dashboard_summary__attendance_present",
    "workers_trained": "dashboard_summary__workers_trained",
    "experts_trained": "dashboard_summary__experts_trained",
    "experts_active": "dashboard_summary__experts_active",
    "experts_paid": "dashboard_summary__experts_paid",
    "experts_volunteer": "dashboard_summary__experts_volunteer",
}


@dataclass
class MonthPoint:
    month: datetime.date
    contacts: sup.Cell
    new_trajectories: sup.Cell
    sessions_held: int


@dataclass
class Row:
    location: Location
    cells: dict[str, sup.Cell]
    months: list[MonthPoint] = field(default_factory=list)
    updated_at: datetime.datetime | None = None

    @property
    def columns(self) -> list[tuple[Column, sup.Cell]]:
        return [(column, self.cells[column.key]) for column in COLUMNS]


# --- Who sees which locations ---------------------------------------------------------------


def dashboard_locations(user: Any) -> QuerySet | None:
    """Coordinators (and beheerders) every location; a projectleider the locations they lead;
    anyone else None (not allowed)."""
    scope = scope_for(user)
    if scope.sees_all_locations:
        return Location.objects.all()
    led = [pk for pk, roles in scope.roles_by_location.items() if Role.PROJECT_LEADER in roles]
    if not led:
        return None
    return Location.objects.filter(pk__in=sorted(led))


def may_see_location(user: Any, location: Location) -> bool:
    scope = scope_for(user)
    return scope.sees_all_locations or scope.has_role(Role.PROJECT_LEADER, location.pk)


# --- Rows ------------------------------------------------------------------------------------


def last_months(count: int, today: datetime.date | None = None) -> list[datetime.date]:
    """The first days of the last `count` months, oldest first, ending with this month."""
    month = (today or timezone.localdate()).replace(day=1)
    months = []
    for _i in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def with_overdue(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    due = (
        LocationDueDay.objects.filter(location=OuterRef("pk"), due_on__lt=today)
        .order_by()
        .values("location")
        .annotate(n=Sum("open_actions"))
        .values("n")
    )
    return queryset.select_related("dashboard_summary").annotate(
        overdue=Coalesce(Subquery(due[:1]), 0)
    )


def ordered(queryset: QuerySet, sort: str) -> tuple[QuerySet, str]:
    """Order by a whitelisted key (`-key` descending); returns the key actually used."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS:
        key, descending = "name", False
    expression = F(SORTS[key])
    expression = expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
    return queryset.order_by(expression, "name"), ("-" if descending else "") + key


def build_rows(locations: Iterable[Location], months: list[datetime.date]) -> list[Row]:
    """Rows for locations from `with_overdue`: one more query (the months)."""
    locations = list(locations)
    per_month = month_values([location.pk for location in locations], months)
    return [_row(location, months, per_month) for location in locations]


MonthValues = dict[tuple[int, datetime.date], dict[str, int]]


def month_values(location_ids: list[int], months: list[datetime.date]) -> MonthValues:
    """(location id, month) -> that month's figures (anonymous tallies included), one query."""
    if not location_ids or not months:
        return {}
    summaries = LocationMonthSummary.objects.filter(
        location_id__in=location_ids, month__gte=months[0], month__lte=months[-1]
    ).values_list("location_id", "month", "contacts", "new_trajectories", "sessions_held")
    return {
        (location_id, month): {
            "contacts": contacts,
            "new_trajectories": new,
            "sessions_held": sessions,
        }
        for location_id, month, contacts, new, sessions in summaries
    }


def _row(location: Location, months: list[datetime.date], per_month: dict) -> Row:
    summary = getattr(location, "dashboard_summary", None) or LocationSummary()
    points = []
    for month in months:
        found = per_month.get((location.pk, month), {})
        points.append(
            MonthPoint(
                month=month,
                contacts=sup.cell(found.get("contacts", 0)),
                new_trajectories=sup.cell(found.get("new_trajectories", 0)),
                sessions_held=found.get("sessions_held", 0),
            )
        )
    forms = sup.group([getattr(summary, key) for key in FORM_KEYS])
    consenting, without = sup.group(
        [summary.residents_consenting, summary.residents - summary.residents_consenting]
    )
    residents = sup.total(summary.residents, [consenting, without])
    contacts = [p.contacts for p in points]
    new = [p.new_trajectories for p in points]
    status = PlanStatus(summary.plan_status).label if summary.plan_status else _("geen plan")
    cells = {
        "plan_status": sup.plain(status),
        "plan_percent": sup.plain(summary.plan_percent),
        "goals": sup.plain(summary.goals),
        "actions_done": sup.plain(summary.actions_done),
        "actions_open": sup.plain(summary.actions_open),
        "overdue": sup.plain(getattr(location, "overdue", 0)),
        "sessions": sup.plain(f"{summary.sessions_held}/{summary.sessions_total}"),
        "blocks": sup.plain(f"{summary.blocks_delivered}/{summary.blocks_total}"),
        "attendance": sup.plain(f"{summary.attendance_present}/{summary.attendance_ticked}"),
        "workers_trained": sup.plain(summary.workers_trained),
        "experts_trained": sup.plain(summary.experts_trained),
        **dict(zip(FORM_KEYS, forms, strict=True)),
        "trajectories_total": sup.total(sum(getattr(summary, k) for k in FORM_KEYS), forms),
        "new_period": sup.total(_raw_sum(per_month, location.pk, months, "new_trajectories"), new),
        "contacts_period": sup.total(
            _raw_sum(per_month, location.pk, months, "contacts"), contacts
        ),
        "residents_consenting": consenting,
        "residents": residents,
        "consent_percent": sup.percent(consenting, residents),
        "experts_active": sup.plain(summary.experts_active),
        "experts_paid": sup.plain(summary.experts_paid),
        "experts_volunteer": sup.plain(summary.experts_volunteer),
    }
    return Row(location, cells, points, summary.updated_at)


def _raw_sum(per_month: dict, location_id: int, months: list, name: str) -> int:
    return sum(per_month.get((location_id, m), {}).get(name, 0) for m in months)


def _shown(field: str) -> Sum:
    """The sum of a casework count over the cells that show (not 1-4: suppression rule 4)."""
    small = Q(**{f"{field}__gt": 0, f"{field}__lt": sup.THRESHOLD})
    return Sum(Case(When(small, then=Value(0)), default=F(field), output_field=IntegerField()))


def _hidden(field: str) -> Count:
    return Count("pk", filter=Q(**{f"{field}__gt": 0, f"{field}__lt": sup.THRESHOLD}))


def trend(locations: QuerySet, months: list[datetime.date]) -> list[dict[str, Any]]:
    """Per month over all `locations` (not only the page shown), summed in the database:
    casework only from the cells that show (suppression rule 4); sessions held in full (no
    resident is in that figure). One query, whatever the number of locations."""
    per_month = {
        row["month"]: row
        for row in LocationMonthSummary.objects.filter(
            location__in=locations.order_by().values("pk"),
            month__gte=months[0],
            month__lte=months[-1],
        )
        .order_by()
        .values("month")
        .annotate(
            contacts_shown=_shown("contacts"),
            new_shown=_shown("new_trajectories"),
            sessions=Sum("sessions_held"),
            hidden=_hidden("contacts") + _hidden("new_trajectories"),
        )
    }
    empty = {"contacts_shown": 0, "new_shown": 0, "sessions": 0, "hidden": 0}
    points = []
    for month in months:
        row = per_month.get(month, empty)
        points.append(
            {
                "month": month,
                "contacts": sup.Cell(row["contacts_shown"] or 0),
                "new_trajectories": sup.Cell(row["new_shown"] or 0),
                "sessions_held": sup.Cell(row["sessions"] or 0),
                "partial": bool(row["hidden"]),
            }
        )
    return points


def location_trend(row: Row) -> list[dict[str, Any]]:
    return [
        {
            "month": p.month,
            "contacts": p.contacts,
            "new_trajectories": p.new_trajectories,
            "sessions_held": sup.Cell(p.sessions_held),
            "partial": False,
        }
        for p in row.months
    ]


STATUS_LABELS = dict(LocationStatus.choices)
