"""The embedding monitor (borging) on the dashboard: a matrix of conditions × locations, the
progress per phase over time (chart and table), one location's own, and CSV/XLSX.

Coordinators see every location, a projectleider the ones they lead (as the dashboard).
Statuses show as colour, a mark and a word, never colour alone. The matrix reads the stored
statuses (derived ones are kept fresh by embedding's signals and nightly sync): two queries
per page; the chart reads the history once (two queries), whatever the number of locations.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from embedding import selectors as embedding
from embedding.constants import STATUS_MARKS, Phase, Status
from teams.access import get_visible_or_404
from teams.models import Location

from . import charts, selectors
from .exports import XLSX_TYPE, _safe
from .suppression import Cell

LOCATIONS_PER_PAGE = 8  # columns of the matrix
MONTHS = 12
STATUS_WORDS = {
    Status.NOT_STARTED: gettext_lazy("nee"),
    Status.IN_PROGRESS: gettext_lazy("bezig"),
    Status.IN_PLACE: gettext_lazy("ja"),
    Status.NOT_APPLICABLE: gettext_lazy("n.v.t."),
}


def legend() -> list[tuple[str, str, Any, Any]]:
    return [(v, STATUS_MARKS[v], STATUS_WORDS[v], label) for v, label in Status.choices]


def phase_points(location_ids: list[int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per month and phase the share of conditions in place, as points and as charts."""
    raw = embedding.progress_over_time(location_ids, MONTHS)
    points = [
        {"month": p["month"], **{phase: Cell(p[phase]["percent"]) for phase in Phase.values}}
        for p in raw
    ]
    chart_list = [
        charts.bar_chart(phase, _("%(phase)s: %% geregeld") % {"phase": label}, points, 100)
        for phase, label in Phase.choices
    ]
    rows = [{"month": p["month"], "phases": [p[phase] for phase in Phase.values]} for p in raw]
    return rows, chart_list


def _columns(locations: list[Location]) -> tuple[list[Any], list[dict[str, Any]]]:
    """Matrix rows of conditions (national items), a cell per location."""
    items, location_rows = embedding.matrix(locations)
    rows = []
    for index, item in enumerate(items):
        rows.append(
            {
                "item": item,
                "phase": Phase(item.phase).label,
                "cells": [
                    {
                        "location": row.location,
                        "condition": row.cells[index],
                        "word": STATUS_WORDS.get(row.cells[index].status)
                        if row.cells[index]
                        else "",
                        "mark": STATUS_MARKS.get(row.cells[index].status)
                        if row.cells[index]
                        else "",
                    }
                    for row in location_rows
                ],
            }
        )
    return location_rows, rows


def _allowed(user: Any):
    locations = selectors.dashboard_locations(user)
    if locations is None:
        raise PermissionDenied
    return locations.order_by("name")


class EmbeddingView(TemplateView):
    template_name = "dashboard/embedding.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        locations = _allowed(self.request.user)
        page = Paginator(locations, LOCATIONS_PER_PAGE).get_page(self.request.GET.get("pagina"))
        location_rows, rows = _columns(list(page.object_list))
        points, chart_list = phase_points(list(locations.values_list("pk", flat=True)))
        return super().get_context_data(
            page=page,
            location_rows=location_rows,
            rows=rows,
            points=points,
            charts=chart_list,
            phases=Phase.choices,
            legend=legend(),
            **kwargs,
        )


class EmbeddingLocationView(TemplateView):
    template_name = "dashboard/embedding_location.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        location = get_visible_or_404(Location, self.request.user, pk=self.kwargs["pk"])
        if not selectors.may_see_location(self.request.user, location):
            raise PermissionDenied
        location_rows, rows = _columns([location])
        points, chart_list = phase_points([location.pk])
        return super().get_context_data(
            location=location,
            location_rows=location_rows,
            rows=rows,
            points=points,
            charts=chart_list,
            phases=Phase.choices,
            legend=legend(),
            **kwargs,
        )


def table(locations: list[Location]) -> list[list[Any]]:
    items, location_rows = embedding.matrix(locations)
    header = [_("Locatie"), _("Gemeente")] + [item.title for item in items] + [_("% geregeld")]
    result: list[list[Any]] = [header]
    for row in location_rows:
        values: list[Any] = [_safe(row.location.name), _safe(row.location.city)]
        values += [str(Status(c.status).label) if c else "" for c in row.cells]
        values.append(row.percent)
        result.append(values)
    return result


def _filename(extension: str) -> str:
    return f"borging-{timezone.localdate():%Y-%m-%d}.{extension}"


class EmbeddingCsvView(View):
    def get(self, request, *args, **kwargs):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerows(table(list(_allowed(request.user))))
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
        return response


class EmbeddingXlsxView(View):
    def get(self, request, *args, **kwargs):
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Borging")[:31]
        for values in table(list(_allowed(request.user))):
            sheet.append(values)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "C2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
        return response
