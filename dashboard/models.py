"""Summaries per location, kept up to date from the source tables (dashboard/summaries.py).

The dashboard reads only these rows (the anonymous tallies are counted into the months), so
its cost depends on the number of locations and months shown, not on the number of contacts,
actions, blocks or attendance rows behind them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocationSummary(models.Model):
    """One location's current figures: plan, training, casework and the expert pool."""

    location = models.OneToOneField(
        "teams.Location",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="dashboard_summary",
        verbose_name=_("locatie"),
    )
    # The plan of approach (the current one: the latest that has started, else the first).
    plan_status = models.CharField(_("status plan"), max_length=20, blank=True)
    plan_percent = models.PositiveSmallIntegerField(_("plan ingevuld (%)"), null=True, blank=True)
    goals = models.PositiveIntegerField(_("doelen"), default=0)
    actions_done = models.PositiveIntegerField(_("acties gereed"), default=0)
    actions_open = models.PositiveIntegerField(_("acties open"), default=0)
    # Training and workshop runs.
    sessions_held = models.PositiveIntegerField(_("dagdelen gegeven"), default=0)
    sessions_total = models.PositiveIntegerField(_("dagdelen"), default=0)
    blocks_delivered = models.PositiveIntegerField(_("blokken gegeven"), default=0)
    blocks_total = models.PositiveIntegerField(_("blokken"), default=0)
    attendance_present = models.PositiveIntegerField(_("aanwezig"), default=0)
    attendance_ticked = models.PositiveIntegerField(_("aanwezigheid afgevinkt"), default=0)
    workers_trained = models.PositiveIntegerField(_("sociaal werkers getraind"), default=0)
    experts_trained = models.PositiveIntegerField(_("ervaringsdeskundigen getraind"), default=0)
    # Casework in aggregate (shown only through dashboard/suppression.py).
    trajectories_tandem = models.PositiveIntegerField(_("lopende trajecten tandem"), default=0)
    trajectories_apart_ed = models.PositiveIntegerField(
        _("lopende trajecten apart (start ervaringsdeskundige)"), default=0
    )
    trajectories_apart_sw = models.PositiveIntegerField(
        _("lopende trajecten apart (start sociaal werker)"), default=0
    )
    trajectories_advies = models.PositiveIntegerField(_("lopende trajecten advies"), default=0)
    residents_consenting = models.PositiveIntegerField(_("bewoners met toestemming"), default=0)
    residents = models.PositiveIntegerField(_("bewoners"), default=0)
    # The expert pool.
    experts_active = models.PositiveIntegerField(_("actieve ervaringsdeskundigen"), default=0)
    experts_paid = models.PositiveIntegerField(_("betaald"), default=0)
    experts_volunteer = models.PositiveIntegerField(_("vrijwilliger"), default=0)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("samenvatting locatie")
        verbose_name_plural = _("samenvattingen locaties")

    def __str__(self) -> str:
        return str(self.location_id)


class LocationMonthSummary(models.Model):
    """One location's figures for one month: recorded casework plus the anonymous tallies."""

    location = models.ForeignKey(
        "teams.Location",
        on_delete=models.CASCADE,
        related_name="dashboard_months",
        verbose_name=_("locatie"),
    )
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    new_trajectories = models.PositiveIntegerField(_("nieuwe trajecten"), default=0)
    contacts = models.PositiveIntegerField(_("contacten"), default=0)
    sessions_held = models.PositiveIntegerField(_("dagdelen gegeven"), default=0)

    class Meta:
        verbose_name = _("samenvatting per maand")
        verbose_name_plural = _("samenvattingen per maand")
        ordering = ["location", "month"]
        constraints = [
            models.UniqueConstraint(fields=["location", "month"], name="dashboard_month_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.location_id} {self.month:%m-%Y}"


class LocationDueDay(models.Model):
    """How many open actions of a location's current plan are due on one day: 'overdue' is the
    sum over the days before today, bounded by distinct days rather than by actions."""

    location = models.ForeignKey(
        "teams.Location",
        on_delete=models.CASCADE,
        related_name="dashboard_due_days",
        verbose_name=_("locatie"),
    )
    due_on = models.DateField(_("klaar op"))
    open_actions = models.PositiveIntegerField(_("open acties"), default=0)

    class Meta:
        verbose_name = _("open acties per dag")
        verbose_name_plural = _("open acties per dag")
        ordering = ["location", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["location", "due_on"], name="dashboard_due_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.location_id} {self.due_on}: {self.open_actions}"
