"""The plan's pages cost a fixed number of queries, whatever the size of the plan.

Each page is measured with a small plan (2 goals × 2 actions per table) and again after the
same plan grew to 20 goals × 5 actions per table, every action with owners (two people and an
organisation). The counts must be equal.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.constants import ActionStatus, GoalTable, PlanStatus
from plans.models import Action, Goal, PlanOfApproach, PlanSnapshot
from plans.snapshots import plan_as_data
from tests.plans.factories import PlanFactory
from tests.teams.factories import NeighbourhoodFactory, ProjectTeamMemberFactory

STATUSES = [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DONE]


def grow(plan, site, goals: int, actions: int) -> None:
    """Give each table of `plan` `goals` goals of `actions` actions (bulk: no audit log)."""
    today = timezone.localdate()
    people = [site.worker.person, site.expert.person, site.trainer.person]
    organisations = [site.recovery_org, site.team_org]
    for table in GoalTable:
        have = Goal.objects.filter(plan=plan, table=table).count()
        new_goals = Goal.objects.bulk_create(
            Goal(plan=plan, table=table, position=i, text=f"Doel {table} {i}")
            for i in range(have, goals)
        )
        for goal in Goal.objects.filter(plan=plan, table=table):
            have_actions = goal.actions.count()
            created = Action.objects.bulk_create(
                Action(
                    goal=goal,
                    position=j,
                    description=f"Actie {goal.pk}.{j}",
                    status=STATUSES[j % 3],
                    starts_on=today - datetime.timedelta(days=60),
                    due_on=today + datetime.timedelta(days=-10 if j % 2 else 30),
                    timing_note="Elke week" if j == 0 else "",
                )
                for j in range(have_actions, actions)
            )
            person_links = [
                Action.owner_people.through(action_id=action.pk, person_id=person.pk)
                for n, action in enumerate(created)
                for person in (people[n % 3], people[(n + 1) % 3])
            ]
            Action.owner_people.through.objects.bulk_create(person_links)
            Action.owner_organisations.through.objects.bulk_create(
                Action.owner_organisations.through(
                    action_id=action.pk, organisation_id=organisations[n % 2].pk
                )
                for n, action in enumerate(created)
            )
        assert len(new_goals) == goals - have


@pytest.fixture
def plan(world):
    site = world.gouda
    today = timezone.localdate()
    plan = PlanFactory(
        location=site.location,
        starts_on=today - datetime.timedelta(days=365),
        ends_on=today + datetime.timedelta(days=365),
        status=PlanStatus.APPROVED,
        project_leader=site.leader.person,
        background_team="Het wijkteam",
    )
    plan.neighbourhoods.set(
        [NeighbourhoodFactory(location=site.location, name=f"Wijk {i}") for i in range(3)]
    )
    plan.recovery_organisations.set([site.recovery_org])
    plan.neighbourhood_teams.set([site.team_org])
    for user in (site.leader, site.worker):
        ProjectTeamMemberFactory(
            team=site.location.project_team, person=user.person, organisation=site.recovery_org
        )
    grow(plan, site, goals=2, actions=2)
    full = PlanOfApproach.objects.with_everything().get(pk=plan.pk)
    PlanSnapshot.objects.create(plan=plan, data=plan_as_data(full))
    return plan


def count_queries(client, url: str, *, warm: bool = True) -> tuple[int, list[str]]:
    if warm:
        client.get(url)  # warm caches (content types, session) outside the measurement
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), [query["sql"] for query in captured.captured_queries]


PAGES = {
    "plan page": lambda plan: reverse("plans:plan_detail", args=[plan.pk]),
    "action list": lambda plan: reverse("plans:action_list", args=[plan.pk]),
    "action list filtered": lambda plan: (
        reverse("plans:action_list", args=[plan.pk]) + "?status=bezig&overdue=on"
    ),
    "action list by owner": lambda plan: (
        reverse("plans:action_list", args=[plan.pk])
        + f"?owner={plan.project_leader_id}&table=eigen_regie"
    ),
    "print page": lambda plan: reverse("plans:plan_print", args=[plan.pk]),
    "changes": lambda plan: reverse("plans:plan_changes", args=[plan.pk]),
    "goal table form": lambda plan: reverse("plans:section_edit", args=[plan.pk, "eigen-regie"]),
    "plan list": lambda plan: reverse("plans:plan_list"),
}


@pytest.mark.parametrize("who", ["projectleider", "coordinator"])
def test_plan_pages_cost_the_same_number_of_queries_at_any_size(world, client, plan, who):
    client.force_login(world.user(who))
    pages = dict(PAGES)
    if who != "projectleider":
        del pages["goal table form"]  # only the projectleider edits
    small = {name: count_queries(client, url(plan)) for name, url in pages.items()}

    grow(plan, world.gouda, goals=20, actions=5)
    # the plan list grows too: more plans, at both locations
    for year in range(2030, 2034):
        period = {"starts_on": datetime.date(year, 1, 1), "ends_on": datetime.date(year, 12, 31)}
        other = PlanFactory(location=world.gouda.location, **period)
        grow(other, world.gouda, goals=3, actions=2)
        PlanFactory(location=world.zutphen.location, **period)
    assert Action.objects.filter(goal__plan=plan).count() == 2 * 20 * 5

    large = {name: count_queries(client, url(plan), warm=False) for name, url in pages.items()}
    differences = {
        name: (small[name][0], large[name][0]) for name in pages if small[name][0] != large[name][0]
    }
    assert not differences, "\n".join(
        f"{name}: {before} → {after} queries; last ones:\n  " + "\n  ".join(large[name][1][-5:])
        for name, (before, after) in differences.items()
    )


def test_the_filtered_action_list_shows_only_overdue_actions_in_progress(world, client, plan):
    grow(plan, world.gouda, goals=4, actions=5)
    client.force_login(world.gouda.leader)
    response = client.get(PAGES["action list filtered"](plan))
    rows = response.context["actions"]
    today = timezone.localdate()
    expected = Action.objects.filter(
        goal__plan=plan, status=ActionStatus.IN_PROGRESS, due_on__lt=today
    )
    assert {action.pk for action in rows} == set(expected.values_list("pk", flat=True))
    assert rows and all(action.is_overdue for action in rows)
    assert "te laat" in response.content.decode()
