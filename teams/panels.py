"""Panels that other apps add to teams' pages, named in settings.PANELS (no import of them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string


def panels_for(page: str, request: HttpRequest, **kwargs: Any) -> list[dict[str, Any]]:
    """The panels configured for `page`, each a dict with at least a 'template'."""
    found = (import_string(path)(request, **kwargs) for path in settings.PANELS.get(page, []))
    return [panel for panel in found if panel]


def lockouts(request: HttpRequest, **kwargs: Any) -> dict[str, Any] | None:
    """Home page of coordinators and beheerders: how many accounts are locked now."""
    from teams import access, throttling

    if not access.can_see_lockouts(request.user):
        return None
    return {"template": "teams/includes/home_lockouts.html", "count": throttling.locked_count()}
