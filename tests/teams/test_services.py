"""Services write in one transaction and never leave half a change behind."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from teams import services
from teams.constants import Role
from teams.models import Membership, Person, ProjectTeamMember
from tests.teams.factories import MembershipFactory, PersonFactory


def test_person_create_adds_a_membership(world):
    person = services.person_create(
        location=world.gouda.location,
        given_name="Nieuwe",
        family_name="Collega",
        role=Role.EXPERT,
        organisation=world.gouda.recovery_org,
    )
    membership = person.memberships.get()
    assert membership.location == world.gouda.location
    assert membership.role == Role.EXPERT
    assert person.user is None  # a directory entry without an account


def test_person_create_rolls_back_when_the_membership_is_invalid(world):
    before = Person.objects.count()
    with pytest.raises(ValidationError):
        services.person_create(
            location=world.gouda.location, given_name="A", family_name="B", role="onbekend"
        )
    assert Person.objects.count() == before


def test_membership_add_does_not_duplicate(world):
    person = world.gouda.worker.person
    before = Membership.objects.count()
    services.membership_add(
        person=person,
        location=world.gouda.location,
        role=Role.SOCIAL_WORKER,
        organisation=world.gouda.team_org,
    )
    assert Membership.objects.count() == before


def test_project_team_save_refuses_people_of_another_location(world):
    team = services.project_team_for(world.gouda.location)
    outsider = ProjectTeamMember(person=world.zutphen.worker.person, function="Lid")
    with pytest.raises(ValidationError):
        services.project_team_save(team=team, members=[outsider])
    assert not ProjectTeamMember.objects.filter(team=team).exists()


def test_project_team_save_is_all_or_nothing(world):
    team = services.project_team_for(world.gouda.location)
    good = ProjectTeamMember(person=world.gouda.leader.person, function="Projectleider")
    twice = ProjectTeamMember(person=world.gouda.leader.person, function="Nogmaals")
    with pytest.raises(ValidationError):
        services.project_team_save(team=team, members=[good, twice])
    assert not ProjectTeamMember.objects.filter(team=team).exists()


def test_someone_who_left_the_location_cannot_join_its_team(world):
    former = PersonFactory()
    MembershipFactory(
        person=former, location=world.gouda.location, ends_on=datetime.date(2018, 11, 30)
    )
    team = services.project_team_for(world.gouda.location)
    with pytest.raises(ValidationError):
        services.project_team_save(
            team=team, members=[ProjectTeamMember(person=former, function="Oud-lid")]
        )
