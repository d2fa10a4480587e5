"""Clean-up of log-in state (Celery beat: see CELERY_BEAT_SCHEDULE).

Thin callers of what Django and django-axes provide: `clearsessions` removes expired sessions
(our session store's `clear_expired`), the axes clean-up removes lock-out attempts whose
cool-off is over and access logs older than AXES_LOG_RETENTION_DAYS.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone


@shared_task(acks_late=True, ignore_result=True)
def clear_sessions() -> None:
    call_command("clearsessions")


@shared_task(acks_late=True, ignore_result=True)
def clean_axes() -> int:
    from axes.handlers.proxy import AxesProxyHandler
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt

    removed = 0
    cool_off = get_cool_off()
    if cool_off is not None:
        removed, _ = AccessAttempt.objects.filter(
            attempt_time__lte=timezone.now() - cool_off
        ).delete()
    removed += AxesProxyHandler.reset_logs(age_days=settings.AXES_LOG_RETENTION_DAYS)
    removed += AxesProxyHandler.reset_failure_logs(age_days=settings.AXES_LOG_RETENTION_DAYS)
    return removed


@shared_task(ignore_result=True, expires=55)
def heartbeat() -> None:
    """Every minute: a worker notes that it is alive (shown by /healthz)."""
    import time

    from django.core.cache import cache

    from teams.views.health import HEARTBEAT_KEY

    cache.set(HEARTBEAT_KEY, time.time(), 600)
