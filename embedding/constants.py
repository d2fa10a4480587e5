"""Choices of the embedding app (borging): Kotter's three phases and a condition's status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """The three phases of chapter 3 of the handbook (after Kotter's eight steps)."""

    CLIMATE = "klimaat", _("Klimaat voor verandering")
    ORGANISE = "organisatie", _("Organisatie en toerusting")
    EMBED = "borging", _("Implementatie en borging")


class Status(models.TextChoices):
    NOT_STARTED = "niet_gestart", _("Nog niet gestart")
    IN_PROGRESS = "bezig", _("Mee bezig")
    IN_PLACE = "geregeld", _("Geregeld")
    NOT_APPLICABLE = "nvt", _("Niet van toepassing")


# A short mark next to the colour, so the status never depends on colour alone.
STATUS_MARKS = {
    Status.NOT_STARTED: "○",
    Status.IN_PROGRESS: "◐",
    Status.IN_PLACE: "●",
    Status.NOT_APPLICABLE: "–",
}

# How often a location looks at its conditions again, in months (a location may choose).
DEFAULT_REVIEW_MONTHS = 3
REVIEW_MONTH_CHOICES = [1, 2, 3, 4, 6, 12]
