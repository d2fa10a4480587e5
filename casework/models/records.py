"""What survives and what is kept about the casework: anonymous tallies, the casework audit
trail, break-glass accesses and each location's agreement on urgent situations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.constants import AuditAction, CollaborationForm, ContactKind, TallySource


class AnonymousTally(models.Model):
    """Counts without a person: contacts and trajectories per location, month, form and kind.

    Kept for contacts with a resident who gave no consent to record, and what is left of a
    resident's file after erasure or the retention period. Nothing here points to a person."""

    location = models.ForeignKey(
        "teams.Location",
        on_delete=models.PROTECT,
        related_name="tallies",
        verbose_name=_("locatie"),
    )
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    form = models.CharField(
        _("vorm van samenwerking"), max_length=20, choices=CollaborationForm.choices, blank=True
    )
    contact_kind = models.CharField(
        _("soort contact"), max_length=20, choices=ContactKind.choices, blank=True
    )
    source = models.CharField(_("herkomst"), max_length=20, choices=TallySource.choices)
    contacts = models.PositiveIntegerField(_("contacten"), default=0)
    trajectories = models.PositiveIntegerField(_("gestarte trajecten"), default=0)

    class Meta:
        verbose_name = _("anonieme telling")
        verbose_name_plural = _("anonieme tellingen")
        ordering = ["location", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "month", "form", "contact_kind", "source"],
                name="tally_one_row_per_cell",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location} {self.month:%m-%Y}: {self.contacts}"


class CaseAuditEvent(models.Model):
    """Every read, change, export and erasure of a resident's data: who, what, when, why.

    Holds ids and field names, never values, so it can outlive the resident's erasure and be
    shown in their access report ("wie heeft mijn dossier bekeken")."""

    resident_id = models.PositiveBigIntegerField(_("bewoner (nummer)"), db_index=True)
    location = models.ForeignKey(
        "teams.Location", on_delete=models.PROTECT, related_name="+", verbose_name=_("locatie")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    action = models.CharField(_("handeling"), max_length=20, choices=AuditAction.choices)
    subject = models.CharField(
        _("onderdeel"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld: contact, toestemming."),
    )
    fields = models.JSONField(_("velden"), default=list, blank=True)
    reason = models.CharField(_("reden"), max_length=500, blank=True)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("auditregel casuïstiek")
        verbose_name_plural = _("audittrail casuïstiek")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} bewoner {self.resident_id} ({self.at:%d-%m-%Y %H:%M})"


class BreakGlassAccess(models.Model):
    """A beheerder's temporary access to one resident's file, with a stated reason."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="break_glass_accesses"
    )
    resident = models.ForeignKey(
        "casework.Resident", on_delete=models.CASCADE, related_name="break_glass_accesses"
    )
    reason = models.CharField(_("reden"), max_length=500)
    started_at = models.DateTimeField(_("begonnen om"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt om"))

    class Meta:
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.user} → {self.resident_id} ({self.started_at:%d-%m-%Y %H:%M})"


class UrgentAgreement(models.Model):
    """A location's agreement on urgent situations (crisis, danger), shown on every case page."""

    location = models.OneToOneField(
        "teams.Location",
        on_delete=models.CASCADE,
        related_name="urgent_agreement",
        verbose_name=_("locatie"),
    )
    text = models.TextField(
        _("afspraken"),
        max_length=4000,
        help_text=_("Wat doet u als een bewoner in acuut gevaar is of een crisis heeft?"),
    )
    crisis_phone = models.CharField(_("telefoon crisisdienst"), max_length=30, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("afspraak bij urgente situaties")
        verbose_name_plural = _("afspraken bij urgente situaties")

    def __str__(self) -> str:
        return str(self.location)
