"""Error pages: a Dutch 503 when the database is unavailable, Django's 500 page otherwise.

Django calls `handler500` from inside the `except` that caught the error, also for an error
raised in middleware (for a logged-in user the session lookup is the first query of a request),
so `sys.exc_info()` tells what went wrong.

The 503 page is rendered without a request: no context processors, no `user`, no session,
nothing that could query the database that just failed. For a POST it shows what the user
typed and a form that sends the same data again once the database is back.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from typing import Any

from django.db import InterfaceError, OperationalError
from django.forms import ChoiceField, ModelChoiceField
from django.forms.utils import pretty_name
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.urls import resolve
from django.utils.cache import add_never_cache_headers
from django.utils.choices import flatten_choices
from django.utils.text import capfirst
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
try:  # the driver's own errors, in case one escapes Django's wrapping
    import psycopg2
except ImportError:  # pragma: no cover - psycopg2 is a dependency
    pass
else:
    DATABASE_ERRORS += (psycopg2.OperationalError, psycopg2.InterfaceError)

RETRY_AFTER_SECONDS = 120
MAX_SHOWN_LENGTH = 20_000  # a value longer than this is cut in the list (not in the form)
CSRF_FIELD = "csrfmiddlewaretoken"
# Posted fields that are not something the user typed: sent again, but not listed.
TECHNICAL_FIELDS = {CSRF_FIELD, "revision", "base", "next", "token", "version", "field"}
MANAGEMENT_SUFFIXES = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS", "-id")

FALLBACK_HTML = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
    "<title>Tijdelijk niet beschikbaar – Wijkkracht</title></head><body><main>"
    "<h1>Wijkkracht is tijdelijk niet beschikbaar</h1>"
    "<p>De database antwoordt niet. Er is niets opgeslagen. "
    "Probeer het over een paar minuten opnieuw.</p></main></body></html>"
)


def is_database_unavailable(error: BaseException | None) -> bool:
    """True when `error`, or an error it was raised from, says the database cannot be used."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: 503 with a Dutch explanation when the database is down, else the 500 page."""
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    return defaults.server_error(request, template_name=template_name)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {
        "action": request.get_full_path(),
        "is_post": request.method == "POST",
    }
    if context["is_post"]:
        context.update(_posted(request))
    try:
        body = loader.get_template("503.html").render(context)
    except Exception:  # the page itself must never turn a 503 into a crash
        logger.exception("503.html could not be rendered")
        body = FALLBACK_HTML
    _leave_session_alone(request)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # It may hold what the user typed (resident data): never kept by a browser or proxy.
    add_never_cache_headers(response)
    return response


def _leave_session_alone(request: HttpRequest) -> None:
    """Keep SessionMiddleware from reading the session on the way out.

    With SESSION_SAVE_EVERY_REQUEST it reads the session even for a 5xx answer (which it does
    not save); when the session could not be loaded that is a second database error, and a
    second page that replaces this one together with the headers (CSP, X-Frame-Options) the
    middleware inside added to it. Without `request.session` it passes the answer unchanged.
    """
    with contextlib.suppress(AttributeError):
        del request.session


def _posted(request: HttpRequest) -> dict[str, Any]:
    """What was posted: `hidden` (name, value) pairs to send again and `shown` to read."""
    try:
        data, files = request.POST, request.FILES
    except Exception:  # body too large or unreadable: nothing to show again
        logger.warning("posted data could not be read for the 503 page", exc_info=True)
        return {"lost": True}
    fields = _form_fields(request)
    hidden: list[tuple[str, str]] = []
    shown: list[dict[str, Any]] = []
    passwords_left_out = False
    for name, values in data.lists():
        if "password" in name.lower() or "wachtwoord" in name.lower():
            passwords_left_out = True
            continue
        field = fields.get(name)
        for value in values:
            hidden.append((name, value))
            if (
                name in TECHNICAL_FIELDS
                or name.endswith(MANAGEMENT_SUFFIXES)
                or (field is not None and field.widget.is_hidden)
                or not value.strip()
            ):
                continue
            if isinstance(field, ModelChoiceField):
                continue  # an id means nothing to the reader, and its name needs the database
            shown.append(
                {
                    "label": capfirst(str(field.label or pretty_name(name)) if field else name),
                    "value": _choice_label(field, value)[:MAX_SHOWN_LENGTH],
                    "cut": len(value) > MAX_SHOWN_LENGTH,
                }
            )
    if CSRF_FIELD not in data:  # posted with a header (htmx): a form needs the field
        hidden.insert(0, (CSRF_FIELD, get_token(request)))
    return {
        "hidden": hidden,
        "shown": shown,
        "passwords_left_out": passwords_left_out,
        "files_left_out": bool(files),
    }


def _choice_label(field: Any, value: str) -> str:
    """The label of a fixed choice ('ervaringsdeskundige' for a role), else the value."""
    if not isinstance(field, ChoiceField):
        return value
    try:
        labels = {str(key): str(label) for key, label in flatten_choices(field.choices)}
    except Exception:  # choices computed from the database: show the value itself
        return value
    return labels.get(value, value)


def _form_fields(request: HttpRequest) -> dict[str, Any]:
    """The fields of the view's form class, for their labels; empty when there is none."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Exception:
        return {}
    form_class = getattr(getattr(match.func, "view_class", None), "form_class", None)
    return dict(getattr(form_class, "base_fields", None) or {})
