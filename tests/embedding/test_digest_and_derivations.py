"""The digest section for overdue reviews (on its own, and rendered), and the registry of
derivations named in settings."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import override_settings

from embedding import derivations
from embedding.constants import Status
from embedding.digest import overdue_reviews
from embedding.models import Condition
from teams.models import Person
from tests.embedding.factories import embedding_world
from tests.trainings.factories import make_run

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 7)

# These tests mark intervision on the expert profile (the source before the activities
# app; tests/activities/test_wiring.py covers the groups).
PROFILES = "embedding.derivations.experts_without_intervision_from_profiles"


def test_no_section_without_overdue_reviews(world):
    embedding_world(world)
    Condition.objects.update(next_review_on=TODAY + datetime.timedelta(days=10))
    assert overdue_reviews(world.gouda.leader.person, today=TODAY) is None
    assert overdue_reviews(world.gouda.worker.person, today=TODAY) is None  # leads nothing


def test_section_lists_overdue_reviews_of_led_locations_only(world):
    embedding_world(world)
    Condition.objects.update(next_review_on=TODAY + datetime.timedelta(days=10))
    Condition.objects.filter(pk=world.condition.pk).update(
        next_review_on=TODAY - datetime.timedelta(days=4)
    )
    Condition.objects.filter(pk=world.zutphen_condition.pk).update(
        next_review_on=datetime.date(2026, 1, 1)
    )
    # Not applicable: not reviewed any more.
    Condition.objects.filter(location=world.gouda.location, code="vergoeding").update(
        status=Status.NOT_APPLICABLE,
        na_reason="Alle ervaringsdeskundigen zijn betaald.",
        next_review_on=datetime.date(2026, 1, 1),
    )
    section = overdue_reviews(world.gouda.leader.person, today=TODAY)
    assert section["template"] == "embedding/email/overdue_reviews.html"
    [item] = section["context"]["items"]
    assert item["condition"] == world.condition and item["days"] == 4
    assert item["url"].endswith(f"/borging/{world.condition.pk}/")
    html = render_to_string(section["template"], section["context"])
    text = render_to_string(section["text_template"], section["context"])
    for rendered in (html, text):
        assert world.condition.title in rendered and "4 dagen te laat" in rendered
        assert "Zutphen" not in rendered


def test_registry_names_every_derivation_used_by_the_checklist():
    from embedding.models import ChecklistItem

    used = set(ChecklistItem.objects.exclude(derivation="").values_list("derivation", flat=True))
    assert used <= set(derivations.registry())
    for name in used:
        assert derivations.source_of(name)


@override_settings(EMBEDDING_EXPERTS_WITHOUT_INTERVISION=PROFILES)
def test_intervision_from_profiles(world):
    location = world.gouda.location
    result = derivations.derive("experts_intervision", location)
    assert result.status == Status.NOT_STARTED and "0 van 1" in result.detail
    profile = world.gouda.expert.person.expert_profile
    profile.takes_intervision = True
    profile.save()
    result = derivations.derive("experts_intervision", location)
    assert result.status == Status.IN_PLACE and "1 van 1" in result.detail


def nobody(location):
    return Person.objects.none()


@override_settings(
    EMBEDDING_EXPERTS_WITHOUT_INTERVISION="tests.embedding.test_digest_and_derivations.nobody"
)
def test_intervision_source_is_a_setting(world):
    """At merge time the lead points it at activities.selectors.experts_without_intervision."""
    assert derivations.derive("experts_intervision", world.gouda.location).status == Status.IN_PLACE


def test_team_workshop_held(world):
    from trainings.models import Curriculum

    location = world.gouda.location
    assert derivations.derive("team_workshop", location).status == Status.NOT_STARTED
    run = make_run(location, parts=1)
    run.kind = "workshop"
    run.save()
    assert derivations.derive("team_workshop", location).status == Status.IN_PROGRESS
    session = run.sessions.get()
    session.started_at = datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC)
    session.save()
    assert derivations.derive("team_workshop", location).status == Status.IN_PLACE
    assert Curriculum.objects.exists()


def test_training_and_project_team(world):
    location = world.gouda.location
    run = make_run(location, parts=3)
    first = run.sessions.order_by("number").first()
    first.started_at = datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC)
    first.save()
    result = derivations.derive("training", location)
    assert result.status == Status.IN_PROGRESS and "1 van 3" in result.detail
    team = location.project_team
    assert derivations.derive("project_team", location).status == Status.NOT_STARTED
    team.meeting_frequency = "maandelijks"
    team.save()
    from tests.teams.factories import ProjectTeamMemberFactory

    ProjectTeamMemberFactory(team=team, person=world.gouda.leader.person)
    ProjectTeamMemberFactory(team=team, person=world.gouda.worker.person)
    assert derivations.derive("project_team", location).status == Status.IN_PLACE


@override_settings(EMBEDDING_DERIVATIONS={})
def test_an_unknown_derivation_leaves_the_status_alone(world):
    from embedding import services

    embedding_world(world)
    assert services.condition_sync_derived(location=world.gouda.location) == 0


@override_settings(EMBEDDING_EXPERTS_WITHOUT_INTERVISION=PROFILES)
def test_sync_command_is_idempotent(world):
    import io

    from django.core.management import call_command

    embedding_world(world)
    profile = world.gouda.expert.person.expert_profile
    profile.takes_intervision = True
    profile.save()
    out = io.StringIO()
    call_command("sync_embedding", stdout=out)
    assert "1 afgeleide" in out.getvalue() or "2 afgeleide" in out.getvalue()
    out = io.StringIO()
    call_command("sync_embedding", stdout=out)
    assert "0 afgeleide" in out.getvalue()
