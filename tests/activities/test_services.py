"""Services of the activities app: recurrence, moved and cancelled meetings, the headcount,
intervision groups and their size rule, the link from a case. Bad input: a Dutch reason and
nothing saved."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError

from activities import recurrence, selectors, services
from activities.constants import Frequency, GroupKind, MeetingStatus
from activities.models import Activity, GroupMeeting, IntervisionGroup, Meeting, MeetingVisit
from tests.activities.factories import (
    activity_fields,
    extra_experts,
    make_activity,
    make_group,
    today,
)

pytestmark = pytest.mark.django_db


def _dates(activity):
    return list(activity.meetings.order_by("planned_on").values_list("planned_on", flat=True))


def test_weekly_series_makes_a_meeting_per_week(world):
    start = datetime.date(2026, 1, 5)  # a Monday
    activity = make_activity(world.gouda, starts_on=start, ends_on=datetime.date(2026, 2, 2))
    assert _dates(activity) == [start + datetime.timedelta(weeks=n) for n in range(5)]


def test_fortnightly_series_with_exceptions(world):
    start = datetime.date(2026, 1, 5)
    activity = make_activity(
        world.gouda,
        starts_on=start,
        ends_on=datetime.date(2026, 3, 2),
        frequency=Frequency.FORTNIGHTLY,
        exceptions=[datetime.date(2026, 2, 2)],
    )
    assert _dates(activity) == [
        datetime.date(2026, 1, 5),
        datetime.date(2026, 1, 19),
        datetime.date(2026, 2, 16),
        datetime.date(2026, 3, 2),
    ]


def test_monthly_on_the_nth_weekday(world):
    # The first Tuesday of every month, and the last Friday.
    activity = make_activity(
        world.gouda,
        starts_on=datetime.date(2026, 1, 6),
        ends_on=datetime.date(2026, 4, 30),
        frequency=Frequency.MONTHLY,
        nth_weekday=1,
    )
    assert _dates(activity) == [
        datetime.date(2026, 1, 6),
        datetime.date(2026, 2, 3),
        datetime.date(2026, 3, 3),
        datetime.date(2026, 4, 7),
    ]
    last = make_activity(
        world.gouda,
        title="Laatste vrijdag",
        starts_on=datetime.date(2026, 1, 30),
        ends_on=datetime.date(2026, 3, 31),
        frequency=Frequency.MONTHLY,
        nth_weekday=-1,
    )
    assert _dates(last) == [
        datetime.date(2026, 1, 30),
        datetime.date(2026, 2, 27),
        datetime.date(2026, 3, 27),
    ]


def test_monthly_nth_that_does_not_fit_the_first_date_is_refused(world):
    with pytest.raises(ValidationError) as error:
        make_activity(
            world.gouda,
            starts_on=datetime.date(2026, 1, 13),  # the second Tuesday
            frequency=Frequency.MONTHLY,
            nth_weekday=1,
        )
    assert "week van de maand" in str(error.value.message_dict["nth_weekday"])
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("ends_on", "text"),
    [
        (None, "nooit stopt"),
        (datetime.date(2025, 1, 1), "vóór de eerste bijeenkomst"),
        (datetime.date(2040, 1, 1), "hoogstens drie jaar"),
    ],
)
def test_a_series_must_end_and_end_after_it_starts(world, ends_on, text):
    with pytest.raises(ValidationError) as error:
        make_activity(world.gouda, starts_on=datetime.date(2026, 1, 5), ends_on=ends_on)
    assert text in " ".join(error.value.message_dict["ends_on"])
    assert not Activity.objects.exists()
    assert not Meeting.objects.exists()


def test_leaders_and_organisations_must_belong_to_the_location(world):
    with pytest.raises(ValidationError) as error:
        make_activity(world.gouda, leaders=[world.zutphen.expert.person])
    assert "van deze locatie" in " ".join(error.value.message_dict["leaders"])
    with pytest.raises(ValidationError) as error:
        services.activity_save(
            location=world.gouda.location,
            actor=world.gouda.leader,
            leaders=[world.gouda.worker.person],
            organisations=[world.zutphen.recovery_org],
            **activity_fields(),
        )
    assert "partner" in " ".join(error.value.message_dict["organisations"])
    assert not Activity.objects.exists()


def test_move_and_cancel_one_meeting_keeps_the_rest(world):
    activity = make_activity(world.gouda)
    first, second, third = activity.meetings.order_by("date")[:3]
    moved = services.meeting_move(
        meeting=second,
        date=second.date + datetime.timedelta(days=1),
        start_time=datetime.time(13, 0),
        end_time=datetime.time(15, 0),
        note="Buurthuis bezet",
        actor=world.gouda.leader,
    )
    assert moved.is_moved and moved.planned_on == second.planned_on
    services.meeting_cancel(meeting=third, note="Koningsdag", actor=world.gouda.leader)
    third.refresh_from_db()
    assert third.status == MeetingStatus.CANCELLED
    # Changing the series later keeps the moved and cancelled meetings as they are.
    services.activity_save(
        location=world.gouda.location,
        actor=world.gouda.leader,
        activity=activity,
        leaders=[world.gouda.expert.person],
        organisations=[world.gouda.recovery_org],
        **activity_fields(start_time=datetime.time(9, 30), starts_on=activity.starts_on),
    )
    moved.refresh_from_db()
    third.refresh_from_db()
    first.refresh_from_db()
    assert moved.start_time == datetime.time(13, 0)
    assert third.status == MeetingStatus.CANCELLED
    assert first.start_time == datetime.time(9, 30)


def test_shortening_a_series_drops_only_untouched_meetings(world):
    activity = make_activity(world.gouda)
    last = activity.meetings.order_by("-date").first()
    services.meeting_cancel(meeting=last, note="Zomer", actor=world.gouda.leader)
    total = activity.meetings.count()
    services.activity_save(
        location=world.gouda.location,
        actor=world.gouda.leader,
        activity=activity,
        leaders=[world.gouda.expert.person],
        organisations=[world.gouda.recovery_org],
        **activity_fields(starts_on=activity.starts_on, ends_on=activity.starts_on),
    )
    assert set(activity.meetings.values_list("pk", flat=True)) == {
        activity.meetings.get(planned_on=activity.starts_on).pk,
        last.pk,
    }
    assert total > 2


@pytest.mark.parametrize(
    ("date_delta", "field", "text"),
    [(-1, "date", "vóór de eerste bijeenkomst"), (+400, "date", "na de laatste datum")],
)
def test_a_meeting_cannot_move_outside_the_series(world, date_delta, field, text):
    activity = make_activity(world.gouda)
    meeting = activity.meetings.order_by("date").first()
    target = (activity.starts_on if date_delta < 0 else activity.ends_on) + datetime.timedelta(
        days=date_delta if date_delta < 0 else 1
    )
    with pytest.raises(ValidationError) as error:
        services.meeting_move(
            meeting=meeting,
            date=target,
            start_time=datetime.time(10),
            end_time=datetime.time(11),
            actor=world.gouda.leader,
        )
    assert text in " ".join(error.value.message_dict[field])
    meeting.refresh_from_db()
    assert meeting.date == meeting.planned_on


def _count(meeting, first, back, token=None, version=None, user=None):
    return services.meeting_count(
        meeting_id=meeting.pk,
        first_time=first,
        returning=back,
        token=token or uuid.uuid4(),
        seen_version=version,
        actor=user,
    )


def test_headcount_is_recorded_once_per_token(world):
    activity = make_activity(world.gouda)
    meeting = activity.meetings.order_by("date").first()
    token = uuid.uuid4()
    counted = _count(meeting, 2, 9, token=token, version=meeting.version)
    again = _count(meeting, 2, 9, token=token, version=meeting.version)
    assert (again.first_time_visitors, again.returning_visitors) == (2, 9)
    assert again.version == counted.version == meeting.version + 1


def test_headcount_conflict_when_a_colleague_counted_in_between(world):
    activity = make_activity(world.gouda)
    meeting = activity.meetings.order_by("date").first()
    _count(meeting, 1, 1, version=meeting.version)
    with pytest.raises(services.CountConflict) as conflict:
        _count(meeting, 5, 5, version=meeting.version)
    assert conflict.value.current.first_time_visitors == 1


@pytest.mark.parametrize(
    ("first", "back", "text"),
    [
        (-3, 0, "kleiner zijn dan 0"),
        (0, 10_000_000, "hoogstens 500"),
        ("tien", 0, "heel getal"),
        (501, 0, "hoogstens 500"),
    ],
)
def test_bad_headcount_is_refused_and_nothing_saved(world, first, back, text):
    activity = make_activity(world.gouda)
    meeting = activity.meetings.order_by("date").first()
    with pytest.raises(ValidationError) as error:
        _count(meeting, first, back)
    assert text in " ".join(error.value.messages)
    meeting.refresh_from_db()
    assert meeting.first_time_visitors is None and meeting.returning_visitors is None


def test_a_future_or_cancelled_meeting_cannot_be_counted(world):
    activity = make_activity(world.gouda)
    future = activity.meetings.filter(date__gt=today()).first()
    with pytest.raises(ValidationError, match="nog niet geweest"):
        _count(future, 1, 1)
    past = activity.meetings.filter(date__lt=today()).first()
    services.meeting_cancel(meeting=past, actor=None)
    with pytest.raises(ValidationError, match="gaat niet door"):
        _count(past, 1, 1)


# --- Intervision --------------------------------------------------------------------------


def test_intervision_group_of_four_to_eight(world):
    group = make_group(world.gouda)
    assert group.members.count() == 4
    assert group.kind == GroupKind.INTERVISION


@pytest.mark.parametrize(
    ("kind", "count", "text"),
    [
        (GroupKind.INTERVISION, 12, "vier tot acht"),
        (GroupKind.INTERVISION, 3, "vier tot acht"),
        (GroupKind.SUPERVISION, 5, "hoogstens vier"),
        (GroupKind.COACHING, 2, "één op één"),
    ],
)
def test_group_size_outside_the_rule_is_refused(world, kind, count, text):
    members = extra_experts(world.gouda, count)
    with pytest.raises(ValidationError) as error:
        make_group(world.gouda, members=members, kind=kind)
    assert text in " ".join(error.value.message_dict["members"])
    assert not IntervisionGroup.objects.exists()


def test_members_are_experts_of_the_location(world):
    members = [world.gouda.worker.person, *extra_experts(world.gouda, 3)]
    with pytest.raises(ValidationError) as error:
        make_group(world.gouda, members=members)
    assert "ervaringsdeskundigen van deze locatie" in " ".join(error.value.message_dict["members"])


def test_who_starts_a_group_must_be_in_it(world):
    with pytest.raises(ValidationError) as error:
        make_group(world.gouda, actor=world.gouda.leader)
    assert "zelf deelnemer of begeleider" in " ".join(error.value.message_dict["facilitators"])


def test_group_meeting_attendance_and_themes(world):
    from activities.models import IntervisionTheme

    group = make_group(world.gouda)
    facilitator = group.facilitators.get()
    meeting = services.group_meeting_save(
        group=group,
        actor=facilitator.user,
        date=today(),
        attendees=[world.gouda.expert.person, facilitator],
        themes=IntervisionTheme.objects.filter(name="Grenzen bewaken"),
        free_themes="Werkdruk\x00",
    )
    assert meeting.free_themes == "Werkdruk"
    assert set(meeting.attendees.all()) == {world.gouda.expert.person, facilitator}
    with pytest.raises(ValidationError) as error:
        services.group_meeting_save(
            group=group,
            actor=facilitator.user,
            date=today(),
            attendees=[world.gouda.worker.person],
            themes=[],
        )
    assert "Alleen deelnemers en begeleiders" in " ".join(error.value.message_dict["attendees"])
    with pytest.raises(ValidationError):
        services.group_meeting_save(
            group=group,
            actor=facilitator.user,
            date=group.starts_on - datetime.timedelta(days=1),
            attendees=[],
            themes=[],
        )
    assert GroupMeeting.objects.count() == 1


def test_experts_without_intervision(world):
    assert list(selectors.experts_without_intervision(world.gouda.location)) == [
        world.gouda.expert.person
    ]
    group = make_group(world.gouda)
    without = set(selectors.experts_without_intervision(world.gouda.location))
    # The facilitator is an expert of Gouda in no group as a member.
    assert without == set(group.facilitators.all())
    group.ends_on = today() - datetime.timedelta(days=1)
    group.save()
    assert world.gouda.expert.person in selectors.experts_without_intervision(world.gouda.location)


def test_my_year_counts_held_and_attended(world):
    from tests.activities.factories import activities_world

    activities_world(world)
    lines = selectors.my_year(world.gouda.expert.person.pk, today().year)
    if world.group_meeting.date.year != today().year:
        pytest.skip("the meeting fell in last year")
    (line,) = lines
    assert (line.held, line.role) == (1, "deelnemer")
    assert line.attended in (0, 1)


def test_intervision_per_location_counts(world):
    make_group(world.gouda)
    lines = {
        line.location.pk: line
        for line in selectors.intervision_per_location(
            [world.gouda.location, world.zutphen.location], today()
        )
    }
    gouda = lines[world.gouda.location.pk]
    assert (gouda.experts, gouda.covered) == (5, 4)
    assert not gouda.everyone
    assert lines[world.zutphen.location.pk].covered == 0


# --- The link from a case -----------------------------------------------------------------


def test_a_consented_resident_is_linked_without_a_name(world):
    from casework.models import CaseAuditEvent, Resident
    from tests.casework.factories import register

    resident, _trajectory = register(world.gouda)
    activity = make_activity(world.gouda)
    meeting = activity.meetings.order_by("date").first()
    visible = Resident.objects.visible_to(world.gouda.expert).get(pk=resident.pk)
    visit = services.visit_link(
        meeting=meeting, resident=visible, first_time=True, actor=world.gouda.expert
    )
    again = services.visit_link(
        meeting=meeting, resident=visible, first_time=True, actor=world.gouda.expert
    )
    assert visit.pk == again.pk and MeetingVisit.objects.count() == 1
    assert CaseAuditEvent.objects.filter(resident_id=resident.pk, subject="activiteit").exists()
    # No field of an activity, meeting or visit holds the name.
    for model in (Activity, Meeting, MeetingVisit):
        for row in model.objects.values():
            assert "Anna" not in str(row)
    other = make_activity(world.zutphen, leaders=[world.zutphen.expert.person])
    with pytest.raises(ValidationError, match="andere locatie"):
        services.visit_link(
            meeting=other.meetings.first(), resident=visible, first_time=False, actor=None
        )


def test_erasing_the_resident_erases_the_link(world):
    from casework.services import resident_erase
    from tests.casework.factories import register

    resident, _trajectory = register(world.gouda)
    meeting = make_activity(world.gouda).meetings.first()
    services.visit_link(meeting=meeting, resident=resident, first_time=True, actor=None)
    resident_erase(resident=resident, actor=world.gouda.worker, source="verzoek", reason="test")
    assert not MeetingVisit.objects.exists()
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_recurrence_problems_report_bad_exceptions(world):
    activity = Activity(
        starts_on=datetime.date(2026, 1, 5),
        ends_on=datetime.date(2026, 2, 5),
        frequency=Frequency.WEEKLY,
        exceptions=["2027-01-01"],
    )
    assert "buiten de reeks" in recurrence.problems(activity)["exceptions"]
