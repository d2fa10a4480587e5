"""Makes the user's scope available to every template as `scope`."""

from typing import Any

from django.http import HttpRequest

from teams.access import scope_for


def access(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"scope": scope_for(user)}
