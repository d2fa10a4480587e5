from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teams.constants import OrganisationKind, PartnerRole
from teams.querysets import OrganisationQuerySet

from .places import Location


class Organisation(models.Model):
    """An organisation taking part: recovery organisation, wijkteam, municipality, partner."""

    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    city = models.CharField(_("plaats"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("wat doet deze organisatie"), blank=True)
    locations = models.ManyToManyField(
        Location,
        through="Partnership",
        related_name="organisations",
        verbose_name=_("locaties"),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "city"], name="organisation_unique_name_city"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:organisation_detail", args=[self.pk])


class Partnership(models.Model):
    """An organisation's part in a location (lead, core partner, network partner, funder)."""

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("locatie")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=PartnerRole.choices)
    contribution = models.CharField(_("bijdrage"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("partnerschap")
        verbose_name_plural = _("partnerschappen")
        ordering = ["location", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "organisation"], name="partnership_unique_per_location"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.location} ({self.get_role_display()})"
