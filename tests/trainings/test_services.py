"""The trainings services: copying a curriculum, idempotent and concurrent-safe ticks."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError

from tests.trainings.factories import ParticipantFactory, make_run, small_curriculum
from trainings import services
from trainings.constants import AttendanceStatus, BlockStatus
from trainings.models import Attendance, CurriculumBlock, Participant, RunBlock, Tick

pytestmark = pytest.mark.django_db


def test_run_create_copies_every_block_and_picks_the_first_option(world):
    curriculum = small_curriculum(parts=3, blocks_per_part=4)
    run = services.run_create(location=world.gouda.location, curriculum=curriculum)
    assert run.sessions.count() == 3
    assert RunBlock.objects.filter(session__run=run).count() == 12
    first = RunBlock.objects.filter(session__run=run).order_by("session__number", "position")[0]
    assert first.chosen_option == "Eerste keuze"
    assert first.source.part.curriculum == curriculum
    assert run.title.endswith(world.gouda.location.name)


def test_adapting_a_run_leaves_the_template_alone(world):
    run = make_run(world.gouda.location)
    block = RunBlock.objects.filter(session__run=run).first()
    template_minutes = block.source.minutes
    block.minutes, block.title = 5, "Onze eigen methode"
    block.save()
    source = CurriculumBlock.objects.get(pk=block.source_id)
    assert (source.minutes, source.title) != (5, "Onze eigen methode")
    assert source.minutes == template_minutes


def tick(session, block, status="gegeven", token=None, version=None, actor=None, note=""):
    return services.tick_block(
        session=session,
        block_id=block.pk,
        token=token or uuid.uuid4(),
        status=status,
        note=note,
        seen_version=version,
        actor=actor,
    )


def test_the_same_tick_twice_is_recorded_once(world):
    run = make_run(world.gouda.location)
    session = run.sessions.first()
    block = session.blocks.first()
    token = uuid.uuid4()
    first = tick(session, block, token=token, version=0, actor=world.gouda.trainer)
    again = tick(session, block, token=token, version=0, actor=world.gouda.trainer)
    assert not first.replayed and again.replayed
    assert Tick.objects.filter(token=token).count() == 1
    block.refresh_from_db()
    assert block.status == BlockStatus.DELIVERED and block.version == 1


def test_a_colleagues_different_tick_is_not_overwritten(world):
    run = make_run(world.gouda.location)
    session = run.sessions.first()
    block = session.blocks.first()
    tick(session, block, "overgeslagen", version=0, note="Geen tijd")
    with pytest.raises(services.TickConflict) as conflict:
        tick(session, block, "gegeven", version=0)
    assert conflict.value.current.status == BlockStatus.SKIPPED
    block.refresh_from_db()
    assert (block.status, block.note) == (BlockStatus.SKIPPED, "Geen tijd")


def test_the_same_choice_by_two_trainers_is_no_conflict(world):
    run = make_run(world.gouda.location)
    session = run.sessions.first()
    block = session.blocks.first()
    tick(session, block, "gegeven", version=0)
    result = tick(session, block, "gegeven", version=0)
    assert not result.replayed


def test_ticks_on_different_blocks_never_interfere(world):
    run = make_run(world.gouda.location)
    session = run.sessions.first()
    first, second = session.blocks.all()[:2]
    tick(session, first, "gegeven", version=0)
    tick(session, second, "overgeslagen", version=0)
    assert {b.status for b in session.blocks.all()[:2]} == {"gegeven", "overgeslagen"}


def test_an_unknown_status_is_refused(world):
    run = make_run(world.gouda.location)
    session = run.sessions.first()
    with pytest.raises(ValidationError):
        tick(session, session.blocks.first(), "kapot")
    assert not Tick.objects.exists()


def test_a_block_of_another_session_is_not_found(world):
    run = make_run(world.gouda.location)
    first, second = run.sessions.all()[:2]
    with pytest.raises(RunBlock.DoesNotExist):
        tick(first, second.blocks.first())


def test_attendance_ticks_create_one_row_and_are_idempotent(world):
    run = make_run(world.gouda.location)
    session = run.sessions.first()
    participant = ParticipantFactory(run=run, person=world.gouda.worker.person)
    token = uuid.uuid4()
    for _ in range(2):
        services.tick_attendance(
            session=session,
            participant_id=participant.pk,
            token=token,
            field="status",
            value="aanwezig",
            seen_version=0,
            actor=None,
        )
    row = Attendance.objects.get()
    assert row.status == AttendanceStatus.PRESENT and row.version == 1
    services.tick_attendance(
        session=session,
        participant_id=participant.pk,
        token=uuid.uuid4(),
        field="homework",
        value="ja",
        seen_version=1,
        actor=None,
    )
    row.refresh_from_db()
    assert row.homework_done is True and row.status == AttendanceStatus.PRESENT


def test_attendance_of_someone_outside_the_run_is_not_found(world):
    run = make_run(world.gouda.location)
    other = make_run(world.zutphen.location)
    stranger = ParticipantFactory(run=other)
    with pytest.raises(Participant.DoesNotExist):
        services.tick_attendance(
            session=run.sessions.first(),
            participant_id=stranger.pk,
            token=uuid.uuid4(),
            field="status",
            value="aanwezig",
            seen_version=None,
            actor=None,
        )


def test_the_clock_keeps_its_first_start(world):
    session = make_run(world.gouda.location).sessions.first()
    started = services.session_clock(session=session, action="start").started_at
    assert services.session_clock(session=session, action="start").started_at == started
    assert services.session_clock(session=session, action="finish").finished_at is not None


def test_participants_with_recorded_attendance_are_kept(world):
    run = make_run(world.gouda.location)
    worker, expert = world.gouda.worker.person, world.gouda.expert.person
    services.participants_save(
        run=run, chosen={worker.pk: "sociaal_werker", expert.pk: "ervaringsdeskundige"}
    )
    attended = run.participants.get(person=worker)
    Attendance.objects.create(session=run.sessions.first(), participant=attended, status="aanwezig")
    kept = services.participants_save(run=run, chosen={})
    assert [p.person for p in kept] == [worker]
    assert list(run.participants.values_list("person", flat=True)) == [worker.pk]


def test_certificate_rule(world):
    run = make_run(world.gouda.location)
    assert services.earns_certificate(run, 3, 3)
    assert not services.earns_certificate(run, 2, 3)
    run.certificate_min_sessions = 2
    assert services.earns_certificate(run, 2, 3)
    run.kind = "workshop"
    assert not services.earns_certificate(run, 3, 3)


def test_the_final_evaluation_belongs_to_the_last_half_day(world):
    run = make_run(world.gouda.location)
    participant = ParticipantFactory(run=run)
    first = run.sessions.first()
    with pytest.raises(ValidationError):
        services.evaluation_save(
            session=first,
            participant=participant,
            kind="eind",
            score=4,
            remark="",
            entered_by="trainer",
        )
