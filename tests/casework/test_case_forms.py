"""Bad input on the case forms: a clear Dutch error at the field, nothing saved, nothing the
user typed lost; tampered ids are a 404; HTML in notes is shown as text."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from casework.constants import CollaborationForm, ConsentPurpose
from casework.models import AnonymousTally, Consent, Contact, Resident, Trajectory
from teams.constants import Role
from tests.casework.factories import casework_world, register, today
from tests.teams.factories import MembershipFactory, NeighbourhoodFactory, PersonFactory

pytestmark = pytest.mark.django_db

TOMORROW = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
HUGE = str(2**70)


def case_url(resident, name="resident_detail", *extra):
    return reverse(f"casework:{name}", args=[resident.pk, *extra])


def refused(client, url, data, field):
    """POST bad input: the page comes back with the error at `field`; return the errors."""
    response = client.post(url, data)
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    assert field in form.errors, form.errors
    return response, form.errors[field]


@pytest.fixture
def file(world, client):
    casework_world(world)
    client.force_login(world.gouda.worker)
    return world


def contact_data(**overrides):
    return {
        "date": today().isoformat(),
        "kind": "huisbezoek",
        "with_expert": "on",
        "note": "Samen boodschappen gedaan.",
        "next_step": "Volgende week weer.",
        **overrides,
    }


# --- Contacts --------------------------------------------------------------------------------


def test_a_contact_in_the_future_is_refused_and_the_note_kept(file, client):
    url = case_url(file.resident, "contact_create", file.trajectory.pk)
    response, errors = refused(client, url, contact_data(date=TOMORROW), "date")
    assert "in de toekomst" in errors[0]
    assert "Samen boodschappen gedaan." in response.content.decode()  # what was typed stays
    assert Contact.objects.count() == 1


def test_a_contact_before_the_trajectory_started_is_refused(file, client):
    url = case_url(file.resident, "contact_create", file.trajectory.pk)
    before = (file.trajectory.started_on - datetime.timedelta(days=1)).isoformat()
    _response, errors = refused(client, url, contact_data(date=before), "date")
    assert "vóór de start van het traject" in errors[0]
    assert Contact.objects.count() == 1


def test_a_contact_needs_someone_who_was_there(file, client):
    url = case_url(file.resident, "contact_create", file.trajectory.pk)
    data = contact_data()
    del data["with_expert"]
    _response, errors = refused(client, url, data, "with_expert")
    assert errors == ["Kies wie er bij het contact was."]
    assert Contact.objects.count() == 1


def test_a_contact_with_an_unknown_kind_or_garbage_date_is_refused(file, client):
    url = case_url(file.resident, "contact_create", file.trajectory.pk)
    refused(client, url, contact_data(kind="<script>"), "kind")
    refused(client, url, contact_data(date="31-02-2024"), "date")
    refused(client, url, contact_data(note="x" * 2001), "note")
    assert Contact.objects.count() == 1


def test_html_and_script_in_notes_are_shown_as_text(file, client):
    url = case_url(file.resident, "contact_create", file.trajectory.pk)
    script = '<script>alert("x")</script><b onmouseover="steal()">vet</b>'
    client.post(url, contact_data(note=script, next_step="<img src=x onerror=alert(1)>"))
    assert Contact.objects.count() == 2
    html = client.get(case_url(file.resident)).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "<b onmouseover" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_html_in_the_name_is_shown_as_text_everywhere(world, client):
    client.force_login(world.gouda.worker)
    register(world.gouda, name="<script>alert(1)</script>")
    resident = Resident.objects.get()
    for url in (
        reverse("casework:case_list"),
        case_url(resident),
        case_url(resident, "consent_receipt"),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


# --- Tampering: another location's or another resident's ids ---------------------------------


def test_a_tampered_resident_id_of_another_location_is_a_404(file, client):
    other, other_trajectory = register(file.zutphen, name="Piet")
    share = other.consents.get(purpose=ConsentPurpose.SHARE_RECOVERY)
    posts = {
        case_url(other, "contact_create", other_trajectory.pk): contact_data(),
        case_url(other, "consent_create"): {"purpose": "casusoverleg", "given_as": "mondeling"},
        case_url(other, "consent_withdraw", share.pk): {"withdrawn_on": today().isoformat()},
        case_url(other, "trajectory_edit", other_trajectory.pk): {"status": "gestopt"},
        case_url(other, "trajectory_create"): {},
        case_url(other, "consent_receipt"): {},
        reverse("casework:tally_create", args=[file.zutphen.location.pk]): {"kind": "telefoon"},
        reverse("casework:resident_create", args=[file.zutphen.location.pk]): {"name": "X"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code in (404, 405), url
        assert client.get(url).status_code == 404, url
    share.refresh_from_db()
    assert share.withdrawn_on is None
    assert Contact.objects.filter(trajectory=other_trajectory).count() == 0
    assert Resident.objects.count() == 2
    assert not AnonymousTally.objects.exists()


def test_a_trajectory_or_consent_of_another_resident_is_a_404(file, client):
    other, other_trajectory = register(file.gouda, name="Kees")  # also the werker's own file
    other_share = other.consents.get(purpose=ConsentPurpose.SHARE_RECOVERY)
    mine = file.resident
    for url, data in {
        case_url(mine, "contact_create", other_trajectory.pk): contact_data(),
        case_url(mine, "trajectory_edit", other_trajectory.pk): {"status": "gestopt"},
        case_url(mine, "consent_withdraw", other_share.pk): {"withdrawn_on": today().isoformat()},
        case_url(mine, "contact_create", HUGE): contact_data(),
        case_url(mine, "consent_withdraw", HUGE): {},
    }.items():
        assert client.post(url, data).status_code == 404, url
    assert client.get(reverse("casework:resident_detail", args=[HUGE])).status_code == 404
    other_share.refresh_from_db()
    assert other_share.withdrawn_on is None
    assert Contact.objects.filter(trajectory=other_trajectory).count() == 0


# --- Consents --------------------------------------------------------------------------------


def test_a_consent_withdrawn_before_it_was_given_is_refused(file, client):
    consent = file.consent
    Consent.objects.filter(pk=consent.pk).update(given_on=today() - datetime.timedelta(days=5))
    url = case_url(file.resident, "consent_withdraw", consent.pk)
    before = (today() - datetime.timedelta(days=6)).isoformat()
    response, errors = refused(client, url, {"withdrawn_on": before}, "withdrawn_on")
    assert "Intrekken kan niet vóór" in errors[0] and "toestemming gegeven" in errors[0]
    assert before in response.content.decode()  # the typed date stays in the field
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_withdrawal_in_the_future_is_refused(file, client):
    url = case_url(file.resident, "consent_withdraw", file.consent.pk)
    refused(client, url, {"withdrawn_on": TOMORROW}, "withdrawn_on")
    file.consent.refresh_from_db()
    assert file.consent.withdrawn_on is None


def test_a_consent_withdrawn_twice_is_told(file, client):
    url = case_url(file.resident, "consent_withdraw", file.consent.pk)
    client.post(url, {"withdrawn_on": today().isoformat()})
    html = client.get(url).content.decode()
    assert "al ingetrokken" in html
    response = client.post(url, {"withdrawn_on": today().isoformat()})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Deze toestemming is al ingetrokken."]
    assert "al ingetrokken op" in response.content.decode()


def consent_data(**overrides):
    return {
        "purpose": ConsentPurpose.SHARE_TEAM,
        "recipient_organisation": "",
        "third_party": "",
        "given_as": "mondeling",
        "given_on": today().isoformat(),
        "review_on": "",
        **overrides,
    }


def test_sharing_needs_an_organisation_of_the_right_kind(file, client):
    url = case_url(file.resident, "consent_create")
    count = Consent.objects.count()
    refused(client, url, consent_data(), "recipient_organisation")
    # The recovery organisation is no wijkteam: the service says so, at the field.
    _r, errors = refused(
        client,
        url,
        consent_data(recipient_organisation=file.gouda.recovery_org.pk),
        "recipient_organisation",
    )
    assert errors == ["Kies een partnerorganisatie van deze locatie."]
    # An organisation of another location is not even a choice.
    refused(
        client,
        url,
        consent_data(recipient_organisation=file.zutphen.team_org.pk),
        "recipient_organisation",
    )
    refused(client, url, consent_data(recipient_organisation=HUGE), "recipient_organisation")
    assert Consent.objects.count() == count


def test_sharing_with_a_named_party_needs_its_name(file, client):
    url = case_url(file.resident, "consent_create")
    count = Consent.objects.count()
    refused(client, url, consent_data(purpose=ConsentPurpose.SHARE_THIRD), "third_party")
    client.post(
        url, consent_data(purpose=ConsentPurpose.SHARE_THIRD, third_party="Huisarts Bakker")
    )
    assert Consent.objects.count() == count + 1


def test_a_consent_given_in_the_future_or_reviewed_before_it_was_given_is_refused(file, client):
    url = case_url(file.resident, "consent_create")
    count = Consent.objects.count()
    refused(client, url, consent_data(purpose="casusoverleg", given_on=TOMORROW), "given_on")
    yesterday = (today() - datetime.timedelta(days=1)).isoformat()
    refused(client, url, consent_data(purpose="casusoverleg", review_on=yesterday), "review_on")
    refused(client, url, consent_data(purpose=""), "purpose")
    refused(client, url, consent_data(purpose=ConsentPurpose.RECORD), "purpose")
    assert Consent.objects.count() == count


def test_the_same_consent_twice_is_told(file, client):
    url = case_url(file.resident, "consent_create")
    data = consent_data(
        purpose=ConsentPurpose.SHARE_RECOVERY, recipient_organisation=file.gouda.recovery_org.pk
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Deze toestemming is er al." in response.content.decode()
    assert response.context["form"].non_field_errors() == ["Deze toestemming is er al."]


# --- Registration and anonymous contacts -----------------------------------------------------


def register_data(**overrides):
    return {
        "name": "Mevrouw Jansen",
        "phone": "",
        "email": "",
        "consent_given_as": "mondeling",
        "consent_given_on": today().isoformat(),
        "consent_review_on": "",
        "consent_confirmed": "on",
        **overrides,
    }


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent_confirmed": ""}, "consent_confirmed", "Tel het contact dan alleen anoniem."),
        ({"name": "   "}, "name", "Dit veld is verplicht."),
        ({"name": "x" * 101}, "name", "100"),
        ({"phone": "bel me maar"}, "phone", "Vul een telefoonnummer in"),
        ({"email": "geen-mail"}, "email", "e-mailadres"),
        ({"consent_given_on": TOMORROW}, "consent_given_on", "in de toekomst"),
        ({"consent_given_as": "geraden"}, "consent_given_as", "geldige keuze"),
        ({"support_kinds": ["alles"]}, "support_kinds", "geldige keuze"),
        ({"consent_review_on": "2000-01-01"}, "consent_review_on", "vóór de datum"),
        ({"name": "Mevrouw\x07Jansen"}, "name", "tekens die niet zijn toegestaan"),
        ({"consent_given_on": "0001-01-01"}, "consent_given_on", "te ver terug"),
        ({"consent_given_on": "1999-12-31"}, "consent_given_on", "vanaf 2000"),
    ],
)
def test_bad_registrations_are_refused(world, client, overrides, field, message):
    client.force_login(world.gouda.worker)
    url = reverse("casework:resident_create", args=[world.gouda.location.pk])
    response, errors = refused(client, url, register_data(**overrides), field)
    assert message in " ".join(errors)
    assert not Resident.objects.exists()
    if field != "name":
        assert "Mevrouw Jansen" in response.content.decode()  # what was typed stays


def test_a_neighbourhood_of_another_location_is_refused(world, client):
    NeighbourhoodFactory(location=world.gouda.location, name="Korte Akkeren")
    elsewhere = NeighbourhoodFactory(location=world.zutphen.location, name="De Hoven")
    client.force_login(world.gouda.worker)
    url = reverse("casework:resident_create", args=[world.gouda.location.pk])
    assert "Korte Akkeren" in client.get(url).content.decode()
    refused(client, url, register_data(neighbourhood=elsewhere.pk), "neighbourhood")
    refused(client, url, register_data(neighbourhood=HUGE), "neighbourhood")
    assert not Resident.objects.exists()


def test_an_anonymous_contact_in_the_future_is_refused(world, client):
    client.force_login(world.gouda.expert)
    url = reverse("casework:tally_create", args=[world.gouda.location.pk])
    refused(client, url, {"date": TOMORROW, "kind": "telefoon"}, "date")
    refused(client, url, {"date": today().isoformat(), "kind": ""}, "kind")
    refused(client, url, {"date": today().isoformat(), "kind": "telefoon", "form": "x"}, "form")
    assert not AnonymousTally.objects.exists()


# --- Trajectories ----------------------------------------------------------------------------


def trajectory_data(world, **overrides):
    return {
        "form": CollaborationForm.TANDEM,
        "expert": world.gouda.expert.person.pk,
        "social_worker": world.gouda.worker.person.pk,
        "referral_source": "zelf",
        "request": "Ik wil mijn post weer op orde.",
        "goals": "",
        "started_on": today().isoformat(),
        **overrides,
    }


def test_a_partner_from_another_location_is_refused(file, client):
    url = case_url(file.resident, "trajectory_create")
    count = Trajectory.objects.count()
    response, errors = refused(
        client, url, trajectory_data(file, expert=file.zutphen.expert.person.pk), "expert"
    )
    assert errors == ["Kies een ervaringsdeskundige van deze locatie."]
    assert "Ik wil mijn post weer op orde." in response.content.decode()
    _r, errors = refused(
        client,
        url,
        trajectory_data(file, social_worker=file.zutphen.worker.person.pk),
        "social_worker",
    )
    assert errors == ["Kies een sociaal werker van deze locatie."]
    # Someone of this location, but not an ervaringsdeskundige.
    refused(client, url, trajectory_data(file, expert=file.gouda.leader.person.pk), "expert")
    refused(client, url, trajectory_data(file, expert=HUGE), "expert")
    assert Trajectory.objects.count() == count


def test_one_person_cannot_be_both_partners(file, client):
    both = PersonFactory()
    for role in (Role.EXPERT, Role.SOCIAL_WORKER):
        MembershipFactory(
            person=both, location=file.gouda.location, organisation=file.gouda.team_org, role=role
        )
    url = case_url(file.resident, "trajectory_create")
    refused(
        client, url, trajectory_data(file, expert=both.pk, social_worker=both.pk), "social_worker"
    )
    assert Trajectory.objects.count() == 1


def test_a_trajectory_starting_in_the_future_or_without_request_is_refused(file, client):
    url = case_url(file.resident, "trajectory_create")
    refused(client, url, trajectory_data(file, started_on=TOMORROW), "started_on")
    refused(client, url, trajectory_data(file, request=""), "request")
    refused(client, url, trajectory_data(file, form="samen"), "form")
    assert Trajectory.objects.count() == 1


def edit_data(**overrides):
    return {
        "status": "loopt",
        "ended_on": "",
        "outcome": "",
        "outcome_note": "",
        "goals": "",
        **overrides,
    }


def test_trajectory_edit_checks_its_end(file, client):
    trajectory = file.trajectory
    url = case_url(file.resident, "trajectory_edit", trajectory.pk)
    _r, errors = refused(client, url, edit_data(status="afgerond"), "ended_on")
    assert errors == ["Vul in wanneer het traject eindigde."]
    refused(client, url, edit_data(status="afgerond", ended_on=TOMORROW), "ended_on")
    before = (trajectory.started_on - datetime.timedelta(days=1)).isoformat()
    refused(client, url, edit_data(status="gestopt", ended_on=before), "ended_on")
    refused(client, url, edit_data(ended_on=today().isoformat()), "ended_on")
    refused(client, url, edit_data(status="klaar"), "status")
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.ended_on) == ("loopt", None)


def test_trajectory_edit_saves_the_outcome(file, client):
    trajectory = file.trajectory
    url = case_url(file.resident, "trajectory_edit", trajectory.pk)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        edit_data(
            status="afgerond",
            ended_on=today().isoformat(),
            outcome="eigen_kracht",
            outcome_note="Gaat zelf naar de buurtkamer.",
            goals="Meer contact.",
        ),
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.status == "afgerond"
    assert trajectory.outcome_note == "Gaat zelf naar de buurtkamer."
    assert trajectory.goals == "Meer contact."


# --- The urgent-situations agreement ---------------------------------------------------------


def test_an_empty_agreement_or_a_bad_phone_is_refused(world, client):
    client.force_login(world.gouda.leader)
    url = reverse("casework:urgent_agreement_edit", args=[world.gouda.location.pk])
    refused(client, url, {"text": "   ", "crisis_phone": ""}, "text")
    refused(client, url, {"text": "Bel 112.", "crisis_phone": "bel maar"}, "crisis_phone")
    from casework.models import UrgentAgreement

    assert not UrgentAgreement.objects.exists()
