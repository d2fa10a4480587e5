"""The plan's workflow through the views: concept → ingediend → vastgesteld → in uitvoering →
geëvalueerd, who may take each step, what is locked when, and what changed since approval."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from plans import selectors
from plans.constants import ActionStatus, GoalTable, PlanStatus, TransitionKind
from plans.models import Action, Goal, PlanOfApproach, PlanSnapshot
from plans.sections import SECTIONS, TEXT_SECTIONS
from plans.snapshots import plan_as_data
from tests.plans.factories import ActionFactory, GoalFactory, PlanFactory
from tests.plans.test_plan_forms import (
    db_state,
    fill,
    messages_of,
    open_form,
    page,
    post_form,
    section_url,
)
from tests.teams.factories import NeighbourhoodFactory, ProjectTeamMemberFactory

INCOMPLETE = "Het plan is nog niet compleet. Nog nodig:"
REMARK_NEEDED = "Schrijf een korte toelichting."

TEXT_ANSWERS = {
    "background_team": "Sociaal Team Gouda: ongeveer 400 huishoudens met schulden of eenzaamheid.",
    "background_team_size": "Veertien mensen: maatschappelijk werk, wijkverpleging en jeugd.",
    "background_recovery": "KernKracht: herstelgroepen en een inloop voor wie het moeilijk heeft.",
    "background_staff": "Drie betaalde krachten en twintig vrijwilligers, de helft ED.",
    "background_focus": "Eenzaamheid, omdat die achter veel vragen aan het wijkteam zit.",
    "background_strengths": "De inloop loopt goed; doorverwijzen kan beter.",
    "structure_tasks": "De projectleider plant, de werkers en ED's doen de inloop samen.",
    "structure_meetings": "Elke maand, in het wijkcentrum.",
    "structure_partners": "Huisarts en woningcorporatie: we verwijzen naar elkaar door.",
    "structure_needs": "Tijd van het wijkteam en een vaste plek.",
    "training_focus": "Samen optrekken met bewoners.",
    "training_trainers": "Een ED-trainer en een werker van het team.",
    "training_planned": "Maart en april 2026.",
    "training_participants": 14,
    "workshop_focus": "Wat ervaringsdeskundigheid het wijkteam oplevert.",
    "workshop_trainers": "De ED-trainer.",
    "workshop_planned": "Mei 2026.",
}


def transition_url(plan, kind: str) -> str:
    return reverse("plans:plan_transition", args=[plan.pk, kind])


def step(client, plan, kind: str, remark: str = ""):
    return client.post(transition_url(plan, kind), {"remark": remark})


def reload(plan) -> PlanOfApproach:
    return PlanOfApproach.objects.get(pk=plan.pk)


def complete_plan(world, **kwargs) -> PlanOfApproach:
    """A plan with every question answered, a project team and both goal tables filled."""
    site = world.gouda
    answers = {**TEXT_ANSWERS, **kwargs}
    plan = PlanFactory(location=site.location, project_leader=site.leader.person, **answers)
    plan.neighbourhoods.set([NeighbourhoodFactory(location=site.location, name="Korte Akkeren")])
    plan.recovery_organisations.set([site.recovery_org])
    plan.neighbourhood_teams.set([site.team_org])
    ProjectTeamMemberFactory(
        team=site.location.project_team, person=site.leader.person, organisation=site.recovery_org
    )
    for table in GoalTable:
        goal = GoalFactory(plan=plan, table=table, text=f"Doel voor {table.label}")
        ActionFactory(
            goal=goal,
            description=f"Eerste actie voor {table.label}",
            owner_people=[site.worker.person],
            starts_on=datetime.date(2026, 3, 1),
            due_on=datetime.date(2026, 6, 30),
        )
        ActionFactory(
            goal=goal,
            position=1,
            description=f"Tweede actie voor {table.label}",
            owner_organisations=[site.recovery_org],
            timing_note="Elke eerste dinsdag van de maand",
        )
    return plan


# --- Submitting ---------------------------------------------------------------------------------


def test_an_incomplete_plan_is_not_submitted_and_the_page_says_what_is_missing(world, client):
    plan = PlanFactory(location=world.gouda.location, background_team="Al iets ingevuld")
    client.force_login(world.gouda.leader)

    response = step(client, plan, "indienen")

    assert response.status_code == 200
    text = page(response)
    assert INCOMPLETE in text
    for expected in (
        "Locatie en partners: In welke wijk(en) werkt het projectteam?",
        "Locatie en partners: Wie is de projectleider?",
        "Achtergrond: Hoeveel mensen werken in het wijkteam, en uit welke vakgebieden komen ze?",
        "Projectstructuur: Het projectteam heeft nog geen leden.",
        "Ondersteuning eigen regie en participatie: Schrijf minstens één doel op.",
        "Ontwikkeling lokale samenwerking: Geef elk doel minstens één actie.",
        "Training en teamworkshop: Hoeveel mensen doen mee aan de training?",
    ):
        assert escape(expected) in text, expected
    # what is answered is not listed
    assert "Achtergrond: Wat voor wijkteam is het?" not in text
    plan = reload(plan)
    assert plan.status == PlanStatus.DRAFT
    assert plan.revision == 1
    assert not plan.transitions.exists()


def test_one_missing_owner_is_the_only_thing_listed(world, client):
    plan = complete_plan(world)
    ownerless = ActionFactory(
        goal=plan.goals.get(table=GoalTable.COLLABORATION),
        position=2,
        description="Actie zonder uitvoerder",
        due_on=datetime.date(2026, 9, 1),
    )
    client.force_login(world.gouda.leader)

    response = step(client, plan, "indienen")

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert list(errors) == [
        INCOMPLETE,
        "Ontwikkeling lokale samenwerking: Zet bij elke actie wie hem uitvoert.",
    ]
    assert reload(plan).status == PlanStatus.DRAFT
    ownerless.owner_organisations.add(world.gouda.team_org)
    assert step(client, plan, "indienen").status_code == 302
    assert reload(plan).status == PlanStatus.SUBMITTED


def test_a_plan_filled_in_through_the_pages_can_be_submitted(world, client):
    """The projectleider fills in every section in the browser, then submits."""
    site = world.gouda
    wijk = NeighbourhoodFactory(location=site.location, name="Bloemendaal")
    ProjectTeamMemberFactory(
        team=site.location.project_team, person=site.worker.person, organisation=site.team_org
    )
    client.force_login(site.leader)
    response = client.post(
        reverse("plans:plan_create", args=[site.location.pk]),
        {"starts_on": "2026-01-01", "ends_on": "2027-12-31"},
    )
    assert response.status_code == 302
    plan = PlanOfApproach.objects.get(location=site.location)

    fields = open_form(client, plan, "kop")
    data = fill(
        fields,
        neighbourhoods=[wijk.pk],
        recovery_organisations=[site.recovery_org.pk],
        neighbourhood_teams=[site.team_org.pk],
        project_leader=site.leader.person.pk,
    )
    assert post_form(client, plan, "kop", data).status_code == 302
    for section in TEXT_SECTIONS[1:]:
        answers = {field: TEXT_ANSWERS[field] for field in section.fields}
        response = post_form(
            client, plan, section.key, fill(open_form(client, plan, section.key), **answers)
        )
        assert response.status_code == 302, section.key
    for key in ("eigen-regie", "samenwerking"):
        data = fill(
            open_form(client, plan, key),
            **{
                "goals-0-text": f"Doel in {key}",
                "goals-0-actions-0-description": f"Actie in {key}",
                "goals-0-actions-0-owner_people": [site.expert.person.pk],
                "goals-0-actions-0-starts_on": "2026-02-01",
                "goals-0-actions-0-due_on": "2026-12-01",
            },
        )
        assert post_form(client, plan, key, data).status_code == 302, key

    detail = page(client.get(plan.get_absolute_url()))
    assert detail.count("compleet") >= len(SECTIONS)
    response = step(client, plan, "indienen", "Graag uw oordeel")

    assert response.status_code == 302
    assert response.url == plan.get_absolute_url()
    plan = reload(plan)
    assert plan.status == PlanStatus.SUBMITTED
    submitted = plan.transitions.get()
    assert (submitted.kind, submitted.from_status, submitted.to_status) == (
        TransitionKind.SUBMIT,
        PlanStatus.DRAFT,
        PlanStatus.SUBMITTED,
    )
    assert submitted.actor == site.leader
    assert submitted.remark == "Graag uw oordeel"
    assert "Gelukt: Plan indienen." in messages_of(client.get(plan.get_absolute_url()))


def test_a_complete_plan_is_submitted_by_the_projectleider(world, client):
    plan = complete_plan(world)
    client.force_login(world.gouda.leader)
    response = step(client, plan, "indienen")
    assert response.status_code == 302
    assert reload(plan).status == PlanStatus.SUBMITTED
    assert not PlanSnapshot.objects.exists()


def test_a_submitted_plan_cannot_be_submitted_again(world, client):
    plan = complete_plan(world, status=PlanStatus.SUBMITTED)
    client.force_login(world.gouda.leader)
    response = step(client, plan, "indienen")
    assert response.status_code == 200
    assert escape("Dit kan niet meer: het plan staat nu op 'Ingediend'.") in page(response)
    assert not plan.transitions.exists()


# --- Reviewing ----------------------------------------------------------------------------------


def test_the_coordinator_approves_with_a_remark(world, client):
    plan = complete_plan(world)
    client.force_login(world.gouda.leader)
    assert step(client, plan, "indienen").status_code == 302
    client.force_login(world.coordinator)

    response = step(client, plan, "vaststellen", "  Mooi plan, ga zo door.  ")

    assert response.status_code == 302
    plan = reload(plan)
    assert plan.status == PlanStatus.APPROVED
    snapshot = PlanSnapshot.objects.get(plan=plan)
    full = PlanOfApproach.objects.with_everything().get(pk=plan.pk)
    assert snapshot.data == plan_as_data(full)
    assert snapshot.data["fields"]["background_focus"] == TEXT_ANSWERS["background_focus"]
    assert set(snapshot.data["goals"]) == {
        str(pk) for pk in plan.goals.values_list("pk", flat=True)
    }
    steps = list(
        plan.transitions.values_list("kind", "from_status", "to_status", "actor", "remark")
    )
    assert steps == [
        (TransitionKind.SUBMIT, PlanStatus.DRAFT, PlanStatus.SUBMITTED, world.gouda.leader.pk, ""),
        (
            TransitionKind.APPROVE,
            PlanStatus.SUBMITTED,
            PlanStatus.APPROVED,
            world.coordinator.pk,
            "Mooi plan, ga zo door.",
        ),
    ]
    detail = page(client.get(plan.get_absolute_url()))
    assert "Mooi plan, ga zo door." in detail
    assert "Geen wijzigingen sinds de vaststelling." in detail
    changes = client.get(reverse("plans:plan_changes", args=[plan.pk]))
    assert changes.status_code == 200
    assert "Geen wijzigingen sinds de vaststelling." in page(changes)


def test_returning_needs_a_remark_and_goes_back_to_concept(world, client):
    plan = complete_plan(world, status=PlanStatus.SUBMITTED)
    client.force_login(world.coordinator)

    response = step(client, plan, "terugsturen", "   ")

    assert response.status_code == 200
    assert REMARK_NEEDED in page(response)
    assert reload(plan).status == PlanStatus.SUBMITTED
    assert not plan.transitions.exists()

    response = step(client, plan, "terugsturen", "Doel 2 is nog te vaag.")

    assert response.status_code == 302
    plan = reload(plan)
    assert plan.status == PlanStatus.DRAFT
    returned = plan.transitions.get()
    assert (returned.kind, returned.actor, returned.remark) == (
        TransitionKind.RETURN,
        world.coordinator,
        "Doel 2 is nog te vaag.",
    )
    assert not PlanSnapshot.objects.exists()
    # back in concept, the projectleider can edit again
    client.force_login(world.gouda.leader)
    fields = open_form(client, plan, "achtergrond")
    response = post_form(client, plan, "achtergrond", fill(fields, background_focus="Scherper"))
    assert response.status_code == 302
    assert reload(plan).background_focus == "Scherper"


def test_approving_a_concept_is_refused(world, client):
    plan = complete_plan(world)
    client.force_login(world.coordinator)
    response = step(client, plan, "vaststellen", "Akkoord")
    assert response.status_code == 200
    assert escape("Dit kan niet meer: het plan staat nu op 'Concept'.") in page(response)
    assert reload(plan).status == PlanStatus.DRAFT
    assert not PlanSnapshot.objects.exists()


@pytest.mark.parametrize("kind", ["vaststellen", "terugsturen"])
def test_the_projectleider_cannot_review_their_own_plan(world, client, kind):
    plan = complete_plan(world, status=PlanStatus.SUBMITTED)
    client.force_login(world.gouda.leader)
    assert client.get(transition_url(plan, kind)).status_code == 403
    assert step(client, plan, kind, "Zelf goedgekeurd").status_code == 403
    assert reload(plan).status == PlanStatus.SUBMITTED
    assert not plan.transitions.exists()


STATUS_FOR_STEP = {
    "indienen": PlanStatus.DRAFT,
    "vaststellen": PlanStatus.SUBMITTED,
    "terugsturen": PlanStatus.SUBMITTED,
    "starten": PlanStatus.APPROVED,
    "evalueren": PlanStatus.UNDERWAY,
}


@pytest.mark.parametrize("kind", list(STATUS_FOR_STEP))
def test_who_may_take_each_step(world, client, kind):
    plan = complete_plan(world, status=STATUS_FOR_STEP[kind])
    refused = {
        "trainer": 403,
        "sociaal_werker": 403,
        "ervaringsdeskundige": 403,
        "other": 404,  # the Zutphen projectleider does not see Gouda's plan
        "no_membership": 404,
    }
    if kind in {"vaststellen", "terugsturen"}:
        refused["projectleider"] = 403
    else:
        refused["coordinator"] = 403
    for who, status in refused.items():
        client.force_login(world.user(who))
        assert client.get(transition_url(plan, kind)).status_code == status, who
        assert step(client, plan, kind, "Een opmerking").status_code == status, who
    plan = reload(plan)
    assert plan.status == STATUS_FOR_STEP[kind]
    assert not plan.transitions.exists()


def test_an_unknown_step_is_not_found(world, client):
    plan = complete_plan(world)
    client.force_login(world.admin)
    assert client.get(transition_url(plan, "goedkeuren")).status_code == 404


# --- Locked while under review and after the evaluation ------------------------------------------


@pytest.mark.parametrize(
    ("status", "label"),
    [(PlanStatus.SUBMITTED, "Ingediend"), (PlanStatus.EVALUATED, "Geëvalueerd")],
)
@pytest.mark.parametrize("key", ["achtergrond", "kop", "eigen-regie"])
def test_editing_is_refused_while_submitted_and_when_evaluated(world, client, status, label, key):
    plan = complete_plan(world, status=status)
    goal = plan.goals.get(table=GoalTable.SELF_DIRECTION)
    client.force_login(world.gouda.leader)
    before = db_state(plan)
    refusal = escape(f"Het plan staat op '{label}' en kan nu niet worden gewijzigd.")

    response = client.get(section_url(plan, key))
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url()

    data = {
        "revision": str(plan.revision),
        "background_team": "Overschreven",
        "project_leader": str(world.gouda.trainer.person.pk),
        "goals-TOTAL_FORMS": "1",
        "goals-INITIAL_FORMS": "1",
        "goals-0-id": str(goal.pk),
        "goals-0-text": "Overschreven doel",
        "goals-0-DELETE": "on",
    }
    response = client.post(section_url(plan, key), data, follow=True)
    assert response.redirect_chain == [(plan.get_absolute_url(), 302)]
    assert refusal in page(response)
    assert db_state(plan) == before
    # the page offers no edit buttons
    assert section_url(plan, key) not in page(client.get(plan.get_absolute_url()))


def test_a_form_opened_before_submitting_cannot_be_saved_after(world, client):
    plan = complete_plan(world)
    client.force_login(world.gouda.leader)
    fields = open_form(client, plan, "achtergrond")
    assert step(client, plan, "indienen").status_code == 302
    before = db_state(plan)
    response = post_form(client, plan, "achtergrond", fill(fields, background_team="Te laat"))
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url()
    assert db_state(plan) == before


# --- After approval: changes are tracked ----------------------------------------------------------


def approved_plan(world, client) -> PlanOfApproach:
    plan = complete_plan(world)
    client.force_login(world.gouda.leader)
    assert step(client, plan, "indienen").status_code == 302
    client.force_login(world.coordinator)
    assert step(client, plan, "vaststellen", "Akkoord").status_code == 302
    return reload(plan)


def test_changes_after_approval_are_shown_with_before_and_after(world, client):
    plan = approved_plan(world, client)
    client.force_login(world.gouda.leader)
    goal = plan.goals.get(table=GoalTable.SELF_DIRECTION)
    action = goal.actions.get(position=0)
    fields = open_form(client, plan, "eigen-regie")
    assert fields["goals-0-id"] == [str(goal.pk)]
    assert fields["goals-0-actions-0-id"] == [str(action.pk)]
    data = fill(
        fields,
        **{
            "goals-0-text": "Meer bewoners & buren doen mee",
            "goals-0-actions-0-status": ActionStatus.IN_PROGRESS,
            "goals-0-actions-0-due_on": "2026-09-30",
        },
    )
    assert post_form(client, plan, "eigen-regie", data).status_code == 302
    fields = open_form(client, plan, "achtergrond")
    data = fill(fields, background_focus="Eenzaamheid en armoede")
    assert post_form(client, plan, "achtergrond", data).status_code == 302

    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.due_on == datetime.date(2026, 9, 30)
    full = PlanOfApproach.objects.with_everything().get(pk=plan.pk)
    snapshot, changes = selectors.changes_since_approval(full)
    assert snapshot == PlanSnapshot.objects.get(plan=plan)
    found = {(change.what, change.before, change.after) for change in changes}
    assert found == {
        ("gewijzigd", TEXT_ANSWERS["background_focus"], "Eenzaamheid en armoede"),
        (
            "doel gewijzigd",
            "Doel voor Ondersteuning eigen regie en participatie",
            "Meer bewoners & buren doen mee",
        ),
        ("status", "Gepland", "Bezig"),
        ("klaar op", "2026-06-30", "2026-09-30"),
    }
    assert all(change.where for change in changes)

    response = client.get(reverse("plans:plan_changes", args=[plan.pk]))
    assert response.status_code == 200
    text = page(response)
    for before, after in (
        ("Gepland", "Bezig"),
        ("2026-06-30", "2026-09-30"),
        (
            "Doel voor Ondersteuning eigen regie en participatie",
            "Meer bewoners &amp; buren doen mee",
        ),
        (escape(TEXT_ANSWERS["background_focus"]), "Eenzaamheid en armoede"),
    ):
        assert f"<del>{before}</del>" in text
        assert f"<ins>{after}</ins>" in text

    detail = page(client.get(plan.get_absolute_url()))
    assert "Geen wijzigingen sinds de vaststelling." not in detail
    # the plan page sums up (goal text, due date, answer; the status is progress) and links on
    assert "3 wijzigingen in het plan en 1 actie met een nieuwe status sinds de vaststelling" in (
        " ".join(detail.split())
    )
    assert reverse("plans:plan_changes", args=[plan.pk]) in detail
    assert "Meer bewoners &amp; buren doen mee" in detail
    assert "Eenzaamheid en armoede" in detail
    assert "1 Mrt 2026 – 30 Sep 2026" in detail
    assert "Bezig" in detail


def test_the_whole_way_to_evaluated(world, client):
    plan = approved_plan(world, client)
    client.force_login(world.gouda.leader)
    assert step(client, plan, "starten").status_code == 302
    assert reload(plan).status == PlanStatus.UNDERWAY

    # under way the projectleider still keeps the actions up to date
    action = Action.objects.filter(goal__plan=plan).first()
    fields = open_form(client, plan, "eigen-regie")
    data = fill(fields, **{"goals-0-actions-0-status": ActionStatus.DONE})
    assert post_form(client, plan, "eigen-regie", data).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE

    response = step(client, plan, "evalueren", "")
    assert response.status_code == 200
    assert REMARK_NEEDED in page(response)
    assert reload(plan).status == PlanStatus.UNDERWAY

    response = step(client, plan, "evalueren", "De inloop draait; de samenwerking is vast.")
    assert response.status_code == 302
    plan = reload(plan)
    assert plan.status == PlanStatus.EVALUATED
    assert list(plan.transitions.values_list("kind", "actor")) == [
        (TransitionKind.SUBMIT, world.gouda.leader.pk),
        (TransitionKind.APPROVE, world.coordinator.pk),
        (TransitionKind.START, world.gouda.leader.pk),
        (TransitionKind.EVALUATE, world.gouda.leader.pk),
    ]
    assert plan.transitions.last().remark == "De inloop draait; de samenwerking is vast."
    assert PlanSnapshot.objects.filter(plan=plan).count() == 1
    # closed now, but the changes since approval stay visible
    full = PlanOfApproach.objects.with_everything().get(pk=plan.pk)
    _snapshot, changes = selectors.changes_since_approval(full)
    assert [(c.what, c.before, c.after) for c in changes] == [("status", "Gepland", "Gereed")]
    response = client.get(section_url(plan, "eigen-regie"))
    assert response.status_code == 302


# --- Readers --------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.APPROVED])
def test_a_social_worker_reads_the_plan_but_cannot_edit(world, client, status):
    plan = complete_plan(world, status=status)
    client.force_login(world.gouda.worker)
    for name in (
        "plans:plan_detail",
        "plans:action_list",
        "plans:plan_print",
        "plans:plan_changes",
    ):
        response = client.get(reverse(name, args=[plan.pk]))
        assert response.status_code == 200, name
    detail = page(client.get(plan.get_absolute_url()))
    assert TEXT_ANSWERS["background_focus"] in detail
    assert "Bewerken" not in detail
    assert transition_url(plan, "indienen") not in detail
    before = db_state(plan)
    for section in SECTIONS:
        assert client.get(section_url(plan, section.key)).status_code == 403, section.key
        data = {"revision": str(plan.revision), "background_team": "Door de werker"}
        assert client.post(section_url(plan, section.key), data).status_code == 403
    assert db_state(plan) == before


def test_the_project_team_section_links_to_the_team_page_for_whoever_manages_it(world, client):
    """The plan shows the team's members; the leader goes from there to where they are edited."""
    plan = complete_plan(world)
    team_url = reverse("teams:project_team_edit", args=[plan.location_id])
    client.force_login(world.gouda.leader)
    assert f'href="{team_url}"' in page(client.get(plan.get_absolute_url()))
    assert client.get(team_url).status_code == 200
    client.force_login(world.gouda.worker)
    assert team_url not in page(client.get(plan.get_absolute_url()))
    assert client.get(team_url).status_code == 403


def test_the_zutphen_projectleider_does_not_see_the_plan(world, client):
    plan = complete_plan(world)
    client.force_login(world.zutphen.leader)
    before = db_state(plan)
    for name in (
        "plans:plan_detail",
        "plans:action_list",
        "plans:plan_print",
        "plans:plan_changes",
    ):
        assert client.get(reverse(name, args=[plan.pk])).status_code == 404, name
    assert client.get(section_url(plan, "achtergrond")).status_code == 404
    data = {"revision": str(plan.revision), "background_team": "Uit Zutphen"}
    assert client.post(section_url(plan, "achtergrond"), data).status_code == 404
    assert db_state(plan) == before
    listed = client.get(reverse("plans:plan_list"))
    assert plan not in list(listed.context["plans"])


def test_goal_table_and_text_edits_after_approval_keep_the_row_ids(world, client):
    """Changes are matched by id: an edit is 'gewijzigd', never 'verwijderd' + 'toegevoegd'."""
    plan = approved_plan(world, client)
    client.force_login(world.gouda.leader)
    ids_before = set(Goal.objects.filter(plan=plan).values_list("pk", flat=True))
    actions_before = set(Action.objects.filter(goal__plan=plan).values_list("pk", flat=True))
    for key in ("eigen-regie", "samenwerking"):
        assert post_form(client, plan, key, open_form(client, plan, key)).status_code == 302
    assert set(Goal.objects.filter(plan=plan).values_list("pk", flat=True)) == ids_before
    assert (
        set(Action.objects.filter(goal__plan=plan).values_list("pk", flat=True)) == actions_before
    )
    full = PlanOfApproach.objects.with_everything().get(pk=plan.pk)
    assert selectors.changes_since_approval(full)[1] == []
    assert "Geen wijzigingen sinds de vaststelling." in page(client.get(plan.get_absolute_url()))


def test_the_history_names_people_not_user_names(world, client):
    plan = PlanFactory(location=world.gouda.location, submitted=True)
    client.force_login(world.coordinator)
    response = client.post(
        reverse("plans:plan_transition", args=[plan.pk, "vaststellen"]), {"remark": "Akkoord."}
    )
    assert response.status_code == 302
    page = client.get(plan.get_absolute_url()).content.decode()
    assert f"door {world.coordinator.person.full_name}" in page
    assert f"door {world.coordinator.username}" not in page
