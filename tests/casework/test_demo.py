"""The casework demo: every city has files of every form and its own residents, and the Arnhem
tandem is there."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from casework import demo
from casework.constants import CollaborationForm, ConsentPurpose
from casework.models import AnonymousTally, Consent, Contact, Resident, Trajectory
from casework.services import due_for_retention
from teams.demo import CITIES
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


def test_the_data_file_has_an_entry_for_every_demo_city_and_no_other():
    data = json.loads(demo.RESIDENTS_FILE.read_text(encoding="utf-8"))
    assert set(data) == {city.name for city in CITIES}


def test_every_city_has_its_own_residents_no_first_name_twice():
    first_names = {}
    for city in CITIES:
        stories = demo.stories(city.name)
        assert len(stories) >= 5, city.name
        for story in stories:
            first = story.name.split()[0]
            assert first not in first_names, (first, city.name, first_names.get(first))
            first_names[first] = city.name


def test_every_city_tells_every_story_shape():
    """Each city has the same kinds of story: a sharing consent withdrawn, one shared with the
    team, an ended advisory role with a named third party, and a file erased."""
    for city in CITIES:
        stories = demo.stories(city.name)
        assert {story.form for story in stories} == set(CollaborationForm.values), city.name
        assert sum(story.withdraw_sharing for story in stories) == 1, city.name
        assert sum(story.share_team for story in stories) == 1, city.name
        assert sum(story.erase for story in stories) == 1, city.name
        assert any(story.third_party and story.ended_days_ago for story in stories), city.name


def test_arnhem_keeps_the_residents_the_browser_tests_look_up():
    names = [story.name for story in demo.stories("Arnhem")]
    assert names == ["Henk", "Yasmina", "Piet", "Mevrouw D.", "Fatima", "Gerrit"]


def test_an_unknown_city_has_no_residents():
    assert demo.stories("Atlantis") == []


def test_every_seeded_city_has_its_residents_by_name(seeded):
    for location in Location.objects.all():
        kept = {story.name for story in demo.stories(location.name) if not story.erase}
        names = {resident.name for resident in Resident.objects.filter(location=location)}
        assert names == kept, location.name
