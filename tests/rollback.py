"""Undo one example of a loop: a savepoint rolled back, and the cache emptied with it.

The cache holds copies of rows (the sessions of cached_db, the scope): after a rollback those
copies would describe writes that never happened, so they go too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction


@contextmanager
def rolled_back() -> Iterator[None]:
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        cache.clear()
