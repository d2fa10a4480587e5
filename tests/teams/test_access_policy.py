"""The access policy and the visible_to() querysets, below the views."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from teams import access
from teams.constants import Role
from teams.models import ExpertProfile, Location, Organisation, Person
from tests.teams.factories import (
    ExpertProfileFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)


def test_coordinator_sees_every_location(world):
    scope = access.scope_for(world.coordinator)
    assert scope.sees_all_locations and scope.is_coordinator
    assert Location.objects.visible_to(world.coordinator).count() == 2


def test_members_see_only_their_own_location(world):
    for user in (world.gouda.leader, world.gouda.worker, world.gouda.expert, world.gouda.trainer):
        assert list(Location.objects.visible_to(user)) == [world.gouda.location]
        assert not Organisation.objects.visible_to(user).filter(pk=world.zutphen.team_org.pk)
        assert not Person.objects.visible_to(user).filter(pk=world.zutphen.worker.person.pk)


def test_anonymous_and_unattached_users_see_nothing(world):
    for user in (AnonymousUser(), world.outsider):
        assert not Location.objects.visible_to(user).exists()
        assert not Organisation.objects.visible_to(user).exists()
        assert not ExpertProfile.objects.pool_for(user).exists()


def test_an_ended_membership_gives_no_access(world):
    person = PersonFactory(with_user=True)
    MembershipFactory(
        person=person,
        location=world.gouda.location,
        role=Role.SOCIAL_WORKER,
        ends_on=datetime.date(2018, 11, 30),
    )
    assert not Location.objects.visible_to(person.user).exists()
    # ... and a future membership neither.
    MembershipFactory(
        person=person,
        location=world.zutphen.location,
        starts_on=datetime.date.today() + datetime.timedelta(days=7),
    )
    access.forget_scope(person.user)
    assert not Location.objects.visible_to(person.user).exists()


def test_a_user_always_sees_their_own_person(world):
    user = UserFactory()
    person = PersonFactory(user=user)
    assert list(Person.objects.visible_to(user)) == [person]


def test_someone_at_two_locations_sees_both(world):
    MembershipFactory(person=world.gouda.expert.person, location=world.zutphen.location)
    access.forget_scope(world.gouda.expert)
    assert Location.objects.visible_to(world.gouda.expert).count() == 2


def test_only_the_locations_projectleider_and_admins_manage_it(world):
    location = world.gouda.location
    assert access.can_manage_location(world.gouda.leader, location)
    assert access.can_manage_location(world.admin, location)
    for user in (world.coordinator, world.gouda.trainer, world.gouda.worker, world.zutphen.leader):
        assert not access.can_manage_location(user, location)


def test_people_edit_their_own_profile_but_not_others(world):
    expert = world.gouda.expert.person
    assert access.can_edit_profile(world.gouda.expert, expert)
    assert not access.can_edit_profile(world.gouda.worker, expert)
    assert access.can_edit_profile(world.gouda.leader, expert)


def test_the_pool_holds_only_experts_in_the_pool_at_my_locations(world):
    hidden = ExpertProfileFactory(in_pool=False)
    MembershipFactory(person=hidden.person, location=world.gouda.location, role=Role.EXPERT)
    pool = set(ExpertProfile.objects.pool_for(world.gouda.worker))
    assert pool == {world.gouda.expert.person.expert_profile}
    coordinator_pool = set(ExpertProfile.objects.pool_for(world.coordinator))
    assert coordinator_pool == {
        world.gouda.expert.person.expert_profile,
        world.zutphen.expert.person.expert_profile,
    }


def test_scope_is_computed_once_per_request(world, django_assert_num_queries):
    user = world.gouda.leader
    access.forget_scope(user)
    with django_assert_num_queries(1):
        access.scope_for(user)
        access.scope_for(user)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.COORDINATOR])
def test_every_local_role_needs_a_location(db, role):
    from django.core.exceptions import ValidationError

    membership = MembershipFactory.build(person=PersonFactory(), location=None, role=role)
    with pytest.raises(ValidationError):
        membership.full_clean()
