"""The embedding app's panels on teams' pages (named in settings.PANELS).

- home page: a projectleider's conditions whose review is overdue;
- location page: how far the location is, per phase, with a link to its conditions.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from embedding import selectors
from teams import access
from teams.constants import Role

SHOWN = 6


def led_locations(user: Any) -> list[int]:
    scope = access.scope_for(user)
    return sorted(
        loc for loc, roles in scope.roles_by_location.items() if Role.PROJECT_LEADER in roles
    )


def overdue_reviews(request: HttpRequest, **kwargs: Any) -> dict[str, Any] | None:
    """Conditions of the locations the user leads whose next review date has passed."""
    led = led_locations(request.user)
    if not led:
        return None
    today = timezone.localdate()
    overdue = selectors.overdue_for(led, today)
    if not overdue:
        return None
    return {
        "template": "embedding/includes/home_overdue.html",
        "overdue": overdue[:SHOWN],
        "overdue_total": len(overdue),
        "today": today,
    }


def location_embedding(request: HttpRequest, *, location: Any) -> dict[str, Any]:
    """Per phase how many conditions are in place (two queries)."""
    adoption = selectors.adoption_of(location)
    conditions = list(location.embedding_conditions.all()) if adoption else []
    return {
        "template": "embedding/includes/location_panel.html",
        "location": location,
        "adoption": adoption,
        "groups": selectors.group_by_phase(conditions),
        "can_manage": access.can_manage_embedding(request.user, location),
    }
