"""plans.demo: one plan per pilot city, every state shown, and running it twice changes nothing."""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from plans.constants import APPROVED_STATUSES, PlanStatus, TransitionKind
from plans.models import Action, PlanOfApproach, PlanSnapshot
from plans.progress import is_complete, plan_progress
from plans.selectors import changes_since_approval
from teams.constants import Role
from teams.models import Membership, ProjectTeamMember

CITIES = ["Amsterdam-Zuid", "Arnhem", "Enschede", "Gouda", "Utrecht", "Zutphen"]
TIMESTAMPS = {"created_at", "updated_at"}


def snapshot() -> dict[str, list]:
    """Every row of the plans app (many-to-many tables too), without timestamps."""
    data = {}
    for model in apps.get_app_config("plans").get_models(include_auto_created=True):
        rows = list(model.objects.values())
        for row in rows:
            for name in TIMESTAMPS:
                row.pop(name, None)
        data[model.__name__] = sorted(map(repr, rows))
    return data


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=None)


def plan_of(city: str) -> PlanOfApproach:
    return PlanOfApproach.objects.with_everything().get(location__name=city)


def team_size(plan: PlanOfApproach) -> int:
    return ProjectTeamMember.objects.filter(team__location=plan.location_id).count()


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_plans():
    call_command("seed_demo", stdout=None)
    first = snapshot()
    assert first["PlanOfApproach"] and first["Action"] and first["PlanTransition"]
    call_command("seed_demo", stdout=None)
    assert snapshot() == first


def test_each_city_has_one_plan_and_every_state_is_shown(demo):
    plans = PlanOfApproach.objects.select_related("location")
    assert sorted(plan.location.name for plan in plans) == CITIES
    assert {plan.status for plan in plans} == set(PlanStatus.values)
    assert {plan.location.name: plan.status for plan in plans} == {
        "Amsterdam-Zuid": PlanStatus.UNDERWAY,
        "Arnhem": PlanStatus.EVALUATED,
        "Enschede": PlanStatus.DRAFT,
        "Gouda": PlanStatus.DRAFT,
        "Utrecht": PlanStatus.APPROVED,
        "Zutphen": PlanStatus.SUBMITTED,
    }


def test_plans_that_were_submitted_are_complete_and_the_drafts_are_not(demo):
    for city in CITIES:
        plan = plan_of(city)
        complete = is_complete(plan_progress(plan, team_size=team_size(plan)))
        assert complete == (plan.status != PlanStatus.DRAFT), city


def test_gouda_is_half_done_so_the_projectleider_can_finish_it(demo):
    plan = plan_of("Gouda")
    progress = {p.section.key: p for p in plan_progress(plan, team_size=team_size(plan))}
    assert progress["achtergrond"].complete
    assert progress["projectstructuur"].complete
    assert progress["eigen-regie"].complete
    assert not progress["samenwerking"].complete
    assert not progress["training"].complete
    assert plan.training_focus and not plan.training_trainers


def test_workflow_history_is_real(demo):
    arnhem = plan_of("Arnhem")
    steps = list(arnhem.transitions.values_list("kind", "actor__username"))
    assert steps == [
        (TransitionKind.SUBMIT, "leider-arnhem"),
        (TransitionKind.APPROVE, "coordinator"),
        (TransitionKind.START, "leider-arnhem"),
        (TransitionKind.EVALUATE, "leider-arnhem"),
    ]
    zutphen = plan_of("Zutphen")
    assert [t.kind for t in zutphen.transitions.all()] == [
        TransitionKind.SUBMIT,
        TransitionKind.RETURN,
        TransitionKind.SUBMIT,
    ]
    for plan in PlanOfApproach.objects.all():
        approved = plan.status in APPROVED_STATUSES
        assert PlanSnapshot.objects.filter(plan=plan).exists() == approved, plan
    # Backdated history is in order and not in the future.
    now = timezone.now()
    for plan in PlanOfApproach.objects.all():
        moments = [t.created_at for t in plan.transitions.all()]
        assert moments == sorted(moments) and all(m <= now for m in moments)


def test_amsterdam_has_overdue_and_finished_actions(demo):
    actions = Action.objects.filter(goal__plan__location__name="Amsterdam-Zuid")
    assert actions.overdue().count() >= 2
    assert actions.due_within(14).exists()
    assert actions.filter(status="gereed").exists()
    assert actions.filter(status="bezig").exists()


def test_utrecht_shows_what_changed_since_approval(demo):
    snapshot_row, changes = changes_since_approval(plan_of("Utrecht"))
    assert snapshot_row is not None
    kinds = {change.what for change in changes}
    assert "gewijzigd" in kinds  # the meeting rhythm
    assert "actie toegevoegd" in kinds


def test_owners_and_dates_belong_to_the_plan(demo):
    for plan in PlanOfApproach.objects.with_everything():
        people = set(
            Membership.objects.filter(location=plan.location).values_list("person_id", flat=True)
        )
        partners = set(plan.location.organisations.values_list("pk", flat=True))
        for goal in plan.goals.all():
            assert goal.actions.all(), goal
            for action in goal.actions.all():
                assert {p.pk for p in action.owner_people.all()} <= people
                assert {o.pk for o in action.owner_organisations.all()} <= partners
                for day in (action.starts_on, action.due_on):
                    assert day is None or plan.starts_on <= day <= plan.ends_on


def test_complete_plans_have_two_to_four_goals_per_table(demo):
    for plan in PlanOfApproach.objects.exclude(status=PlanStatus.DRAFT):
        for table in ("eigen_regie", "samenwerking"):
            count = plan.goals.filter(table=table).count()
            assert 2 <= count <= 4, (plan, table)


def test_every_city_has_a_projectleider_on_its_plan(demo):
    for plan in PlanOfApproach.objects.select_related("project_leader"):
        assert Membership.objects.filter(
            person=plan.project_leader, location=plan.location, role=Role.PROJECT_LEADER
        ).exists()


@pytest.mark.django_db
def test_seed_demo_in_a_later_year_adds_no_second_plan(monkeypatch):
    call_command("seed_demo")
    plans = PlanOfApproach.objects.count()
    next_year = timezone.localdate() + datetime.timedelta(days=400)
    monkeypatch.setattr("plans.demo.timezone.localdate", lambda: next_year)
    call_command("seed_demo")
    assert PlanOfApproach.objects.count() == plans == 6
