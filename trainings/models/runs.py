"""Runs of the training or workshop at a location: their sessions, blocks and participants.

A run copies its curriculum's blocks when it is created (`services.run_create`), so a later
version of the curriculum, or an edit in the admin, never changes a run that exists.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trainings.constants import (
    AttendanceStatus,
    BlockKind,
    BlockStatus,
    CurriculumKind,
    EnteredBy,
    EvaluationKind,
    ParticipantRole,
)
from trainings.querysets import (
    ParticipantQuerySet,
    RunBlockQuerySet,
    SessionQuerySet,
    TrainingRunQuerySet,
)


class TrainingRun(models.Model):
    """The training or the team workshop as one location holds it."""

    location = models.ForeignKey(
        "teams.Location",
        on_delete=models.PROTECT,
        related_name="training_runs",
        verbose_name=_("locatie"),
    )
    curriculum = models.ForeignKey(
        "trainings.Curriculum",
        on_delete=models.PROTECT,
        related_name="runs",
        verbose_name=_("curriculum"),
        help_text=_("De versie waarvan deze run een kopie is."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=CurriculumKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    part_minutes = models.PositiveSmallIntegerField(
        _("minuten per dagdeel"), help_text=_("Overgenomen uit het curriculum.")
    )
    national_trainer = models.ForeignKey(
        "teams.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="national_training_runs",
        verbose_name=_("landelijke trainer"),
        help_text=_("Een ervaringsdeskundige trainer van het landelijke team."),
    )
    local_trainer = models.ForeignKey(
        "teams.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="local_training_runs",
        verbose_name=_("lokale trainer"),
        help_text=_("Een trainer van de lokale organisatie."),
    )
    certificate_min_sessions = models.PositiveSmallIntegerField(
        _("dagdelen nodig voor het certificaat"),
        null=True,
        blank=True,
        help_text=_("Leeg laten: een deelnemer moet bij alle dagdelen zijn geweest."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = TrainingRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("training of workshop")
        verbose_name_plural = _("trainingen en workshops")
        ordering = ["location", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(national_trainer__isnull=True)
                | Q(local_trainer__isnull=True)
                | ~Q(national_trainer=models.F("local_trainer")),
                name="run_two_different_trainers",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.location})"

    def get_absolute_url(self) -> str:
        return reverse("trainings:run_detail", args=[self.pk])

    @property
    def trainer_ids(self) -> set[int]:
        return {pk for pk in (self.national_trainer_id, self.local_trainer_id) if pk}

    @property
    def gives_certificate(self) -> bool:
        return self.kind == CurriculumKind.TRAINING


class Session(models.Model):
    """One half-day of a run (the workshop has one), with its date, time and place."""

    run = models.ForeignKey(
        TrainingRun, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("run")
    )
    number = models.PositiveSmallIntegerField(_("dagdeel"))
    title = models.CharField(_("titel"), max_length=200)
    date = models.DateField(_("datum"), null=True, blank=True)
    starts_at = models.TimeField(_("begintijd"), null=True, blank=True)
    ends_at = models.TimeField(_("eindtijd"), null=True, blank=True)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("gestart om"), null=True, blank=True)
    finished_at = models.DateTimeField(_("afgerond om"), null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="session_unique_number"),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return _("%(run)s, dagdeel %(number)s") % {"run": self.run.title, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("trainings:session_detail", args=[self.pk])

    @property
    def location(self):
        return self.run.location

    @property
    def is_held(self) -> bool:
        return self.started_at is not None

    def local_start(self) -> datetime.datetime | None:
        """The start as an aware datetime in the site's time zone (Europe/Amsterdam)."""
        if not (self.date and self.starts_at):
            return None
        return datetime.datetime.combine(
            self.date, self.starts_at, tzinfo=timezone.get_default_timezone()
        )

    def local_end(self) -> datetime.datetime | None:
        if not (self.date and self.ends_at):
            return None
        return datetime.datetime.combine(
            self.date, self.ends_at, tzinfo=timezone.get_default_timezone()
        )


class RunBlock(models.Model):
    """A block of a session: a copy of the curriculum's block, adapted locally, ticked off."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("sessie")
    )
    source = models.ForeignKey(
        "trainings.CurriculumBlock",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="run_blocks",
        verbose_name=_("blok in het curriculum"),
        help_text=_("Leeg bij een blok dat de locatie zelf toevoegde."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    minutes = models.PositiveSmallIntegerField(_("minuten"))
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=BlockKind.choices)
    goal = models.TextField(_("doel"), blank=True)
    description = models.TextField(_("inhoud"), blank=True)
    materials = models.TextField(_("materiaal"), blank=True)
    homework = models.TextField(_("oefenopdracht"), blank=True)
    is_regional = models.BooleanField(_("regionale methode"), default=False)
    chosen_option = models.CharField(_("gekozen invulling"), max_length=200, blank=True)
    status = models.CharField(
        _("stand"), max_length=20, choices=BlockStatus.choices, default=BlockStatus.OPEN
    )
    note = models.CharField(_("notitie"), max_length=500, blank=True)
    ticked_at = models.DateTimeField(_("afgevinkt om"), null=True, blank=True)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgevinkt door"),
    )
    version = models.PositiveIntegerField(_("versie"), default=0)

    objects = RunBlockQuerySet.as_manager()

    class Meta:
        verbose_name = _("blok van een sessie")
        verbose_name_plural = _("blokken van sessies")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=480), name="runblock_minutes_1_to_480"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.minutes} min)"

    @property
    def is_ticked(self) -> bool:
        return self.status != BlockStatus.OPEN


class Participant(models.Model):
    """A social worker or expert-by-experience taking part in a run."""

    run = models.ForeignKey(
        TrainingRun, on_delete=models.CASCADE, related_name="participants", verbose_name=_("run")
    )
    person = models.ForeignKey(
        "teams.Person",
        on_delete=models.PROTECT,
        related_name="training_participations",
        verbose_name=_("persoon"),
    )
    role = models.CharField(_("rol"), max_length=30, choices=ParticipantRole.choices)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["run", "person__family_name", "person__given_name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "person"], name="participant_once_per_run"),
        ]

    def __str__(self) -> str:
        return str(self.person)


class ParticipantAtSession(models.Model):
    """What belongs to one participant at one session (`attendances`, `evaluations`)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("sessie")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
        verbose_name=_("deelnemer"),
    )

    class Meta:
        abstract = True


class Attendance(ParticipantAtSession):
    """A participant at one session: present or not, and whether the homework was done."""

    status = models.CharField(
        _("aanwezigheid"),
        max_length=20,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.UNKNOWN,
        blank=True,
    )
    homework_done = models.BooleanField(_("oefenopdracht gedaan"), null=True, blank=True)
    ticked_at = models.DateTimeField(_("afgevinkt om"), null=True, blank=True)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgevinkt door"),
    )
    version = models.PositiveIntegerField(_("versie"), default=0)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="attendance_once_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.session}: {self.get_status_display()}"


class Tick(models.Model):
    """Every tap in the room, by its token: the same tap sent twice is recorded once."""

    token = models.UUIDField(_("kenmerk"), unique=True)
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="ticks", verbose_name=_("sessie")
    )
    block = models.ForeignKey(
        RunBlock, on_delete=models.CASCADE, null=True, blank=True, related_name="ticks"
    )
    attendance = models.ForeignKey(
        Attendance, on_delete=models.CASCADE, null=True, blank=True, related_name="ticks"
    )
    value = models.CharField(_("waarde"), max_length=20)
    note = models.CharField(_("notitie"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("vinkje")
        verbose_name_plural = _("vinkjes")
        ordering = ["session", "at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(block__isnull=False, attendance__isnull=True)
                | Q(block__isnull=True, attendance__isnull=False),
                name="tick_on_block_or_attendance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value} ({self.at:%d-%m-%Y %H:%M})"


class Evaluation(ParticipantAtSession):
    """A participant's score (1 to 5) and remark on a half-day, or the final evaluation."""

    kind = models.CharField(
        _("soort"), max_length=10, choices=EvaluationKind.choices, default=EvaluationKind.SESSION
    )
    score = models.PositiveSmallIntegerField(
        _("cijfer"), help_text=_("Van 1 (slecht) tot 5 (heel goed).")
    )
    remark = models.TextField(_("opmerking"), blank=True, max_length=2000)
    entered_by = models.CharField(
        _("ingevuld"), max_length=10, choices=EnteredBy.choices, default=EnteredBy.TRAINER
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["session", "participant", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant", "kind"], name="evaluation_once_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="evaluation_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.score}"
