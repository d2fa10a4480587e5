from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teams.constants import LocationStatus
from teams.querysets import LocationQuerySet, NeighbourhoodQuerySet


class Location(models.Model):
    """A pilot location: a city (or part of it) where a local project team works."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    city = models.CharField(_("gemeente"), max_length=100)
    description = models.TextField(_("korte beschrijving"), blank=True)
    starts_on = models.DateField(_("start project"))
    ends_on = models.DateField(_("einde project"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LocationStatus.choices, default=LocationStatus.ACTIVE
    )

    objects = LocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="location_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:location_detail", args=[self.pk])


class Neighbourhood(models.Model):
    """A neighbourhood (wijk) in which a location works."""

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="neighbourhoods", verbose_name=_("locatie")
    )
    name = models.CharField(_("naam"), max_length=100)

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["location", "name"], name="neighbourhood_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
