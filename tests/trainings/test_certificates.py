"""Certificates of participation: who earns one, who may download it, and the PDF itself.

The PDF's text is read back with `pdftotext` (poppler-utils) when it is on the PATH.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.trainings.factories import AttendanceFactory, ParticipantFactory, make_run
from trainings import certificates
from trainings.constants import AttendanceStatus, CurriculumKind, ParticipantRole

PDFTOTEXT = shutil.which("pdftotext")
FIRST_DAY = datetime.date(2026, 3, 26)


def pdf_text(content: bytes) -> str:
    result = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return re.sub(r"\s+", " ", result.stdout.decode("utf-8"))


def url(participant) -> str:
    return reverse("trainings:certificate", args=[participant.pk])


def attend(participant, numbers, status=AttendanceStatus.PRESENT) -> None:
    for session in participant.run.sessions.filter(number__in=numbers):
        AttendanceFactory(session=session, participant=participant, status=status)


@pytest.fixture
def run(world):
    run = make_run(
        world.gouda.location, parts=3, trainer=world.gouda.trainer.person, when=FIRST_DAY
    )
    run.national_trainer = world.zutphen.trainer.person
    run.save()
    return run


@pytest.fixture
def worker(world, run):
    """The social worker of Gouda takes part in the run."""
    return ParticipantFactory(
        run=run, person=world.gouda.worker.person, role=ParticipantRole.SOCIAL_WORKER
    )


@pytest.fixture
def fake_pdf(monkeypatch):
    """Skip WeasyPrint where a test is about access, not about the document."""
    monkeypatch.setattr(certificates, "render_certificate_pdf", lambda participant: b"%PDF-1.7")


def test_an_eligible_participant_gets_a_pdf(world, client, worker):
    attend(worker, [1, 2, 3])
    client.force_login(world.gouda.worker)

    response = client.get(url(worker))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    name = worker.person.full_name.lower().replace(" ", "-")
    assert response["Content-Disposition"] == f'attachment; filename="certificaat-{name}.pdf"'
    if PDFTOTEXT:
        text = pdf_text(response.content)
        assert "Certificaat van deelname" in text
        assert worker.person.full_name in text
        assert worker.run.title in text


def test_without_every_half_day_there_is_no_certificate(world, client, worker, fake_pdf):
    attend(worker, [1, 2])
    attend(worker, [3], status=AttendanceStatus.EXCUSED)
    client.force_login(world.gouda.worker)

    assert client.get(url(worker)).status_code == 404


def test_with_a_minimum_of_two_two_half_days_are_enough(world, client, run, worker, fake_pdf):
    run.certificate_min_sessions = 2
    run.save()
    attend(worker, [1])
    attend(worker, [2], status=AttendanceStatus.ABSENT)
    client.force_login(world.gouda.worker)
    assert client.get(url(worker)).status_code == 404

    attend(worker, [3])

    assert client.get(url(worker)).status_code == 200


def test_a_workshop_never_gives_a_certificate(world, client, run, worker, fake_pdf):
    run.kind = CurriculumKind.WORKSHOP
    run.save()
    attend(worker, [1, 2, 3])
    client.force_login(world.gouda.worker)

    assert client.get(url(worker)).status_code == 404
    assert not any(p.earns_certificate for p in certificates.certificate_standing(run))


def test_a_run_without_sessions_gives_no_certificate(world, run, worker):
    run.sessions.all().delete()

    (standing,) = certificates.certificate_standing(run)

    assert (standing.attended, standing.session_count, standing.earns_certificate) == (0, 0, False)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("sociaal_werker", 200),  # the participant
        ("projectleider", 200),
        ("trainer", 200),
        ("coordinator", 200),
        ("beheerder", 200),
        ("ervaringsdeskundige", 403),  # another participant of the same run
        ("other", 404),  # a user of another location
        ("no_membership", 404),
    ],
)
def test_who_may_download_the_certificate(world, client, run, worker, fake_pdf, who, status):
    attend(worker, [1, 2, 3])
    ParticipantFactory(run=run, person=world.gouda.expert.person, role=ParticipantRole.EXPERT)
    client.force_login(world.user(who))

    assert client.get(url(worker)).status_code == status


def test_the_national_trainer_from_another_location_may_download_it(world, client, worker):
    attend(worker, [1, 2, 3])
    client.force_login(world.zutphen.trainer)

    response = client.get(url(worker))

    assert response.status_code == 200


def test_anonymous_users_are_sent_to_the_log_in(client, worker):
    attend(worker, [1, 2, 3])

    response = client.get(url(worker))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_certificate_shows_what_was_done_and_who_trained(world, run, worker):
    attend(worker, [1, 3])
    attend(worker, [2], status=AttendanceStatus.ABSENT)
    (participant,) = certificates.with_attendance_counts(type(worker).objects.filter(pk=worker.pk))

    html = certificates.render_certificate_html(participant)

    assert '<html lang="nl">' in html
    assert worker.person.full_name in html
    assert "sociaal werker" in html
    assert run.title in html
    assert "Gouda" in html
    assert "26 maart 2026" in html  # half-day 1
    assert "9 april 2026" in html  # half-day 3
    assert "2 april 2026" not in html  # half-day 2: absent
    assert world.gouda.trainer.person.full_name in html
    assert world.zutphen.trainer.person.full_name in html
    assert "ervaringsdeskundigen" in html  # what the training is about


def test_markup_in_names_stays_text(world, run):
    participant = ParticipantFactory(
        run=run, person__given_name="<b>Vet</b>", person__family_name="<script>x()</script>"
    )
    run.title = 'Training <img src="http://127.0.0.1:9/x.png">'
    run.save()
    attend(participant, [1, 2, 3])

    html = certificates.render_certificate_html(participant)
    pdf = certificates.render_certificate_pdf(participant)

    assert "&lt;b&gt;Vet&lt;/b&gt;" in html
    assert "<b>Vet" not in html
    assert "<script>" not in html
    assert "<img" not in html
    assert pdf.startswith(b"%PDF")
    if PDFTOTEXT:
        assert "<b>Vet</b>" in pdf_text(pdf)  # shown as the characters typed


def test_the_standing_costs_one_query_for_any_number_of_participants(
    world, run, django_assert_num_queries
):
    def add(count: int) -> None:
        for _ in range(count):
            attend(ParticipantFactory(run=run), [1, 2, 3])

    add(2)
    with django_assert_num_queries(1):
        small = certificates.certificate_standing(run)
    add(10)
    with django_assert_num_queries(1):
        large = certificates.certificate_standing(run)

    assert len(small) == 2
    assert len(large) == 12
    assert all(p.attended == 3 and p.earns_certificate for p in large)


def test_the_standing_counts_only_present_half_days(run):
    full = ParticipantFactory(run=run)
    attend(full, [1, 2, 3])
    partly = ParticipantFactory(run=run)
    attend(partly, [1])
    attend(partly, [2], status=AttendanceStatus.EXCUSED)
    attend(partly, [3], status=AttendanceStatus.UNKNOWN)
    absent = ParticipantFactory(run=run)

    standing = {p.pk: p for p in certificates.certificate_standing(run)}

    assert (standing[full.pk].attended, standing[full.pk].earns_certificate) == (3, True)
    assert (standing[partly.pk].attended, standing[partly.pk].earns_certificate) == (1, False)
    assert (standing[absent.pk].attended, standing[absent.pk].session_count) == (0, 3)


def test_a_download_is_in_the_audit_log(world, client, worker, fake_pdf):
    from auditlog.models import LogEntry

    attend(worker, [1, 2, 3])
    client.force_login(world.gouda.leader)
    assert client.get(url(worker)).status_code == 200
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(worker.pk))
    assert entry.actor == world.gouda.leader
