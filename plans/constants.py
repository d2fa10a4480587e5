"""Choices of the plans app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    SUBMITTED = "ingediend", _("Ingediend")
    APPROVED = "vastgesteld", _("Vastgesteld")
    UNDERWAY = "in_uitvoering", _("In uitvoering")
    EVALUATED = "geevalueerd", _("Geëvalueerd")


# The project leader may write in these states; while the coordinator reviews, and after the
# evaluation, the plan is closed for edits.
EDITABLE_STATUSES = {PlanStatus.DRAFT, PlanStatus.APPROVED, PlanStatus.UNDERWAY}
# From these states on, every change is compared with the approved version.
APPROVED_STATUSES = {PlanStatus.APPROVED, PlanStatus.UNDERWAY, PlanStatus.EVALUATED}


class GoalTable(models.TextChoices):
    SELF_DIRECTION = "eigen_regie", _("Ondersteuning eigen regie en participatie")
    COLLABORATION = "samenwerking", _("Ontwikkeling lokale samenwerking")


class ActionStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    IN_PROGRESS = "bezig", _("Bezig")
    DONE = "gereed", _("Gereed")
    DROPPED = "vervallen", _("Vervallen")


OPEN_ACTION_STATUSES = {ActionStatus.PLANNED, ActionStatus.IN_PROGRESS}
# Plans whose actions are agreed and being carried out: the home page and the digest follow these.
ACTIVE_PLAN_STATUSES = {PlanStatus.APPROVED, PlanStatus.UNDERWAY}


class TransitionKind(models.TextChoices):
    SUBMIT = "indienen", _("Ingediend")
    APPROVE = "vaststellen", _("Vastgesteld")
    RETURN = "terugsturen", _("Teruggestuurd")
    START = "starten", _("Uitvoering gestart")
    EVALUATE = "evalueren", _("Geëvalueerd")
