"""A Redis cache that degrades to a miss when Redis is away, instead of failing the request.

Django's own `RedisCache` raises on a connection error. For us the cache is an optimisation:
every value in it can be computed again from PostgreSQL (the session cache is `cached_db`, the
access scope and the dashboard fragments are derived data). So reads that fail are a miss and
writes that fail are dropped, with a warning in the log; the page is then only slower. The
operations that coordinate work (`add`, `incr`, `decr`) still raise: a silent failure there
would be a wrong answer (see dashboard/tasks.py, which falls back to refreshing in-process).
Short socket time-outs keep a dead Redis from holding a request for long.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    def _failed(self, operation: str, error: Exception) -> None:
        logger.warning("Redis cache %s failed: %s", operation, error)

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except RedisError as error:
            self._failed("get", error)
            return default

    def get_many(self, keys, version: int | None = None) -> dict[str, Any]:
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            self._failed("get_many", error)
            return {}

    def has_key(self, key: str, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version)
        except RedisError as error:
            self._failed("has_key", error)
            return False

    def set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version=None) -> None:
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            self._failed("set", error)

    def set_many(self, data, timeout: Any = DEFAULT_TIMEOUT, version=None) -> list[str]:
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            self._failed("set_many", error)
            return list(data)

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version=None) -> bool:
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            self._failed("touch", error)
            return False

    def delete(self, key: str, version: int | None = None) -> bool:
        try:
            return super().delete(key, version)
        except RedisError as error:
            self._failed("delete", error)
            return False

    def delete_many(self, keys, version: int | None = None) -> None:
        try:
            super().delete_many(keys, version)
        except RedisError as error:
            self._failed("delete_many", error)


def ping(alias: str = "default") -> None:
    """Raise when the cache cannot be reached (health check): a real round trip."""
    from django.core.cache import caches

    cache = caches[alias]
    if isinstance(cache, RedisCache):
        cache._cache.get_client(write=True).ping()
        return
    cache.set("healthz:ping", 1, 5)
