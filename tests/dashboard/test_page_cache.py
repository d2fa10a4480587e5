"""The dashboard's rendered content in the cache: shared by users of one scope, never across
scopes, languages or questions, and out of date the moment the summaries are refreshed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboard import page_cache
from dashboard.summaries import refresh_all, refresh_location
from teams.constants import Role
from tests.dashboard.factories import fill
from tests.teams.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
URL = reverse("dashboard:index")


def page(user, **params) -> tuple[str, int]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def second_coordinator():
    person = PersonFactory(with_user=True, user__username="coordinator-twee")
    MembershipFactory(person=person, coordinator=True)
    return person.user


def test_a_second_coordinator_gets_the_content_from_the_cache(world):
    fill(world.gouda, 1)
    refresh_all()
    first, first_queries = page(world.coordinator)
    second, second_queries = page(second_coordinator())
    assert "Gouda" in second and "Zutphen" in second
    assert second_queries < first_queries  # no rows, no trend: only the log-in's own queries
    assert first.split("<main", 1)[1].split("</main>")[0].count("Gouda") == second.split(
        "<main", 1
    )[1].split("</main>")[0].count("Gouda")


def test_projectleiders_of_different_cities_never_share_an_entry(world):
    refresh_all()
    gouda, _ = page(world.gouda.leader)
    zutphen, _ = page(world.zutphen.leader)
    assert "Gouda" in gouda and "Zutphen" not in gouda.split("<main", 1)[1]
    assert "Zutphen" in zutphen and "Gouda" not in zutphen.split("<main", 1)[1]
    # A coordinator after them sees everything, not one of their cached pages.
    everything, _ = page(world.coordinator)
    assert "Gouda" in everything and "Zutphen" in everything


def test_a_projectleider_of_two_cities_has_an_entry_of_their_own(world):
    refresh_all()
    page(world.gouda.leader)
    MembershipFactory(
        person=world.gouda.leader.person,
        location=world.zutphen.location,
        organisation=world.zutphen.recovery_org,
        role=Role.PROJECT_LEADER,
    )
    both, _ = page(world.gouda.leader)
    assert "Gouda" in both and "Zutphen" in both


def test_a_refresh_shows_new_figures_at_once(world):
    refresh_all()
    before, _ = page(world.coordinator)
    version = page_cache.version()
    fill(world.zutphen, 2)
    refresh_location(world.zutphen.location.pk)
    assert page_cache.version() > version
    after, _ = page(world.coordinator)
    assert after != before


def test_filters_and_language_have_entries_of_their_own(world):
    refresh_all()
    page(world.coordinator)
    filtered, _ = page(world.coordinator, q="zutph")
    assert ">Gouda<" not in filtered
    client = Client()
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "en"
    english = client.get(URL).content.decode()
    assert "All locations side by side" in english
    assert "Alle locaties naast elkaar" not in english


def test_switched_off_every_request_renders(world, settings):
    refresh_all()
    _, cold = page(world.coordinator)
    _, warm = page(world.coordinator)
    settings.DASHBOARD_PAGE_CACHE_SECONDS = 0
    _, off = page(world.coordinator)
    assert warm < cold == off
