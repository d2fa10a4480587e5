"""A page costs a fixed number of queries, whatever the amount of data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teams.constants import Role
from tests.teams.factories import (
    ExperienceThemeFactory,
    ExpertProfileFactory,
    MembershipFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectTeamMemberFactory,
    SocialWorkerProfileFactory,
    TalentFactory,
)


def grow(location, size: int) -> None:
    """Add `size` experts, social workers, partners and team members to a location."""
    themes = [ExperienceThemeFactory(name=f"Thema {i}") for i in range(3)]
    talents = [TalentFactory(name=f"Talent {i}") for i in range(3)]
    for _ in range(size):
        organisation = OrganisationFactory()
        PartnershipFactory(location=location, organisation=organisation)
        NeighbourhoodFactory(location=location)
        expert = PersonFactory()
        MembershipFactory(
            person=expert, location=location, organisation=organisation, role=Role.EXPERT
        )
        ExpertProfileFactory(person=expert, themes=themes, talents=talents)
        worker = PersonFactory()
        MembershipFactory(person=worker, location=location, role=Role.SOCIAL_WORKER)
        SocialWorkerProfileFactory(person=worker)
        ProjectTeamMemberFactory(team=location.project_team, person=worker, function="Lid")


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


PAGES = {
    "home": lambda w: reverse("home"),
    "location list": lambda w: reverse("teams:location_list"),
    "location detail": lambda w: reverse("teams:location_detail", args=[w.gouda.location.pk]),
    "pool": lambda w: reverse("teams:expert_pool"),
    "pool filtered": lambda w: reverse("teams:expert_pool") + "?availability=beschikbaar&theme=",
    "organisation": lambda w: reverse("teams:organisation_detail", args=[w.gouda.recovery_org.pk]),
    "person": lambda w: reverse("teams:person_detail", args=[w.gouda.expert.person.pk]),
}


@pytest.mark.parametrize("who", ["coordinator", "projectleider", "sociaal_werker"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_query_count_does_not_grow_with_data(world, client, page, who):
    client.force_login(world.user(who))
    url = PAGES[page](world)
    grow(world.gouda.location, 2)
    grow(world.zutphen.location, 2)
    small = count_queries(client, url)
    grow(world.gouda.location, 20)
    grow(world.zutphen.location, 20)
    large = count_queries(client, url)
    assert large == small, f"{page} as {who}: {small} queries with little data, {large} with 10x"
    # The home page gathers the panels of every app (casework, trainings, plans): a bit more.
    limit = 18 if page == "home" else 15
    assert small <= limit, f"{page} as {who} takes {small} queries"
