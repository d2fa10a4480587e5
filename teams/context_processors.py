"""Makes the user's scope available to every template as `scope`, and the idle time-out."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from teams.access import scope_for


def access(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"scope": scope_for(user), "session_timeout": settings.SESSION_COOKIE_AGE}
