"""Scheduled work of the embedding monitor (Celery beat: see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from embedding.services import sync_all_derived


@shared_task(acks_late=True, ignore_result=True)
def sync_derived() -> int:
    """Nightly: bring every derived condition up to date (writes that send no signal)."""
    return sync_all_derived()
