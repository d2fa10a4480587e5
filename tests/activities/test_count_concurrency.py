"""Two leaders counting the same meeting at the same moment (PostgreSQL, a thread and a
connection each): the row lock and the version make one count win and the other a conflict;
the same token twice at once is recorded once."""

from __future__ import annotations

import uuid
from functools import partial

import pytest
from django.db import close_old_connections

from activities import services
from activities.models import Meeting
from tests.activities.factories import make_activity, today
from tests.concurrency import postgres_only, run_at_once

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def at_once(*jobs):
    try:
        return run_at_once(*jobs, conflict=services.CountConflict)
    finally:
        close_old_connections()


def count(meeting, first, back, token=None, version=None):
    return partial(
        services.meeting_count,
        meeting_id=meeting.pk,
        first_time=first,
        returning=back,
        token=token or uuid.uuid4(),
        seen_version=meeting.version if version is None else version,
        actor=None,
    )


def _past_meeting(world):
    activity = make_activity(world.gouda)
    return activity.meetings.filter(date__lt=today()).order_by("date").first()


def test_two_counts_of_one_meeting_one_wins(world):
    meeting = _past_meeting(world)
    results = at_once(count(meeting, 4, 6), count(meeting, 9, 9))
    assert sorted(results) == ["conflict", "saved"]
    meeting.refresh_from_db()
    assert (meeting.first_time_visitors, meeting.returning_visitors) in ((4, 6), (9, 9))
    assert meeting.version == 2


def test_the_same_token_twice_at_once_is_one_count(world):
    meeting = _past_meeting(world)
    token = uuid.uuid4()
    results = at_once(count(meeting, 4, 6, token=token), count(meeting, 4, 6, token=token))
    assert results == ["saved", "saved"]
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.version == 2 and meeting.count_token == token
