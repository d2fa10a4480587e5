"""Checks at start-up: an app server that cannot reach its cache or broker stops with a clear
message instead of serving half-working pages (called from config/gunicorn.py)."""

from __future__ import annotations

from django.conf import settings


def service_problems() -> list[str]:
    """What is unreachable now, in words an operator can act on (empty: all good)."""
    from django.core.cache import caches

    from config.cache import ping

    problems = []
    try:
        ping()
    except Exception as error:  # redis-py's and other backends' errors alike
        problems.append(f"cache at {settings.CACHES['default'].get('LOCATION')}: {error}")
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        from config.celery import app

        try:
            with app.connection_for_write() as broker:
                broker.ensure_connection(max_retries=2, interval_start=0.2, timeout=2)
        except Exception as error:
            problems.append(f"Celery broker at {settings.CELERY_BROKER_URL}: {error}")
    caches.close_all()
    return problems
