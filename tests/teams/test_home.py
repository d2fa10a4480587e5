"""The home page shows each role what it needs next."""

from django.urls import reverse

from teams.constants import Role
from teams.models import ProjectTeamMember
from tests.teams.factories import MembershipFactory, PersonFactory


def home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_projectleider_is_asked_to_compose_the_team_and_set_the_meetings(world, client):
    page = home(client, world.gouda.leader)
    assert "Stel het projectteam van Gouda samen." in page
    assert "Spreek af hoe vaak het projectteam van Gouda bijeenkomt." in page


def test_projectleider_sees_people_without_a_profile(world, client):
    newcomer = PersonFactory()
    MembershipFactory(person=newcomer, location=world.gouda.location, role=Role.EXPERT)
    page = home(client, world.gouda.leader)
    assert "In Gouda heeft 1 persoon nog geen profiel." in page


def test_a_complete_team_gives_no_team_step(world, client):
    team = world.gouda.location.project_team
    team.meeting_frequency = "maandelijks"
    team.save()
    ProjectTeamMember.objects.create(team=team, person=world.gouda.leader.person, function="PL")
    page = home(client, world.gouda.leader)
    assert "Stel het projectteam" not in page
    assert "Spreek af hoe vaak" not in page


def test_expert_is_asked_to_check_availability(world, client):
    page = home(client, world.gouda.expert)
    assert "Klopt uw beschikbaarheid nog?" in page
    assert reverse("teams:expert_profile_edit", args=[world.gouda.expert.person.pk]) in page


def test_expert_without_profile_is_asked_to_fill_it_in(world, client):
    world.gouda.expert.person.expert_profile.delete()
    page = home(client, world.gouda.expert)
    assert "Vul uw profiel als ervaringsdeskundige in" in page


def test_social_worker_is_pointed_to_the_pool(world, client):
    page = home(client, world.gouda.worker)
    assert reverse("teams:expert_pool") in page
    assert "Zutphen" not in page


def test_coordinator_sees_all_locations(world, client):
    page = home(client, world.coordinator)
    assert "Alle locaties" in page
    assert "Gouda" in page and "Zutphen" in page


def test_user_without_membership_is_told_what_to_do(world, client):
    page = home(client, world.outsider)
    assert "nog niet aan een locatie gekoppeld" in page


def test_coordinator_sees_gaps_across_locations(world, client):
    page = home(client, world.coordinator)
    assert "Projectteam nog niet samengesteld: Gouda, Zutphen." in page
    assert "Nog geen projectleider" not in page


def test_coordinator_sees_a_location_without_projectleider(world, client):
    world.zutphen.leader.person.memberships.update(ends_on="2018-11-30", starts_on="2017-09-01")
    page = home(client, world.coordinator)
    assert "Nog geen projectleider: Zutphen." in page


def test_trainer_is_pointed_to_the_trainings_of_their_location(world, client):
    page = home(client, world.gouda.trainer)
    assert "Bekijk de trainingen en workshops in Gouda" in page
    assert f"{world.gouda.location.get_absolute_url()}#trainingen" in page
