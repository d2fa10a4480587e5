"""The dashboard table as CSV and XLSX: the same rows, filters and suppression as the page."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import suppression as sup
from .selectors import COLUMNS, STATUS_LABELS, Row

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header(months: int) -> list[str]:
    labels = [_("Locatie"), _("Gemeente"), _("Status locatie")]
    for column in COLUMNS:
        label = str(column.label)
        if column.key in {"new_period", "contacts_period"}:
            label = _("%(label)s, laatste %(months)s maanden") % {
                "label": label,
                "months": months,
            }
        labels.append(label)
    return labels


def _safe(text: str) -> str:
    """No formula injection from a location's name in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def table(rows: list[Row], months: int, *, numbers: bool) -> list[list[Any]]:
    result: list[list[Any]] = [header(months)]
    for row in rows:
        location = row.location
        values: list[Any] = [
            _safe(location.name),
            _safe(location.city),
            str(STATUS_LABELS.get(location.status, location.status)),
        ]
        for _column, cell in row.columns:
            values.append(cell.export_value if numbers else cell.text)
        result.append(values)
    result.append([])
    result.append([str(sup.LEGEND_SMALL)])
    result.append([str(sup.LEGEND_HIDDEN)])
    return result


def filename(extension: str) -> str:
    return f"dashboard-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(rows: list[Row], months: int) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(table(rows, months, numbers=False))
    response = HttpResponse(
        "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
    )  # a BOM so Excel reads UTF-8
    response["Content-Disposition"] = f'attachment; filename="{filename("csv")}"'
    return response


def xlsx_response(rows: list[Row], months: int) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Dashboard")[:31]
    for values in table(rows, months, numbers=True):
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename("xlsx")}"'
    return response
