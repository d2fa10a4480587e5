"""Group activities of a location (recovery groups, walk-ins, theme evenings ...) and their
meetings, generated from a recurrence. Visitors are counted without names; a resident with a
case can be linked to a meeting from the case (MeetingVisit), never by name."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.constants import HEADCOUNT_MAX, Frequency, MeetingStatus, NthWeekday
from activities.querysets import ActivityQuerySet, MeetingQuerySet


class ActivityKind(models.Model):
    """A kind of group activity (WRAP group, walk-in, ...): data a beheerder can extend."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(_("uitleg"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("te kiezen"), default=True)

    class Meta:
        verbose_name = _("soort activiteit")
        verbose_name_plural = _("soorten activiteiten")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """A group activity at a location, with its place and how it repeats."""

    location = models.ForeignKey(
        "teams.Location",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("locatie"),
    )
    kind = models.ForeignKey(
        ActivityKind, on_delete=models.PROTECT, related_name="activities", verbose_name=_("soort")
    )
    title = models.CharField(_("titel"), max_length=150)
    description = models.TextField(_("korte beschrijving"), max_length=2000, blank=True)
    organisations = models.ManyToManyField(
        "teams.Organisation",
        related_name="activities",
        verbose_name=_("georganiseerd door"),
    )
    leaders = models.ManyToManyField(
        "teams.Person",
        related_name="led_activities",
        verbose_name=_("begeleiders"),
        help_text=_("De ervaringsdeskundigen en sociaal werkers die de activiteit leiden."),
    )
    neighbourhood = models.ForeignKey(
        "teams.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("wijk"),
    )
    address = models.CharField(
        _("adres"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Buurthuis De Linde, Lindelaan 4."),
    )
    starts_on = models.DateField(_("eerste bijeenkomst"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    frequency = models.CharField(
        _("hoe vaak"), max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    nth_weekday = models.SmallIntegerField(
        _("welke week van de maand"),
        choices=NthWeekday.choices,
        null=True,
        blank=True,
        help_text=_("Alleen bij elke maand: bijvoorbeeld de eerste dinsdag."),
    )
    ends_on = models.DateField(
        _("laatste datum"), help_text=_("Een reeks moet een einde hebben; verleng hem later.")
    )
    exceptions = models.JSONField(
        _("uitzonderingen"),
        default=list,
        blank=True,
        help_text=_("Data waarop de activiteit niet doorgaat, zoals feestdagen."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["location", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="activity_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="activity_end_time_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:activity_detail", args=[self.pk])

    @property
    def exception_dates(self) -> list[datetime.date]:
        return sorted(datetime.date.fromisoformat(value) for value in self.exceptions or [])

    def clean(self) -> None:
        from activities import recurrence

        errors = recurrence.problems(self)
        if (
            self.neighbourhood_id
            and self.location_id
            and self.neighbourhood.location_id != self.location_id
        ):
            errors["neighbourhood"] = _("Kies een wijk van deze locatie.")
        if errors:
            raise ValidationError(errors)


class Meeting(models.Model):
    """One meeting of an activity: generated from the recurrence, moved or cancelled one at a
    time. The headcount is anonymous: how many came for the first time, how many came back."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("activiteit")
    )
    planned_on = models.DateField(
        _("volgens de reeks"), help_text=_("De datum die de herhaling gaf.")
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    status = models.CharField(
        _("gaat door"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    note = models.CharField(
        _("opmerking"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld waarom de bijeenkomst verplaatst is. Geen namen van bewoners."),
    )
    first_time_visitors = models.PositiveSmallIntegerField(
        _("voor het eerst"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(HEADCOUNT_MAX)],
    )
    returning_visitors = models.PositiveSmallIntegerField(
        _("terugkomers"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(HEADCOUNT_MAX)],
    )
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geteld door"),
    )
    count_token = models.UUIDField(_("kenmerk van de laatste telling"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "planned_on"], name="meeting_unique_planned_date"
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="meeting_end_time_after_start"
            ),
            models.CheckConstraint(
                condition=(
                    Q(first_time_visitors__isnull=True) | Q(first_time_visitors__lte=HEADCOUNT_MAX)
                )
                & (Q(returning_visitors__isnull=True) | Q(returning_visitors__lte=HEADCOUNT_MAX)),
                name="meeting_headcount_bounded",
            ),
        ]
        indexes = [models.Index(fields=["date"], name="meeting_date")]

    def __str__(self) -> str:
        return f"{self.activity} ({self.date:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("activities:meeting_edit", args=[self.pk])

    @property
    def is_moved(self) -> bool:
        activity = self.activity
        return (
            self.date != self.planned_on
            or self.start_time != activity.start_time
            or self.end_time != activity.end_time
        )

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def is_counted(self) -> bool:
        return self.first_time_visitors is not None or self.returning_visitors is not None

    @property
    def visitors(self) -> int:
        return (self.first_time_visitors or 0) + (self.returning_visitors or 0)

    def local_start(self) -> datetime.datetime:
        tz = timezone.get_default_timezone()
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=tz)

    def local_end(self) -> datetime.datetime:
        tz = timezone.get_default_timezone()
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=tz)


class MeetingVisit(models.Model):
    """A resident with a case went to a meeting: linked from the case, with the resident's
    consent in force. Holds ids only, never a name; erasing the resident erases the link."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="visits", verbose_name=_("bijeenkomst")
    )
    resident = models.ForeignKey(
        "casework.Resident",
        on_delete=models.CASCADE,
        related_name="activity_visits",
        verbose_name=_("bewoner"),
    )
    first_time = models.BooleanField(_("voor het eerst"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bezoek van een bewoner")
        verbose_name_plural = _("bezoeken van bewoners")
        ordering = ["-meeting__date"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "resident"], name="visit_unique"),
        ]

    def __str__(self) -> str:
        return _("Bezoek %(number)s") % {"number": self.pk}
