"""Writes of the trainings app. Each runs in one transaction.

Ticks in the room are idempotent and safe for two trainers at once:
- every tap carries a token (a UUID made when the button was shown); a token already recorded
  is answered with the current state and records nothing (a retried tap after a lost answer);
- every tap locks its one row (a block or one participant's attendance) and carries the version
  the trainer saw; when a colleague changed that row to something else in between, the tap is
  refused with `TickConflict` and the trainer sees the colleague's choice. Ticks on different
  rows never touch each other, so no tick is ever lost.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from trainings.constants import AttendanceStatus, BlockStatus, EnteredBy, EvaluationKind
from trainings.models import (
    Attendance,
    Curriculum,
    Evaluation,
    Participant,
    RunBlock,
    Session,
    Tick,
    TrainingRun,
)

BLOCK_FIELDS = ("minutes", "title", "kind", "goal", "description", "materials", "homework")


class TickConflict(Exception):
    """A colleague set the same row to something else after this trainer saw it."""

    def __init__(self, current: Any):
        super().__init__("tick conflict")
        self.current = current


@dataclass(frozen=True)
class TickResult:
    row: Any  # the RunBlock or Attendance as it now is
    replayed: bool  # True: this token was recorded before, nothing changed now


# --- Runs ------------------------------------------------------------------------------------


@transaction.atomic
def run_create(
    *,
    location: Any,
    curriculum: Curriculum,
    title: str = "",
    national_trainer: Any = None,
    local_trainer: Any = None,
    certificate_min_sessions: int | None = None,
) -> TrainingRun:
    """A run with a session per part of the curriculum and a copy of every block.

    The copy is what makes the run the location's own: adapting it never touches the template.
    """
    run = TrainingRun(
        location=location,
        curriculum=curriculum,
        kind=curriculum.kind,
        title=title or f"{curriculum.name} – {location.name}",
        part_minutes=curriculum.part_minutes,
        national_trainer=national_trainer,
        local_trainer=local_trainer,
        certificate_min_sessions=certificate_min_sessions,
    )
    run.full_clean()
    run.save()
    parts = curriculum.parts.prefetch_related("blocks__options")
    sessions = Session.objects.bulk_create(
        Session(run=run, number=part.number, title=part.title) for part in parts
    )
    blocks = []
    for session, part in zip(sessions, parts, strict=True):
        for block in part.blocks.all():
            options = list(block.options.all())
            blocks.append(
                RunBlock(
                    session=session,
                    source=block,
                    position=block.position,
                    is_regional=block.is_regional,
                    chosen_option=options[0].title if options else "",
                    **{name: getattr(block, name) for name in BLOCK_FIELDS},
                )
            )
    RunBlock.objects.bulk_create(blocks)
    return run


@transaction.atomic
def participants_save(*, run: TrainingRun, chosen: dict[int, str]) -> list[Participant]:
    """Make the participants `chosen` (person id → role). Returns those who were left out
    but stay, because attendance was recorded for them (that history is not thrown away)."""
    current = {
        p.person_id: p for p in run.participants.select_for_update().select_related("person")
    }
    kept = []
    for person_id, participant in current.items():
        if person_id in chosen:
            if participant.role != chosen[person_id]:
                participant.role = chosen[person_id]
                participant.save(update_fields=["role"])
        elif participant.attendances.exclude(status=AttendanceStatus.UNKNOWN).exists():
            kept.append(participant)
        else:
            participant.delete()
    Participant.objects.bulk_create(
        Participant(run=run, person_id=person_id, role=role)
        for person_id, role in chosen.items()
        if person_id not in current
    )
    return kept


@transaction.atomic
def programme_save(*, session: Session, formset: Any) -> None:
    """Save the adapted programme of a half-day: edited, added and removed blocks."""
    for form in formset.deleted_forms:
        if form.instance.pk:
            form.instance.delete()
    for form in formset.forms:
        if form in formset.deleted_forms or not form.has_changed():
            continue
        block = form.save(commit=False)
        block.session = session
        block.save()


def next_block_position(session: Session) -> int:
    return (session.blocks.aggregate(top=Max("position"))["top"] or 0) + 1


# --- In the room -----------------------------------------------------------------------------


def _replayed(token: uuid.UUID) -> bool:
    return Tick.objects.filter(token=token).exists()


def _record(token: uuid.UUID, **fields: Any) -> bool:
    """Record the tick; False when a concurrent request with the same token won the race."""
    try:
        with transaction.atomic():
            Tick.objects.create(token=token, **fields)
    except IntegrityError:
        return False
    return True


def tick_block(
    *,
    session: Session,
    block_id: int,
    token: uuid.UUID,
    status: str,
    note: str,
    seen_version: int | None,
    actor: Any,
) -> TickResult:
    """Mark a block delivered, changed, skipped or open again (see the module's docstring)."""
    if status not in BlockStatus.values:
        raise ValidationError({"status": _("Kies gegeven, anders gedaan of overgeslagen.")})
    with transaction.atomic():
        block = RunBlock.objects.select_for_update().get(session=session, pk=block_id)
        if _replayed(token):
            return TickResult(block, replayed=True)
        changed_meanwhile = seen_version is not None and block.version != seen_version
        if changed_meanwhile and (block.status, block.note) != (status, note):
            raise TickConflict(block)
        if not _record(token, session=session, block=block, value=status, note=note, by=actor):
            return TickResult(block, replayed=True)
        block.status = status
        block.note = note
        block.ticked_at = None if status == BlockStatus.OPEN else timezone.now()
        block.ticked_by = None if status == BlockStatus.OPEN else actor
        block.version += 1
        block.save(update_fields=["status", "note", "ticked_at", "ticked_by", "version"])
    return TickResult(block, replayed=False)


ATTENDANCE_VALUES = {
    "status": {value: value for value in AttendanceStatus.values},
    "homework": {"ja": True, "nee": False, "": None},
}


def tick_attendance(
    *,
    session: Session,
    participant_id: int,
    token: uuid.UUID,
    field: str,
    value: str,
    seen_version: int | None,
    actor: Any,
) -> TickResult:
    """Tick a participant present/absent/excused, or their homework done or not."""
    if field not in ATTENDANCE_VALUES or value not in ATTENDANCE_VALUES[field]:
        raise ValidationError({"value": _("Deze keuze bestaat niet.")})
    participant = Participant.objects.get(run_id=session.run_id, pk=participant_id)
    with transaction.atomic():
        Attendance.objects.get_or_create(session=session, participant=participant)
        row = Attendance.objects.select_for_update().get(session=session, participant=participant)
        if _replayed(token):
            return TickResult(row, replayed=True)
        new = ATTENDANCE_VALUES[field][value]
        attribute = "status" if field == "status" else "homework_done"
        changed_meanwhile = seen_version is not None and row.version != seen_version
        if changed_meanwhile and getattr(row, attribute) != new:
            raise TickConflict(row)
        label = f"{field}:{value}"[:20]
        if not _record(token, session=session, attendance=row, value=label, by=actor):
            return TickResult(row, replayed=True)
        setattr(row, attribute, new)
        row.ticked_at = timezone.now()
        row.ticked_by = actor
        row.version += 1
        row.save(update_fields=[attribute, "ticked_at", "ticked_by", "version"])
    return TickResult(row, replayed=False)


@transaction.atomic
def session_clock(*, session: Session, action: str) -> Session:
    """Start the clock (once: a second start keeps the first time), finish or reopen it."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    now = timezone.now()
    if action == "start" and session.started_at is None:
        session.started_at = now
        session.finished_at = None
    elif action == "finish" and session.started_at is not None and session.finished_at is None:
        session.finished_at = now
    elif action == "reopen":
        session.finished_at = None
    session.save(update_fields=["started_at", "finished_at"])
    return session


# --- After the session ------------------------------------------------------------------------


@transaction.atomic
def evaluation_save(
    *,
    session: Session,
    participant: Participant,
    kind: str,
    score: int,
    remark: str,
    entered_by: str,
) -> Evaluation:
    if kind == EvaluationKind.FINAL and session.number != last_session_number(session.run):
        raise ValidationError(_("De eindevaluatie hoort bij het laatste dagdeel."))
    evaluation, _created = Evaluation.objects.update_or_create(
        session=session,
        participant=participant,
        kind=kind,
        defaults={"score": score, "remark": remark, "entered_by": entered_by},
    )
    evaluation.full_clean()
    return evaluation


def last_session_number(run: TrainingRun) -> int:
    return run.sessions.aggregate(top=Max("number"))["top"] or 0


# --- Certificates -----------------------------------------------------------------------------


def sessions_needed(run: TrainingRun, session_count: int) -> int:
    """The certificate rule: every half-day, or the run's own minimum (at most all)."""
    if run.certificate_min_sessions:
        return min(run.certificate_min_sessions, session_count)
    return session_count


def earns_certificate(run: TrainingRun, attended: int, session_count: int) -> bool:
    return (
        run.gives_certificate
        and session_count > 0
        and attended >= sessions_needed(run, session_count)
    )


@transaction.atomic
def follow_up_save(
    *,
    session: Session,
    rows: list[tuple[Participant, dict[str, Any]]],
    final_rows: list[tuple[Participant, dict[str, Any]]] = (),
) -> None:
    """Homework and evaluations of a half-day as the trainer enters them, for every participant.

    An empty score leaves an existing evaluation alone (a participant may have filled it in).
    """
    for participant, data in rows:
        attendance, _created = Attendance.objects.select_for_update().get_or_create(
            session=session, participant=participant
        )
        if attendance.homework_done != data.get("homework_done"):
            attendance.homework_done = data.get("homework_done")
            attendance.version += 1
            attendance.save(update_fields=["homework_done", "version"])
    for kind, kind_rows in ((EvaluationKind.SESSION, rows), (EvaluationKind.FINAL, final_rows)):
        for participant, data in kind_rows:
            if data.get("score") is None:
                continue
            evaluation_save(
                session=session,
                participant=participant,
                kind=kind,
                score=data["score"],
                remark=data.get("remark", ""),
                entered_by=EnteredBy.TRAINER,
            )
