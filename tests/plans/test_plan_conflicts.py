"""Two people editing the same part of a plan: the second save is a conflict (409), nothing of
either is lost, and saving again from the conflict page works.

The thread tests run on PostgreSQL only: they need real row locks and a connection per thread.
"""

from __future__ import annotations

import time
from functools import partial

import pytest
from django.db import close_old_connections
from django.test import Client
from django.utils.html import escape

from plans import services
from plans.constants import GoalTable
from plans.goal_table import GoalTableForm
from plans.models import Goal, PlanOfApproach
from tests import concurrency
from tests.concurrency import postgres_only
from tests.plans.factories import ActionFactory, GoalFactory, PlanFactory
from tests.plans.test_plan_forms import db_state, fill, form_fields, open_form, page, post_form
from tests.teams.factories import NeighbourhoodFactory

CONFLICT = "Iemand anders heeft dit plan opgeslagen terwijl u aan het schrijven was."
FIRST = "De projectleider schreef: bewoners & buren <samen>."
SECOND = 'De beheerder schreef: "eenzaamheid" & armoede.'


@pytest.fixture
def plan(world):
    return PlanFactory(location=world.gouda.location, background_team="Oude tekst")


@pytest.fixture
def leader_client(world):
    client = Client()
    client.force_login(world.gouda.leader)
    return client


@pytest.fixture
def admin_client(world):
    client = Client()
    client.force_login(world.admin)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_text_section_saved_twice_from_the_same_revision_is_a_conflict(
    world, plan, leader_client, admin_client
):
    first_form = open_form(leader_client, plan, "achtergrond")
    second_form = open_form(admin_client, plan, "achtergrond")
    assert first_form["revision"] == second_form["revision"] == ["1"]

    response = post_form(
        leader_client, plan, "achtergrond", fill(first_form, background_team=FIRST)
    )
    assert response.status_code == 302
    saved = db_state(plan)
    assert saved["fields"]["background_team"] == FIRST
    assert saved["fields"]["revision"] == 2

    data = fill(second_form, background_team=SECOND, background_focus="Armoede")
    response = post_form(admin_client, plan, "achtergrond", data)

    assert response.status_code == 409
    assert any(message.startswith(CONFLICT) for message in messages_of(response))
    text = page(response)
    again = form_fields(response)
    assert again["background_team"] == [SECOND]  # what the second person typed, kept
    assert again["background_focus"] == ["Armoede"]
    assert again["revision"] == ["2"]  # a new save overwrites knowingly
    assert f'<dd class="conflict-saved">{escape(FIRST)}</dd>' in text  # the saved version
    assert escape(SECOND) in text
    assert "<samen>" not in text
    assert db_state(plan) == saved  # the database holds the first person's text

    response = post_form(admin_client, plan, "achtergrond", again)

    assert response.status_code == 302
    plan = PlanOfApproach.objects.get(pk=plan.pk)
    assert plan.background_team == SECOND
    assert plan.background_focus == "Armoede"
    assert plan.revision == 3
    assert plan.updated_by == world.admin


def test_the_first_person_saving_again_with_an_old_form_is_a_conflict_too(
    world, plan, leader_client, admin_client
):
    first_form = open_form(leader_client, plan, "training")
    second_form = open_form(admin_client, plan, "training")
    data = fill(second_form, training_participants="12")
    assert post_form(admin_client, plan, "training", data).status_code == 302
    data = fill(first_form, training_participants="15", training_focus="Samen")
    response = post_form(leader_client, plan, "training", data)
    assert response.status_code == 409
    assert '<dd class="conflict-saved">12</dd>' in page(response)
    assert form_fields(response)["training_participants"] == ["15"]
    assert PlanOfApproach.objects.get(pk=plan.pk).training_participants == 12


def test_a_conflict_with_invalid_input_shows_the_errors_first(
    world, plan, leader_client, admin_client
):
    first_form = open_form(leader_client, plan, "achtergrond")
    second_form = open_form(admin_client, plan, "achtergrond")
    assert post_form(leader_client, plan, "achtergrond", first_form).status_code == 302
    saved = db_state(plan)
    data = fill(second_form, background_team="x" * 20_001)
    response = post_form(admin_client, plan, "achtergrond", data)
    assert response.status_code == 200
    assert "niet meer dan 20000 tekens" in page(response)
    assert db_state(plan) == saved


def test_a_header_conflict_shows_the_saved_neighbourhoods(world, plan, leader_client, admin_client):
    north = NeighbourhoodFactory(location=world.gouda.location, name="Gouda Noord")
    east = NeighbourhoodFactory(location=world.gouda.location, name="Gouda Oost")
    first_form = open_form(leader_client, plan, "kop")
    second_form = open_form(admin_client, plan, "kop")
    response = post_form(leader_client, plan, "kop", fill(first_form, neighbourhoods=[north.pk]))
    assert response.status_code == 302
    response = post_form(admin_client, plan, "kop", fill(second_form, neighbourhoods=[east.pk]))
    assert response.status_code == 409
    assert form_fields(response)["neighbourhoods"] == [str(east.pk)]
    assert list(PlanOfApproach.objects.get(pk=plan.pk).neighbourhoods.all()) == [north]
    assert 'class="conflict-saved"' in page(response)
    assert "Gouda Noord" in page(response).split('id="conflict-kop"', 1)[1].split("</section>")[0]


def test_a_goal_table_saved_twice_from_the_same_revision_is_a_conflict(
    world, plan, leader_client, admin_client
):
    goal = GoalFactory(plan=plan, text="Bestaand doel")
    ActionFactory(goal=goal, description="Bestaande actie")
    first_form = open_form(leader_client, plan, "eigen-regie")
    second_form = open_form(admin_client, plan, "eigen-regie")
    assert first_form["revision"] == second_form["revision"] == [str(plan.revision)]

    data = fill(
        first_form,
        **{"goals-0-text": FIRST, "goals-0-actions-0-description": "Actie van de leider"},
    )
    assert post_form(leader_client, plan, "eigen-regie", data).status_code == 302
    saved = db_state(plan)

    data = fill(
        second_form,
        **{
            "goals-0-text": SECOND,
            "goals-0-actions-0-timing_note": "Elke week & vaker",
            "goals-1-text": "Nieuw doel van de beheerder",
            "goals-1-actions-0-description": "Nieuwe actie & meer",
        },
    )
    # the admin's page had the existing goal plus no empty rows: add a new row as the button
    # would have rendered it, with its own management form
    data.update(
        {
            "goals-TOTAL_FORMS": ["2"],
            "goals-1-ORDER": [""],
            "goals-1-actions-TOTAL_FORMS": ["1"],
            "goals-1-actions-INITIAL_FORMS": ["0"],
            "goals-1-actions-0-status": ["gepland"],
        }
    )
    response = post_form(admin_client, plan, "eigen-regie", data)

    assert response.status_code == 409
    assert any(message.startswith(CONFLICT) for message in messages_of(response))
    text = page(response)
    again = form_fields(response)
    assert again["goals-0-text"] == [SECOND]
    assert again["goals-0-actions-0-timing_note"] == ["Elke week & vaker"]
    assert again["goals-1-text"] == ["Nieuw doel van de beheerder"]
    assert again["goals-1-actions-0-description"] == ["Nieuwe actie & meer"]
    assert again["revision"] == [str(saved["fields"]["revision"])]
    saved_part = text.split('id="opgeslagen-kop"', 1)[1]
    assert escape(FIRST) in saved_part  # the saved version, below the form
    assert "Actie van de leider" in saved_part
    assert escape(SECOND) not in saved_part
    assert db_state(plan) == saved

    response = post_form(admin_client, plan, "eigen-regie", again)

    assert response.status_code == 302
    goals = list(Goal.objects.filter(plan=plan, table=GoalTable.SELF_DIRECTION))
    assert [(g.pk, g.text, g.position) for g in goals] == [
        (goal.pk, SECOND, 0),
        (goals[1].pk, "Nieuw doel van de beheerder", 1),
    ]
    assert [a.description for a in goals[1].actions.all()] == ["Nieuwe actie & meer"]
    plan = PlanOfApproach.objects.get(pk=plan.pk)
    assert plan.revision == saved["fields"]["revision"] + 1


@pytest.mark.parametrize("rerender", ["add_goal", "add_action", "form error"])
def test_a_goal_table_rerendered_without_saving_keeps_its_revision(
    world, plan, leader_client, admin_client, rerender
):
    goal = GoalFactory(plan=plan, text="Bestaand doel")
    ActionFactory(goal=goal, description="Bestaande actie")
    first_form = open_form(leader_client, plan, "eigen-regie")
    second_form = open_form(admin_client, plan, "eigen-regie")
    data = fill(first_form, **{"goals-0-text": FIRST})
    assert post_form(leader_client, plan, "eigen-regie", data).status_code == 302
    saved = db_state(plan)

    if rerender == "add_goal":
        response = post_form(admin_client, plan, "eigen-regie", second_form, add_goal="1")
    elif rerender == "add_action":
        response = post_form(admin_client, plan, "eigen-regie", second_form, add_action="0")
    else:
        data = fill(second_form, **{"goals-0-actions-0-due_on": "2099-01-01"})
        response = post_form(admin_client, plan, "eigen-regie", data)
    assert response.status_code == 200
    again = form_fields(response)
    assert again["goals-0-text"] == ["Bestaand doel"]  # the row as the admin loaded it

    # the admin only fixes their own input and saves: this must not undo the leader's goal
    again["goals-0-actions-0-due_on"] = [""]
    response = post_form(admin_client, plan, "eigen-regie", again)
    assert Goal.objects.get(pk=goal.pk).text == FIRST
    assert response.status_code == 409
    assert again["revision"] == second_form["revision"]
    assert db_state(plan) == saved


def test_saves_in_different_sections_merge_without_a_conflict(
    world, plan, leader_client, admin_client
):
    """Only what both people changed is a conflict: edits of different sections both land."""
    text_form = open_form(admin_client, plan, "achtergrond")
    table_form = open_form(leader_client, plan, "samenwerking")
    data = fill(table_form, **{"goals-0-text": "Samen", "goals-0-actions-0-description": "Doen"})
    assert post_form(leader_client, plan, "samenwerking", data).status_code == 302
    response = post_form(admin_client, plan, "achtergrond", fill(text_form, background_team=SECOND))
    assert response.status_code == 302
    saved = PlanOfApproach.objects.get(pk=plan.pk)
    assert saved.background_team == SECOND
    assert saved.goals.get(table="samenwerking").text == "Samen"


def test_different_fields_of_one_section_merge_without_a_conflict(
    world, plan, leader_client, admin_client
):
    """The second save writes only the field its author changed; the first one's stays."""
    first_form = open_form(leader_client, plan, "achtergrond")
    second_form = open_form(admin_client, plan, "achtergrond")
    assert (
        post_form(
            leader_client, plan, "achtergrond", fill(first_form, background_team=FIRST)
        ).status_code
        == 302
    )
    response = post_form(
        admin_client, plan, "achtergrond", fill(second_form, background_focus=SECOND)
    )
    assert response.status_code == 302
    saved = PlanOfApproach.objects.get(pk=plan.pk)
    assert (saved.background_team, saved.background_focus) == (FIRST, SECOND)


# --- At the same moment, on PostgreSQL ----------------------------------------------------------


def run_at_once(*jobs) -> list[str]:
    return concurrency.run_at_once(*jobs, conflict=services.PlanConflict)


@pytest.fixture
def slow_lock(monkeypatch):
    """Hold the plan row a moment after locking it, so the two saves surely overlap."""
    real = services._lock

    def held(plan_id):
        plan = real(plan_id)
        time.sleep(0.3)
        return plan

    monkeypatch.setattr(services, "_lock", held)


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("overlap", ["held", "race"])
def test_two_section_saves_at_once_one_wins(world, request, overlap):
    if overlap == "held":
        request.getfixturevalue("slow_lock")
    plan = PlanFactory(location=world.gouda.location)
    users = [world.gouda.leader, world.admin]
    try:
        for round_ in range(1 if overlap == "held" else 5):
            revision = PlanOfApproach.objects.get(pk=plan.pk).revision
            jobs = [
                partial(
                    services.plan_section_save,
                    plan_id=plan.pk,
                    revision=revision,
                    values={"background_team": f"{user.username} {round_}"},
                    actor=user,
                )
                for user in users
            ]
            results = run_at_once(*jobs)
            assert sorted(results) == ["conflict", "saved"], results
            plan = PlanOfApproach.objects.get(pk=plan.pk)
            winner = users[results.index("saved")]
            assert plan.background_team == f"{winner.username} {round_}"
            assert plan.revision == revision + 1
            assert plan.updated_by == winner
    finally:
        close_old_connections()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_goal_table_saves_at_once_one_wins(world, slow_lock):
    from django.http import QueryDict

    plan = PlanFactory(location=world.gouda.location)
    site = world.gouda

    def table_form(text: str) -> GoalTableForm:
        data = QueryDict(mutable=True)
        data.update(
            {
                "goals-TOTAL_FORMS": "1",
                "goals-INITIAL_FORMS": "0",
                "goals-0-text": text,
                "goals-0-actions-TOTAL_FORMS": "1",
                "goals-0-actions-INITIAL_FORMS": "0",
                "goals-0-actions-0-description": f"Actie bij {text}",
                "goals-0-actions-0-status": "gepland",
            }
        )
        data.setlist("goals-0-actions-0-owner_people", [str(site.worker.person.pk)])
        form = GoalTableForm(plan, GoalTable.SELF_DIRECTION, data)
        assert form.is_valid()
        return form

    forms = {"leider": table_form("Doel van de leider"), "beheer": table_form("Doel van beheer")}
    actors = {"leider": site.leader, "beheer": world.admin}
    try:
        results = run_at_once(
            *[
                partial(
                    services.goal_table_save,
                    plan_id=plan.pk,
                    revision=plan.revision,
                    table_form=forms[name],
                    actor=actors[name],
                )
                for name in forms
            ]
        )
        assert sorted(results) == ["conflict", "saved"], results
        texts = list(Goal.objects.filter(plan=plan).values_list("text", flat=True))
        assert len(texts) == 1
        winner = list(forms)[results.index("saved")]
        assert texts == [forms[winner].goals.forms[0].cleaned_data["text"]]
        assert PlanOfApproach.objects.get(pk=plan.pk).revision == plan.revision + 1
    finally:
        close_old_connections()
