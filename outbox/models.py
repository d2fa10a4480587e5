"""Outgoing e-mail, kept in the database until the mail server has taken it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One e-mail on its way out: queued in the same transaction as what caused it, sent by a
    Celery task with retries; its content is erased once it is sent."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op verzending")
        SENT = "sent", _("verzonden")
        FAILED = "failed", _("mislukt")

    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # What makes this mail unique, when it may be sent only once (the digest: one per
    # recipient per day). The unique constraint is the sent-marker: two workers or two beats
    # that try the same key make one mail.
    dedupe_key = models.CharField(_("sleutel"), max_length=200, null=True, blank=True, unique=True)
    recipients = models.PositiveSmallIntegerField(_("aantal ontvangers"), default=0)
    message = models.JSONField(_("bericht"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mail")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="sent", message__isnull=True) | ~models.Q(status="sent"),
                name="outbox_sent_mail_has_no_content",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} #{self.pk}"
