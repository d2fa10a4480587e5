"""The dashboard's refreshes, off the request: a write queues a refresh of its location.

`queue_refresh` runs after the write's commit (dashboard/signals.py). Refreshes of one
location are coalesced: the first write marks the location pending in the shared cache
(`cache.add`, atomic in Redis) and queues one task `DASHBOARD_REFRESH_DELAY` seconds later;
the writes that follow while it is pending queue nothing. The task clears the mark *before* it
recomputes, so a write that commits during the recompute queues the next one: no write is
missed, and 100 quick writes to one location give a handful of refreshes. When Redis (cache
and broker) cannot be reached the refresh runs in-process, as it did before the queue, so
the figures stay right during an outage. The nightly `refresh_all` catches up whatever was
lost anyway (a task dropped with a flushed Redis, writes that send no signal).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from dashboard import summaries

logger = logging.getLogger(__name__)

QUEUE_ERRORS = (RedisError, OperationalError, ConnectionError)


def pending_key(location_id: int) -> str:
    return f"dashboard:refresh-pending:{location_id}"


def queue_refresh(location_ids: Iterable[int]) -> None:
    for location_id in sorted(set(location_ids)):
        try:
            if not cache.add(pending_key(location_id), 1, settings.DASHBOARD_REFRESH_PENDING_TTL):
                continue  # a refresh is queued and has not started: it will see this write
            refresh_location.apply_async((location_id,), countdown=settings.DASHBOARD_REFRESH_DELAY)
        except QUEUE_ERRORS as error:
            logger.warning(
                "Queue unreachable (%s): refreshing location %s here", error, location_id
            )
            cache.delete(pending_key(location_id))
            summaries.refresh_location(location_id)


@shared_task(acks_late=True, ignore_result=True)
def refresh_location(location_id: int) -> None:
    cache.delete(pending_key(location_id))
    summaries.refresh_location(location_id)


@shared_task(acks_late=True, ignore_result=True)
def refresh_all() -> int:
    """Nightly: recompute every location (what signals cannot see, and dates moving on)."""
    return summaries.refresh_all()
