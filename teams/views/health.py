"""/healthz: a JSON probe for load balancers and monitoring.

Database, cache and broker are checked separately; any one failing answers 503 and says which.
The worker is reported too, from the heartbeat that beat asks a worker to write every minute
(`teams.tasks.heartbeat`), but it never fails the probe: an app server without a worker still
serves pages. `celery -A config inspect ping` asks the workers directly (README, "Production").
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.cache import ping as ping_cache

HEARTBEAT_KEY = "worker:heartbeat"


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return "ok"


def _cache() -> str:
    try:
        ping_cache()
    except Exception:  # redis-py raises its own errors, other backends theirs
        return "unavailable"
    return "ok"


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    from config.celery import app

    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=1)
    except Exception:  # kombu wraps the transport's errors differently per version
        return "unavailable"
    return "ok"


def _worker() -> str | int:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    seen = cache.get(HEARTBEAT_KEY)
    return "unknown" if seen is None else max(0, int(time.time() - seen))


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "cache": _cache(), "broker": _broker()}
    failed = sorted(name for name, state in checks.items() if state == "unavailable")
    body = {
        "status": "error" if failed else "ok",
        **checks,
        "worker_seconds_since_heartbeat": _worker(),
    }
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)
