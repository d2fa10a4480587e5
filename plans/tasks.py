"""Scheduled work of plans (Celery beat: see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from plans.digest import send_digests


@shared_task(acks_late=True, ignore_result=True)
def send_action_digest() -> int:
    """Daily at DIGEST_HOUR: one digest per projectleider per day (idempotent, see
    plans/digest.py)."""
    return send_digests(today=timezone.localdate(), days=settings.DIGEST_DAYS).queued
