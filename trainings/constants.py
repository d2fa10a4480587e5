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


class BlockStatus(models.TextChoices):
    """What happened to a block of a session, ticked off in the room."""

    OPEN = "open", _("Nog niet gedaan")
    DELIVERED = "gegeven", _("Gegeven")
    CHANGED = "aangepast", _("Anders gedaan")
    SKIPPED = "overgeslagen", _("Overgeslagen")


class AttendanceStatus(models.TextChoices):
    UNKNOWN = "", _("Nog niet aangevinkt")
    PRESENT = "aanwezig", _("Aanwezig")
    ABSENT = "afwezig", _("Afwezig")
    EXCUSED = "afgemeld", _("Afgemeld")


class ParticipantRole(models.TextChoices):
    """The two groups the training brings together (a subset of teams' roles)."""

    SOCIAL_WORKER = "sociaal_werker", _("Sociaal werker")
    EXPERT = "ervaringsdeskundige", _("Ervaringsdeskundige")


class EvaluationKind(models.TextChoices):
    SESSION = "sessie", _("Evaluatie van het dagdeel")
    FINAL = "eind", _("Eindevaluatie")


class EnteredBy(models.TextChoices):
    TRAINER = "trainer", _("Door de trainer")
    PARTICIPANT = "deelnemer", _("Door de deelnemer zelf")
