"""The casework panels on the home page: a social worker's or expert's own files, and the
privacy officer's way into the audit trails of their locations."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Max
from django.http import HttpRequest
from django.utils import timezone

from casework import services
from casework.constants import AuditAction
from casework.models import CaseAuditEvent, Resident
from casework.querysets import casework_posts
from teams import access

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


def privacy_duties(request: HttpRequest, **kwargs: Any) -> dict[str, Any] | None:
    """A privacy officer's locations, each with its audit trail and what needs a look: how
    many break-glass openings and erasures the last 30 days. None for everyone else."""
    location_ids = access.scope_for(request.user).privacy_location_ids
    if not location_ids:
        return None
    from teams.models import Location

    since = timezone.now() - datetime.timedelta(days=30)
    notable = dict(
        CaseAuditEvent.objects.filter(
            location_id__in=location_ids,
            action__in=[AuditAction.BREAK_GLASS, AuditAction.ERASE],
            at__gte=since,
        )
        .values_list("location_id")
        .annotate(count=Count("pk"))
    )
    locations = list(Location.objects.filter(pk__in=location_ids).order_by("name"))
    for location in locations:
        location.notable_audit_events = notable.get(location.pk, 0)
    return {"template": "casework/includes/home_privacy.html", "locations": locations}
