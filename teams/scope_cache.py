"""The access scope in the shared cache, so a plain page needs no query for it.

`teams.access.scope_for` computes a user's scope from their active memberships. That answer is
kept per user in the cache under `scope:<user id>:<date>` (memberships start and end by date,
so a new day is a new key), together with the *version* it was computed at. Any change to a
membership, a person (the link to an account) or an account (superuser) bumps the version
after its commit; a cached scope of an older version is computed again. A request stores the
version it read *before* it queried, so a scope computed from data that changed meanwhile is
never stored under the new version. One round trip to the cache per request reads both.

If the bump cannot reach the cache (Redis away at that moment), the cached scopes cannot be
read either; they expire after SCOPE_CACHE_SECONDS (60) at the latest, whatever happens.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)
VERSION_KEY = "scope:version"


def _key(user_id: int) -> str:
    return f"scope:{user_id}:{timezone.localdate().isoformat()}"


def read(user_id: int) -> tuple[Any, Any]:
    """(the cached scope or None, the current version to store a new one with)."""
    key = _key(user_id)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY, 0)
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return stored[1], version
    return None, version


def store(user_id: int, version: Any, scope: Any) -> None:
    cache.set(_key(user_id), (version, scope), settings.SCOPE_CACHE_SECONDS)


def _bump() -> None:
    try:
        cache.add(VERSION_KEY, 0, None)
        cache.incr(VERSION_KEY)
    except Exception:  # Redis away: nothing can be read either; entries expire in a minute
        logger.exception("Could not bump the scope version")


def bump_after_commit(**kwargs: Any) -> None:
    """Signal receiver: memberships, people or accounts changed. Bumped at once (later reads
    in this transaction see the change) and again after the commit (a scope another request
    computed in between, from the data before the commit, is not kept)."""
    _bump()
    transaction.on_commit(_bump, robust=True)


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save

    from teams.models import Membership, Person

    for model in (Membership, Person, get_user_model()):
        label = model._meta.label
        post_save.connect(bump_after_commit, sender=model, dispatch_uid=f"scope-{label}-save")
        post_delete.connect(bump_after_commit, sender=model, dispatch_uid=f"scope-{label}-del")
