"""Two trainers ticking at the same moment (PostgreSQL, a thread and connection each)."""

from __future__ import annotations

import uuid
from functools import partial

import pytest
from django.db import close_old_connections

from tests.concurrency import postgres_only, run_at_once
from tests.trainings.factories import ParticipantFactory, make_run
from trainings import services
from trainings.models import Attendance, RunBlock, Tick

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def at_once(*jobs):
    try:
        return run_at_once(*jobs, conflict=services.TickConflict)
    finally:
        close_old_connections()


def block_tick(session, block, status, token=None, version=0, actor=None):
    return partial(
        services.tick_block,
        session=session,
        block_id=block.pk,
        token=token or uuid.uuid4(),
        status=status,
        note="",
        seen_version=version,
        actor=actor,
    )


def test_ticks_on_different_blocks_at_once_are_all_kept(world):
    session = make_run(world.gouda.location, blocks_per_part=4).sessions.first()
    blocks = list(session.blocks.all())
    trainers = [world.gouda.trainer, world.gouda.leader]
    for round_ in range(2):
        jobs = [
            block_tick(session, blocks[2 * round_ + i], "gegeven", actor=trainers[i])
            for i in range(2)
        ]
        assert at_once(*jobs) == ["saved", "saved"]
    assert RunBlock.objects.filter(session=session, status="gegeven").count() == 4
    assert Tick.objects.count() == 4


def test_the_same_tap_arriving_twice_at_once_is_recorded_once(world):
    session = make_run(world.gouda.location).sessions.first()
    block = session.blocks.first()
    token = uuid.uuid4()
    results = at_once(*[block_tick(session, block, "gegeven", token=token) for _ in range(2)])
    assert results == ["saved", "saved"]  # both answered: one applied it, one replayed it
    assert Tick.objects.filter(token=token).count() == 1
    assert RunBlock.objects.get(pk=block.pk).version == 1


def test_different_choices_for_one_block_at_once_one_wins_and_the_other_is_told(world):
    session = make_run(world.gouda.location).sessions.first()
    block = session.blocks.first()
    results = at_once(
        block_tick(session, block, "gegeven"), block_tick(session, block, "overgeslagen")
    )
    assert sorted(results) == ["conflict", "saved"], results
    winner = ["gegeven", "overgeslagen"][results.index("saved")]
    block.refresh_from_db()
    assert (block.status, block.version) == (winner, 1)


def test_attendance_of_everyone_ticked_at_once_creates_one_row_each(world):
    run = make_run(world.gouda.location)
    session = run.sessions.first()
    people = [ParticipantFactory(run=run) for _ in range(4)]

    def presence(participant, value):
        return partial(
            services.tick_attendance,
            session=session,
            participant_id=participant.pk,
            token=uuid.uuid4(),
            field="status",
            value=value,
            seen_version=None,
            actor=None,
        )

    # Two trainers tick the same four people at once, one as present, one their homework.
    jobs = [presence(p, "aanwezig") for p in people]
    homework = [
        partial(
            services.tick_attendance,
            session=session,
            participant_id=p.pk,
            token=uuid.uuid4(),
            field="homework",
            value="ja",
            seen_version=None,
            actor=None,
        )
        for p in people
    ]
    for pair in zip(jobs, homework, strict=True):
        assert at_once(*pair) == ["saved", "saved"]
    rows = Attendance.objects.filter(session=session)
    assert rows.count() == 4
    assert all(row.status == "aanwezig" and row.homework_done for row in rows)
