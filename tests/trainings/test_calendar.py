"""Calendar feeds: a run's sessions and a trainer's sessions, opened by a calendar link
(teams/calendar_links.py; tests/teams/test_calendar_links.py has the links themselves)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teams import calendar_links
from teams.constants import CalendarFeed, Role
from teams.models import Person, User
from tests.trainings.factories import ParticipantFactory, SessionFactory, make_run
from trainings import calendar
from trainings.constants import CurriculumKind

UTC = datetime.UTC
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BEFORE_DST = datetime.date(2026, 3, 26)  # CET, UTC+1
AFTER_DST = datetime.date(2026, 4, 2)  # CEST, UTC+2 (the clocks moved on 29 March)


def fetch(client, url: str) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="wijkkracht-')
    assert response["Content-Disposition"].endswith('.ics"')
    return icalendar.Calendar.from_ical(response.content)


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    found = cal.walk("VEVENT")
    uids = [str(event["UID"]) for event in found]
    assert len(uids) == len(set(uids)), "a session is in the feed more than once"
    return dict(zip(uids, found, strict=True))


def run_feed(run) -> str:
    """The feed link of the run's project leader."""
    leader = User.objects.get(
        person__memberships__location=run.location_id,
        person__memberships__role=Role.PROJECT_LEADER,
    )
    return calendar.run_feed_url(run, leader)


def trainer_feed(person_id: int) -> str:
    """The person's own link to the feed of the sessions they give."""
    return calendar.trainer_feed_url(Person.objects.get(pk=person_id).user, person_id)


def uid(session) -> str:
    return f"session-{session.pk}@wijkkracht"


@pytest.fixture
def run(world):
    return make_run(world.gouda.location, parts=3, when=BEFORE_DST)


def test_the_run_feed_holds_every_dated_session_once(client, run):
    undated = run.sessions.get(number=3)
    undated.date = None
    undated.save()
    SessionFactory(run=run, number=4, date=AFTER_DST, starts_at=None, ends_at=None)
    SessionFactory(run=run, number=5, date=AFTER_DST, ends_at=None)
    sessions = list(run.sessions.filter(number__in=[1, 2]))

    cal = fetch(client, run_feed(run))

    assert str(cal["VERSION"]) == "2.0"
    found = events(cal)
    assert set(found) == {uid(session) for session in sessions}
    first = found[uid(sessions[0])]
    assert str(first["SUMMARY"]) == f"{run.title} – dagdeel 1: {sessions[0].title}"
    assert str(first["LOCATION"]) == "Buurthuis De Brug"
    assert "DTSTAMP" in first


def test_local_times_stay_right_across_the_change_to_summer_time(client, run):
    cal = fetch(client, run_feed(run))

    found = events(cal)
    first = found[uid(run.sessions.get(number=1))]
    second = found[uid(run.sessions.get(number=2))]
    assert first.decoded("DTSTART").date() == BEFORE_DST
    assert second.decoded("DTSTART").date() == AFTER_DST
    for event in (first, second):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert (start.hour, start.minute, end.hour, end.minute) == (9, 0, 13, 0)
    assert first.decoded("DTSTART").astimezone(UTC).hour == 8
    assert second.decoded("DTSTART").astimezone(UTC).hour == 7
    (vtimezone,) = cal.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/Amsterdam"


def test_the_raw_feed_carries_the_local_times_with_their_zone(client, run):
    body = client.get(run_feed(run)).content.decode()

    assert "DTSTART;TZID=Europe/Amsterdam:20260326T090000" in body
    assert "DTSTART;TZID=Europe/Amsterdam:20260402T090000" in body
    assert "BEGIN:VTIMEZONE" in body


def test_the_feed_has_no_names_of_participants(world, client, run):
    participant = ParticipantFactory(
        run=run, person__given_name="Geheime", person__family_name="Deelnemer"
    )

    body = client.get(run_feed(run)).content.decode()

    assert participant.person.family_name not in body
    assert participant.person.given_name not in body


def test_a_workshop_session_is_called_by_the_runs_title(client, run):
    run.kind = CurriculumKind.WORKSHOP
    run.save()

    cal = fetch(client, run_feed(run))

    assert {str(event["SUMMARY"]) for event in cal.walk("VEVENT")} == {run.title}


def test_the_trainer_feed_has_the_trainers_runs_and_no_others(world, client):
    trainer = world.gouda.trainer.person
    local = make_run(world.gouda.location, parts=2, trainer=trainer, when=BEFORE_DST)
    elsewhere = make_run(world.zutphen.location, parts=1, when=AFTER_DST)
    elsewhere.national_trainer = trainer
    elsewhere.save()
    other = make_run(world.gouda.location, parts=2, when=BEFORE_DST)

    cal = fetch(client, trainer_feed(trainer.pk))

    found = events(cal)
    expected = {uid(s) for s in [*local.sessions.all(), *elsewhere.sessions.all()]}
    assert set(found) == expected
    assert not {uid(s) for s in other.sessions.all()} & set(found)


def test_a_person_who_trains_nothing_gets_an_empty_feed(world, client):
    cal = fetch(client, trainer_feed(world.gouda.worker.person.pk))

    assert cal.walk("VEVENT") == []


@pytest.mark.parametrize("kind", ["run", "trainer"])
def test_a_good_token_opens_the_feed_without_a_log_in(world, client, run, kind):
    run.local_trainer = world.gouda.trainer.person
    run.save()
    url = run_feed(run) if kind == "run" else trainer_feed(run.local_trainer.pk)

    response = client.get(url)

    assert response.status_code == 200
    assert response.content.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "run-1",
        "run-1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
)
def test_a_bad_token_is_a_404(client, run, token):
    response = client.get(reverse("trainings:run_calendar", kwargs={"token": token}))

    assert response.status_code == 404


def test_a_tampered_token_is_a_404(world, client, run):
    link = calendar_links.link_for(world.gouda.leader, CalendarFeed.RUN, run.pk)
    token = calendar_links.token_of(link)
    forged = token.replace(f"{link.pk}-", f"{link.pk + 1}-", 1)

    response = client.get(reverse("trainings:run_calendar", kwargs={"token": forged}))

    assert response.status_code == 404


def test_a_run_link_does_not_open_a_trainers_feed(world, client, run):
    # A genuine link of the trainer's own account: only the feed is wrong.
    link = calendar_links.link_for(world.gouda.trainer, CalendarFeed.RUN, run.pk)
    token = calendar_links.token_of(link)

    response = client.get(reverse("trainings:trainer_calendar", kwargs={"token": token}))

    assert response.status_code == 404
    with pytest.raises(calendar_links.BadToken):
        calendar_links.resolve(token, (CalendarFeed.TRAINER,))


def test_a_trainer_link_does_not_open_a_runs_feed(world, client, run):
    person = world.gouda.trainer.person
    link = calendar_links.link_for(world.gouda.trainer, CalendarFeed.TRAINER, person.pk)

    response = client.get(
        reverse("trainings:run_calendar", kwargs={"token": calendar_links.token_of(link)})
    )

    assert response.status_code == 404


def test_a_run_link_stops_when_its_user_no_longer_sees_the_run(world, client, run):
    url = calendar.run_feed_url(run, world.gouda.worker)
    assert client.get(url).status_code == 200
    world.gouda.worker.person.memberships.update(ends_on=datetime.date(2020, 1, 1))

    assert client.get(url).status_code == 404


def test_a_token_for_a_deleted_run_is_a_404(client, run):
    url = run_feed(run)
    run.sessions.all().delete()
    run.delete()

    assert client.get(url).status_code == 404


def test_the_feed_is_read_only(client, run):
    assert client.post(run_feed(run)).status_code == 405


def test_feed_urls_are_stable_paths_with_a_signed_token(world, run):
    url = run_feed(run)

    assert url == run_feed(run)  # one link per user and feed, until it is revoked
    assert url.startswith("/trainingen/agenda/run/")
    assert url.endswith(".ics")
    assert ":" not in url
    assert trainer_feed(world.gouda.trainer.person.pk).startswith("/trainingen/agenda/trainer/")


def test_each_session_links_to_its_page_on_the_site(client, run, settings):
    settings.SITE_URL = "https://wijkkracht.example/"

    found = events(fetch(client, run_feed(run)))

    for session in run.sessions.all():
        page = reverse("trainings:session_detail", args=[session.pk])
        assert str(found[uid(session)]["URL"]) == f"https://wijkkracht.example{page}"


def test_without_a_site_url_the_feed_has_no_links(client, run, settings):
    settings.SITE_URL = ""

    cal = fetch(client, run_feed(run))

    assert all("URL" not in event for event in cal.walk("VEVENT"))


def test_the_trainer_feed_costs_the_same_queries_at_any_size(world, client):
    trainer = world.gouda.trainer.person
    make_run(world.gouda.location, parts=1, trainer=trainer)
    url = trainer_feed(trainer.pk)
    fetch(client, url)  # the first fetch writes the link's "last fetched" (once an hour)
    with CaptureQueriesContext(connection) as small:
        fetch(client, url)
    for _ in range(3):
        make_run(world.gouda.location, parts=4, trainer=trainer)
    with CaptureQueriesContext(connection) as large:
        assert len(fetch(client, url).walk("VEVENT")) == 13
    assert len(small) == len(large)
