"""The plans app's panel on the home page: a projectleider's open and overdue actions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from plans import selectors

SHOWN = 8


def open_actions(request: HttpRequest, **kwargs: Any) -> dict[str, Any] | None:
    """Open actions of approved or running plans: overdue first, then the next ones."""
    actions = list(selectors.open_actions_for(request.user))  # one plan's worth: a few dozen
    if not actions:
        return None
    today = timezone.localdate()
    overdue = [action for action in actions if action.due_on and action.due_on < today]
    upcoming = [action for action in actions if action not in overdue]
    return {
        "template": "plans/includes/home_actions.html",
        "overdue": overdue[:SHOWN],
        "upcoming": upcoming[: max(SHOWN - len(overdue), 3)],
        "overdue_total": len(overdue),
        "open_total": len(actions),
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
