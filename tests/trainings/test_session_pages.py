"""The pages of a run and its half-days, as trainers, participants and others use them."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.teams.factories import MembershipFactory, PersonFactory
from tests.trainings.factories import AttendanceFactory, ParticipantFactory, make_run
from trainings import services
from trainings.constants import BlockStatus
from trainings.models import Attendance, CurriculumBlock, RunBlock, Tick

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def run(world):
    run = make_run(world.gouda.location, trainer=world.gouda.trainer.person, blocks_per_part=4)
    for person, role in (
        (world.gouda.worker.person, "sociaal_werker"),
        (world.gouda.expert.person, "ervaringsdeskundige"),
    ):
        ParticipantFactory(run=run, person=person, role=role)
    for n in range(2):
        ParticipantFactory(run=run, role="sociaal_werker", person__given_name=f"Extra{n}")
    return run


def tick_block(client, session, block, status, version=0, note="", token=None, htmx=True):
    data = {"token": str(token or uuid.uuid4()), "version": version, "status": status, "note": note}
    url = reverse("trainings:block_tick", args=[session.pk, block.pk])
    return client.post(url, data, **(HTMX if htmx else {}))


def tick_presence(client, session, participant, value="aanwezig", version=0):
    url = reverse("trainings:attendance_tick", args=[session.pk, participant.pk])
    data = {"token": str(uuid.uuid4()), "version": version, "field": "status", "value": value}
    return client.post(url, data, **HTMX)


def test_a_trainer_ticks_blocks_and_attendance_and_finds_them_after_a_reload(client, world, run):
    client.force_login(world.gouda.trainer)
    session = run.sessions.first()
    blocks = list(session.blocks.all())
    for block in blocks[:3]:
        response = tick_block(client, session, block, "gegeven")
        assert response.status_code == 200
        assert f'id="blok-{block.pk}"' in response.text
        assert 'id="sessieklok"' in response.text and 'hx-swap-oob="true"' in response.text
    tick_block(client, session, blocks[3], "overgeslagen", note="Geen tijd meer")
    for participant in run.participants.all():
        assert tick_presence(client, session, participant).status_code == 200

    page = client.get(session.get_absolute_url())
    assert page.status_code == 200
    assert page.text.count('aria-pressed="true"') == 3 + 1 + 4
    assert "Geen tijd meer" in page.text
    assert Attendance.objects.filter(session=session, status="aanwezig").count() == 4


def test_the_same_tap_sent_twice_is_recorded_once(client, world, run):
    client.force_login(world.gouda.trainer)
    session = run.sessions.first()
    block = session.blocks.first()
    token = uuid.uuid4()
    assert tick_block(client, session, block, "gegeven", token=token).status_code == 200
    assert tick_block(client, session, block, "gegeven", token=token).status_code == 200
    assert Tick.objects.filter(token=token).count() == 1
    block.refresh_from_db()
    assert block.version == 1


def test_a_conflicting_tap_is_told_and_shows_the_colleagues_choice(client, world, run):
    client.force_login(world.gouda.trainer)
    session = run.sessions.first()
    block = session.blocks.first()
    tick_block(client, session, block, "overgeslagen", version=0)
    response = tick_block(client, session, block, "gegeven", version=0)
    assert response.status_code == 409
    assert "collega" in response.text
    block.refresh_from_db()
    assert block.status == BlockStatus.SKIPPED


def test_without_javascript_a_tap_redirects_back_to_the_row(client, world, run):
    client.force_login(world.gouda.trainer)
    session = run.sessions.first()
    block = session.blocks.first()
    response = tick_block(client, session, block, "gegeven", htmx=False)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#blok-{block.pk}")


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"status": "gegeven"}, 400),  # no token
        ({"status": "gegeven", "token": "geen-uuid"}, 400),
        ({"status": "\x00kapot", "token": str(uuid.uuid4())}, 422),
        ({"status": "gegeven", "token": str(uuid.uuid4()), "version": "9" * 40}, 200),
    ],
)
def test_bad_taps_change_nothing(client, world, run, data, status):
    client.force_login(world.gouda.trainer)
    session = run.sessions.first()
    block = session.blocks.first()
    url = reverse("trainings:block_tick", args=[session.pk, block.pk])
    response = client.post(url, data, **HTMX)
    assert response.status_code == status
    if status != 200:
        assert not Tick.objects.exists()


def test_a_block_of_another_location_is_a_404(client, world, run):
    client.force_login(world.gouda.trainer)
    other = make_run(world.zutphen.location).sessions.first()
    session = run.sessions.first()
    assert tick_block(client, session, other.blocks.first(), "gegeven").status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 404


def test_a_participant_sees_only_their_own_attendance(client, world, run):
    session = run.sessions.first()
    others = run.participants.exclude(person=world.gouda.worker.person)
    for participant in run.participants.all():
        AttendanceFactory(session=session, participant=participant)
    client.force_login(world.gouda.worker)
    page = client.get(run.get_absolute_url())
    assert page.status_code == 200
    assert "Uw deelname" in page.text
    for participant in others:
        assert str(participant.person) not in page.text
    assert client.get(session.get_absolute_url()).status_code == 403


def test_programme_adaptation_updates_the_total_and_leaves_the_template(client, world, run):
    client.force_login(world.gouda.leader)
    session = run.sessions.first()
    blocks = list(session.blocks.all())
    template = {b.pk: (b.minutes, b.title) for b in CurriculumBlock.objects.all()}
    data = {
        "form-TOTAL_FORMS": str(len(blocks) + 1),
        "form-INITIAL_FORMS": str(len(blocks)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "30",
    }
    for index, block in enumerate(blocks):
        data.update(
            {
                f"form-{index}-id": block.pk,
                f"form-{index}-position": block.position,
                f"form-{index}-minutes": 90 if index == 0 else block.minutes,
                f"form-{index}-title": "Herstelwerkplaats Gouda" if index == 1 else block.title,
                f"form-{index}-kind": block.kind,
                f"form-{index}-chosen_option": "Tweede keuze" if index == 0 else "",
                f"form-{index}-description": "",
            }
        )
    new = len(blocks)
    data.update(
        {
            f"form-{new}-position": "9",
            f"form-{new}-minutes": "20",
            f"form-{new}-title": "Wandeling door de wijk",
            f"form-{new}-kind": "oefening",
        }
    )
    url = reverse("trainings:session_programme", args=[session.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["formset"].errors
    page = client.get(url)
    assert "<strong data-programme-total>290</strong>" in page.text  # 90+60+60+60+20
    assert "langer dan een dagdeel" in page.text
    assert session.blocks.count() == len(blocks) + 1
    assert session.blocks.get(position=1).chosen_option == "Tweede keuze"
    assert {b.pk: (b.minutes, b.title) for b in CurriculumBlock.objects.all()} == template


def test_programme_with_bad_input_saves_nothing_and_keeps_what_was_typed(client, world, run):
    client.force_login(world.gouda.leader)
    session = run.sessions.first()
    block = session.blocks.first()
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": block.pk,
        "form-0-position": "1",
        "form-0-minutes": "0",
        "form-0-title": "Mijn nieuwe titel",
        "form-0-kind": block.kind,
    }
    response = client.post(reverse("trainings:session_programme", args=[session.pk]), data)
    assert response.status_code == 422
    assert "1 tot 480 minuten" in response.text
    assert 'value="Mijn nieuwe titel"' in response.text
    block.refresh_from_db()
    assert block.title != "Mijn nieuwe titel"


def test_add_block_without_javascript_adds_an_empty_row(client, world, run):
    client.force_login(world.gouda.leader)
    session = run.sessions.first()
    page = client.get(reverse("trainings:session_programme", args=[session.pk]))
    forms = page.context["formset"]
    data = {
        f"form-{k}": v
        for k, v in (
            ("TOTAL_FORMS", forms.total_form_count()),
            ("INITIAL_FORMS", forms.initial_form_count()),
        )
    }
    data["add_block"] = "1"
    response = client.post(reverse("trainings:session_programme", args=[session.pk]), data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == forms.total_form_count() + 1
    assert RunBlock.objects.filter(session=session).count() == forms.total_form_count()


def test_follow_up_with_a_bad_score_saves_nothing(client, world, run):
    client.force_login(world.gouda.trainer)
    session = run.sessions.first()
    participant = run.participants.first()
    url = reverse("trainings:session_follow_up", args=[session.pk])
    response = client.post(
        url, {f"p{participant.pk}-score": "9", f"p{participant.pk}-remark": "Fijne dag"}
    )
    assert response.status_code == 422
    assert "Fijne dag" in response.text
    assert not participant.evaluations.exists()
    response = client.post(
        url, {f"p{participant.pk}-score": "4", f"p{participant.pk}-homework_done": "ja"}
    )
    assert response.status_code == 302
    assert participant.evaluations.get().score == 4
    assert Attendance.objects.get(participant=participant).homework_done is True


def test_a_half_day_still_to_come_cannot_be_evaluated(client, world, run):
    session = run.sessions.last()
    client.force_login(world.gouda.expert)
    url = reverse("trainings:my_evaluation", args=[session.pk])
    assert "nog niet geweest" in client.get(url).text
    response = client.post(url, {"sessie-score": "5", "eind-score": "4"})
    assert response.status_code == 302
    assert not run.participants.get(person=world.gouda.expert.person).evaluations.exists()


def test_a_participant_evaluates_themselves(client, world, run):
    session = run.sessions.last()
    services.session_clock(session=session, action="start")
    client.force_login(world.gouda.expert)
    url = reverse("trainings:my_evaluation", args=[session.pk])
    page = client.get(url)
    assert "De hele training" in page.text  # the last half-day also asks the final evaluation
    response = client.post(
        url, {"sessie-score": "5", "eind-score": "4", "eind-remark": "Veel geleerd"}
    )
    assert response.status_code == 302
    participant = run.participants.get(person=world.gouda.expert.person)
    assert sorted(participant.evaluations.values_list("kind", "score", "entered_by")) == [
        ("eind", 4, "deelnemer"),
        ("sessie", 5, "deelnemer"),
    ]
    client.force_login(world.gouda.leader)
    assert client.get(url).status_code == 403


def grow(run, world, sessions_blocks: int, people: int):
    session = run.sessions.first()
    for n in range(sessions_blocks):
        RunBlock.objects.create(
            session=session, position=50 + n, minutes=5, title=f"Extra {n}", kind="thema"
        )
    for _ in range(people):
        person = PersonFactory(with_user=True)
        MembershipFactory(
            person=person,
            location=world.gouda.location,
            organisation=world.gouda.team_org,
            role="sociaal_werker",
        )
        participant = ParticipantFactory(run=run, person=person)
        Attendance.objects.create(
            session=session, participant=participant, status="aanwezig", ticked_by=person.user
        )
    for block in session.blocks.all():
        block.status, block.ticked_by = "gegeven", world.gouda.trainer
        block.save()


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["session", "run", "list"])
def test_query_counts_do_not_grow_with_blocks_and_participants(client, world, run, page):
    client.force_login(world.gouda.trainer)
    urls = {
        "session": run.sessions.first().get_absolute_url(),
        "run": run.get_absolute_url(),
        "list": reverse("trainings:run_list"),
    }
    grow(run, world, 1, 1)
    client.get(urls[page])  # the first visit makes the user's calendar link (one insert, once)
    small = count_queries(client, urls[page])
    grow(run, world, 12, 10)
    make_run(world.gouda.location)
    assert count_queries(client, urls[page]) == small


def test_only_trainers_see_their_own_calendar_link(client, world, run):
    from trainings.calendar import trainer_feed_url

    client.force_login(world.gouda.trainer)
    page = client.get(reverse("trainings:run_list"))
    assert trainer_feed_url(world.gouda.trainer, world.gouda.trainer.person.pk) in page.text
    client.force_login(world.gouda.leader)
    assert "Uw agenda-link" not in client.get(reverse("trainings:run_list")).text


def test_a_bad_status_for_a_block_of_another_session_is_a_404_not_a_500(client, world, run):
    """Found by the Hypothesis suite: the error path looked the block up without a guard."""
    client.force_login(world.gouda.trainer)
    first, second = run.sessions.all()[:2]
    response = tick_block(client, first, second.blocks.first(), "kapot")
    assert response.status_code == 404
