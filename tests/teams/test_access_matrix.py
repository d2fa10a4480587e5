"""The access matrix: every URL pattern × every role. A new pattern without a row fails here.

Objects belong to Gouda; 'other' is the projectleider of Zutphen (another location), so every
Gouda object must be a 404 for them. 'no_membership' has an account but no role anywhere.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_roles import LOGIN, MANAGERS_ONLY, ROLES, expect
from tests.activities.factories import activities_world
from tests.activities.matrix_rows import ACTIVITY_ROWS
from tests.casework.factories import casework_world
from tests.casework.matrix_avg_rows import AVG_ROWS
from tests.casework.matrix_case_rows import CASE_ROWS
from tests.dashboard.matrix_rows import DASHBOARD_ROWS
from tests.embedding.factories import embedding_world
from tests.embedding.matrix_rows import EMBEDDING_ROWS
from tests.plans.factories import PlanFactory
from tests.trainings.factories import CurriculumFactory, training_world
from trainings.calendar import run_feed_url, trainer_feed_url


def profile_editors(self_role: str) -> dict[str, object]:
    """A profile: its managers and the person themselves."""
    return {**MANAGERS_ONLY, self_role: 200}


# A run of Gouda: its managers are the projectleider and the run's (local) trainer.
RUN_MANAGERS = {**MANAGERS_ONLY, "trainer": 200}
# Who sees the participants of a run: its managers, and coordinators (read only).
RUN_PEOPLE = {**RUN_MANAGERS, "coordinator": 200}
# Tick endpoints answer POST only; a GET is refused before any object is looked up.
POST_ONLY = expect(405, anonymous=LOGIN)


@pytest.fixture(autouse=True)
def scope_cache_on(settings):
    """With the scope cache as in production: every role's client after another's, so a
    scope cached for one user that reached another would show here as a wrong answer."""
    settings.SCOPE_CACHE_SECONDS = 60


MATRIX: dict[str, tuple[Callable, dict[str, object]]] = {
    "home": (lambda w: reverse("home"), expect(200, anonymous=LOGIN)),
    "healthz": (lambda w: reverse("healthz"), expect(200)),
    # The language switch needs no log-in (it is on the log-in page); a GET only goes back.
    "set_language": (lambda w: reverse("set_language"), expect(302)),
    "teams:keep_alive": (lambda w: reverse("teams:keep_alive"), POST_ONLY),
    # Two-factor log-in: every user's own account pages (tests/teams/test_two_factor.py has
    # the flows). Without a device the code page sends you on; the actions are POST only.
    "teams:two_factor_status": (
        lambda w: reverse("teams:two_factor_status"),
        expect(200, anonymous=LOGIN),
    ),
    "teams:two_factor_setup": (
        lambda w: reverse("teams:two_factor_setup"),
        expect(200, anonymous=LOGIN),
    ),
    "teams:two_factor_verify": (
        lambda w: reverse("teams:two_factor_verify"),
        expect(302, anonymous=LOGIN),
    ),
    "teams:two_factor_backup_codes": (
        lambda w: reverse("teams:two_factor_backup_codes"),
        POST_ONLY,
    ),
    "teams:two_factor_disable": (lambda w: reverse("teams:two_factor_disable"), POST_ONLY),
    "teams:two_factor_replace": (lambda w: reverse("teams:two_factor_replace"), POST_ONLY),
    # Log-in lock-outs (tests/teams/test_lockout.py): coordinators and beheerders.
    "teams:lockout_list": (
        lambda w: reverse("teams:lockout_list"),
        expect(403, anonymous=LOGIN, coordinator=200, beheerder=200),
    ),
    "teams:lockout_release": (lambda w: reverse("teams:lockout_release"), POST_ONLY),
    "teams:location_list": (
        lambda w: reverse("teams:location_list"),
        expect(200, anonymous=LOGIN),
    ),
    "teams:location_detail": (
        lambda w: reverse("teams:location_detail", args=[w.gouda.location.pk]),
        expect(200, anonymous=LOGIN, other=404, no_membership=404),
    ),
    "teams:project_team_edit": (
        lambda w: reverse("teams:project_team_edit", args=[w.gouda.location.pk]),
        MANAGERS_ONLY,
    ),
    # Invitations (tests/teams/test_invitations.py has the flows): the location's managers;
    # resend and revoke are POST only; the link needs no log-in, an unknown one is a 404 for
    # everyone, and the page it leads to is a 404 without a link opened in this session.
    "teams:invitation_list": (
        lambda w: reverse("teams:invitation_list", args=[w.gouda.location.pk]),
        MANAGERS_ONLY,
    ),
    "teams:invitation_resend": (lambda w: reverse("teams:invitation_resend", args=[1]), POST_ONLY),
    "teams:invitation_revoke": (lambda w: reverse("teams:invitation_revoke", args=[1]), POST_ONLY),
    "teams:invitation_accept": (
        lambda w: reverse("teams:invitation_accept", args=["onbekend"]),
        expect(404),
    ),
    "teams:invitation_accept_page": (
        lambda w: reverse("teams:invitation_accept_page"),
        expect(404),
    ),
    "teams:person_create": (
        lambda w: reverse("teams:person_create", args=[w.gouda.location.pk]),
        MANAGERS_ONLY,
    ),
    "teams:organisation_detail": (
        lambda w: reverse("teams:organisation_detail", args=[w.gouda.recovery_org.pk]),
        expect(200, anonymous=LOGIN, other=404, no_membership=404),
    ),
    "teams:person_detail": (
        lambda w: reverse("teams:person_detail", args=[w.gouda.worker.person.pk]),
        expect(200, anonymous=LOGIN, other=404, no_membership=404),
    ),
    "teams:person_edit": (
        lambda w: reverse("teams:person_edit", args=[w.gouda.worker.person.pk]),
        MANAGERS_ONLY,
    ),
    "teams:expert_profile_edit": (
        lambda w: reverse("teams:expert_profile_edit", args=[w.gouda.expert.person.pk]),
        profile_editors("ervaringsdeskundige"),
    ),
    "teams:social_worker_profile_edit": (
        lambda w: reverse("teams:social_worker_profile_edit", args=[w.gouda.worker.person.pk]),
        profile_editors("sociaal_werker"),
    ),
    "teams:expert_pool": (lambda w: reverse("teams:expert_pool"), expect(200, anonymous=LOGIN)),
    # The plan of approach (a draft plan of Gouda).
    "plans:plan_list": (lambda w: reverse("plans:plan_list"), expect(200, anonymous=LOGIN)),
    "plans:plan_create": (
        lambda w: reverse("plans:plan_create", args=[w.gouda.location.pk]),
        MANAGERS_ONLY,
    ),
    "plans:plan_detail": (
        lambda w: reverse("plans:plan_detail", args=[w.plan.pk]),
        expect(200, anonymous=LOGIN, other=404, no_membership=404),
    ),
    "plans:section_edit": (
        lambda w: reverse("plans:section_edit", args=[w.plan.pk, "achtergrond"]),
        MANAGERS_ONLY,
    ),
    "plans:plan_transition": (
        lambda w: reverse("plans:plan_transition", args=[w.plan.pk, "indienen"]),
        MANAGERS_ONLY,
    ),
    "plans:plan_changes": (
        lambda w: reverse("plans:plan_changes", args=[w.plan.pk]),
        expect(200, anonymous=LOGIN, other=404, no_membership=404),
    ),
    "plans:action_list": (
        lambda w: reverse("plans:action_list", args=[w.plan.pk]),
        expect(200, anonymous=LOGIN, other=404, no_membership=404),
    ),
    "plans:plan_print": (
        lambda w: reverse("plans:plan_print", args=[w.plan.pk]),
        expect(200, anonymous=LOGIN, other=404, no_membership=404),
    ),
    "plans:plan_pdf": (
        lambda w: reverse("plans:plan_pdf", args=[w.plan.pk]),
        expect(200, anonymous=LOGIN, other=404, no_membership=404),
    ),
    # The national curriculum: the same for every location, readable by every member.
    "trainings:curriculum_list": (
        lambda w: reverse("trainings:curriculum_list"),
        expect(200, anonymous=LOGIN),
    ),
    "trainings:curriculum_detail": (
        lambda w: reverse("trainings:curriculum_detail", args=[w.curriculum.pk]),
        expect(200, anonymous=LOGIN),
    ),
    # Training and workshop runs (world.run: Gouda's, trained by Gouda's trainer; the
    # sociaal werker and the ervaringsdeskundige take part, the werker attended every half-day).
    "trainings:run_list": (lambda w: reverse("trainings:run_list"), expect(200, anonymous=LOGIN)),
    "trainings:run_create": (
        lambda w: reverse("trainings:run_create", args=[w.gouda.location.pk]),
        MANAGERS_ONLY,
    ),
    "trainings:run_detail": (
        lambda w: reverse("trainings:run_detail", args=[w.run.pk]),
        expect(200, anonymous=LOGIN, other=404, no_membership=404),
    ),
    "trainings:run_edit": (lambda w: reverse("trainings:run_edit", args=[w.run.pk]), RUN_MANAGERS),
    "trainings:run_participants": (
        lambda w: reverse("trainings:run_participants", args=[w.run.pk]),
        RUN_MANAGERS,
    ),
    "trainings:session_detail": (
        lambda w: reverse("trainings:session_detail", args=[w.session.pk]),
        RUN_PEOPLE,
    ),
    "trainings:session_schedule": (
        lambda w: reverse("trainings:session_schedule", args=[w.session.pk]),
        RUN_MANAGERS,
    ),
    "trainings:session_programme": (
        lambda w: reverse("trainings:session_programme", args=[w.session.pk]),
        RUN_MANAGERS,
    ),
    "trainings:session_follow_up": (
        lambda w: reverse("trainings:session_follow_up", args=[w.session.pk]),
        RUN_MANAGERS,
    ),
    "trainings:block_tick": (
        lambda w: reverse("trainings:block_tick", args=[w.session.pk, w.block.pk]),
        POST_ONLY,
    ),
    "trainings:attendance_tick": (
        lambda w: reverse("trainings:attendance_tick", args=[w.session.pk, w.participant.pk]),
        POST_ONLY,
    ),
    "trainings:session_clock": (
        lambda w: reverse("trainings:session_clock", args=[w.session.pk]),
        POST_ONLY,
    ),
    "trainings:my_evaluation": (
        lambda w: reverse("trainings:my_evaluation", args=[w.session.pk]),
        expect(
            403,
            anonymous=LOGIN,
            sociaal_werker=200,
            ervaringsdeskundige=200,
            other=404,
            no_membership=404,
        ),
    ),
    "trainings:certificate": (
        lambda w: reverse("trainings:certificate", args=[w.participant.pk]),
        {**RUN_PEOPLE, "sociaal_werker": 200},
    ),
    # Calendar feeds: the secret link is the key (Outlook and Google fetch without a log-in).
    "trainings:run_calendar": (lambda w: run_feed_url(w.run, w.gouda.leader), expect(200)),
    "trainings:trainer_calendar": (
        lambda w: trainer_feed_url(w.gouda.trainer, w.gouda.trainer.person.pk),
        expect(200),
    ),
    # The user's calendar links (tests/teams/test_calendar_links.py): everyone their own.
    "teams:calendar_links": (
        lambda w: reverse("teams:calendar_links"),
        expect(200, anonymous=LOGIN),
    ),
    "teams:calendar_link_revoke": (
        lambda w: reverse("teams:calendar_link_revoke", args=[1]),
        POST_ONLY,
    ),
    # Django's auth pages (log-in and password reset are open; logout needs POST).
    "login": (lambda w: reverse("login"), expect(200)),
    "logout": (lambda w: reverse("logout"), expect(405, anonymous=LOGIN)),
    "password_change": (lambda w: reverse("password_change"), expect(200, anonymous=LOGIN)),
    "password_change_done": (
        lambda w: reverse("password_change_done"),
        expect(200, anonymous=LOGIN),
    ),
    "password_reset": (lambda w: reverse("password_reset"), expect(200)),
    "password_reset_done": (lambda w: reverse("password_reset_done"), expect(200)),
    "password_reset_confirm": (
        lambda w: reverse("password_reset_confirm", args=["MQ", "set-password"]),
        expect(200),
    ),
    "password_reset_complete": (lambda w: reverse("password_reset_complete"), expect(200)),
    # The Django admin: beheerders only; everybody else is sent to the admin's log-in.
    "admin:index": (lambda w: reverse("admin:index"), expect("admin-login", beheerder=200)),
}


# Casework rows live next to the casework tests (world.resident: Gouda's file, see
# tests/casework/factories.py: casework_world).
MATRIX.update(CASE_ROWS)
MATRIX.update(AVG_ROWS)
MATRIX.update(DASHBOARD_ROWS)
MATRIX.update(EMBEDDING_ROWS)
MATRIX.update(ACTIVITY_ROWS)


def all_url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    """Every named URL pattern of the URLconf (the admin counts as one: admin:index)."""
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                names.add("admin:index")
                continue
            names |= all_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_pattern_has_a_row_for_every_role():
    missing = all_url_names() - set(MATRIX)
    assert not missing, f"Add these URL names to the access matrix: {sorted(missing)}"
    for name, (_url, expectations) in MATRIX.items():
        assert set(expectations) == set(ROLES), name


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]


@pytest.mark.parametrize(("url_name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_access(world, client, url_name, role):
    world.plan = PlanFactory(location=world.gouda.location)
    world.curriculum = CurriculumFactory()
    if url_name.startswith("trainings:"):
        training_world(world)
    if url_name.startswith("casework:"):
        casework_world(world)
    if url_name in EMBEDDING_ROWS:
        embedding_world(world)
    if url_name in ACTIVITY_ROWS:
        activities_world(world)
    build_url, expectations = MATRIX[url_name]
    url = build_url(world)
    if role != "anonymous":
        client.force_login(world.user(role))
    response = client.get(url)
    expected = expectations[role]
    if expected == LOGIN:
        assert response.status_code == 302, response
        assert response["Location"].startswith(reverse("login"))
    elif expected == "admin-login":
        assert response.status_code == 302, response
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == expected, f"{url_name} as {role}: {response.status_code}"


# POSTs to the write views follow the same matrix: no write slips past a GET-only check.
WRITE_VIEWS = [
    "plans:plan_create",
    "plans:section_edit",
    "plans:plan_transition",
    "teams:project_team_edit",
    "teams:person_create",
    "teams:person_edit",
    "teams:expert_profile_edit",
    "teams:social_worker_profile_edit",
]
DENIED = [
    (name, role)
    for name in WRITE_VIEWS
    for role in ROLES
    if MATRIX[name][1][role] in (403, 404, LOGIN)
]


@pytest.mark.parametrize(("url_name", "role"), DENIED, ids=[f"{n}-{r}" for n, r in DENIED])
def test_denied_writes(world, client, url_name, role):
    world.plan = PlanFactory(location=world.gouda.location)
    build_url, expectations = MATRIX[url_name]
    if role != "anonymous":
        client.force_login(world.user(role))
    response = client.post(build_url(world), {"given_name": "Gewijzigd", "family_name": "X"})
    expected = expectations[role]
    if expected == LOGIN:
        assert response.status_code == 302
    else:
        assert response.status_code == expected
    world.gouda.worker.person.refresh_from_db()
    assert world.gouda.worker.person.given_name != "Gewijzigd"
