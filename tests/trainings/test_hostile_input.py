"""Hostile input on every trainings form and POST endpoint, generated with Hypothesis.

For every example: never a 500; every row of the trainings models passes `full_clean()`;
nothing of another location (Zutphen's run) changes. Each example runs in a savepoint that is
rolled back. Strategies come from the teams suite (random Unicode, null bytes, 5000-character
strings, ids beyond 64 bits, missing fields).
"""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.rollback import rolled_back
from tests.teams.test_hostile_input import HOSTILE, TEXT, hostile_post, ids, post_data
from tests.trainings.factories import ParticipantFactory, make_run
from trainings.models import (
    Attendance,
    Evaluation,
    Participant,
    RunBlock,
    Session,
    Tick,
    TrainingRun,
)

pytestmark = pytest.mark.django_db
OK = {200, 302, 400, 404, 409, 422}
MODELS = (TrainingRun, Session, RunBlock, Participant, Attendance, Evaluation, Tick)
DATES = st.one_of(
    st.dates().map(str), st.sampled_from(["0000-00-00", "2026-02-30", "9999-12-31", "31-12-2026"])
)
TIMES = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), st.sampled_from(["24:00", "7"]))
NUMBERS = st.one_of(st.integers(min_value=-(2**70), max_value=2**70).map(str), TEXT)


class Setup:
    def __init__(self, world):
        self.world = world
        self.run = make_run(world.gouda.location, trainer=world.gouda.trainer.person)
        self.session = self.run.sessions.last()
        self.blocks = list(self.session.blocks.all())
        self.participant = ParticipantFactory(run=self.run, person=world.gouda.expert.person)
        self.other = make_run(world.zutphen.location)
        self.other_participant = ParticipantFactory(run=self.other)
        self.known = [
            *(b.pk for b in self.blocks),
            *self.other.sessions.first().blocks.values_list("pk", flat=True),
            self.participant.pk,
            self.other_participant.pk,
            world.zutphen.trainer.person.pk,
            world.gouda.worker.person.pk,
        ]


@pytest.fixture
def setup(world):
    return Setup(world)


def zutphen_state(setup):
    run = setup.other
    return (
        list(TrainingRun.objects.filter(pk=run.pk).values()),
        list(Session.objects.filter(run=run).values()),
        list(RunBlock.objects.filter(session__run=run).values()),
        list(Participant.objects.filter(run=run).values()),
        list(Attendance.objects.filter(session__run=run).values()),
    )


def check(client, setup, url, data, htmx=False):
    before = zutphen_state(setup)
    with rolled_back():
        extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = client.post(url, post_data(data), **extra)
        assert response.status_code in OK, (response.status_code, data)
        for model in MODELS:
            for row in model.objects.all():
                row.full_clean()
        assert zutphen_state(setup) == before


def test_block_ticks(world, client, setup):
    client.force_login(world.gouda.trainer)

    @HOSTILE
    @given(
        block=st.sampled_from([*setup.known, 2**70]),
        data=hostile_post(
            {
                "token": st.uuids().map(str),
                "version": st.integers(0, 3).map(str),
                "status": st.sampled_from(["gegeven", "aangepast", "overgeslagen", "open"]),
                "note": TEXT,
            },
            {"version": NUMBERS, "token": st.just(str(uuid.uuid4()))},
        ),
        htmx=st.booleans(),
    )
    def run(block, data, htmx):
        url = reverse("trainings:block_tick", args=[setup.session.pk, block])
        check(client, setup, url, data, htmx)

    run()


def test_attendance_ticks(world, client, setup):
    client.force_login(world.gouda.trainer)

    @HOSTILE
    @given(
        participant=st.sampled_from([*setup.known, 2**70]),
        data=hostile_post(
            {
                "token": st.uuids().map(str),
                "version": st.integers(0, 3).map(str),
                "field": st.sampled_from(["status", "homework"]),
                "value": st.sampled_from(["aanwezig", "afwezig", "afgemeld", "", "ja", "nee"]),
            },
            {"version": NUMBERS},
        ),
        htmx=st.booleans(),
    )
    def run(participant, data, htmx):
        url = reverse("trainings:attendance_tick", args=[setup.session.pk, participant])
        check(client, setup, url, data, htmx)

    run()


def test_programme(world, client, setup):
    client.force_login(world.gouda.leader)
    url = reverse("trainings:session_programme", args=[setup.session.pk])

    def block_fields(index, block):
        return {
            f"form-{index}-id": st.one_of(st.just(str(block.pk)), ids(setup.known)),
            f"form-{index}-position": st.integers(1, 99).map(str),
            f"form-{index}-minutes": st.integers(1, 480).map(str),
            f"form-{index}-title": st.text(min_size=1, max_size=200),
            f"form-{index}-kind": st.sampled_from(["thema", "pauze", "oefening"]),
            f"form-{index}-chosen_option": TEXT,
            f"form-{index}-description": TEXT,
            f"form-{index}-DELETE": st.sampled_from(["on", None]),
        }

    valid = {
        "form-TOTAL_FORMS": st.just(str(len(setup.blocks))),
        "form-INITIAL_FORMS": st.just(str(len(setup.blocks))),
    }
    hostile = {}
    for index, block in enumerate(setup.blocks):
        valid.update(block_fields(index, block))
        hostile.update({f"form-{index}-minutes": NUMBERS, f"form-{index}-position": NUMBERS})
    hostile.update({"form-TOTAL_FORMS": NUMBERS, "form-INITIAL_FORMS": NUMBERS})

    @HOSTILE
    @given(data=hostile_post(valid, hostile), add=st.booleans())
    def run(data, add):
        if add:
            data["add_block"] = "1"
        check(client, setup, url, data)

    run()


def test_schedule_and_run_forms(world, client, setup):
    client.force_login(world.gouda.leader)
    schedule = reverse("trainings:session_schedule", args=[setup.session.pk])
    edit = reverse("trainings:run_edit", args=[setup.run.pk])
    create = reverse("trainings:run_create", args=[world.gouda.location.pk])

    @HOSTILE
    @given(
        which=st.sampled_from(["schedule", "edit", "create"]),
        data=hostile_post(
            {
                "date": DATES,
                "starts_at": TIMES,
                "ends_at": TIMES,
                "place": TEXT,
                "title": TEXT,
                "curriculum": ids([setup.run.curriculum_id]),
                "national_trainer": ids(setup.known),
                "local_trainer": ids(setup.known),
                "certificate_min_sessions": NUMBERS,
            }
        ),
    )
    def run(which, data):
        check(client, setup, {"schedule": schedule, "edit": edit, "create": create}[which], data)

    run()


def test_participants_follow_up_and_evaluation(world, client, setup):
    participants = reverse("trainings:run_participants", args=[setup.run.pk])
    follow_up = reverse("trainings:session_follow_up", args=[setup.session.pk])
    evaluation = reverse("trainings:my_evaluation", args=[setup.session.pk])
    p = setup.participant.pk

    @HOSTILE
    @given(
        which=st.sampled_from(["participants", "follow_up", "evaluation"]),
        data=hostile_post(
            {
                "social_workers": ids(setup.known),
                "experts": ids(setup.known),
                f"p{p}-homework_done": st.sampled_from(["", "ja", "nee"]),
                f"p{p}-score": st.sampled_from(["", "1", "5"]),
                f"p{p}-remark": TEXT,
                f"e{p}-score": st.sampled_from(["", "3"]),
                f"e{p}-remark": TEXT,
                "sessie-score": st.sampled_from(["1", "5"]),
                "sessie-remark": TEXT,
                "eind-score": st.sampled_from(["2", "4"]),
                "eind-remark": TEXT,
            },
            {f"p{p}-score": NUMBERS, "sessie-score": NUMBERS},
        ),
    )
    def run(which, data):
        user = world.gouda.expert if which == "evaluation" else world.gouda.leader
        client.force_login(user)
        url = {"participants": participants, "follow_up": follow_up, "evaluation": evaluation}[
            which
        ]
        check(client, setup, url, data)

    run()
