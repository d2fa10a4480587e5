"""Reads of the trainings app for its pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet
from django.utils import timezone

from trainings.certificates import certificate_standing
from trainings.constants import AttendanceStatus, BlockStatus, ParticipantRole
from trainings.models import Attendance, Participant, RunBlock, Session, TrainingRun
from trainings.querysets import count_of, sum_of

DONE = [BlockStatus.DELIVERED, BlockStatus.CHANGED]


# --- The session page (in the room) ----------------------------------------------------------


@dataclass
class Clock:
    """Planned against actual time of a session: where the programme should be by now."""

    planned_total: int  # minutes of all blocks
    part_minutes: int  # what a half-day may take
    planned_position: int  # minutes of the blocks up to the last one ticked
    started_at: Any
    finished_at: Any
    ticked: int
    total: int

    @property
    def over_time(self) -> int:
        return max(0, self.planned_total - self.part_minutes)

    @property
    def elapsed_minutes(self) -> int | None:
        if self.started_at is None:
            return None
        end = self.finished_at or timezone.now()
        return int((end - self.started_at).total_seconds() // 60)

    @property
    def difference(self) -> int | None:
        """Minutes behind (positive) or ahead (negative) of the plan."""
        elapsed = self.elapsed_minutes
        return None if elapsed is None else elapsed - self.planned_position

    @property
    def behind(self) -> int:
        return max(0, self.difference or 0)

    @property
    def ahead(self) -> int:
        return max(0, -(self.difference or 0))


def clock_for(session: Session, blocks: list[RunBlock]) -> Clock:
    last_ticked = max((i for i, block in enumerate(blocks) if block.is_ticked), default=-1)
    return Clock(
        planned_total=sum(block.minutes for block in blocks),
        part_minutes=session.run.part_minutes,
        planned_position=sum(block.minutes for block in blocks[: last_ticked + 1]),
        started_at=session.started_at,
        finished_at=session.finished_at,
        ticked=sum(1 for block in blocks if block.is_ticked),
        total=len(blocks),
    )


def session_blocks(session: Session) -> list[RunBlock]:
    return list(session.blocks.select_related("ticked_by__person"))


def session_participants(session: Session) -> list[Participant]:
    """The run's participants, each with `.here`: their attendance row at this session or None."""
    participants = list(
        Participant.objects.filter(run_id=session.run_id)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(session=session),
                to_attr="rows_here",
            )
        )
    )
    for participant in participants:
        participant.here = participant.rows_here[0] if participant.rows_here else None
    return participants


def session_queryset() -> QuerySet[Session]:
    return Session.objects.select_related(
        "run__location", "run__national_trainer", "run__local_trainer"
    )


# --- The run overview -------------------------------------------------------------------------


@dataclass
class RoleFigures:
    role: str
    label: str
    participants: int = 0
    trained: int = 0  # earned the certificate (or, for a workshop, attended)


@dataclass
class RunOverview:
    run: TrainingRun
    sessions: list[Session]
    participants: list[Participant]
    roles: list[RoleFigures] = field(default_factory=list)

    @property
    def attendance_rate(self) -> int | None:
        """Present as a share of the ticked attendance of held sessions, in percent."""
        run = self.run
        if not run.attendance_ticked:
            return None
        return round(100 * run.attendance_present / run.attendance_ticked)


def run_overview(run_id: int, user: Any) -> RunOverview:
    run = (
        TrainingRun.objects.visible_to(user)
        .with_progress()
        .select_related("location", "national_trainer", "local_trainer", "curriculum")
        .get(pk=run_id)
    )
    sessions = list(with_session_counts(run.sessions.all()))
    participants = certificate_standing(run)
    roles = {role: RoleFigures(role, label) for role, label in ParticipantRole.choices}
    for participant in participants:
        figures = roles[participant.role]
        figures.participants += 1
        if participant.earns_certificate or (not run.gives_certificate and participant.attended):
            figures.trained += 1
    return RunOverview(run, sessions, participants, list(roles.values()))


def with_session_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    blocks = RunBlock.objects.filter(session=OuterRef("pk")).order_by().values("session")
    present = (
        Attendance.objects.filter(session=OuterRef("pk"), status=AttendanceStatus.PRESENT)
        .order_by()
        .values("session")
    )
    return sessions.annotate(
        block_count=count_of(blocks),
        blocks_done=count_of(blocks.filter(status__in=DONE)),
        blocks_skipped=count_of(blocks.filter(status=BlockStatus.SKIPPED)),
        planned_minutes=sum_of(blocks, "minutes"),
        present_count=count_of(present),
    )


def attendance_of(participant: Participant, sessions: list[Session]) -> list[tuple]:
    """(session, attendance row or None) for one participant, in one query."""
    rows = {row.session_id: row for row in participant.attendances.all()}
    return [(session, rows.get(session.pk)) for session in sessions]


def runs_for_list(user: Any) -> QuerySet[TrainingRun]:
    return (
        TrainingRun.objects.visible_to(user)
        .with_progress()
        .select_related("location")
        .order_by("location__name", "-created_at")
    )
