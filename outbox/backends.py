"""EMAIL_BACKEND for every mail Django sends (password reset, invitations, digests...): puts
it in the outbox instead of talking to the mail server during the request."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend

from outbox.services import mail_enqueue


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        return sum(1 for message in email_messages if mail_enqueue(message) is not None)
