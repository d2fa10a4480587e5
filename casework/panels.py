"""The casework panel on the home page: a social worker's or expert's own files."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.http import HttpRequest

from casework import services
from casework.models import Resident
from casework.querysets import casework_posts

SHOWN = 6


def my_cases(request: HttpRequest, **kwargs: Any) -> dict[str, Any] | None:
    """The files the user sees, the most recent contact first, and where to register one.
    None for users who do no casework. Each file named gets a read event ("startpagina")."""
    posts = casework_posts(request.user)
    if not posts:
        return None
    from teams.models import Location

    files = (
        Resident.objects.visible_to(request.user)
        .annotate(last_contact=Max("trajectories__contacts__date"))
        .order_by("-last_contact", "-created_at")
    )
    shown = list(files[:SHOWN])
    services.audit_listed(shown, request.user, "startpagina")  # the panel names them
    return {
        "template": "casework/includes/home_cases.html",
        "files": shown,
        "locations": list(Location.objects.filter(pk__in={loc for loc, _org in posts})),
    }
