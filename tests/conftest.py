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


# The rows that data migrations put in the test database when it is created: the kinds of
# activity and intervision themes, the national embedding checklist, the national curricula.
MIGRATION_ROWS = [
    ("activities.ActivityKind", "activities", "0002_kinds_and_themes", "load"),
    ("embedding.Checklist", "embedding", "0002_national_checklist", "load"),
    ("trainings.Curriculum", "trainings", "0002_national_curriculum", "create_curricula"),
]
DB_FIXTURES = {"db", "transactional_db", "live_server"}


@pytest.fixture(autouse=True)
def _migration_rows(request):
    """Every database test starts with the rows of the data migrations. A transactional test
    (browser, concurrency, runtime) empties the database when it ends, so a test after it
    would find them gone: then the migration's own function puts them back, with the models
    as they were at that migration. One cheap query per table when nothing is missing."""
    if not (
        request.node.get_closest_marker("django_db") or DB_FIXTURES & set(request.fixturenames)
    ):
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps

    for label, app, migration, function in MIGRATION_ROWS:
        if not apps.get_model(label).objects.exists():
            run_migration_function(app, migration, function)


def run_migration_function(app: str, migration: str, function: str) -> None:
    import importlib
    from types import SimpleNamespace

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    state = MigrationLoader(None, ignore_no_migrations=True).project_state((app, migration))
    module = importlib.import_module(f"{app}.migrations.{migration}")
    getattr(module, function)(state.apps, SimpleNamespace(connection=connection))


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
