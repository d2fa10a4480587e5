"""Cache and broker settings from one REDIS_URL, validated when the settings load.

A broken URL is an ImproperlyConfigured at start-up, not a half-working server; whether the
server answers is checked when gunicorn starts (config/gunicorn.py) and by the worker itself
(`broker_connection_retry_on_startup` is off: a worker without a broker stops with an error).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

REDIS_SCHEMES = ("redis", "rediss", "unix")


def validated_redis_url(url: str, name: str = "REDIS_URL") -> str:
    parts = urlsplit(url)
    if parts.scheme not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} must start with redis://, rediss:// or unix:// (got {parts.scheme!r})."
        )
    if parts.scheme != "unix" and not parts.hostname:
        raise ImproperlyConfigured(f"{name} has no host name: {url!r}.")
    try:
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} has an invalid port: {url!r}.") from error
    database = parts.path.lstrip("/")
    if parts.scheme != "unix" and database and not database.isdigit():
        raise ImproperlyConfigured(f"{name} must end in a database number, e.g. /0: {url!r}.")
    return url


def caches(redis_url: str) -> dict[str, Any]:
    """Redis (shared by every app server) when there is a URL, else one process's memory."""
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "wijkkracht",
            }
        }
    return {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": validated_redis_url(redis_url),
            "KEY_PREFIX": "wk",
            "TIMEOUT": 300,
            # A Redis that is gone costs a request at most half a second per call.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
