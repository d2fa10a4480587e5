"""Every write of the trainings app refused to whom the access matrix refuses it, and the
POST-only tick endpoints by their own rule: nothing changes for a refused user."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from tests.teams.test_access_matrix import LOGIN, MATRIX, ROLES, expect
from tests.trainings.factories import training_world
from trainings.models import Attendance, Evaluation, RunBlock, Tick, TrainingRun

TICKERS = expect(403, anonymous=LOGIN, other=404, no_membership=404)
TICKERS.update(projectleider=200, trainer=200, beheerder=200)

POST_ONLY = {
    "trainings:block_tick": lambda w: {"token": str(uuid.uuid4()), "status": "gegeven"},
    "trainings:attendance_tick": lambda w: {
        "token": str(uuid.uuid4()),
        "field": "status",
        "value": "afwezig",
    },
    "trainings:session_clock": lambda w: {"action": "start"},
}
FORMS = [
    "trainings:run_create",
    "trainings:run_edit",
    "trainings:run_participants",
    "trainings:session_schedule",
    "trainings:session_programme",
    "trainings:session_follow_up",
    "trainings:my_evaluation",
]


def expected_for(url_name: str, role: str):
    if url_name in POST_ONLY:
        return TICKERS[role]
    return MATRIX[url_name][1][role]


CASES = [
    (name, role)
    for name in [*POST_ONLY, *FORMS]
    for role in ROLES
    if expected_for(name, role) in (403, 404, LOGIN)
]


def snapshot():
    return (
        TrainingRun.objects.count(),
        list(TrainingRun.objects.values_list("title", "certificate_min_sessions")),
        list(RunBlock.objects.values_list("status", "minutes", "title")),
        list(Attendance.objects.values_list("status", "homework_done")),
        Evaluation.objects.count(),
        Tick.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_refused_writes_change_nothing(world, client, url_name, role):
    training_world(world)
    url = MATRIX[url_name][0](world)
    data = POST_ONLY.get(url_name, lambda w: {"title": "Gewijzigd", "sessie-score": "1"})(world)
    if role != "anonymous":
        client.force_login(world.user(role))
    before = snapshot()
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    expected = expected_for(url_name, role)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in ROLES if TICKERS[r] == 200])
def test_who_may_tick_can(world, client, role):
    training_world(world)
    client.force_login(world.user(role))
    url = MATRIX["trainings:block_tick"][0](world)
    response = client.post(url, POST_ONLY["trainings:block_tick"](world), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert Tick.objects.count() == 1
