"""What trainings adds to teams' pages: a location's coming half-days, a trainer's half-days.

The panels link to `trainings:run_detail` and `trainings:session_detail`: every test that
renders a page with sessions on it needs those URL names.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teams import access
from tests.trainings.factories import make_run
from trainings import panels

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    access.forget_scope(user)
    return request


def page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def location_url(site) -> str:
    return reverse("teams:location_detail", args=[site.location.pk])


@pytest.fixture
def gouda_run(world):
    """A run of three half-days at Gouda: yesterday, today and next week."""
    run = make_run(world.gouda.location, trainer=world.gouda.trainer.person, when=TODAY - DAY)
    sessions = list(run.sessions.order_by("number"))
    sessions[1].date = TODAY
    sessions[2].date = TODAY + 7 * DAY
    for session in sessions[1:]:
        session.save(update_fields=["date"])
    return run


# --- The location page ------------------------------------------------------------------------


def test_location_panel_lists_coming_half_days_in_order(world, gouda_run):
    panel = panels.upcoming_sessions(request_for(world.gouda.worker), location=world.gouda.location)
    assert panel["template"] == "trainings/includes/location_sessions.html"
    assert [s.number for s in panel["sessions"]] == [2, 3]  # yesterday's is past
    assert [run.pk for run in panel["runs"]] == [gouda_run.pk]
    assert panel["runs"][0].session_count == 3


def test_location_panel_shows_at_most_eight_half_days(world):
    for _ in range(4):
        make_run(world.gouda.location, parts=3, when=TODAY + DAY)
    panel = panels.upcoming_sessions(request_for(world.gouda.worker), location=world.gouda.location)
    assert len(panel["sessions"]) == panels.SHOWN
    days = [(s.date, s.starts_at) for s in panel["sessions"]]
    assert days == sorted(days)
    assert len(panel["runs"]) == 4


def test_location_page_shows_its_sessions_and_not_other_locations(world, client, gouda_run):
    gouda_run.sessions.update(place="Buurthuis De Vlinder")
    make_run(world.zutphen.location, when=TODAY + DAY).sessions.update(place="Bibliotheek")
    text = page(client, world.gouda.worker, location_url(world.gouda))
    assert "Training en workshop" in text
    assert "Komende dagdelen" in text
    assert gouda_run.title in text and "dagdeel 2" in text and "dagdeel 3" in text
    assert "Buurthuis De Vlinder" in text and "09:00–13:00" in text
    assert "Vandaag" in text
    assert "Bibliotheek" not in text
    text = page(client, world.zutphen.leader, location_url(world.zutphen))
    assert "Bibliotheek" in text and "Buurthuis De Vlinder" not in text


def test_location_page_without_runs_says_so(world, client):
    text = page(client, world.gouda.leader, location_url(world.gouda))
    assert "Er staan geen dagdelen gepland." in text
    assert "Nog geen training of workshop." in text


def test_location_panel_links_to_the_runs(world, client, gouda_run):
    text = page(client, world.gouda.worker, location_url(world.gouda))
    assert reverse("trainings:run_detail", args=[gouda_run.pk]) in text


def test_location_panel_costs_the_same_queries_for_2_or_10_sessions(world):
    make_run(world.gouda.location, parts=2, when=TODAY)
    request = request_for(world.gouda.worker)
    access.scope_for(request.user)  # the page computed the scope already
    with CaptureQueriesContext(connection) as small:
        panels.upcoming_sessions(request, location=world.gouda.location)
    for _ in range(4):
        make_run(world.gouda.location, parts=2, when=TODAY)
    with CaptureQueriesContext(connection) as large:
        panel = panels.upcoming_sessions(request, location=world.gouda.location)
    assert len(panel["sessions"]) == panels.SHOWN
    assert len(small) == len(large) == 2


def test_location_page_costs_the_same_queries_for_2_or_10_sessions(world, client):
    client.force_login(world.gouda.leader)
    url = location_url(world.gouda)
    make_run(world.gouda.location, parts=2, when=TODAY)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(4):
        make_run(world.gouda.location, parts=2, when=TODAY)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)


# --- The home page ----------------------------------------------------------------------------


def test_trainer_at_the_location_sees_today_first(world, gouda_run):
    panel = panels.my_sessions(request_for(world.gouda.trainer))
    assert panel["template"] == "trainings/includes/home_sessions.html"
    assert [s.number for s in panel["today_sessions"]] == [2]
    assert [s.number for s in panel["later"]] == [3]


def test_trainer_role_at_the_location_is_enough(world, gouda_run):
    gouda_run.local_trainer = None
    gouda_run.save()
    panel = panels.my_sessions(request_for(world.gouda.trainer))
    assert [s.number for s in panel["today_sessions"]] == [2]


def test_national_trainer_from_elsewhere_sees_the_run_they_train(world, gouda_run):
    assert panels.my_sessions(request_for(world.zutphen.trainer)) is None
    gouda_run.national_trainer = world.zutphen.trainer.person
    gouda_run.save()
    panel = panels.my_sessions(request_for(world.zutphen.trainer))
    assert [s.run_id for s in panel["today_sessions"] + panel["later"]] == [gouda_run.pk] * 2


@pytest.mark.parametrize(
    "who", ["projectleider", "sociaal_werker", "ervaringsdeskundige", "coordinator", "other"]
)
def test_others_get_no_session_panel(world, gouda_run, who):
    assert panels.my_sessions(request_for(world.user(who))) is None


def test_no_panel_for_users_without_a_person_or_without_coming_sessions(world, gouda_run):
    assert panels.my_sessions(request_for(world.outsider)) is None
    assert panels.my_sessions(request_for(world.admin)) is None
    gouda_run.sessions.update(date=TODAY - DAY)
    assert panels.my_sessions(request_for(world.gouda.trainer)) is None


def test_home_later_list_is_short(world):
    for _ in range(4):
        make_run(world.gouda.location, parts=3, when=TODAY + DAY)
    panel = panels.my_sessions(request_for(world.gouda.trainer))
    assert panel["today_sessions"] == []
    assert len(panel["later"]) == panels.LATER


def test_home_page_shows_the_trainer_today_and_not_the_worker(world, client, gouda_run):
    gouda_run.sessions.update(place="Buurthuis De Vlinder")
    text = page(client, world.gouda.trainer, reverse("home"))
    assert "Uw trainingen" in text and "Vandaag" in text and "Binnenkort" in text
    assert text.index("Vandaag") < text.index("Binnenkort")
    assert "Buurthuis De Vlinder" in text
    text = page(client, world.gouda.worker, reverse("home"))
    assert "Uw trainingen" not in text


def test_home_panel_links_to_the_sessions(world, client, gouda_run):
    text = page(client, world.gouda.trainer, reverse("home"))
    for session in gouda_run.sessions.filter(date__gte=TODAY):
        assert reverse("trainings:session_detail", args=[session.pk]) in text


def test_home_panel_costs_the_same_queries_for_2_or_10_sessions(world):
    trainer = world.gouda.trainer
    make_run(world.gouda.location, parts=2, when=TODAY)
    with CaptureQueriesContext(connection) as small:
        panels.my_sessions(request_for(trainer))
    for _ in range(4):
        make_run(world.zutphen.location, parts=2, when=TODAY, trainer=trainer.person)
    with CaptureQueriesContext(connection) as large:
        panel = panels.my_sessions(request_for(trainer))
    assert len(panel["today_sessions"]) == 5 and len(panel["later"]) == panels.LATER
    assert len(small) == len(large) == 2  # the scope, then the sessions


def test_home_page_costs_the_same_queries_for_2_or_10_sessions(world, client):
    client.force_login(world.gouda.trainer)
    make_run(world.gouda.location, parts=2, when=TODAY)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("home")).status_code == 200
    for _ in range(4):
        make_run(world.gouda.location, parts=2, when=TODAY)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("home")).status_code == 200
    assert len(small) == len(large)


def test_the_location_panel_offers_a_new_run_to_its_managers_only(client, world):
    from django.urls import reverse

    url = reverse("trainings:run_create", args=[world.gouda.location.pk])
    client.force_login(world.gouda.leader)
    assert url in client.get(world.gouda.location.get_absolute_url()).text
    client.force_login(world.gouda.trainer)
    assert url not in client.get(world.gouda.location.get_absolute_url()).text
