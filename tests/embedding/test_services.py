"""The embedding monitor's writes: adoption copies the national checklist, every change is
kept (who, when, from → to), the status at a past date reads back from the history, derived
conditions follow their sources, and the plan link makes an action in the plan of approach."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from embedding import selectors, services
from embedding.constants import Status
from embedding.models import Checklist, ChecklistItem, Condition, ConditionChange
from plans.constants import ActionStatus, GoalTable
from plans.models import Action
from tests.embedding.factories import embedding_world
from tests.plans.factories import PlanFactory

pytestmark = pytest.mark.django_db

# These tests mark intervision on the expert profile (the source before the activities
# app; tests/activities/test_wiring.py covers the groups).
PROFILES = "embedding.derivations.experts_without_intervision_from_profiles"


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_default_timezone())


def test_national_checklist_is_data_grouped_by_three_phases():
    checklist = Checklist.objects.current()
    assert checklist.version == 1
    phases = set(checklist.items.values_list("phase", flat=True))
    assert phases == {"klimaat", "organisatie", "borging"}
    derived = set(checklist.items.exclude(derivation="").values_list("derivation", flat=True))
    assert {"experts_intervision", "team_workshop"} <= derived


def test_only_one_current_checklist():
    with pytest.raises(IntegrityError), transaction.atomic():
        Checklist.objects.create(name="Nieuw", version=2, is_current=True)


def test_adopt_copies_items_and_is_idempotent(world):
    location = world.gouda.location
    today = datetime.date(2026, 3, 15)
    adoption = services.checklist_adopt(location=location, actor=world.gouda.leader, today=today)
    conditions = Condition.objects.filter(location=location)
    assert conditions.count() == ChecklistItem.objects.filter(checklist__is_current=True).count()
    assert {c.next_review_on for c in conditions} == {datetime.date(2026, 6, 15)}
    assert services.checklist_adopt(location=location, actor=world.gouda.leader) == adoption
    assert Condition.objects.filter(location=location).count() == conditions.count()
    # Every condition starts its history at adoption, by the leader.
    first = ConditionChange.objects.filter(condition__location=location, automatic=False)
    assert first.count() == conditions.count()
    assert {c.actor_id for c in first} == {world.gouda.leader.pk}


def test_new_checklist_version_does_not_change_an_adopted_location(world):
    embedding_world(world)
    item = ChecklistItem.objects.get(code="gezamenlijke-visie")
    item.title = "Iets anders"
    item.save()
    world.condition.refresh_from_db()
    assert world.condition.title == "Gezamenlijke ambitie en visie"


def test_update_keeps_who_when_and_from_to(world):
    embedding_world(world)
    services.condition_update(
        condition_id=world.condition.pk,
        values={"status": Status.IN_PROGRESS, "owner": world.gouda.leader.person, "note": "Start"},
        actor=world.gouda.leader,
    )
    change = world.condition.changes.order_by("-at", "-pk").first()
    assert change.actor == world.gouda.leader
    assert change.changes["status"] == ["Nog niet gestart", "Mee bezig"]
    assert change.changes["owner"] == ["", str(world.gouda.leader.person)]
    assert change.changes["note"] == ["", "Start"]
    assert change.status_after == Status.IN_PROGRESS


def test_no_change_no_history(world):
    embedding_world(world)
    before = world.condition.changes.count()
    services.condition_update(condition_id=world.condition.pk, values={}, actor=world.gouda.leader)
    assert world.condition.changes.count() == before


def test_status_at_a_past_date(world):
    embedding_world(world)
    pk = world.condition.pk
    ConditionChange.objects.filter(condition_id=pk).update(at=at(datetime.date(2026, 1, 1)))
    services.condition_update(
        condition_id=pk,
        values={"status": Status.IN_PROGRESS},
        actor=world.gouda.leader,
        at=at(datetime.date(2026, 3, 1)),
    )
    services.condition_update(
        condition_id=pk,
        values={"status": Status.IN_PLACE},
        actor=world.gouda.leader,
        at=at(datetime.date(2026, 6, 1)),
    )

    def then(day):
        return {c.pk: c.status_then for c in selectors.status_on(world.gouda.location, day)}[pk]

    assert then(datetime.date(2025, 12, 31)) is None  # did not exist yet
    assert then(datetime.date(2026, 2, 1)) == Status.NOT_STARTED
    assert then(datetime.date(2026, 3, 1)) == Status.IN_PROGRESS  # the end of that day
    assert then(datetime.date(2026, 5, 31)) == Status.IN_PROGRESS
    assert then(datetime.date(2026, 6, 2)) == Status.IN_PLACE


def test_not_applicable_needs_a_reason(world):
    embedding_world(world)
    with pytest.raises(ValidationError) as error:
        services.condition_update(
            condition_id=world.condition.pk,
            values={"status": Status.NOT_APPLICABLE, "na_reason": "  "},
            actor=world.gouda.leader,
        )
    assert "na_reason" in error.value.message_dict
    world.condition.refresh_from_db()
    assert world.condition.status == Status.NOT_STARTED


def test_next_review_before_last_is_refused_also_in_the_database(world):
    embedding_world(world)
    with pytest.raises(ValidationError):
        services.condition_update(
            condition_id=world.condition.pk,
            values={
                "last_reviewed_on": datetime.date(2026, 5, 1),
                "next_review_on": datetime.date(2026, 4, 1),
            },
            actor=world.gouda.leader,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Condition.objects.filter(pk=world.condition.pk).update(
            last_reviewed_on=datetime.date(2026, 5, 1), next_review_on=datetime.date(2026, 4, 1)
        )


def test_a_review_sets_the_next_one_after_the_cycle(world):
    embedding_world(world)
    services.adoption_set_cycle(location=world.gouda.location, months=6, actor=world.gouda.leader)
    condition = services.condition_update(
        condition_id=world.condition.pk,
        values={"last_reviewed_on": datetime.date(2026, 8, 31), "next_review_on": None},
        actor=world.gouda.leader,
    )
    assert condition.next_review_on == datetime.date(2027, 2, 28)


def test_owner_must_work_at_the_location(world):
    embedding_world(world)
    with pytest.raises(ValidationError) as error:
        services.condition_update(
            condition_id=world.condition.pk,
            values={"owner": world.zutphen.leader.person},
            actor=world.gouda.leader,
        )
    assert "owner" in error.value.message_dict


def test_stale_revision_is_refused(world):
    embedding_world(world)
    services.condition_update(
        condition_id=world.condition.pk, values={"note": "a"}, actor=world.gouda.leader
    )
    with pytest.raises(ValidationError):
        services.condition_update(
            condition_id=world.condition.pk,
            values={"note": "b"},
            actor=world.gouda.leader,
            revision=1,
        )


@override_settings(EMBEDDING_EXPERTS_WITHOUT_INTERVISION=PROFILES)
def test_derived_status_is_not_typed_and_follows_its_source(world):
    embedding_world(world)
    expert = world.gouda.expert.person.expert_profile
    services.condition_update(
        condition_id=world.derived.pk, values={"status": Status.IN_PLACE}, actor=world.gouda.leader
    )
    world.derived.refresh_from_db()
    assert world.derived.status == Status.NOT_STARTED  # one expert, without intervision
    expert.takes_intervision = True
    expert.save()
    assert services.condition_sync_derived(location=world.gouda.location) >= 1
    world.derived.refresh_from_db()
    assert world.derived.status == Status.IN_PLACE
    change = world.derived.changes.order_by("-at", "-pk").first()
    assert change.automatic and change.actor is None
    assert services.condition_sync_derived(location=world.gouda.location) == 0  # idempotent


@override_settings(EMBEDDING_EXPERTS_WITHOUT_INTERVISION=PROFILES)
def test_signal_syncs_derived_after_commit(world, django_capture_on_commit_callbacks):
    embedding_world(world)
    with django_capture_on_commit_callbacks(execute=True):
        profile = world.gouda.expert.person.expert_profile
        profile.takes_supervision = True
        profile.save()
    world.derived.refresh_from_db()
    assert world.derived.status == Status.IN_PLACE


def test_local_condition(world):
    embedding_world(world)
    condition = services.condition_add(
        location=world.gouda.location,
        phase="borging",
        title="Wijkwandeling met de wijkagent",
        actor=world.gouda.leader,
    )
    assert condition.is_local and condition.code == "eigen-1"
    second = services.condition_add(
        location=world.gouda.location, phase="klimaat", title="Nog een", actor=world.gouda.leader
    )
    assert second.code == "eigen-2"


def test_plan_link_creates_an_action_and_links_it_back(world):
    embedding_world(world)
    plan = PlanFactory(location=world.gouda.location, underway=True)
    leader = world.gouda.leader.person
    action = services.condition_plan_action(
        condition_id=world.condition.pk,
        owner=leader,
        due_on=datetime.date(2027, 3, 1),
        actor=world.gouda.leader,
    )
    assert action.goal.plan == plan and action.goal.table == GoalTable.COLLABORATION
    assert list(action.owner_people.all()) == [leader]
    world.condition.refresh_from_db()
    assert world.condition.evidence == action
    assert world.condition.status == Status.IN_PROGRESS
    assert world.condition.owner == leader
    plan.refresh_from_db()
    assert plan.revision == 2
    # A second action goes under the same goal.
    other = Condition.objects.get(location=world.gouda.location, code="vergoeding")
    second = services.condition_plan_action(
        condition_id=other.pk, owner=None, due_on=None, actor=world.gouda.leader
    )
    assert second.goal == action.goal
    # The action's status feeds back into the evidence shown on the condition.
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.DONE)
    [shown] = [
        c for c in selectors.conditions_of(world.gouda.location) if c.pk == world.condition.pk
    ]
    assert "Gereed" in shown.evidence_text


def test_plan_link_refused_when_no_plan_or_in_place(world):
    embedding_world(world)
    with pytest.raises(ValidationError):
        services.condition_plan_action(
            condition_id=world.condition.pk, owner=None, due_on=None, actor=world.gouda.leader
        )
    PlanFactory(location=world.gouda.location, submitted=True)  # closed for edits
    with pytest.raises(ValidationError):
        services.condition_plan_action(
            condition_id=world.condition.pk, owner=None, due_on=None, actor=world.gouda.leader
        )
    assert not Action.objects.exists()


def test_plan_link_date_outside_the_plan_period(world):
    embedding_world(world)
    PlanFactory(location=world.gouda.location)
    with pytest.raises(ValidationError):
        services.condition_plan_action(
            condition_id=world.condition.pk,
            owner=None,
            due_on=datetime.date(2030, 1, 1),
            actor=world.gouda.leader,
        )
    assert not Action.objects.exists()


def test_progress_over_time_from_history(world):
    embedding_world(world)
    location = world.gouda.location
    ConditionChange.objects.filter(condition__location=location).update(
        at=at(datetime.date(2026, 1, 5))
    )
    services.condition_update(
        condition_id=world.condition.pk,
        values={"status": Status.IN_PLACE},
        actor=world.gouda.leader,
        at=at(datetime.date(2026, 3, 10)),
    )
    points = selectors.progress_over_time([location.pk], 4, today=datetime.date(2026, 4, 20))
    climate = [p["klimaat"]["done"] for p in points]
    assert [p["month"] for p in points][0] == datetime.date(2026, 1, 31)
    assert climate == [0, 0, 1, 1]
    assert points[-1]["klimaat"]["applicable"] == 4
