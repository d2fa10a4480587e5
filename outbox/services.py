"""Queue e-mail and deliver it: the one way mail leaves Wijkkracht.

`mail_enqueue` stores the message in the same transaction as what caused it and asks a worker
to send it after the commit. `mail_deliver` (run by the task `outbox.tasks.deliver`) sends it
through the real mail backend (OUTBOX_DELIVERY_BACKEND) and erases its content. A mail server
that is down makes the task retry with growing pauses, never the request fail; a queue that
is down leaves the mail pending, and `outbox.tasks.sweep` (every few minutes, from beat) queues
it again.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from outbox.models import OutgoingMail
from outbox.serialization import from_data, to_data

logger = logging.getLogger(__name__)


def _queue_delivery(mail_id: int) -> None:
    from outbox.tasks import deliver

    try:
        deliver.delay(mail_id)
    except Exception:  # the broker is down: the sweep queues it again later
        logger.exception("Could not queue mail %s; the sweep will retry it", mail_id)


def mail_enqueue(message: EmailMessage, *, dedupe_key: str | None = None) -> OutgoingMail | None:
    """Store the message and send it after the commit. With a `dedupe_key` that was queued
    before, nothing is stored and None is returned (the mail went out already)."""
    recipients = len(message.recipients())
    if not recipients:
        return None
    try:
        with transaction.atomic():
            mail = OutgoingMail.objects.create(
                dedupe_key=dedupe_key, recipients=recipients, message=to_data(message)
            )
    except IntegrityError:
        if dedupe_key and OutgoingMail.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    transaction.on_commit(lambda: _queue_delivery(mail.pk), robust=True)
    return mail


class DeliveryFailed(Exception):
    """The mail server refused or could not be reached: the task tries again later."""

    def __init__(self, message: str, *, attempts: int):
        super().__init__(message)
        self.attempts = attempts


def mail_deliver(*, mail_id: int) -> bool:
    """Send one queued mail once. Returns True when it was sent now, False when there was
    nothing to do (sent already, or another worker is sending it). Raises DeliveryFailed."""
    failure = None
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, status=OutgoingMail.Status.PENDING)
            .first()
        )
        if mail is None:
            return False
        mail.attempts += 1
        try:
            connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
            connection.send_messages([from_data(mail.message)])
        except Exception as error:  # smtplib, socket and backend errors alike
            failure = error
            mail.last_error = f"{type(error).__name__}: {error}"[:300]
            mail.save(update_fields=["attempts", "last_error"])  # committed: the try counts
        else:
            mail.status = OutgoingMail.Status.SENT
            mail.sent_at = timezone.now()
            mail.message = None
            mail.last_error = ""
            mail.save(update_fields=["status", "sent_at", "message", "attempts", "last_error"])
    if failure is not None:
        raise DeliveryFailed(str(failure), attempts=mail.attempts) from failure
    return True


def mail_give_up(*, mail_id: int, error: str) -> None:
    """After the last retry: mark it failed (the content stays, for a beheerder to resend)."""
    OutgoingMail.objects.filter(pk=mail_id, status=OutgoingMail.Status.PENDING).update(
        status=OutgoingMail.Status.FAILED
    )
    logger.error("Mail %s given up after retries: %s", mail_id, error)


def mail_sweep(*, older_than: timedelta = timedelta(minutes=5)) -> int:
    """Queue again every mail still pending after `older_than` (its task was lost)."""
    cutoff = timezone.now() - older_than
    ids = list(
        OutgoingMail.objects.filter(
            status=OutgoingMail.Status.PENDING, created_at__lt=cutoff
        ).values_list("pk", flat=True)[:500]
    )
    for mail_id in ids:
        _queue_delivery(mail_id)
    return len(ids)


def erase_sent(*, older_than: timedelta = timedelta(days=30)) -> int:
    """Forget the delivery records of mails sent longer ago (their content is gone already)."""
    cutoff = timezone.now() - older_than
    deleted, _ = OutgoingMail.objects.filter(
        status=OutgoingMail.Status.SENT, sent_at__lt=cutoff, dedupe_key__isnull=True
    ).delete()
    return deleted
