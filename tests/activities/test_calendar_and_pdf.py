"""The .ics feeds (opened by a calendar link, teams/calendar_links.py; no names) and the
printable weekly programme (PDF)."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.urls import reverse

from activities import calendar, services
from teams import calendar_links
from teams.constants import CalendarFeed
from tests.activities.factories import activities_world, today

pytestmark = pytest.mark.django_db


def _events(response):
    cal = icalendar.Calendar.from_ical(response.content)
    return list(cal.walk("VEVENT"))


def test_location_feed_holds_the_activities_and_no_intervision(world, client):
    activities_world(world)
    response = client.get(
        calendar.feed_url(calendar.LOCATION, world.gouda.location, world.gouda.worker)
    )
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
    events = _events(
        client.get(calendar.feed_url(calendar.LOCATION, world.gouda.location, world.gouda.worker))
    )
    cancelled = [e for e in events if str(e["uid"]) == f"activity-meeting-{meeting.pk}@wijkkracht"]
    assert str(cancelled[0]["status"]) == "CANCELLED"


def test_person_feed_holds_led_activities_and_own_groups(world, client):
    activities_world(world)
    response = client.get(
        calendar.feed_url(calendar.PERSON, world.gouda.expert.person, world.gouda.expert)
    )
    summaries = {str(e["summary"]) for e in _events(response)}
    assert world.activity.title in summaries
    assert f"Intervisie: {world.group.name}" in summaries
    # Someone else's feed does not hold Gouda's group.
    response = client.get(
        calendar.feed_url(calendar.PERSON, world.gouda.worker.person, world.gouda.worker)
    )
    assert world.group.name not in response.content.decode()


def test_bad_links_are_a_404(world, client):
    link = calendar_links.link_for(world.gouda.worker, CalendarFeed.LOCATION_ACTIVITIES, 1)
    token = calendar_links.token_of(link)
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    trainer_link = calendar_links.link_for(
        world.gouda.trainer, CalendarFeed.TRAINER, world.gouda.trainer.person.pk
    )
    for bad in (forged, calendar_links.token_of(trainer_link), "zomaar"):
        assert client.get(reverse("activities:calendar", args=[bad])).status_code == 404
    with pytest.raises(ValueError):
        calendar.feed_url("groep", world.gouda.location, world.gouda.worker)


def test_someone_elses_person_feed_or_a_location_out_of_scope_is_a_404(world, client):
    # A link to a person's feed works only for that person's own account.
    stolen = calendar_links.link_for(
        world.gouda.worker, CalendarFeed.MY_ACTIVITIES, world.gouda.expert.person.pk
    )
    elsewhere = calendar_links.link_for(
        world.gouda.worker, CalendarFeed.LOCATION_ACTIVITIES, world.zutphen.location.pk
    )
    for link in (stolen, elsewhere):
        url = calendar_links.path_of(link)
        assert client.get(url).status_code == 404


def test_feed_answers_only_safe_methods(world, client):
    url = calendar.feed_url(calendar.LOCATION, world.gouda.location, world.gouda.worker)
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
