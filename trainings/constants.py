"""Choices of the trainings app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CurriculumKind(models.TextChoices):
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Teamworkshop")


class BlockKind(models.TextChoices):
    WELCOME = "welkom", _("Welkom")
    INTRODUCTION = "kennismaking", _("Kennismaking")
    EXERCISE = "oefening", _("Oefening")
    THEME = "thema", _("Thema")
    PRACTICE = "praktijk", _("Praktijk")
    BREAK = "pauze", _("Pauze")
    CLOSING = "afsluiting", _("Afsluiting")
