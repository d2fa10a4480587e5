"""Hypothesis over the activities forms and endpoints: random Unicode, null bytes, long text,
junk dates and numbers, foreign ids. Never a 500; a refused post saves nothing; an accepted one
leaves rows that pass their own checks (a series that ends, headcounts 0..500, groups of the
right size, attendees of the group)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from activities.constants import GROUP_SIZES, HEADCOUNT_MAX, Frequency, GroupKind
from activities.models import Activity, GroupMeeting, IntervisionGroup, Meeting, MeetingVisit
from tests.activities.factories import activities_world, extra_experts
from tests.casework.test_hostile_input import mostly, rolled_back
from tests.teams.test_hostile_input import HOSTILE, TEXT

pytestmark = pytest.mark.django_db

DATES = st.one_of(
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2040, 1, 1)).map(
        lambda d: d.isoformat()
    ),
    st.sampled_from(["", "2026-02-30", "31-12-2026", "0000-00-00", "9999-12-31", "gisteren"]),
    TEXT,
)
TIMES = st.one_of(st.sampled_from(["09:00", "10:30", "23:59", "00:00", "25:00", ""]), TEXT)
IDS = st.one_of(st.integers(-(10**20), 10**20).map(str), TEXT)
NUMBERS = st.one_of(
    st.integers(-(10**12), 10**12).map(str), st.sampled_from(["", "0", "500", "501", "1e3"]), TEXT
)


@pytest.fixture
def hostile_world(world):
    activities_world(world)
    world.more_experts = extra_experts(world.gouda, 8, prefix="Hyp")
    return world


def _valid_activities():
    for activity in Activity.objects.all():
        assert activity.ends_on >= activity.starts_on
        assert activity.end_time > activity.start_time
        assert (activity.ends_on - activity.starts_on).days <= 3 * 366
        assert activity.leaders.exists() and activity.organisations.exists()


@HOSTILE
@given(
    data=st.fixed_dictionaries(
        {
            "kind": mostly(st.just("1"), IDS),
            "title": TEXT,
            "description": TEXT,
            "organisations": IDS,
            "leaders": IDS,
            "neighbourhood": IDS,
            "address": TEXT,
            "starts_on": DATES,
            "start_time": TIMES,
            "end_time": TIMES,
            "frequency": mostly(st.sampled_from(Frequency.values), TEXT),
            "nth_weekday": st.one_of(st.sampled_from(["", "1", "2", "-1", "5"]), TEXT),
            "ends_on": DATES,
            "exceptions_text": TEXT,
        }
    ),
    which=st.sampled_from(["create", "edit", "other"]),
)
def test_activity_form(hostile_world, client, data, which):
    world = hostile_world
    client.force_login(world.gouda.leader)
    with rolled_back():
        if which == "create":
            url = reverse("activities:activity_create", args=[world.gouda.location.pk])
        elif which == "edit":
            url = reverse("activities:activity_edit", args=[world.activity.pk])
        else:
            url = reverse("activities:activity_create", args=[world.zutphen.location.pk])
        before = Activity.objects.count(), Meeting.objects.count()
        response = client.post(url, data)
        if which == "other":
            assert response.status_code == 404
        else:
            assert response.status_code in (302, 422)
        if response.status_code != 302:
            assert (Activity.objects.count(), Meeting.objects.count()) == before
        _valid_activities()


@HOSTILE
@given(
    first=NUMBERS,
    back=NUMBERS,
    token=st.one_of(st.uuids().map(str), TEXT),
    version=IDS,
    which=st.sampled_from(["past", "future", "zutphen"]),
)
def test_headcount(hostile_world, client, first, back, token, version, which):
    world = hostile_world
    client.force_login(world.gouda.expert)
    with rolled_back():
        if which == "zutphen":
            from tests.activities.factories import make_activity

            meeting = make_activity(
                world.zutphen, leaders=[world.zutphen.expert.person]
            ).meetings.first()
        else:
            meetings = world.activity.meetings.order_by("date")
            meeting = meetings.last() if which == "future" else meetings[1]
        response = client.post(
            reverse("activities:headcount", args=[meeting.pk]),
            {"first_time": first, "returning": back, "token": token, "version": version},
            HTTP_HX_REQUEST="true",
        )
        if which == "zutphen":
            assert response.status_code == 404
        else:
            assert response.status_code in (200, 400, 409, 422)
        for row in Meeting.objects.all():
            for value in (row.first_time_visitors, row.returning_visitors):
                assert value is None or 0 <= value <= HEADCOUNT_MAX
        if which == "future":
            assert not Meeting.objects.get(pk=meeting.pk).is_counted


@HOSTILE
@given(
    data=st.fixed_dictionaries(
        {
            "action": mostly(st.sampled_from(["move", "cancel", "restore"]), TEXT),
            "date": DATES,
            "start_time": TIMES,
            "end_time": TIMES,
            "note": TEXT,
        }
    )
)
def test_meeting_form(hostile_world, client, data):
    world = hostile_world
    client.force_login(world.gouda.worker)
    meeting = world.activity.meetings.order_by("date")[2]
    with rolled_back():
        response = client.post(reverse("activities:meeting_edit", args=[meeting.pk]), data)
        assert response.status_code in (302, 400, 422)
        meeting.refresh_from_db()
        activity = world.activity
        assert activity.starts_on <= meeting.date <= activity.ends_on
        assert meeting.end_time > meeting.start_time
        assert len(meeting.note) <= 200


def _valid_groups():
    for group in IntervisionGroup.objects.all():
        smallest, largest = GROUP_SIZES[group.kind]
        assert smallest <= group.members.count() <= largest
        assert not set(group.members.all()) & set(group.facilitators.all())


@HOSTILE
@given(
    data=st.fixed_dictionaries(
        {
            "kind": mostly(st.sampled_from(GroupKind.values), TEXT),
            "name": TEXT,
            "cadence": st.one_of(st.sampled_from(["tweewekelijks", "maandelijks"]), TEXT),
            "place": TEXT,
            "starts_on": DATES,
            "ends_on": DATES,
        }
    ),
    members=st.integers(0, 12),
    foreign=st.booleans(),
    which=st.sampled_from(["create", "edit"]),
)
def test_group_form(hostile_world, client, data, members, foreign, which):
    world = hostile_world
    chosen = [world.gouda.expert.person, *world.more_experts][:members]
    data = {**data, "members": [p.pk for p in chosen], "facilitators": [world.facilitator.pk]}
    if foreign:
        data["members"] = data["members"] + [world.zutphen.expert.person.pk]
    client.force_login(world.facilitator.user)
    with rolled_back():
        if which == "create":
            url = reverse("activities:group_create", args=[world.gouda.location.pk])
        else:
            url = reverse("activities:group_edit", args=[world.group.pk])
        before = IntervisionGroup.objects.count()
        response = client.post(url, data)
        assert response.status_code in (302, 422)
        if response.status_code != 302:
            assert IntervisionGroup.objects.count() == before
        _valid_groups()


@HOSTILE
@given(
    date=DATES,
    start=TIMES,
    end=TIMES,
    attendees=st.lists(IDS, max_size=4),
    themes=st.lists(IDS, max_size=4),
    free=TEXT,
)
def test_group_meeting_form(hostile_world, client, date, start, end, attendees, themes, free):
    world = hostile_world
    client.force_login(world.facilitator.user)
    with rolled_back():
        before = GroupMeeting.objects.count()
        response = client.post(
            reverse("activities:group_meeting_create", args=[world.group.pk]),
            {
                "date": date,
                "start_time": start,
                "end_time": end,
                "attendees": attendees,
                "themes": themes,
                "free_themes": free,
            },
        )
        assert response.status_code in (302, 422)
        if response.status_code != 302:
            assert GroupMeeting.objects.count() == before
        allowed = set(world.group.members.all()) | set(world.group.facilitators.all())
        for meeting in GroupMeeting.objects.all():
            assert set(meeting.attendees.all()) <= allowed
            assert len(meeting.free_themes) <= 200 and "\x00" not in meeting.free_themes


@HOSTILE
@given(meeting=IDS, first=st.one_of(st.just("on"), TEXT), remove=st.one_of(st.just(""), IDS))
def test_visit_form(hostile_world, client, meeting, first, remove):
    world = hostile_world
    client.force_login(world.gouda.worker)
    with rolled_back():
        response = client.post(
            reverse("activities:resident_visits", args=[world.resident.pk]),
            {"meeting": meeting, "first_time": first, "remove": remove},
        )
        assert response.status_code in (302, 404, 422)
        for visit in MeetingVisit.objects.select_related("meeting__activity", "resident"):
            assert visit.meeting.activity.location_id == visit.resident.location_id
