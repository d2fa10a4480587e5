"""Concurrent writers on the same consent and the same file (PostgreSQL: a thread and a
connection each, real row locks).

- Two withdrawals of one consent at once: one is recorded, the other is told "al ingetrokken";
  one audit event.
- A withdrawal of the consent to record racing a new contact: never half a state. Either the
  contact was saved first and is counted in the anonymous tally when the file is erased, or
  the file was erased first and the contact is refused with a clear message. Never a contact
  without its resident, never a lost count.
- The same consent given twice at once: one is recorded, the other is told "er al".

Races are made deterministic by pausing one writer inside its transaction (after its audit
entry) until the other one is seen waiting for a lock in `pg_stat_activity`, or is done.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.db.models import Sum

from casework import services
from casework.constants import AuditAction, ConsentForm, ConsentPurpose, ContactKind
from casework.models import AnonymousTally, CaseAuditEvent, Consent, Contact, Resident, Trajectory
from tests.casework.factories import ContactFactory, casework_world, today
from tests.concurrency import postgres_only, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)
GONE = "Dit dossier is er niet meer: de toestemming is ingetrokken of het is gewist."


def at_once(*jobs: Callable[[], object]) -> list[str]:
    try:
        return run_at_once(*jobs, conflict=ValidationError)
    finally:
        close_old_connections()


def told(messages: list[str], job: Callable[[], object]) -> Callable[[], object]:
    """`job`, keeping the message of a ValidationError it raises."""

    def run():
        try:
            return job()
        except ValidationError as error:
            messages.append(" ".join(error.messages))
            raise

    return run


def withdraw(consent: Consent, actor) -> Callable[[], bool]:
    return partial(services.consent_withdraw, consent=consent, withdrawn_on=today(), actor=actor)


def add_contact(trajectory: Trajectory, author) -> Callable[[], Contact]:
    return partial(
        services.contact_add,
        trajectory=trajectory,
        author=author.person,
        actor=author,
        date=today(),
        kind=ContactKind.PHONE,
        with_expert=True,
        with_social_worker=False,
        note="Even gebeld.",
        next_step="",
    )


def give(resident: Resident, actor, purpose=ConsentPurpose.CASE_MEETING) -> Callable[[], Consent]:
    return partial(
        services.consent_give,
        resident=resident,
        purpose=purpose,
        given_as=ConsentForm.SPOKEN,
        given_on=today(),
        actor=actor,
    )


def tally_total(field: str = "contacts") -> int:
    return AnonymousTally.objects.aggregate(n=Sum(field))["n"] or 0


def withdrawn_events(purpose: str) -> int:
    return CaseAuditEvent.objects.filter(
        action=AuditAction.CONSENT, subject=f"toestemming ingetrokken: {purpose}"
    ).count()


class Pause:
    """Holds the writer for which `when(*args)` holds inside its transaction, right after its
    call of `services.<function>`, until `referee` sees another connection waiting for a lock
    (or `patience` seconds passed: then the other writer was not blocked at all)."""

    def __init__(self, monkeypatch, when, function: str = "audit", patience: float = 3.0):
        self.reached, self.released = threading.Event(), threading.Event()
        self.patience, self.saw_a_waiter = patience, False
        original = getattr(services, function)

        def paused(*args, **kwargs):
            result = original(*args, **kwargs)
            if when(*args, **kwargs) and not self.reached.is_set():
                self.reached.set()
                self.released.wait(timeout=20)
            return result

        monkeypatch.setattr(services, function, paused)

    def after(self, job: Callable[[], object]) -> Callable[[], object]:
        """`job`, started once the paused writer holds its locks."""

        def run():
            assert self.reached.wait(timeout=20), "the paused writer never got there"
            return job()

        return run

    def referee(self) -> None:
        assert self.reached.wait(timeout=20)
        deadline = time.monotonic() + self.patience
        with connection.cursor() as cursor:
            while time.monotonic() < deadline and not self.saw_a_waiter:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                self.saw_a_waiter = cursor.fetchone()[0] > 0
                time.sleep(0.02)
        self.released.set()


def audit_of(wanted: str):
    """Pause after the audit entry with this subject."""

    def when(resident, actor, action, subject="", *args, **kwargs):
        return subject == wanted

    return when


@pytest.fixture
def file(world):
    """Gouda's file: consent to record and to share with the recovery organisation, a tandem
    and one contact."""
    return casework_world(world)


# --- Two withdrawals of the same consent ---------------------------------------------------------


@postgres_only
def test_two_withdrawals_of_a_sharing_consent_at_once_one_is_told(file):
    messages: list[str] = []
    jobs = [told(messages, withdraw(file.consent, user)) for user in (file.gouda.worker,) * 2]
    assert sorted(at_once(*jobs)) == ["conflict", "saved"]
    assert messages == ["Deze toestemming is al ingetrokken."]
    file.consent.refresh_from_db()
    assert file.consent.withdrawn_on == today()
    assert withdrawn_events(ConsentPurpose.SHARE_RECOVERY) == 1


@postgres_only
def test_two_withdrawals_of_the_consent_to_record_at_once_erase_once(file):
    contacts, trajectories = Contact.objects.count(), Trajectory.objects.count()
    messages: list[str] = []
    users = (file.gouda.worker, file.gouda.expert)
    jobs = [told(messages, withdraw(file.record_consent, user)) for user in users]
    assert sorted(at_once(*jobs)) == ["conflict", "saved"]
    assert messages == ["Deze toestemming is al ingetrokken."]
    assert not Resident.objects.exists()
    assert withdrawn_events(ConsentPurpose.RECORD) == 1
    assert CaseAuditEvent.objects.filter(action=AuditAction.ERASE).count() == 1
    assert (tally_total(), tally_total("trajectories")) == (contacts, trajectories)


@postgres_only
def test_withdrawing_two_consents_of_one_file_at_once_never_deadlocks(file):
    """The consent to record (which erases the file, the sharing consent with it) and the
    sharing consent: both writers lock the file before the consent, so one waits instead of
    the two deadlocking."""
    messages: list[str] = []
    results = at_once(
        told(messages, withdraw(file.record_consent, file.gouda.worker)),
        told(messages, withdraw(file.consent, file.gouda.expert)),
    )
    assert results[0] == "saved", results
    assert results[1] in ("saved", "conflict"), results
    assert messages in ([], ["Deze toestemming is al ingetrokken."])
    assert not Resident.objects.exists()
    assert withdrawn_events(ConsentPurpose.RECORD) == 1


# --- Withdrawing the consent to record while a contact is added ---------------------------------


@postgres_only
def test_a_contact_saved_just_before_the_withdrawal_is_counted(file, monkeypatch):
    """The contact's writer holds the file while the withdrawal comes in: the withdrawal waits,
    then erases the file with the new contact in the tally."""
    pause = Pause(monkeypatch, audit_of("contact"))
    before = Contact.objects.count()
    results = at_once(
        add_contact(file.trajectory, file.gouda.expert),
        pause.after(withdraw(file.record_consent, file.gouda.worker)),
        pause.referee,
    )
    assert results == ["saved", "saved", "saved"], results
    assert pause.saw_a_waiter  # the withdrawal waited for the contact's transaction
    assert not Resident.objects.exists() and not Contact.objects.exists()
    assert tally_total() == before + 1


@postgres_only
def test_a_contact_added_while_the_file_is_erased_is_refused(file, monkeypatch):
    """The withdrawal holds the file: the contact's writer waits, then finds the file gone and
    is told so; nothing is left behind and the tally holds the contacts there were."""
    pause = Pause(monkeypatch, audit_of("dossier"))  # the erasure's audit entry
    before = Contact.objects.count()
    messages: list[str] = []
    results = at_once(
        withdraw(file.record_consent, file.gouda.worker),
        pause.after(told(messages, add_contact(file.trajectory, file.gouda.expert))),
        pause.referee,
    )
    assert results == ["saved", "conflict", "saved"], results
    assert messages == [GONE]
    assert not Resident.objects.exists() and not Contact.objects.exists()
    assert tally_total() == before


@postgres_only
def test_contacts_and_a_withdrawal_at_once_never_leave_half_a_state(file):
    """No pause: whoever wins, every contact is either counted or refused."""
    for _round in range(3):
        resident, trajectory = casework_world_again(file)
        record = resident.consents.get(purpose=ConsentPurpose.RECORD)
        before = tally_total()
        existing = Contact.objects.filter(trajectory=trajectory).count()
        results = at_once(
            add_contact(trajectory, file.gouda.expert),
            add_contact(trajectory, file.gouda.worker),
            withdraw(record, file.gouda.worker),
        )
        assert results[2] == "saved", results
        assert set(results[:2]) <= {"saved", "conflict"}, results
        assert not Resident.objects.filter(pk=resident.pk).exists()
        assert not Contact.objects.filter(trajectory_id=trajectory.pk).exists()
        assert tally_total() == before + existing + results[:2].count("saved")


def casework_world_again(world):
    """Another Gouda file like casework_world's (registered, shared, a tandem, a contact)."""
    from tests.casework.factories import register

    resident, trajectory = register(world.gouda, name="Nog een")
    ContactFactory(trajectory=trajectory, author=world.gouda.expert.person)
    return resident, trajectory


# --- Two files of one location erased at once -----------------------------------------------------


@postgres_only
def test_two_files_erased_at_once_add_to_the_same_tally_without_deadlock(file, monkeypatch):
    """Both files have a home visit and a phone call this month, found in opposite orders:
    the erasures lock the tally's cells in one (sorted) order, so one waits for the other
    instead of the two deadlocking, and every contact is counted."""
    second, second_trajectory = casework_world_again(file)
    Contact.objects.all().delete()
    for trajectory, kinds in (
        (file.trajectory, [ContactKind.HOME_VISIT, ContactKind.PHONE]),
        (second_trajectory, [ContactKind.PHONE, ContactKind.HOME_VISIT]),
    ):
        for kind in kinds:  # newest first: the later one is found first
            ContactFactory(
                trajectory=trajectory, kind=kind, date=today(), author=file.gouda.expert.person
            )
    first = {}

    def first_erasure():
        first["thread"] = threading.current_thread()
        return withdraw(file.record_consent, file.gouda.worker)()

    pause = Pause(
        monkeypatch,
        lambda *args, **kwargs: first.get("thread") is threading.current_thread(),
        function="_add_to_tally",
    )
    record = second.consents.get(purpose=ConsentPurpose.RECORD)
    results = at_once(
        first_erasure, pause.after(withdraw(record, file.gouda.worker)), pause.referee
    )
    assert results == ["saved", "saved", "saved"], results
    assert not Resident.objects.exists()
    assert tally_total() == 4


# --- The same consent given twice at once -------------------------------------------------------


@postgres_only
def test_the_same_consent_given_twice_at_once_is_recorded_once(file, monkeypatch):
    pause = Pause(monkeypatch, audit_of("toestemming gegeven: casusoverleg"))
    messages: list[str] = []
    results = at_once(
        give(file.resident, file.gouda.worker),
        pause.after(told(messages, give(file.resident, file.gouda.expert))),
        pause.referee,
    )
    assert results == ["saved", "conflict", "saved"], results
    assert messages == ["Deze toestemming is er al."]
    purpose = ConsentPurpose.CASE_MEETING
    assert file.resident.consents.active().filter(purpose=purpose).count() == 1


@postgres_only
def test_the_same_consent_given_twice_without_a_pause_is_recorded_once(file):
    for purpose in (ConsentPurpose.CASE_MEETING, ConsentPurpose.SHARE_TEAM):
        jobs = [
            partial(give(file.resident, user, purpose), recipient_organisation=file.gouda.team_org)
            for user in (file.gouda.worker, file.gouda.expert)
        ]
        assert sorted(at_once(*jobs)) == ["conflict", "saved"]
        assert file.resident.consents.active().filter(purpose=purpose).count() == 1


# --- The same, one after the other (every database) ---------------------------------------------


def test_a_contact_for_a_file_erased_meanwhile_is_refused(file):
    """The page was opened before the file was erased: the contact is refused cleanly."""
    trajectory = Trajectory.objects.select_related("resident").get(pk=file.trajectory.pk)
    withdraw(file.record_consent, file.gouda.worker)()
    with pytest.raises(ValidationError, match="Dit dossier is er niet meer"):
        add_contact(trajectory, file.gouda.expert)()
    assert not Contact.objects.exists()


def test_a_consent_for_a_file_erased_meanwhile_is_refused(file):
    resident = Resident.objects.get(pk=file.resident.pk)
    withdraw(file.record_consent, file.gouda.worker)()
    with pytest.raises(ValidationError, match="Dit dossier is er niet meer"):
        give(resident, file.gouda.worker)()
    assert not Consent.objects.exists()


def test_a_consent_withdrawn_again_after_the_file_was_erased_is_told(file):
    withdraw(file.record_consent, file.gouda.worker)()
    with pytest.raises(ValidationError, match="al ingetrokken"):
        withdraw(file.consent, file.gouda.expert)()
