"""Celery tasks of the outbox: deliver one mail (with retries), sweep what was left pending."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from outbox import services


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=None,  # limited by OUTBOX_MAX_ATTEMPTS, counted in the database
    ignore_result=True,
)
def deliver(self, mail_id: int) -> bool:
    try:
        return services.mail_deliver(mail_id=mail_id)
    except services.DeliveryFailed as error:
        if error.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            services.mail_give_up(mail_id=mail_id, error=str(error))
            return False
        if self.request.is_eager:
            return False  # in-process (`make run`): the sweep tries again in a few minutes
        # 30 s, 1, 2, 4, ... minutes, at most 30 minutes between tries.
        countdown = min(30 * 2 ** (error.attempts - 1), 30 * 60)
        raise self.retry(exc=error, countdown=countdown) from error


@shared_task(acks_late=True, ignore_result=True)
def sweep() -> int:
    services.erase_sent()
    return services.mail_sweep()
