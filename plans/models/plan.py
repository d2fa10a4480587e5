from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.constants import EDITABLE_STATUSES, PlanStatus, TransitionKind
from plans.querysets import PlanQuerySet
from teams.models import Location, Neighbourhood, Organisation, Person


class PlanOfApproach(models.Model):
    """The plan of approach of a location's project team for one period (Bijlage 1)."""

    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="plans", verbose_name=_("locatie")
    )
    starts_on = models.DateField(_("begin periode"))
    ends_on = models.DateField(_("einde periode"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    # Optimistic locking: every save raises it; a form posted with an older number is a conflict.
    revision = models.PositiveIntegerField(_("versie"), default=1)

    # 1. Header: chosen from teams, not typed.
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="plans", verbose_name=_("wijken")
    )
    recovery_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="plans_as_recovery",
        verbose_name=_("herstel-/zelfregieorganisatie(s)"),
    )
    neighbourhood_teams = models.ManyToManyField(
        Organisation, blank=True, related_name="plans_as_team", verbose_name=_("wijkteam(s)")
    )
    project_leader = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_plans",
        verbose_name=_("projectleider"),
    )

    # 2. Achtergrond: six open questions.
    background_team = models.TextField(_("het wijkteam en wie het ondersteunt"), blank=True)
    background_team_size = models.TextField(_("omvang en disciplines van het wijkteam"), blank=True)
    background_recovery = models.TextField(_("de herstel-/zelfregieorganisatie"), blank=True)
    background_staff = models.TextField(
        _("betaalde krachten, vrijwilligers en ervaringsdeskundigen"), blank=True
    )
    background_focus = models.TextField(_("focus of thema van het projectteam"), blank=True)
    background_strengths = models.TextField(_("wat goed gaat en wat beter kan"), blank=True)

    # 3. Projectstructuur (the team's composition comes from the location's project team).
    structure_tasks = models.TextField(_("taakverdeling"), blank=True)
    structure_meetings = models.TextField(_("hoe vaak het projectteam bijeenkomt"), blank=True)
    structure_partners = models.TextField(_("samenwerking met andere organisaties"), blank=True)
    structure_needs = models.TextField(_("wat nodig is voor succes"), blank=True)

    # 6. Training and team workshop.
    training_focus = models.TextField(_("aandachtspunten voor de training"), blank=True)
    training_trainers = models.CharField(_("wie de training geeft"), max_length=300, blank=True)
    training_planned = models.CharField(_("wanneer de training is"), max_length=300, blank=True)
    training_participants = models.PositiveSmallIntegerField(
        _("aantal deelnemers training"), null=True, blank=True
    )
    workshop_focus = models.TextField(_("aandachtspunten voor de teamworkshop"), blank=True)
    workshop_trainers = models.CharField(_("wie de workshop geeft"), max_length=300, blank=True)
    workshop_planned = models.CharField(_("wanneer de workshop is"), max_length=300, blank=True)

    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")
        ordering = ["location__name", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="plan_period_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["location", "starts_on"], name="plan_unique_per_location_period"
            ),
            models.CheckConstraint(
                condition=Q(training_participants__isnull=True) | Q(training_participants__lte=500),
                name="plan_training_participants_at_most_500",
            ),
        ]

    def __str__(self) -> str:
        return _("Plan van aanpak %(location)s %(start)s–%(end)s") % {
            "location": self.location,
            "start": self.starts_on.year,
            "end": self.ends_on.year,
        }

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.pk])

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Het einde van de periode ligt vóór het begin.")})

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def covers(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class PlanTransition(models.Model):
    """A step in the plan's workflow, with who took it and their remark."""

    plan = models.ForeignKey(
        PlanOfApproach, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("plan")
    )
    kind = models.CharField(_("stap"), max_length=20, choices=TransitionKind.choices)
    from_status = models.CharField(_("van"), max_length=20, choices=PlanStatus.choices)
    to_status = models.CharField(_("naar"), max_length=20, choices=PlanStatus.choices)
    remark = models.TextField(_("opmerking"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    created_at = models.DateTimeField(_("wanneer"), auto_now_add=True)

    class Meta:
        verbose_name = _("stap in het plan")
        verbose_name_plural = _("stappen in het plan")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_kind_display()}"


class PlanSnapshot(models.Model):
    """The whole plan as it was approved; what changed since is measured against it."""

    plan = models.ForeignKey(
        PlanOfApproach, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("plan")
    )
    data = models.JSONField(_("inhoud"))
    created_at = models.DateTimeField(_("wanneer"), auto_now_add=True)

    class Meta:
        verbose_name = _("vastgestelde versie")
        verbose_name_plural = _("vastgestelde versies")
        ordering = ["-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan} ({self.created_at:%d-%m-%Y})"
