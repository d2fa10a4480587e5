"""The casework demo: every city has files of every form, and the Arnhem tandem is there."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from casework.constants import CollaborationForm, ConsentPurpose
from casework.models import AnonymousTally, Consent, Contact, Resident, Trajectory
from casework.services import due_for_retention
from teams.models import Location, User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        call_command("flush", "--noinput", verbosity=0)


def test_every_city_has_every_form_of_collaboration_and_contacts(seeded):
    for location in Location.objects.all():
        forms = set(
            Trajectory.objects.filter(resident__location=location).values_list("form", flat=True)
        )
        assert forms == set(CollaborationForm.values), location
        assert Contact.objects.filter(trajectory__resident__location=location).count() >= 5
        assert AnonymousTally.objects.filter(location=location, source="gewist").exists()
        assert AnonymousTally.objects.filter(location=location, source="geen_toestemming").exists()
        assert location.urgent_agreement.text


def test_some_sharing_consents_are_withdrawn(seeded):
    assert (
        Consent.objects.filter(
            purpose=ConsentPurpose.SHARE_RECOVERY, withdrawn_on__isnull=False
        ).count()
        >= 6
    )


def test_werker_and_ed_arnhem_work_in_tandem_and_both_see_it(seeded):
    werker, ed = User.objects.get(username="werker-arnhem"), User.objects.get(username="ed-arnhem")
    tandem = Trajectory.objects.get(
        resident__location__name="Arnhem",
        form=CollaborationForm.TANDEM,
        expert=ed.person,
        social_worker=werker.person,
    )
    for user in (werker, ed):
        assert Resident.objects.visible_to(user).filter(pk=tandem.resident_id).exists()
    for name in ("werker-gouda", "leider-arnhem", "coordinator", "privacy-arnhem"):
        visible = Resident.objects.visible_to(User.objects.get(username=name))
        assert not visible.filter(pk=tandem.resident_id).exists(), name


def test_one_arnhem_file_is_due_for_retention(seeded):
    due = due_for_retention(timezone.localdate(), 12)
    assert [r.location.name for r in due] == ["Arnhem"]


def test_seeding_twice_adds_nothing(seeded):
    before = (Resident.objects.count(), Contact.objects.count(), AnonymousTally.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (
        Resident.objects.count(),
        Contact.objects.count(),
        AnonymousTally.objects.count(),
    ) == before
