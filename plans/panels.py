"""The plans app's panel on the home page: a projectleider's open and overdue actions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from plans import selectors

SHOWN = 8


def open_actions(request: HttpRequest, **kwargs: Any) -> dict[str, Any] | None:
    actions = selectors.open_actions_for(request.user)
    if not actions.exists():
        return None
    today = timezone.localdate()
    overdue = list(actions.filter(due_on__lt=today)[:SHOWN])
    upcoming = list(actions.exclude(due_on__lt=today)[: max(SHOWN - len(overdue), 3)])
    return {
        "template": "plans/includes/home_actions.html",
        "overdue": overdue,
        "upcoming": upcoming,
        "overdue_total": actions.filter(due_on__lt=today).count(),
        "open_total": actions.count(),
    }


def location_plans(request: HttpRequest, *, location: Any) -> dict[str, Any]:
    """The plans of a location on its page, with a button to start one for its manager."""
    from teams import access

    return {
        "template": "plans/includes/location_plans.html",
        "plans": list(location.plans.order_by("-starts_on")),
        "can_create": access.can_manage_location(request.user, location),
        "location": location,
    }
