"""The outbox: every mail is stored with what caused it and sent after the commit, with retries.

Tasks run eagerly here (the test settings have no broker); tests/runtime/ runs them on a real
worker.
"""

from __future__ import annotations

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.test import TestCase

from outbox import services
from outbox.models import OutgoingMail

pytestmark = pytest.mark.django_db

OUTBOX = "outbox.backends.OutboxBackend"


@pytest.fixture
def via_outbox(settings):
    settings.EMAIL_BACKEND = OUTBOX
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def message(to="anna@voorbeeld.invalid") -> EmailMessage:
    return EmailMessage("Onderwerp", "Tekst", "noreply@voorbeeld.invalid", [to])


def test_send_mail_is_stored_and_sent_after_the_commit(via_outbox):
    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
        send_mail("Welkom", "Hallo", None, ["anna@voorbeeld.invalid"])
        assert mail.outbox == []  # nothing goes out inside the transaction
        row = OutgoingMail.objects.get()
        assert row.status == "pending" and row.message["subject"] == "Welkom"
    assert len(callbacks) == 1
    assert [m.subject for m in mail.outbox] == ["Welkom"]
    row.refresh_from_db()
    assert row.status == "sent" and row.message is None and row.sent_at is not None


def test_a_rolled_back_request_sends_nothing(via_outbox):
    with TestCase.captureOnCommitCallbacks(execute=True):
        try:
            with transaction.atomic():
                send_mail("Nooit", "Hallo", None, ["anna@voorbeeld.invalid"])
                raise RuntimeError("the request fails")
        except RuntimeError:
            pass
    assert mail.outbox == [] and not OutgoingMail.objects.exists()


def test_a_down_mail_server_fails_no_request_and_loses_no_mail(via_outbox, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    failing = mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPServerDisconnected("down"),
    )
    from outbox.tasks import deliver

    with failing:
        with TestCase.captureOnCommitCallbacks(execute=True):
            assert send_mail("Reset", "Link", None, ["anna@voorbeeld.invalid"]) == 1  # no error
        row = OutgoingMail.objects.get()
        assert (row.status, row.attempts) == ("pending", 1)  # waits for the next try
        deliver.apply((row.pk,))  # the retries (on a worker: 30 s, then 1 minute later)
        deliver.apply((row.pk,))
    row.refresh_from_db()
    assert row.status == "failed" and row.attempts == 3
    assert "SMTPServerDisconnected" in row.last_error
    assert row.message["subject"] == "Reset"  # kept, for a beheerder to resend


def test_delivery_is_idempotent(via_outbox):
    row = services.mail_enqueue(message())
    assert services.mail_deliver(mail_id=row.pk) is True
    assert services.mail_deliver(mail_id=row.pk) is False  # sent already: nothing again
    assert len(mail.outbox) == 1


def test_a_dedupe_key_queues_a_mail_once():
    assert services.mail_enqueue(message(), dedupe_key="digest:1:2026-12-07") is not None
    assert services.mail_enqueue(message(), dedupe_key="digest:1:2026-12-07") is None
    assert OutgoingMail.objects.count() == 1


def test_the_sweep_queues_mails_left_pending(via_outbox):
    row = services.mail_enqueue(message())  # its on-commit task never ran (a lost broker)
    OutgoingMail.objects.filter(pk=row.pk).update(
        created_at=row.created_at - __import__("datetime").timedelta(minutes=10)
    )
    assert services.mail_sweep() == 1
    row.refresh_from_db()
    assert row.status == "sent" and len(mail.outbox) == 1


def test_a_mail_without_recipients_is_not_stored():
    assert services.mail_enqueue(EmailMessage("x", "y", None, [])) is None
    assert not OutgoingMail.objects.exists()


def test_html_alternatives_survive_the_round_trip(via_outbox):
    from django.core.mail import EmailMultiAlternatives

    original = EmailMultiAlternatives("Digest", "tekst", None, ["b@voorbeeld.invalid"])
    original.attach_alternative("<p>html</p>", "text/html")
    with TestCase.captureOnCommitCallbacks(execute=True):
        original.send()
    sent = mail.outbox[0]
    assert sent.body == "tekst" and sent.alternatives[0] == ("<p>html</p>", "text/html")
