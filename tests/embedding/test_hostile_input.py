"""Hypothesis over the embedding forms and endpoints: random Unicode, null bytes, long text,
junk dates, foreign ids. Never a 500; a refused post saves nothing; an accepted one leaves a
condition that passes its own checks (a reason with 'not applicable', review dates in order)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from embedding.constants import Phase, Status
from embedding.models import Condition, ConditionChange
from plans.models import Action
from tests.casework.test_hostile_input import mostly, rolled_back
from tests.embedding.factories import embedding_world
from tests.plans.factories import PlanFactory
from tests.teams.test_hostile_input import HOSTILE, TEXT

pytestmark = pytest.mark.django_db

DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", "2026-02-30", "31-12-2026", "0000-00-00", "9999-12-31", "gisteren"]),
    TEXT,
)
IDS = st.one_of(st.integers(-(10**20), 10**20).map(str), TEXT)


@pytest.fixture
def hostile_world(world):
    embedding_world(world)
    PlanFactory(location=world.gouda.location, underway=True)
    return world


def _check(condition: Condition) -> None:
    condition.refresh_from_db()
    if condition.status == Status.NOT_APPLICABLE:
        assert condition.na_reason.strip()
    if condition.last_reviewed_on and condition.next_review_on:
        assert condition.next_review_on >= condition.last_reviewed_on
    assert condition.location_id is not None


@HOSTILE
@given(
    data=st.fixed_dictionaries(
        {
            "status": mostly(st.sampled_from(Status.values), TEXT),
            "na_reason": TEXT,
            "owner": IDS,
            "note": TEXT,
            "evidence": st.one_of(
                st.sampled_from(["", "plan_action:1", "project_team:1", "training_run:-1"]),
                st.tuples(st.sampled_from(["plan_action", "project_team", "x"]), IDS).map(
                    lambda t: f"{t[0]}:{t[1]}"
                ),
                TEXT,
            ),
            "last_reviewed_on": DATES,
            "next_review_on": DATES,
            "revision": IDS,
        }
    ),
    which=st.sampled_from(["own", "other"]),
)
def test_condition_form(hostile_world, client, data, which):
    world = hostile_world
    client.force_login(world.gouda.leader)
    condition = world.condition if which == "own" else world.zutphen_condition
    with rolled_back():
        before = ConditionChange.objects.filter(condition=condition).count()
        response = client.post(reverse("embedding:condition_edit", args=[condition.pk]), data)
        if which == "other":
            assert response.status_code == 404
        else:
            assert response.status_code in (200, 302)
        if response.status_code != 302:
            assert ConditionChange.objects.filter(condition=condition).count() == before
        _check(condition)


@HOSTILE
@given(owner=IDS, due_on=DATES, which=st.sampled_from(["own", "other"]))
def test_plan_action_endpoint(hostile_world, client, owner, due_on, which):
    world = hostile_world
    client.force_login(world.gouda.leader)
    condition = world.condition if which == "own" else world.zutphen_condition
    with rolled_back():
        url = reverse("embedding:condition_plan_action", args=[condition.pk])
        response = client.post(url, {"owner": owner, "due_on": due_on})
        if which == "other":
            assert response.status_code == 404
            assert not Action.objects.exists()
        else:
            assert response.status_code in (302, 400)
            assert Action.objects.exists() == (response.status_code == 302)


@HOSTILE
@given(phase=mostly(st.sampled_from(Phase.values), TEXT), title=TEXT, description=TEXT)
def test_own_condition_form(hostile_world, client, phase, title, description):
    world = hostile_world
    client.force_login(world.gouda.leader)
    with rolled_back():
        count = Condition.objects.count()
        url = reverse("embedding:condition_add", args=[world.gouda.location.pk])
        response = client.post(url, {"phase": phase, "title": title, "description": description})
        assert response.status_code in (200, 302)
        assert Condition.objects.count() == count + (response.status_code == 302)


@HOSTILE
@given(datum=DATES, months=st.one_of(IDS, st.sampled_from(["1", "3", "12", "24", "0"])))
def test_history_and_cycle(hostile_world, client, datum, months):
    world = hostile_world
    client.force_login(world.gouda.leader)
    with rolled_back():
        url = reverse("embedding:history", args=[world.gouda.location.pk])
        assert client.get(url, {"datum": datum}).status_code == 200
        url = reverse("embedding:cycle", args=[world.gouda.location.pk])
        assert client.post(url, {"review_every_months": months}).status_code in (200, 302)
