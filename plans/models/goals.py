from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from plans.constants import ActionStatus, GoalTable
from plans.querysets import ActionQuerySet
from teams.models import Organisation, Person

from .plan import PlanOfApproach


class Goal(models.Model):
    """A row of one of the two goal tables of a plan."""

    plan = models.ForeignKey(
        PlanOfApproach, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    table = models.CharField(_("tabel"), max_length=20, choices=GoalTable.choices)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    text = models.TextField(_("doel"))

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["plan", "table", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Action(models.Model):
    """What we do to reach a goal: who, when, and how far it got."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="actions", verbose_name=_("doel")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    description = models.TextField(_("wat gaan we doen"))
    owner_people = models.ManyToManyField(
        Person, blank=True, related_name="plan_actions", verbose_name=_("wie (mensen)")
    )
    owner_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="plan_actions", verbose_name=_("wie (organisaties)")
    )
    starts_on = models.DateField(_("vanaf"), null=True, blank=True)
    due_on = models.DateField(_("klaar op"), null=True, blank=True)
    timing_note = models.CharField(
        _("wanneer (toelichting)"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: elke eerste dinsdag van de maand."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["goal", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(due_on__isnull=True)
                | Q(due_on__gte=F("starts_on")),
                name="action_due_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            raise ValidationError({"due_on": _("De einddatum ligt vóór de begindatum.")})
