"""Coaching, intervision and supervision of experts-by-experience (§3.2.3 of the handbook).

A group has members (experts) and facilitators; per meeting only who attended and which
themes came up. Never case content: there is no field for it."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from activities.constants import Cadence, GroupKind
from activities.querysets import GroupMeetingQuerySet, IntervisionGroupQuerySet


class IntervisionTheme(models.Model):
    """A theme that often comes up in intervision: data, a beheerder can add more."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema intervisie")
        verbose_name_plural = _("thema's intervisie")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class IntervisionGroup(models.Model):
    """An intervision or supervision group, or a coaching pair, of a location."""

    location = models.ForeignKey(
        "teams.Location",
        on_delete=models.CASCADE,
        related_name="intervision_groups",
        verbose_name=_("locatie"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=GroupKind.choices)
    name = models.CharField(_("naam"), max_length=150)
    members = models.ManyToManyField(
        "teams.Person", related_name="intervision_groups", verbose_name=_("deelnemers")
    )
    facilitators = models.ManyToManyField(
        "teams.Person",
        related_name="facilitated_groups",
        verbose_name=_("begeleiders"),
        help_text=_("Bijvoorbeeld twee ervaren ervaringsdeskundigen, of de supervisor."),
    )
    cadence = models.CharField(
        _("hoe vaak"), max_length=20, choices=Cadence.choices, default=Cadence.FORTNIGHTLY
    )
    place = models.CharField(_("waar"), max_length=200, blank=True)
    starts_on = models.DateField(_("gestart op"))
    ends_on = models.DateField(_("gestopt op"), null=True, blank=True)

    objects = IntervisionGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("intervisie- of supervisiegroep")
        verbose_name_plural = _("intervisie- en supervisiegroepen")
        ordering = ["location", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="intervision_group_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("activities:group_detail", args=[self.pk])


class GroupMeeting(models.Model):
    """One meeting of a group: when, who attended, which themes came up. No case content."""

    group = models.ForeignKey(
        IntervisionGroup,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("groep"),
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"), null=True, blank=True)
    end_time = models.TimeField(_("eindtijd"), null=True, blank=True)
    attendees = models.ManyToManyField(
        "teams.Person", blank=True, related_name="group_meetings", verbose_name=_("aanwezig")
    )
    themes = models.ManyToManyField(
        IntervisionTheme, blank=True, related_name="meetings", verbose_name=_("thema's")
    )
    free_themes = models.CharField(
        _("andere thema's"),
        max_length=200,
        blank=True,
        help_text=_("Alleen het onderwerp, in een paar woorden. Nooit namen of casussen."),
    )

    objects = GroupMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijeenkomst intervisie")
        verbose_name_plural = _("bijeenkomsten intervisie")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="group_meeting_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} ({self.date:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("activities:group_meeting_edit", args=[self.pk])
