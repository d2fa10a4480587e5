"""Group activities on the dashboard: meetings held and visitors per location (city) per
month, a trend over the last twelve months, and CSV/XLSX, with the dashboard's suppression.

Visitors are residents, so their counts go through dashboard/suppression.py: per location and
month the first-time and returning visitors are one group (rules 1 and 2), the total shows
only when both show (rule 3), and the trend over several locations adds up only the totals
that show (rule 4). The number of meetings held is about the activity, not about residents:
it shows as it is. The figures are one grouped query over the meetings of the period (a few
hundred a location a year), so no summary table is needed; the page costs the same number of
queries whatever the number of meetings or locations.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from activities.constants import MeetingStatus
from activities.models import Meeting
from teams.models import Location

from . import charts, selectors
from . import suppression as sup
from .exports import XLSX_TYPE, _safe
from .suppression import Cell

MONTHS = 12
LOCATIONS_PER_PAGE = 10


@dataclass
class MonthRow:
    location: Location
    month: Any
    held: Cell
    first: Cell
    returning: Cell
    total: Cell


def _figures(location_ids: list[int], months: list) -> dict[tuple[int, Any], dict[str, int]]:
    """(location id, month) -> held, first, back: one grouped query."""
    rows = (
        Meeting.objects.filter(
            activity__location_id__in=location_ids,
            date__gte=months[0],
            date__lte=timezone.localdate(),
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .filter(Q(first_time_visitors__isnull=False) | Q(returning_visitors__isnull=False))
        .annotate(month=TruncMonth("date"))
        .values("activity__location_id", "month")
        .annotate(
            held=Count("pk"), first=Sum("first_time_visitors"), back=Sum("returning_visitors")
        )
        .order_by()
    )
    return {
        (row["activity__location_id"], row["month"]): {
            "held": row["held"],
            "first": row["first"] or 0,
            "back": row["back"] or 0,
        }
        for row in rows
    }


def month_rows(locations: list[Location], months: list, figures) -> list[MonthRow]:
    """A row per location and month with something held, suppressed."""
    result = []
    for location in locations:
        for month in months:
            found = figures.get((location.pk, month))
            if not found:
                continue
            first, back = sup.group([found["first"], found["back"]])
            result.append(
                MonthRow(
                    location=location,
                    month=month,
                    held=sup.plain(found["held"]),
                    first=first,
                    returning=back,
                    total=sup.total(found["first"] + found["back"], [first, back]),
                )
            )
    return result


def trend(locations: list[Location], months: list, figures) -> list[dict[str, Any]]:
    """Per month over every location: meetings held, and the visitors that show (rule 4)."""
    rows = month_rows(locations, months, figures)
    points = []
    for month in months:
        here = [row for row in rows if row.month == month]
        points.append(
            {
                "month": month,
                "held": sup.plain(sum(row.held.value or 0 for row in here)),
                "visitors": sup.plain(sup.shown_sum([row.total for row in here])),
            }
        )
    return points


def _allowed(user: Any):
    locations = selectors.dashboard_locations(user)
    if locations is None:
        raise PermissionDenied
    return locations.order_by("city", "name")


def _months():
    return selectors.last_months(MONTHS)


class ActivitiesDashboardView(TemplateView):
    template_name = "dashboard/activities.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        locations = _allowed(self.request.user)
        months = _months()
        everything = list(locations)
        figures = _figures([location.pk for location in everything], months)
        page = Paginator(everything, LOCATIONS_PER_PAGE).get_page(self.request.GET.get("pagina"))
        points = trend(everything, months, figures)
        chart_list = [
            charts.bar_chart("held", _("Bijeenkomsten gehouden"), points),
            charts.bar_chart("visitors", _("Bezoekers (getoonde aantallen)"), points),
        ]
        return super().get_context_data(
            page=page,
            rows=month_rows(list(page.object_list), months, figures),
            points=points,
            charts=chart_list,
            legend_small=sup.LEGEND_SMALL,
            legend_hidden=sup.LEGEND_HIDDEN,
            **kwargs,
        )


def table(locations: list[Location], *, numbers: bool) -> list[list[Any]]:
    months = _months()
    rows = month_rows(locations, months, _figures([loc.pk for loc in locations], months))
    result: list[list[Any]] = [
        [
            _("Locatie"),
            _("Gemeente"),
            _("Maand"),
            _("Bijeenkomsten gehouden"),
            _("Bezoekers voor het eerst"),
            _("Terugkomers"),
            _("Bezoekers samen"),
        ]
    ]
    for row in rows:
        cells = [row.held, row.first, row.returning, row.total]
        result.append(
            [
                _safe(row.location.name),
                _safe(row.location.city),
                formats.date_format(row.month, "Y-m"),
                *[(cell.export_value if numbers else cell.text) for cell in cells],
            ]
        )
    result += [[], [str(sup.LEGEND_SMALL)], [str(sup.LEGEND_HIDDEN)]]
    return result


def _filename(extension: str) -> str:
    return f"activiteiten-{timezone.localdate():%Y-%m-%d}.{extension}"


class ActivitiesCsvView(View):
    def get(self, request, *args, **kwargs):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerows(
            table(list(_allowed(request.user)), numbers=False)
        )
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
        return response


class ActivitiesXlsxView(View):
    def get(self, request, *args, **kwargs):
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Activiteiten")[:31]
        for values in table(list(_allowed(request.user)), numbers=True):
            sheet.append(values)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "D2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
        return response
