"""The session engine (SESSION_ENGINE = "teams.sessions"): Django's `cached_db`, with the account.

- **Shared and durable.** Every session is written to PostgreSQL and kept in the shared cache
  (Redis in production) for reading, so any app server continues any session, and a Redis that
  is stopped or flushed loses nothing: the read falls through to the database
  (config/cache.py turns a failing cache read into a miss).
- **Per user.** Each row carries the account id (`teams.UserSession.user_id`), so turning on
  two-factor log-in or changing the password can end every other session of that user
  (`end_other_sessions`).
- **No write per request.** The idle time-out is kept by `SessionRefreshMiddleware`: it renews
  a session at most once a minute (SESSION_REFRESH_INTERVAL), instead of
  SESSION_SAVE_EVERY_REQUEST writing on every request.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.http import HttpRequest

REFRESHED_KEY = "_wk_refreshed"


class SessionStore(CachedDBStore):
    cache_key_prefix = "wk.session."

    @classmethod
    def get_model_class(cls):
        from teams.models import UserSession

        return UserSession

    def create_model_instance(self, data: dict[str, Any]):
        instance = super().create_model_instance(data)
        try:
            instance.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            instance.user_id = None
        return instance


def end_other_sessions(user: Any, *, keep: str | None = None) -> int:
    """End every session of `user` except the one with key `keep`; returns how many."""
    from teams.models import UserSession

    keys = list(
        UserSession.objects.filter(user_id=user.pk)
        .exclude(session_key=keep or "")
        .values_list("session_key", flat=True)
    )
    for key in keys:
        SessionStore(session_key=key).delete()
    return len(keys)


class SessionRefreshMiddleware:
    """Renew a logged-in session at most once a minute, so it expires after SESSION_COOKIE_AGE
    of inactivity (give or take the interval) without a database write on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or response.status_code >= 500:
            return response
        now = int(time.time())
        last = session.get(REFRESHED_KEY, 0)
        if not isinstance(last, int) or now - last >= settings.SESSION_REFRESH_INTERVAL:
            session[REFRESHED_KEY] = now
        return response


def refreshed_on_log_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """A log-in saves the session anyway: it counts as its first renewal
    (user_logged_in receiver, see teams/apps.py)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED_KEY] = int(time.time())
