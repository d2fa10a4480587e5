"""The printable weekly programme of a location's activities: HTML and PDF (WeasyPrint, A4,
no URL fetched while rendering)."""

from __future__ import annotations

import datetime
from itertools import groupby
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from activities import selectors

TEMPLATE = "activities/programme_pdf.html"


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def context(location: Any, monday: datetime.date) -> dict[str, Any]:
    meetings = selectors.week_programme(location, monday)
    days = [
        (day, list(items)) for day, items in groupby(meetings, key=lambda meeting: meeting.date)
    ]
    return {
        "location": location,
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "days": days,
        "printed_on": timezone.localdate(),
    }


def render_pdf(location: Any, monday: datetime.date) -> bytes:
    import weasyprint  # heavy: only the programme needs it

    html = render_to_string(TEMPLATE, context(location, monday))
    return weasyprint.HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"Refusing to fetch {url!r} while rendering the programme")
