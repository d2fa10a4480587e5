"""Keep an idle session alive when the user says so (the time-out warning's button)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST


@never_cache
@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """Renew the session now (other requests renew it at most once a minute, see
    teams/sessions.py): the idle time-out starts again from here."""
    request.session.modified = True
    return HttpResponse(status=204)
