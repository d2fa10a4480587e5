"""The embedding pages: who sees and changes what, bad input (a clear Dutch error, nothing
saved, what was typed kept), the plan link in one click, the home panel, and query counts
that do not grow with the data."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from embedding import services
from embedding.constants import Status
from embedding.models import Adoption, Condition, ConditionChange
from plans.models import Action
from teams.constants import Role
from tests.access_roles import LOGIN
from tests.embedding.factories import embedding_world
from tests.embedding.matrix_rows import EMBEDDING_ROWS, WRITES
from tests.plans.factories import PlanFactory
from tests.teams.factories import ExpertProfileFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def edit_url(condition):
    return reverse("embedding:condition_edit", args=[condition.pk])


def post_data(condition, **changes):
    data = {
        "status": condition.status,
        "na_reason": "",
        "owner": "",
        "note": "",
        "evidence": "",
        "last_reviewed_on": "",
        "next_review_on": "",
        "revision": condition.revision,
    }
    data.update(changes)
    return data


def history_count(condition):
    return ConditionChange.objects.filter(condition=condition).count()


@pytest.mark.parametrize(
    ("url_name", "role"),
    [(name, role) for name, rules in WRITES.items() for role, rule in rules.items() if rule != 200],
)
def test_denied_writes_save_nothing(world, client, url_name, role):
    embedding_world(world)
    before = (ConditionChange.objects.count(), Condition.objects.count(), Action.objects.count())
    if role != "anonymous":
        client.force_login(world.user(role))
    url = EMBEDDING_ROWS[url_name][0](world)
    response = client.post(url, {"status": Status.IN_PLACE, "title": "X", "phase": "klimaat"})
    expected = WRITES[url_name][role]
    if expected == LOGIN:
        assert response.status_code == 302
    else:
        assert response.status_code == expected
    after = (ConditionChange.objects.count(), Condition.objects.count(), Action.objects.count())
    assert after == before


def test_leader_adopts_on_the_page(world, client):
    client.force_login(world.gouda.leader)
    url = reverse("embedding:location", args=[world.gouda.location.pk])
    assert "Landelijke checklist overnemen" in client.get(url).content.decode()
    response = client.post(reverse("embedding:adopt", args=[world.gouda.location.pk]))
    assert response.status_code == 302
    assert Adoption.objects.filter(location=world.gouda.location).exists()


def test_edit_saves_and_keeps_history(world, client):
    embedding_world(world)
    client.force_login(world.gouda.leader)
    data = post_data(
        world.condition,
        status=Status.IN_PLACE,
        owner=world.gouda.expert.person.pk,
        note="Visie vastgesteld in de bijeenkomst van maart",
        last_reviewed_on="2026-11-01",
        evidence=f"project_team:{world.gouda.location.project_team.pk}",
    )
    response = client.post(edit_url(world.condition), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    world.condition.refresh_from_db()
    assert world.condition.status == Status.IN_PLACE
    assert world.condition.evidence == world.gouda.location.project_team
    assert world.condition.next_review_on == datetime.date(2027, 2, 1)
    page = client.get(world.condition.get_absolute_url()).content.decode()
    assert "Projectteam komt bijeen" in page
    assert "Nog niet gestart" in page and "Geregeld" in page  # from → to in the history


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"status": Status.NOT_APPLICABLE, "na_reason": "   "},
            "na_reason",
            "Schrijf op waarom deze voorwaarde niet van toepassing is.",
        ),
        (
            {"last_reviewed_on": "2026-10-01", "next_review_on": "2026-09-01"},
            "next_review_on",
            "De volgende beoordeling ligt vóór de laatste beoordeling.",
        ),
        ({"last_reviewed_on": "2099-01-01"}, "last_reviewed_on", "Kies een datum binnen tien"),
        ({"last_reviewed_on": "1999-12-31"}, "last_reviewed_on", "Kies een datum na 1 januari"),
        ({"status": "misschien"}, "status", "Selecteer een geldige keuze"),
        ({"evidence": "plan_action:999999"}, "evidence", "Selecteer een geldige keuze"),
        ({"evidence": "onzin"}, "evidence", "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_saves_nothing(world, client, changes, field, message):
    embedding_world(world)
    client.force_login(world.gouda.leader)
    before = history_count(world.condition)
    data = post_data(world.condition, note="wat ik typte", **changes)
    response = client.post(edit_url(world.condition), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert any(message in error for error in form.errors[field]), form.errors
    assert "wat ik typte" in response.content.decode()
    assert "Er is niets opgeslagen" in response.content.decode()
    world.condition.refresh_from_db()
    assert world.condition.status == Status.NOT_STARTED and world.condition.note == ""
    assert history_count(world.condition) == before


def test_evidence_and_owner_of_another_city_are_refused(world, client):
    embedding_world(world)
    zutphen_plan = PlanFactory(location=world.zutphen.location)
    from tests.plans.factories import ActionFactory, GoalFactory

    action = ActionFactory(goal=GoalFactory(plan=zutphen_plan))
    client.force_login(world.gouda.leader)
    data = post_data(
        world.condition, evidence=f"plan_action:{action.pk}", owner=world.zutphen.leader.person.pk
    )
    response = client.post(edit_url(world.condition), data)
    assert response.status_code == 200
    assert "evidence" in response.context["form"].errors
    assert "owner" in response.context["form"].errors
    world.condition.refresh_from_db()
    assert world.condition.evidence_id is None and world.condition.owner_id is None


def test_another_citys_condition_is_a_404(world, client):
    embedding_world(world)
    client.force_login(world.gouda.leader)
    for name in ("condition_detail", "condition_edit"):
        url = reverse(f"embedding:{name}", args=[world.zutphen_condition.pk])
        assert client.get(url).status_code == 404
    url = edit_url(world.zutphen_condition)
    assert (
        client.post(url, post_data(world.zutphen_condition, status="geregeld")).status_code == 404
    )
    url = reverse("embedding:condition_plan_action", args=[world.zutphen_condition.pk])
    assert client.post(url, {"due_on": "2026-12-20"}).status_code == 404
    world.zutphen_condition.refresh_from_db()
    assert world.zutphen_condition.status == Status.NOT_STARTED


def test_coordinator_reads_but_does_not_edit(world, client):
    embedding_world(world)
    client.force_login(world.coordinator)
    page = client.get(world.condition.get_absolute_url()).content.decode()
    assert "Bijwerken of beoordelen" not in page
    assert client.get(edit_url(world.condition)).status_code == 403


def test_derived_condition_shows_its_source_and_locks_the_status(world, client):
    embedding_world(world)
    client.force_login(world.gouda.leader)
    page = client.get(world.derived.get_absolute_url()).content.decode()
    assert "intervisie- en supervisiegroepen" in page and "De status volgt vanzelf" in page
    response = client.get(edit_url(world.derived))
    assert response.context["form"].fields["status"].disabled
    location_page = client.get(reverse("embedding:location", args=[world.gouda.location.pk]))
    assert "Afgeleid uit" in location_page.content.decode()


def test_plan_action_in_one_click(world, client):
    embedding_world(world)
    PlanFactory(location=world.gouda.location, approved=True)
    client.force_login(world.gouda.leader)
    page = client.get(world.condition.get_absolute_url())
    form = page.context["plan_form"]
    data = {"owner": form.initial["owner"] or "", "due_on": form.initial["due_on"].isoformat()}
    url = reverse("embedding:condition_plan_action", args=[world.condition.pk])
    response = client.post(url, data)
    assert response.status_code == 302
    action = Action.objects.get()
    world.condition.refresh_from_db()
    assert world.condition.evidence == action
    assert "Actie:" in client.get(world.condition.get_absolute_url()).content.decode()


def test_plan_action_with_a_date_outside_the_plan(world, client):
    embedding_world(world)
    PlanFactory(location=world.gouda.location, approved=True)
    client.force_login(world.gouda.leader)
    url = reverse("embedding:condition_plan_action", args=[world.condition.pk])
    response = client.post(url, {"due_on": "2031-01-01"})
    assert response.status_code == 400
    assert "Kies een datum binnen de periode van het plan" in response.content.decode()
    assert not Action.objects.exists()


def test_own_condition_form(world, client):
    embedding_world(world)
    client.force_login(world.gouda.leader)
    url = reverse("embedding:condition_add", args=[world.gouda.location.pk])
    response = client.post(url, {"phase": "borging", "title": "   "})
    assert response.status_code == 200 and "title" in response.context["form"].errors
    response = client.post(url, {"phase": "borging", "title": "Koffie met de wijkagent"})
    assert response.status_code == 302
    assert Condition.objects.filter(location=world.gouda.location, code="eigen-1").exists()


def test_cycle_form(world, client):
    embedding_world(world)
    client.force_login(world.gouda.leader)
    url = reverse("embedding:cycle", args=[world.gouda.location.pk])
    assert client.post(url, {"review_every_months": "7"}).status_code == 200
    assert client.post(url, {"review_every_months": "6"}).status_code == 302
    assert Adoption.objects.get(location=world.gouda.location).review_every_months == 6


def test_history_page_with_a_date(world, client):
    embedding_world(world)
    client.force_login(world.gouda.worker)
    url = reverse("embedding:history", args=[world.gouda.location.pk])
    yesterday = timezone.localdate() - datetime.timedelta(days=400)
    page = client.get(url, {"datum": yesterday.isoformat()}).content.decode()
    assert "bestond nog niet" in page
    response = client.get(url, {"datum": "2999-01-01"})
    assert response.status_code == 200 and response.context["form"].errors


def test_home_panel_shows_overdue_reviews_to_the_leader(world, client):
    embedding_world(world)
    Condition.objects.filter(pk=world.condition.pk).update(
        next_review_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    client.force_login(world.gouda.leader)
    page = client.get(reverse("home")).content.decode()
    assert "Borging: beoordeling te laat" in page and world.condition.title in page
    client.force_login(world.gouda.worker)
    assert "Borging: beoordeling te laat" not in client.get(reverse("home")).content.decode()


def test_location_page_panel(world, client):
    embedding_world(world)
    client.force_login(world.gouda.worker)
    page = client.get(reverse("teams:location_detail", args=[world.gouda.location.pk]))
    assert "Naar de borgingsmonitor" in page.content.decode()


def grow(world, times: int) -> None:
    """More experts, local conditions and history at Gouda."""
    location = world.gouda.location
    for index in range(times):
        person = PersonFactory()
        MembershipFactory(person=person, location=location, role=Role.EXPERT)
        ExpertProfileFactory(person=person)
        services.condition_add(
            location=location, phase="borging", title=f"Eigen {index}", actor=world.gouda.leader
        )
        services.condition_update(
            condition_id=world.condition.pk,
            values={"note": f"notitie {index}", "owner": person},
            actor=world.gouda.leader,
        )


@pytest.mark.parametrize(
    "page",
    ["embedding:location", "embedding:history", "condition", "dashboard", "dashboard_location"],
)
def test_query_counts_do_not_grow(world, client, django_assert_max_num_queries, page):
    embedding_world(world)
    PlanFactory(location=world.gouda.location, underway=True)

    def url():
        if page == "condition":
            return world.condition.get_absolute_url()
        if page == "dashboard":
            return reverse("dashboard:embedding")
        if page == "dashboard_location":
            return reverse("dashboard:embedding_location", args=[world.gouda.location.pk])
        return reverse(page, args=[world.gouda.location.pk])

    client.force_login(world.gouda.leader)
    grow(world, 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url()).status_code == 200
    grow(world, 8)
    with django_assert_max_num_queries(len(small)):
        assert client.get(url()).status_code == 200
