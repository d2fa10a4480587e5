"""Consent gates everything: who sees a resident's file, enforced in the QuerySets."""

from __future__ import annotations

import datetime

import pytest

from casework import services
from casework.constants import ConsentPurpose
from casework.models import (
    AnonymousTally,
    CaseAuditEvent,
    Consent,
    Contact,
    Resident,
    Trajectory,
)
from tests.casework.factories import ContactFactory, register, today
from tests.teams.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def sees(user, resident) -> bool:
    return Resident.objects.visible_to(user).filter(pk=resident.pk).exists()


def test_partners_see_the_file_and_nobody_else(world):
    resident, trajectory = register(world.gouda)
    assert sees(world.gouda.worker, resident)
    assert sees(world.gouda.expert, resident)
    for user in (
        world.gouda.leader,
        world.gouda.trainer,
        world.coordinator,
        world.admin,
        world.outsider,
        world.zutphen.worker,
        world.zutphen.expert,
    ):
        assert not sees(user, resident), user
        assert not Trajectory.objects.visible_to(user).exists(), user
        assert not Contact.objects.visible_to(user).exists(), user


def test_withdrawing_the_sharing_consent_ends_the_experts_access_at_once(world):
    resident, _ = register(world.gouda)
    share = resident.consents.get(purpose=ConsentPurpose.SHARE_RECOVERY)
    services.consent_withdraw(consent=share, withdrawn_on=today(), actor=world.gouda.worker)
    assert not sees(world.gouda.expert, resident)
    assert sees(world.gouda.worker, resident)  # the wijkteam recorded it: still a partner


def test_without_sharing_consent_a_partner_of_another_organisation_sees_nothing(world):
    resident, _ = register(world.gouda, share_recovery=False)
    assert not sees(world.gouda.expert, resident)


def test_a_colleague_of_an_organisation_shared_with_sees_it(world):
    resident, _ = register(world.gouda, share_team=True)
    colleague = PersonFactory(with_user=True)
    MembershipFactory(
        person=colleague,
        location=world.gouda.location,
        organisation=world.gouda.team_org,
        role="sociaal_werker",
    )
    assert sees(colleague.user, resident)


def test_a_colleague_without_sharing_consent_does_not(world):
    resident, _ = register(world.gouda, share_team=False)
    colleague = PersonFactory(with_user=True)
    MembershipFactory(
        person=colleague,
        location=world.gouda.location,
        organisation=world.gouda.team_org,
        role="sociaal_werker",
    )
    assert not sees(colleague.user, resident)


def test_a_consent_given_in_the_future_does_not_count(world):
    resident, _ = register(world.gouda, share_recovery=False)
    Consent.objects.create(
        resident=resident,
        purpose=ConsentPurpose.SHARE_RECOVERY,
        recipient_organisation=world.gouda.recovery_org,
        given_as="mondeling",
        given_on=today() + datetime.timedelta(days=2),
    )
    assert not sees(world.gouda.expert, resident)


def test_withdrawing_consent_to_record_erases_the_file_and_keeps_the_counts(world):
    resident, trajectory = register(world.gouda, name="Anna Geheim")
    ContactFactory.create_batch(2, trajectory=trajectory, author=world.gouda.expert.person)
    resident_id = resident.pk
    record = resident.consents.get(purpose=ConsentPurpose.RECORD)

    erased = services.consent_withdraw(
        consent=record, withdrawn_on=today(), actor=world.gouda.worker
    )

    assert erased
    assert not Resident.objects.filter(pk=resident_id).exists()
    assert not Contact.objects.exists() and not Trajectory.objects.exists()
    assert not Consent.objects.exists()
    tallies = AnonymousTally.objects.filter(location=world.gouda.location, source="gewist")
    assert sum(t.contacts for t in tallies) == 2
    assert sum(t.trajectories for t in tallies) == 1
    events = CaseAuditEvent.objects.filter(resident_id=resident_id)
    assert events.filter(action="wissen").exists()
    assert "Anna" not in str(list(events.values()))


def test_names_and_notes_are_ciphertext_in_the_database(world):
    from django.db import connection

    resident, trajectory = register(world.gouda, name="Anna Geheim")
    ContactFactory(trajectory=trajectory, note="Praat over haar schulden.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone FROM casework_resident")
        name, phone = cursor.fetchone()
        cursor.execute("SELECT note FROM casework_contact")
        (note,) = cursor.fetchone()
    for stored in (name, phone, note):
        assert stored.startswith("fernet:")
    assert "Anna" not in name and "schulden" not in note
    assert Resident.objects.get().name == "Anna Geheim"


def test_break_glass_opens_one_file_for_a_beheerder_with_a_reason(world):
    resident, _ = register(world.gouda)
    other, _ = register(world.gouda, name="Bert")
    services.break_glass_open(
        user=world.admin, resident=resident, reason="Melding van een datalek onderzoeken"
    )
    assert sees(world.admin, resident)
    assert not sees(world.admin, other)
    event = CaseAuditEvent.objects.get(action="noodtoegang")
    assert event.reason == "Melding van een datalek onderzoeken"
    assert event.actor == world.admin


def test_query_for_the_visible_files_does_not_grow_with_memberships(
    world, django_assert_max_num_queries
):
    register(world.gouda)
    with django_assert_max_num_queries(3):  # scope, casework posts, the residents
        list(Resident.objects.visible_to(world.gouda.worker))
