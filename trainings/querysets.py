"""QuerySets of the trainings app. `visible_to(user)` applies the access policy's scope."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import Coalesce

from teams import access
from trainings.constants import AttendanceStatus, BlockStatus


class CurriculumQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> CurriculumQuerySet:
        """The national curriculum is the same for every location: every member may read it."""
        return self.all() if user.is_authenticated else self.none()

    def with_minutes(self) -> CurriculumQuerySet:
        return self.annotate(total_minutes=Sum("parts__blocks__minutes"))

    def with_content(self) -> CurriculumQuerySet:
        from trainings.models import CurriculumBlock, CurriculumPart

        blocks = CurriculumBlock.objects.prefetch_related("options")
        parts = CurriculumPart.objects.prefetch_related(Prefetch("blocks", queryset=blocks))
        return self.prefetch_related(Prefetch("parts", queryset=parts))


def run_scope_q(user: Any, prefix: str = "") -> Q:
    """Runs at the user's locations, and runs the user trains elsewhere (a national trainer)."""
    scope = access.scope_for(user)
    visible = scope.location_filter(f"{prefix}location_id")
    if scope.sees_all_locations or scope.person_id is None:
        return visible
    return (
        visible
        | Q(**{f"{prefix}national_trainer_id": scope.person_id})
        | Q(**{f"{prefix}local_trainer_id": scope.person_id})
    )


class TrainingRunQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> TrainingRunQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(run_scope_q(user))

    def with_progress(self) -> TrainingRunQuerySet:
        """The overview's figures as scalar subqueries: one query however many runs,
        and no join that multiplies blocks by attendance rows."""
        from trainings.models import Attendance, Participant, RunBlock, Session

        sessions = Session.objects.filter(run=OuterRef("pk")).order_by().values("run")
        blocks = (
            RunBlock.objects.filter(session__run=OuterRef("pk")).order_by().values("session__run")
        )
        attendance = (
            Attendance.objects.filter(session__run=OuterRef("pk")).order_by().values("session__run")
        )
        return self.annotate(
            session_count=count_of(sessions),
            sessions_held=count_of(sessions.filter(started_at__isnull=False)),
            block_count=count_of(blocks),
            blocks_ticked=count_of(blocks.exclude(status=BlockStatus.OPEN)),
            blocks_delivered=count_of(
                blocks.filter(status__in=[BlockStatus.DELIVERED, BlockStatus.CHANGED])
            ),
            attendance_ticked=count_of(attendance.exclude(status=AttendanceStatus.UNKNOWN)),
            attendance_present=count_of(attendance.filter(status=AttendanceStatus.PRESENT)),
            participant_count=count_of(
                Participant.objects.filter(run=OuterRef("pk")).order_by().values("run")
            ),
        )


def count_of(queryset: models.QuerySet) -> Coalesce:
    """COUNT(*) of a correlated queryset, grouped by its one value, as a scalar subquery."""
    return Coalesce(models.Subquery(queryset.annotate(n=Count("pk")).values("n")[:1]), 0)


def sum_of(queryset: models.QuerySet, field: str) -> Coalesce:
    """SUM(field) of a correlated queryset, as `count_of`."""
    return Coalesce(models.Subquery(queryset.annotate(n=Sum(field)).values("n")[:1]), 0)


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> SessionQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(run_scope_q(user, "run__"))

    def upcoming(self, today) -> SessionQuerySet:
        return self.filter(date__gte=today).order_by("date", "starts_at", "run_id", "number")


class RunBlockQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> RunBlockQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(run_scope_q(user, "session__run__"))


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ParticipantQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(run_scope_q(user, "run__"))

    def attending(self, person_id: int | None) -> ParticipantQuerySet:
        return self.filter(person_id=person_id) if person_id else self.none()
