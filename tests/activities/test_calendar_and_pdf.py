"""The .ics feeds (signed tokens with their own salt and kind prefix, no names) and the
printable weekly programme (PDF)."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.core import signing
from django.urls import reverse

from activities import calendar, services
from tests.activities.factories import activities_world, today

pytestmark = pytest.mark.django_db


def _events(response):
    cal = icalendar.Calendar.from_ical(response.content)
    return list(cal.walk("VEVENT"))


def test_location_feed_holds_the_activities_and_no_intervision(world, client):
    activities_world(world)
    response = client.get(calendar.feed_url(calendar.LOCATION, world.gouda.location))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response)
    assert events and all(str(e["summary"]) == world.activity.title for e in events)
    body = response.content.decode()
    assert world.group.name not in body
    assert world.gouda.expert.person.family_name not in body
    assert "VTIMEZONE" in body and "Europe/Amsterdam" in body


def test_cancelled_meeting_is_marked_cancelled(world, client):
    activities_world(world)
    meeting = world.activity.meetings.filter(date__gt=today()).first()
    services.meeting_cancel(meeting=meeting, actor=None)
    events = _events(client.get(calendar.feed_url(calendar.LOCATION, world.gouda.location)))
    cancelled = [e for e in events if str(e["uid"]) == f"activity-meeting-{meeting.pk}@wijkkracht"]
    assert str(cancelled[0]["status"]) == "CANCELLED"


def test_person_feed_holds_led_activities_and_own_groups(world, client):
    activities_world(world)
    response = client.get(calendar.feed_url(calendar.PERSON, world.gouda.expert.person))
    summaries = {str(e["summary"]) for e in _events(response)}
    assert world.activity.title in summaries
    assert f"Intervisie: {world.group.name}" in summaries
    # Someone else's feed does not hold Gouda's group.
    response = client.get(calendar.feed_url(calendar.PERSON, world.gouda.worker.person))
    assert world.group.name not in response.content.decode()


def test_tokens_are_signed_with_their_own_salt_and_kind(world, client):
    location_token = calendar.feed_token(calendar.LOCATION, world.gouda.location)
    kind, obj = calendar.resolve(location_token)
    assert (kind, obj) == (calendar.LOCATION, world.gouda.location)
    forged = location_token[:-2] + ("aa" if not location_token.endswith("aa") else "bb")
    trainings_style = signing.Signer(salt="trainings.calendar", sep=".").sign(
        f"locatie-{world.gouda.location.pk}"
    )
    unknown = signing.Signer(salt=calendar.SALT, sep=".").sign("groep-1")
    gone = signing.Signer(salt=calendar.SALT, sep=".").sign("persoon-999999")
    for token in (forged, trainings_style, unknown, gone, "zomaar"):
        with pytest.raises(calendar.BadToken):
            calendar.resolve(token)
        assert client.get(reverse("activities:calendar", args=[token])).status_code == 404
    with pytest.raises(ValueError):
        calendar.feed_token("groep", world.gouda.location)


def test_feed_answers_only_safe_methods(world, client):
    url = calendar.feed_url(calendar.LOCATION, world.gouda.location)
    assert client.post(url).status_code == 405


def test_weekly_programme_pdf(world, client):
    activities_world(world)
    client.force_login(world.gouda.worker)
    meeting = world.activity.meetings.order_by("date")[2]
    url = reverse("activities:programme_pdf", args=[world.gouda.location.pk])
    response = client.get(url, {"week": meeting.date.isoformat()})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    monday = meeting.date - datetime.timedelta(days=meeting.date.weekday())
    assert f"weekprogramma-{monday:%Y-%m-%d}.pdf" in response["Content-Disposition"]
    # A bad week falls back to this week; still a PDF.
    assert client.get(url, {"week": "kapot"}).content.startswith(b"%PDF")


def test_programme_html_lists_the_week(world):
    from activities import programme

    activities_world(world)
    meeting = world.activity.meetings.order_by("date")[2]
    context = programme.context(world.gouda.location, programme.monday_of(meeting.date))
    assert [m.pk for _day, items in context["days"] for m in items] == [meeting.pk]
