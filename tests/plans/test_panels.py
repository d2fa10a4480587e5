"""What plans adds to teams' pages: a projectleider's actions at home, a location's plans."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.constants import ActionStatus
from tests.plans.factories import ActionFactory, GoalFactory, PlanFactory

TODAY = timezone.localdate()


def add_actions(plan, count: int, person) -> None:
    for index in range(count):
        goal = GoalFactory(plan=plan)
        ActionFactory(
            goal=goal,
            description=f"Te laat {index}",
            due_on=TODAY - datetime.timedelta(days=index + 1),
            owner_people=[person],
        )
        ActionFactory(
            goal=goal,
            description=f"Binnenkort {index}",
            due_on=TODAY + datetime.timedelta(days=index + 1),
            status=ActionStatus.IN_PROGRESS,
        )
        ActionFactory(goal=goal, description=f"Klaar {index}", status=ActionStatus.DONE)


@pytest.fixture
def running_plan(world):
    return PlanFactory(
        location=world.gouda.location,
        underway=True,
        starts_on=TODAY - datetime.timedelta(days=200),
        ends_on=TODAY + datetime.timedelta(days=200),
    )


def test_projectleider_sees_open_and_overdue_actions_at_home(world, client, running_plan):
    add_actions(running_plan, 2, world.gouda.worker.person)
    client.force_login(world.gouda.leader)
    page = client.get(reverse("home")).content.decode()
    assert "Acties uit uw plan van aanpak" in page
    assert "4 acties staan open" in page and "2 zijn te laat" in page
    assert page.index("Te laat 1") < page.index("Binnenkort 0")  # overdue first
    assert "Klaar 0" not in page


def test_a_draft_plan_gives_no_actions_at_home(world, client):
    draft = PlanFactory(location=world.gouda.location)
    add_actions(draft, 1, world.gouda.worker.person)
    client.force_login(world.gouda.leader)
    assert "Acties uit uw plan van aanpak" not in client.get(reverse("home")).content.decode()


def test_other_roles_and_locations_get_no_action_panel(world, client, running_plan):
    add_actions(running_plan, 1, world.gouda.worker.person)
    for user in (world.gouda.worker, world.zutphen.leader, world.coordinator):
        client.force_login(user)
        assert "Acties uit uw plan" not in client.get(reverse("home")).content.decode()


def test_home_with_actions_costs_the_same_queries_at_any_size(world, client, running_plan):
    client.force_login(world.gouda.leader)
    add_actions(running_plan, 2, world.gouda.worker.person)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("home"))
    add_actions(running_plan, 20, world.gouda.worker.person)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("home"))
    assert len(small) == len(large)


def test_location_page_lists_its_plans_and_offers_a_new_one_to_its_leader(
    world, client, running_plan
):
    url = reverse("teams:location_detail", args=[world.gouda.location.pk])
    client.force_login(world.gouda.leader)
    page = client.get(url).content.decode()
    assert running_plan.get_absolute_url() in page
    assert reverse("plans:plan_create", args=[world.gouda.location.pk]) in page
    client.force_login(world.gouda.worker)
    page = client.get(url).content.decode()
    assert running_plan.get_absolute_url() in page
    assert reverse("plans:plan_create", args=[world.gouda.location.pk]) not in page
