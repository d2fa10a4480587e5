"""The dashboard: every location side by side, one location's page, and the exports.

Coordinators (and beheerders) see every location, a projectleider the locations they lead;
everyone else gets a 403. A location outside the user's scope is a 404. Only aggregates:
nothing here links to a resident.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from teams.access import get_visible_or_404
from teams.models import Location

from . import charts, exports, page_cache, selectors
from . import suppression as sup
from .filters import DashboardFilter

# Locations per page: the page's cost follows the rows shown, the exports hold them all.
PAGE_SIZE = 25


class DashboardMixin:
    """The locations this user may compare, filtered and sorted from the query string."""

    def dispatch(self, request, *args, **kwargs):
        self.locations = selectors.dashboard_locations(request.user)
        if self.locations is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def filtered(self) -> tuple[DashboardFilter, QuerySet, str]:
        filterset = DashboardFilter(self.request.GET or None, queryset=self.locations)
        queryset, sort = selectors.ordered(
            selectors.with_overdue(filterset.qs), self.request.GET.get("sort", "name")
        )
        return filterset, queryset, sort

    def rows(self) -> tuple[DashboardFilter, list[selectors.Row]]:
        """Every filtered location's row (the exports)."""
        filterset, queryset, _sort = self.filtered()
        months = selectors.last_months(filterset.period)
        return filterset, selectors.build_rows(queryset, months)


def _charts(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        charts.bar_chart("contacts", _("Contacten per maand"), points),
        charts.bar_chart("new_trajectories", _("Nieuwe trajecten per maand"), points),
        charts.bar_chart("sessions_held", _("Dagdelen training gegeven per maand"), points),
    ]


def _sort_link(query, key: str, sort: str) -> dict[str, Any]:
    """The link that sorts by `key` (again: the other way round) and its aria-sort."""
    current = sort.lstrip("-") == key
    descending = sort.startswith("-")
    params = query.copy()
    params["sort"] = f"-{key}" if current and not descending else key
    aria = ("descending" if descending else "ascending") if current else None
    return {"url": "?" + params.urlencode(), "aria_sort": aria}


def _headers(query, sort: str) -> list[dict[str, Any]]:
    headers = []
    for column in selectors.COLUMNS:
        link = _sort_link(query, column.key, sort) if column.sortable else {}
        headers.append({"column": column, **link})
    return headers


def _groups() -> list[tuple[Any, int]]:
    """Column groups with their width, for the table's first header row."""
    groups: list[tuple[Any, int]] = []
    for column in selectors.COLUMNS:
        if groups and groups[-1][0] == column.group:
            groups[-1] = (column.group, groups[-1][1] + 1)
        else:
            groups.append((column.group, 1))
    return groups


class DashboardView(DashboardMixin, TemplateView):
    """The rendered content comes from the cache when someone with the same scope asked the
    same question since the last refresh (dashboard/page_cache.py)."""

    template_name = "dashboard/index.html"
    content_template = "dashboard/includes/index_content.html"

    def get(self, request, *args, **kwargs):
        def render() -> str:
            return render_to_string(self.content_template, self.get_context_data(**kwargs), request)

        content = page_cache.cached("index", request, render)
        # Our own template's output, from our own cache; escaped when it was rendered.
        return self.render_to_response({"content": mark_safe(content)})  # noqa: S308

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filterset, queryset, sort = self.filtered()
        months = selectors.last_months(filterset.period)
        page = Paginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        rows = selectors.build_rows(page.object_list, months)
        points = selectors.trend(filterset.qs, months) if rows else []
        query = self.request.GET.copy()
        query.pop("pagina", None)
        page_query = query.urlencode()
        query.pop("sort", None)
        return super().get_context_data(
            filter=filterset,
            rows=rows,
            page=page,
            page_query=page_query,
            sort=sort,
            query=query.urlencode(),
            headers=_headers(query, sort),
            groups=_groups(),
            period=filterset.period,
            name_sort=_sort_link(query, "name", sort),
            city_sort=_sort_link(query, "city", sort),
            points=points,
            charts=_charts(points),
            partial=any(p["partial"] for p in points),
            legend=[sup.LEGEND_SMALL, sup.LEGEND_HIDDEN],
            # How fresh the figures are: a worker refreshes a location a few seconds after
            # a write (dashboard/tasks.py); the oldest row shown says it for the page.
            figures_at=min((r.updated_at for r in rows if r.updated_at), default=None),
            **kwargs,
        )


class LocationDashboardView(TemplateView):
    template_name = "dashboard/location.html"

    def dispatch(self, request, *args, **kwargs):
        self.location = get_visible_or_404(Location, request.user, pk=kwargs["pk"])
        if not selectors.may_see_location(request.user, self.location):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filterset = DashboardFilter(self.request.GET or None, queryset=Location.objects.none())
        location = selectors.with_overdue(Location.objects.filter(pk=self.location.pk)).get()
        months = selectors.last_months(filterset.period)
        row = selectors.build_rows([location], months)[0]
        points = selectors.location_trend(row)
        groups: dict[Any, list] = {}
        for column, cell in row.columns:
            groups.setdefault(column.group, []).append((column, cell))
        return super().get_context_data(
            location=location,
            row=row,
            groups=groups,
            period=filterset.period,
            periods=filterset.form["months"],
            points=points,
            charts=_charts(points),
            legend=[sup.LEGEND_SMALL, sup.LEGEND_HIDDEN],
            **kwargs,
        )


class ExportCsvView(DashboardMixin, View):
    def get(self, request, *args, **kwargs):
        filterset, rows = self.rows()
        return exports.csv_response(rows, filterset.period)


class ExportXlsxView(DashboardMixin, View):
    def get(self, request, *args, **kwargs):
        filterset, rows = self.rows()
        return exports.xlsx_response(rows, filterset.period)
