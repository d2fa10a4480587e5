"""Shared fixtures: a small world of two locations with a user for every role."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

import pytest

from teams.constants import Role
from tests.teams.factories import (
    ExpertProfileFactory,
    LocationFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectTeamFactory,
    SocialWorkerProfileFactory,
    UserFactory,
)

# Browser tests: Debian's Chromium, never a downloaded browser (see ENGINEERING.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: the in-memory cache outlives a test's rolled-back
    database, and a scope or session cached by one test must not meet the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(config, items):
    """Browser tests need Chromium: skipped without it on a laptop, never skipped in CI."""
    if os.path.exists(CHROMIUM) or IN_CI:
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@dataclass
class Site:
    """One location with its organisations and one user per role."""

    location: object
    recovery_org: object
    team_org: object
    leader: object
    trainer: object
    worker: object
    expert: object
    privacy: object  # the location's privacyfunctionaris


@dataclass
class World:
    gouda: Site
    zutphen: Site
    coordinator: object
    admin: object
    outsider: object  # an account with no membership at all

    def user(self, key: str):
        """Users by the names the access matrix uses; 'other' is a user of another location."""
        return {
            "coordinator": self.coordinator,
            "projectleider": self.gouda.leader,
            "trainer": self.gouda.trainer,
            "sociaal_werker": self.gouda.worker,
            "ervaringsdeskundige": self.gouda.expert,
            "privacyfunctionaris": self.gouda.privacy,
            "beheerder": self.admin,
            "other": self.zutphen.leader,
            "no_membership": self.outsider,
        }[key]


def make_site(name: str) -> Site:
    location = LocationFactory(name=name, city=name)
    recovery = OrganisationFactory(name=f"Herstel {name}")
    team = OrganisationFactory(name=f"Wijkteam {name}", wijkteam=True)
    PartnershipFactory(location=location, organisation=recovery)
    PartnershipFactory(location=location, organisation=team)
    ProjectTeamFactory(location=location)

    def member(role: str, organisation):
        person = PersonFactory(with_user=True, user__username=f"{role}-{name}".lower())
        MembershipFactory(person=person, location=location, organisation=organisation, role=role)
        return person.user

    leader = member(Role.PROJECT_LEADER, recovery)
    trainer = member(Role.TRAINER, recovery)
    worker = member(Role.SOCIAL_WORKER, team)
    expert = member(Role.EXPERT, recovery)
    privacy = member(Role.PRIVACY_OFFICER, team)
    SocialWorkerProfileFactory(person=worker.person)
    ExpertProfileFactory(person=expert.person)
    return Site(location, recovery, team, leader, trainer, worker, expert, privacy)


@pytest.fixture
def world(db) -> World:
    gouda = make_site("Gouda")
    zutphen = make_site("Zutphen")
    coordinator_person = PersonFactory(with_user=True, user__username="coordinator-test")
    MembershipFactory(person=coordinator_person, coordinator=True)
    admin = UserFactory(username="beheer-test", superuser=True)
    outsider = UserFactory(username="zonder-lidmaatschap")
    return World(gouda, zutphen, coordinator_person.user, admin, outsider)
