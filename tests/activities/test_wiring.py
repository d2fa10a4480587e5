"""The activities app seen from the embedding monitor: the intervision derivation follows the
groups, the groups' members signal after commit, activities and groups serve as evidence."""

from __future__ import annotations

import pytest
from django.conf import settings

from embedding import derivations, evidence
from embedding.constants import Status
from tests.activities.factories import extra_experts, make_activity, make_group
from tests.embedding.factories import embedding_world

pytestmark = pytest.mark.django_db


def test_settings_point_at_the_activities_app():
    assert settings.EMBEDDING_EXPERTS_WITHOUT_INTERVISION == (
        "activities.selectors.experts_without_intervision"
    )
    assert settings.EMBEDDING_EVIDENCE["activity"]["model"] == "activities.Activity"
    assert settings.EMBEDDING_EVIDENCE["intervision_group"]["model"] == (
        "activities.IntervisionGroup"
    )
    apps = settings.LOCAL_APPS
    assert apps.index("casework") < apps.index("activities") < apps.index("embedding")


def test_derivation_follows_the_groups(world):
    location = world.gouda.location
    assert derivations.derive("experts_intervision", location).status == Status.NOT_STARTED
    group = make_group(world.gouda)
    result = derivations.derive("experts_intervision", location)
    assert result.status == Status.IN_PROGRESS  # the facilitator is in no group
    assert "4 van 5" in result.detail
    facilitator = group.facilitators.get()
    make_group(
        world.gouda,
        kind="supervisie",
        name="Supervisie",
        members=[facilitator],
        facilitators=extra_experts(world.gouda, 1, prefix="Sup"),
        actor=world.admin,
    )
    result = derivations.derive("experts_intervision", location)
    assert "5 van 6" in result.detail  # the supervisor is an expert of Gouda too


def test_group_members_signal_after_commit(world, django_capture_on_commit_callbacks):
    embedding_world(world)
    with django_capture_on_commit_callbacks(execute=True):
        make_group(world.gouda)
    world.derived.refresh_from_db()
    assert world.derived.status == Status.IN_PROGRESS
    assert "4 van 5" in world.derived.derived_detail


def test_activity_and_group_are_evidence_of_their_location(world):
    activity = make_activity(world.gouda)
    group = make_group(world.gouda)
    keys = {key for key, _entry in settings.EMBEDDING_EVIDENCE.items()}
    assert {"activity", "intervision_group"} <= keys
    assert evidence.describe(activity)
    assert evidence.describe(group)
