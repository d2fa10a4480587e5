"""The access scope in the cache: no query for it on a plain page, never another user's scope,
and a membership change takes effect at the next request."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teams import access
from teams.constants import Role
from tests.teams.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def scope_cache_on(settings):
    settings.SCOPE_CACHE_SECONDS = 60


def scope_queries(user) -> int:
    access.forget_scope(user)
    with CaptureQueriesContext(connection) as queries:
        access.scope_for(user)
    return len(queries)


def test_the_second_request_needs_no_query_for_the_scope(world):
    leader = world.gouda.leader
    assert scope_queries(leader) == 1
    assert scope_queries(leader) == 0


def test_each_user_has_their_own_scope(world):
    gouda, zutphen = world.gouda.leader, world.zutphen.leader
    access.scope_for(gouda)
    access.forget_scope(zutphen)
    scope = access.scope_for(zutphen)
    assert scope.user_id == zutphen.pk
    assert scope.location_ids == {world.zutphen.location.pk}


def test_a_new_membership_counts_at_once(world, client):
    leader = world.gouda.leader
    client.force_login(leader)
    zutphen = reverse("teams:location_detail", args=[world.zutphen.location.pk])
    assert client.get(zutphen).status_code == 404
    MembershipFactory(person=leader.person, location=world.zutphen.location, role=Role.TRAINER)
    assert client.get(zutphen).status_code == 200


def test_an_ended_membership_ends_access_at_once(world, client):
    worker = world.gouda.worker
    client.force_login(worker)
    gouda = reverse("teams:location_detail", args=[world.gouda.location.pk])
    assert client.get(gouda).status_code == 200
    membership = worker.person.memberships.get(location=world.gouda.location)
    membership.starts_on = timezone.localdate() - datetime.timedelta(days=30)
    membership.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    membership.save()
    assert client.get(gouda).status_code == 404


def test_losing_superuser_is_seen_at_once(world):
    admin = world.admin
    assert access.scope_for(admin).is_admin
    admin.is_superuser = False
    admin.save()
    access.forget_scope(admin)
    assert not access.scope_for(admin).is_admin
