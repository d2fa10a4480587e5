"""Scheduled work of casework (Celery beat: see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from casework.retention import retention_nightly


@shared_task(acks_late=True, ignore_result=True)
def apply_retention() -> int:
    """Nightly: report to the privacy officers, then anonymise the files that are due."""
    run = retention_nightly(today=timezone.localdate(), months=settings.RETENTION_MONTHS)
    return len(run.erased)
