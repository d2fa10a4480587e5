"""The dashboard's rendered content, kept in the shared cache per scope and data version.

A second coordinator opening the same dashboard gets the HTML the first one made, instead of
the rows, the trend and some 15,000 template nodes again. The key holds everything the
content depends on, and nothing of it can cross a user's scope:

- `version`: bumped after every refresh of the summaries (dashboard/summaries.py), which is
  the only data the dashboard reads; a refresh makes every older entry unreachable;
- the day (months and "overdue" move on at midnight) and the language;
- the scope: "all" for coordinators and beheerders, else the exact locations the user leads
  (two projectleiders of different cities never share an entry);
- the page's own query string (filters, sort, page), hashed.

Only content without a per-request secret is cached: no CSRF token or CSP nonce in it (the
filter form is a GET). When the cache is away (Redis down) every request renders afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation

from teams.access import scope_for
from teams.constants import Role

VERSION_KEY = "dashboard:version"


def version() -> int:
    return cache.get(VERSION_KEY) or 0


def bump() -> None:
    """The summaries changed: every cached dashboard is out of date."""
    try:
        cache.add(VERSION_KEY, 0, None)
        cache.incr(VERSION_KEY)
    except Exception:  # noqa: BLE001 (Redis away: nothing cached can be read either)
        cache.delete(VERSION_KEY)


def bump_now_and_after_commit() -> None:
    """At once (later reads in this transaction see the new figures) and after the commit (a
    page another request rendered in between, from the figures before it, is not kept)."""
    bump()
    transaction.on_commit(bump, robust=True)


def scope_key(user: Any) -> str:
    scope = scope_for(user)
    if scope.sees_all_locations:
        return "all"
    led = sorted(
        pk for pk, roles in scope.roles_by_location.items() if Role.PROJECT_LEADER in roles
    )
    return "leads-" + "-".join(str(pk) for pk in led)


def key(page: str, request: Any, *parts: Any) -> str:
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    return ":".join(
        str(part)
        for part in (
            "dashboard",
            page,
            version(),
            timezone.localdate().isoformat(),
            translation.get_language(),
            scope_key(request.user),
            *parts,
            query,
        )
    )


def cached(page: str, request: Any, render: Callable[[], str], *parts: Any) -> str:
    """The content of `page` for this request: from the cache, or rendered and kept.
    DASHBOARD_PAGE_CACHE_SECONDS = 0 switches the cache off (every request renders)."""
    if settings.DASHBOARD_PAGE_CACHE_SECONDS <= 0:
        return render()
    entry = key(page, request, *parts)
    html = cache.get(entry)
    if html is None:
        html = render()
        cache.set(entry, html, settings.DASHBOARD_PAGE_CACHE_SECONDS)
    return html
