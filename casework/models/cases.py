"""Residents, their consents, support trajectories and contacts.

Personal data is kept to what is needed; contact details and every free text are encrypted at
rest (`EncryptedTextField`). Who sees a resident is decided in `casework/querysets.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from casework.constants import (
    CollaborationForm,
    ConsentForm,
    ConsentPurpose,
    ContactKind,
    Outcome,
    ReferralSource,
    SupportKind,
    TrajectoryStatus,
)
from casework.encryption import EncryptedTextField
from casework.querysets import (
    ConsentQuerySet,
    ContactQuerySet,
    ResidentQuerySet,
    TrajectoryQuerySet,
)

WRITE_LITTLE = _("Schrijf niet meer op dan nodig is.")


class Resident(models.Model):
    """A resident (bewoner) who asked for support: as little as needed."""

    location = models.ForeignKey(
        "teams.Location",
        on_delete=models.PROTECT,
        related_name="residents",
        verbose_name=_("locatie"),
    )
    neighbourhood = models.ForeignKey(
        "teams.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("wijk"),
    )
    name = EncryptedTextField(
        _("naam of roepnaam"),
        max_length=100,
        help_text=format_lazy("{}{}", _("Een voornaam of een bijnaam is genoeg. "), WRITE_LITTLE),
    )
    phone = EncryptedTextField(_("telefoonnummer"), max_length=30, blank=True)
    email = EncryptedTextField(_("e-mailadres"), max_length=254, blank=True)
    support_kinds = models.JSONField(
        _("gevraagde steun"), default=list, blank=True, help_text=_("Waar vraagt de bewoner om?")
    )
    recorded_by_organisation = models.ForeignKey(
        "teams.Organisation",
        on_delete=models.PROTECT,
        related_name="recorded_residents",
        verbose_name=_("vastgelegd door organisatie"),
    )
    registered_by = models.ForeignKey(
        "teams.Person",
        on_delete=models.PROTECT,
        related_name="registered_residents",
        verbose_name=_("aangemeld door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewoner")
        verbose_name_plural = _("bewoners")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # A number, never the name: generic displays (admin, logs, messages) must not leak it.
        return _("Bewoner %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("casework:resident_detail", args=[self.pk])

    def support_kind_labels(self) -> list[str]:
        labels = dict(SupportKind.choices)
        return [labels.get(kind, kind) for kind in self.support_kinds]


class Consent(models.Model):
    """One consent: one purpose, one recipient. Withdrawal takes effect at once."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="consents", verbose_name=_("bewoner")
    )
    purpose = models.CharField(_("waarvoor"), max_length=20, choices=ConsentPurpose.choices)
    recipient_organisation = models.ForeignKey(
        "teams.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("met welke organisatie"),
    )
    third_party = EncryptedTextField(
        _("met welke andere partij"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld de huisarts of het FACT-team, met naam."),
    )
    given_as = models.CharField(_("hoe gegeven"), max_length=20, choices=ConsentForm.choices)
    given_on = models.DateField(_("gegeven op"))
    review_on = models.DateField(_("opnieuw bespreken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intrekking vastgelegd door"),
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["resident", "purpose", "-given_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
            ),
            models.CheckConstraint(
                condition=Q(review_on__isnull=True) | Q(review_on__gte=F("given_on")),
                name="consent_review_after_given",
            ),
        ]

    def __str__(self) -> str:
        return self.get_purpose_display()

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.given_on <= today and self.withdrawn_on is None

    @property
    def recipient_label(self) -> str:
        if self.recipient_organisation_id:
            return str(self.recipient_organisation)
        return self.third_party


class Trajectory(models.Model):
    """A support trajectory (steuntraject): who works with the resident, and how."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="trajectories", verbose_name=_("bewoner")
    )
    form = models.CharField(
        _("vorm van samenwerking"), max_length=20, choices=CollaborationForm.choices
    )
    expert = models.ForeignKey(
        "teams.Person",
        on_delete=models.PROTECT,
        related_name="trajectories_as_expert",
        verbose_name=_("ervaringsdeskundige"),
    )
    social_worker = models.ForeignKey(
        "teams.Person",
        on_delete=models.PROTECT,
        related_name="trajectories_as_worker",
        verbose_name=_("sociaal werker"),
    )
    referral_source = models.CharField(
        _("aangemeld via"), max_length=20, choices=ReferralSource.choices
    )
    request = EncryptedTextField(
        _("de vraag in de woorden van de bewoner"), max_length=2000, help_text=WRITE_LITTLE
    )
    goals = EncryptedTextField(
        _("de doelen van de bewoner zelf"), max_length=2000, blank=True, help_text=WRITE_LITTLE
    )
    status = models.CharField(
        _("stand"), max_length=20, choices=TrajectoryStatus.choices, default=TrajectoryStatus.ACTIVE
    )
    started_on = models.DateField(_("gestart op"))
    ended_on = models.DateField(_("geëindigd op"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = EncryptedTextField(
        _("toelichting op de uitkomst"), max_length=2000, blank=True, help_text=WRITE_LITTLE
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("steuntraject")
        verbose_name_plural = _("steuntrajecten")
        ordering = ["resident", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="trajectory_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(expert=F("social_worker")), name="trajectory_two_partners"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} ({self.started_on:%d-%m-%Y})"

    @property
    def partner_ids(self) -> set[int]:
        return {self.expert_id, self.social_worker_id}


class Contact(models.Model):
    """A contact with the resident within a trajectory: short, and who wrote it shows."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("traject")
    )
    date = models.DateField(_("datum"))
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    with_expert = models.BooleanField(_("ervaringsdeskundige was erbij"), default=True)
    with_social_worker = models.BooleanField(_("sociaal werker was erbij"), default=False)
    note = EncryptedTextField(
        _("korte notitie"), max_length=2000, blank=True, help_text=WRITE_LITTLE
    )
    next_step = EncryptedTextField(_("volgende stap"), max_length=500, blank=True)
    author = models.ForeignKey(
        "teams.Person",
        on_delete=models.PROTECT,
        related_name="contacts_written",
        verbose_name=_("geschreven door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")
        ordering = ["trajectory", "-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date:%d-%m-%Y})"
