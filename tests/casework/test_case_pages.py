"""The case pages: the story of the issue through the forms, who sees what, the audit of
every read, the urgent-situations agreement on every case page, and fixed query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.constants import (
    AuditAction,
    CollaborationForm,
    ConsentPurpose,
    ContactKind,
    TallySource,
)
from casework.models import (
    AnonymousTally,
    CaseAuditEvent,
    Consent,
    Contact,
    Resident,
    Trajectory,
    UrgentAgreement,
)
from teams.constants import Role
from tests.casework.factories import ContactFactory, casework_world, register, today
from tests.teams.factories import (
    ExperienceThemeFactory,
    MembershipFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def case_url(resident, name="resident_detail", *extra):
    return reverse(f"casework:{name}", args=[resident.pk, *extra])


def login(client, user):
    client.force_login(user)
    return client


def post_ok(client, url, data):
    """POST that must succeed (a redirect); on a form error, show the errors."""
    response = client.post(url, data)
    if response.status_code != 302:
        form = response.context.get("form") if response.context else None
        pytest.fail(f"{url}: {response.status_code} {form.errors if form else ''}")
    return response


def register_form(**overrides):
    return {
        "name": "Mevrouw Jansen",
        "phone": "06-12345678",
        "email": "",
        "support_kinds": ["luisterend_oor", "contacten"],
        "consent_given_as": "mondeling",
        "consent_given_on": today().isoformat(),
        "consent_review_on": (today() + datetime.timedelta(days=180)).isoformat(),
        "consent_confirmed": "on",
        **overrides,
    }


# --- The story of the issue (werker-arnhem, here with Gouda's people) -----------------------


def test_the_story_of_the_issue(world, client):
    gouda = world.gouda
    worker, expert = gouda.worker, gouda.expert

    # The sociaal werker registers a resident with consent to record ...
    login(client, worker)
    response = post_ok(
        client, reverse("casework:resident_create", args=[gouda.location.pk]), register_form()
    )
    resident = Resident.objects.get()
    assert response["Location"] == case_url(resident)
    assert resident.name == "Mevrouw Jansen"
    assert resident.registered_by == worker.person
    assert resident.recorded_by_organisation == gouda.team_org
    assert resident.support_kinds == ["luisterend_oor", "contacten"]
    assert resident.consents.get().purpose == ConsentPurpose.RECORD

    # ... and consent to share with the recovery organisation,
    post_ok(
        client,
        case_url(resident, "consent_create"),
        {
            "purpose": ConsentPurpose.SHARE_RECOVERY,
            "recipient_organisation": gouda.recovery_org.pk,
            "given_as": "schriftelijk",
            "given_on": today().isoformat(),
        },
    )
    share = resident.consents.get(purpose=ConsentPurpose.SHARE_RECOVERY)
    assert share.recorded_by == worker

    # ... starts a tandem with the ervaringsdeskundige,
    post_ok(
        client,
        case_url(resident, "trajectory_create"),
        {
            "form": CollaborationForm.TANDEM,
            "expert": expert.person.pk,
            "social_worker": worker.person.pk,
            "referral_source": "wijkteam",
            "request": "Ik wil weer onder de mensen komen.",
            "goals": "Eén keer per week naar de buurtkamer.",
            "started_on": today().isoformat(),
        },
    )
    trajectory = Trajectory.objects.get()
    assert (trajectory.expert, trajectory.social_worker) == (expert.person, worker.person)

    # ... and adds two contacts.
    for kind, note in [("huisbezoek", "Kennismaking thuis."), ("wandeling", "Samen gewandeld.")]:
        post_ok(
            client,
            case_url(resident, "contact_create", trajectory.pk),
            {
                "date": today().isoformat(),
                "kind": kind,
                "with_expert": "on",
                "with_social_worker": "on",
                "note": note,
                "next_step": "Volgende week bellen.",
            },
        )
    assert Contact.objects.filter(author=worker.person).count() == 2

    # The ervaringsdeskundige sees the case, who wrote what, and adds a contact.
    client.logout()
    login(client, expert)
    page = client.get(case_url(resident))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mevrouw Jansen" in html
    assert "Samen gewandeld." in html
    assert f"Geschreven door {worker.person}" in html
    post_ok(
        client,
        case_url(resident, "contact_create", trajectory.pk),
        {"date": today().isoformat(), "kind": "telefoon", "with_expert": "on", "note": "Gebeld."},
    )
    assert Contact.objects.get(kind="telefoon").author == expert.person
    assert f"Geschreven door {expert.person}" in client.get(case_url(resident)).content.decode()

    # Gouda's projectleider, the coordinator and Zutphen's sociaal werker: no such file.
    for user in (gouda.leader, world.coordinator, world.zutphen.worker, world.admin):
        client.logout()
        login(client, user)
        assert client.get(case_url(resident)).status_code == 404, user
        listing = client.get(reverse("casework:case_list")).content.decode()
        assert "Mevrouw Jansen" not in listing, user

    # Withdrawing the sharing consent: the ervaringsdeskundige loses access at once.
    client.logout()
    login(client, worker)
    post_ok(
        client,
        case_url(resident, "consent_withdraw", share.pk),
        {"withdrawn_on": today().isoformat()},
    )
    share.refresh_from_db()
    assert share.withdrawn_on == today()
    assert share.withdrawn_recorded_by == worker
    client.logout()
    login(client, expert)
    assert client.get(case_url(resident)).status_code == 404
    assert client.get(case_url(resident, "contact_create", trajectory.pk)).status_code == 404
    # The wijkteam recorded the file: its sociaal werker still sees it.
    client.logout()
    login(client, worker)
    assert client.get(case_url(resident)).status_code == 200


def test_withdrawing_consent_to_record_erases_the_file_and_keeps_the_counts(world, client):
    casework_world(world)
    resident = world.resident
    login(client, world.gouda.worker)
    url = case_url(resident, "consent_withdraw", world.record_consent.pk)
    explanation = client.get(url).content.decode()
    assert "Het hele dossier wordt gewist." in explanation

    # Without ticking that they understand, nothing happens.
    response = client.post(url, {"withdrawn_on": today().isoformat()})
    assert response.status_code == 200
    assert "Vink aan dat u begrijpt" in response.content.decode()
    assert Resident.objects.filter(pk=resident.pk).exists()

    response = client.post(url, {"withdrawn_on": today().isoformat(), "understood": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case_list")
    assert not Resident.objects.filter(pk=resident.pk).exists()
    assert not Contact.objects.exists()
    tally = AnonymousTally.objects.get(source=TallySource.ERASED, contacts__gt=0)
    assert tally.contacts == 1
    follow = client.get(response["Location"]).content.decode()
    assert "Het dossier is gewist" in follow
    assert "Anna" not in follow


# --- The case list ---------------------------------------------------------------------------


def test_case_list_shows_the_partners_their_files(world, client):
    casework_world(world)
    login(client, world.gouda.expert)
    html = client.get(reverse("casework:case_list")).content.decode()
    assert ">Anna</a>" in html
    assert str(world.gouda.worker.person) in html  # the partners of the running trajectory
    assert world.contact.date.strftime("%Y") in html  # the last contact
    assert reverse("casework:resident_create", args=[world.gouda.location.pk]) in html
    assert reverse("casework:tally_create", args=[world.gouda.location.pk]) in html


@pytest.mark.parametrize("who", ["coordinator", "projectleider", "beheerder", "trainer"])
def test_others_see_counts_only(world, client, who):
    casework_world(world)
    for n in range(5):
        register(world.gouda, name=f"Bewoner {n}")
    login(client, world.user(who))
    response = client.get(reverse("casework:case_list"))
    html = response.content.decode()
    assert response.context["files"] == []
    assert "Anna" not in html and "Bewoner 1" not in html
    row = next(r for r in response.context["aggregates"] if r["location"] == world.gouda.location)
    tandem = dict(row["forms"])[CollaborationForm.TANDEM.label]
    assert tandem == "6"
    assert row["contacts"] == "<5"  # one contact: too few to show


def test_small_counts_are_suppressed_and_anonymous_tallies_count(world, client):
    AnonymousTally.objects.create(
        location=world.gouda.location,
        month=today().replace(day=1),
        contact_kind=ContactKind.PHONE,
        source=TallySource.NO_CONSENT,
        contacts=7,
    )
    login(client, world.gouda.leader)
    response = client.get(reverse("casework:case_list"))
    row = next(r for r in response.context["aggregates"] if r["location"] == world.gouda.location)
    assert row["contacts"] == "7"
    assert [count for _label, count in row["forms"]] == ["0", "0", "0", "0"]
    # The projectleider is asked to write the urgent-situations agreement.
    assert reverse("casework:urgent_agreement_edit", args=[world.gouda.location.pk]) in (
        response.content.decode()
    )


def test_navbar_links_to_the_case_list(world, client):
    login(client, world.gouda.leader)
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("casework:case_list")}"' in html


def grow(site, residents: int, contacts: int) -> None:
    for n in range(residents):
        _resident, trajectory = register(site, name=f"Bewoner {n}")
        for _ in range(contacts):
            ContactFactory(trajectory=trajectory, author=site.expert.person)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["sociaal_werker", "ervaringsdeskundige", "coordinator"])
def test_case_list_query_count_does_not_grow(world, client, who):
    login(client, world.user(who))
    url = reverse("casework:case_list")
    grow(world.gouda, 2, 2)
    grow(world.zutphen, 1, 1)
    small = count_queries(client, url)
    grow(world.gouda, 18, 4)
    grow(world.zutphen, 9, 2)
    large = count_queries(client, url)
    assert large == small, f"{small} queries with little data, {large} with 10x"
    assert small <= 15


def test_case_page_query_count_does_not_grow(world, client):
    casework_world(world)
    resident, trajectory = world.resident, world.trajectory
    login(client, world.gouda.worker)
    url = case_url(resident)
    small = count_queries(client, url)
    for _ in range(10):
        ContactFactory(trajectory=trajectory, author=world.gouda.worker.person)
    other = Trajectory.objects.create(
        resident=resident,
        form=CollaborationForm.ADVISORY,
        expert=world.gouda.expert.person,
        social_worker=world.gouda.worker.person,
        referral_source="zelf",
        request="Advies",
        started_on=today(),
    )
    for _ in range(10):
        ContactFactory(trajectory=other, author=world.gouda.expert.person)
    Consent.objects.create(
        resident=resident,
        purpose=ConsentPurpose.SHARE_THIRD,
        third_party="Huisarts Bakker",
        given_as="mondeling",
        given_on=today(),
        recorded_by=world.gouda.expert,
    )
    large = count_queries(client, url)
    assert large == small, f"{small} queries with little data, {large} with 10x"
    assert small <= 15


# --- The case page ---------------------------------------------------------------------------


def test_every_view_of_the_case_page_is_in_the_audit_trail(world, client):
    casework_world(world)
    login(client, world.gouda.expert)
    client.get(case_url(world.resident))
    client.get(case_url(world.resident))
    reads = CaseAuditEvent.objects.filter(
        resident_id=world.resident.pk, action=AuditAction.READ, actor=world.gouda.expert
    )
    assert reads.count() == 2
    assert reads.first().subject == "dossier"


def test_the_case_page_shows_the_consent_register_and_the_avg_links(world, client):
    casework_world(world)
    login(client, world.gouda.worker)
    response = client.get(case_url(world.resident))
    html = response.content.decode()
    assert "Delen met de herstelorganisatie" in html
    assert world.gouda.recovery_org.name in html
    assert case_url(world.resident, "consent_withdraw", world.consent.pk) in html
    assert case_url(world.resident, "consent_create") in html
    assert case_url(world.resident, "trajectory_create") in html
    assert case_url(world.resident, "contact_create", world.trajectory.pk) in html
    assert case_url(world.resident, "consent_receipt") in html
    for name in ("resident_export", "access_report", "resident_erase"):
        assert case_url(world.resident, name) in html, name


URGENT_PAGES = [
    lambda w: case_url(w.resident),
    lambda w: case_url(w.resident, "consent_create"),
    lambda w: case_url(w.resident, "consent_withdraw", w.consent.pk),
    lambda w: case_url(w.resident, "trajectory_create"),
    lambda w: case_url(w.resident, "trajectory_edit", w.trajectory.pk),
    lambda w: case_url(w.resident, "contact_create", w.trajectory.pk),
]


@pytest.mark.parametrize("page", range(len(URGENT_PAGES)))
def test_every_case_page_shows_the_urgent_situations_agreement(world, client, page):
    casework_world(world)
    login(client, world.gouda.worker)
    url = URGENT_PAGES[page](world)
    assert "nog geen afspraken voor urgente situaties" in client.get(url).content.decode()
    UrgentAgreement.objects.create(
        location=world.gouda.location,
        text="Bel bij acuut gevaar 112 en daarna de projectleider.",
        crisis_phone="0182 123 456",
    )
    html = client.get(url).content.decode()
    assert "Bel bij acuut gevaar 112 en daarna de projectleider." in html
    assert 'href="tel:0182123456"' in html


def test_the_projectleider_writes_the_urgent_situations_agreement(world, client):
    login(client, world.gouda.leader)
    url = reverse("casework:urgent_agreement_edit", args=[world.gouda.location.pk])
    assert client.get(url).status_code == 200
    post_ok(client, url, {"text": "Bel de crisisdienst.", "crisis_phone": "088 123 45 67"})
    agreement = UrgentAgreement.objects.get(location=world.gouda.location)
    assert agreement.updated_by == world.gouda.leader
    post_ok(client, url, {"text": "Bel eerst 112.", "crisis_phone": ""})
    assert UrgentAgreement.objects.get().text == "Bel eerst 112."


def test_the_consent_receipt_is_printable_plain_dutch_and_logged(world, client):
    casework_world(world)
    login(client, world.gouda.worker)
    response = client.get(case_url(world.resident, "consent_receipt"))
    html = response.content.decode()
    assert "Bewijs van uw toestemming" in html
    assert "Anna" in html
    assert "Wie ziet uw gegevens?" in html
    assert world.gouda.recovery_org.name in html
    assert "Wilt u uw toestemming intrekken?" in html
    assert str(world.gouda.privacy.person) in html  # the location's privacy contact
    assert "css/casework_document.css" in html and "js/print.js" in html
    assert "data-print" in html
    assert "<script>" not in html  # CSP: no inline script
    assert CaseAuditEvent.objects.filter(
        action=AuditAction.READ, subject="toestemmingsbewijs"
    ).exists()


def test_the_expert_choice_shows_the_pool(world, client):
    casework_world(world)
    profile = world.gouda.expert.person.expert_profile
    profile.themes.set([ExperienceThemeFactory(name="Eenzaamheid")])
    login(client, world.gouda.worker)
    html = client.get(case_url(world.resident, "trajectory_create")).content.decode()
    assert "Eenzaamheid" in html
    assert "Beschikbaar" in html
    assert f"{reverse('teams:expert_pool')}?location={world.gouda.location.pk}" in html
    assert str(world.zutphen.expert.person) not in html


def test_a_colleague_who_sees_the_file_by_consent_may_withdraw_but_not_write(world, client):
    resident, trajectory = register(world.gouda, share_team=True)
    colleague = PersonFactory(with_user=True)
    MembershipFactory(
        person=colleague,
        location=world.gouda.location,
        organisation=world.gouda.team_org,
        role=Role.SOCIAL_WORKER,
    )
    login(client, colleague.user)
    assert client.get(case_url(resident)).status_code == 200
    for url in (
        case_url(resident, "consent_create"),
        case_url(resident, "trajectory_create"),
        case_url(resident, "trajectory_edit", trajectory.pk),
        case_url(resident, "contact_create", trajectory.pk),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"note": "x"}).status_code == 403, url
    share = resident.consents.get(purpose=ConsentPurpose.SHARE_TEAM)
    response = client.post(
        case_url(resident, "consent_withdraw", share.pk), {"withdrawn_on": today().isoformat()}
    )
    assert response["Location"] == reverse("casework:case_list")  # they no longer see it
    assert client.get(case_url(resident)).status_code == 404


def test_the_registering_partner_who_is_not_in_the_trajectory_cannot_write_its_contacts(
    world, client
):
    resident, trajectory = register(world.gouda)
    other_worker = PersonFactory(with_user=True)
    MembershipFactory(
        person=other_worker,
        location=world.gouda.location,
        organisation=world.gouda.team_org,
        role=Role.SOCIAL_WORKER,
    )
    trajectory.social_worker = other_worker
    trajectory.save()
    login(client, world.gouda.worker)  # registered the resident: still a partner of the file
    assert client.get(case_url(resident)).status_code == 200
    assert client.get(case_url(resident, "contact_create", trajectory.pk)).status_code == 403


WRITES = {
    "consent_create": lambda w: (case_url(w.resident, "consent_create"), {}),
    "consent_withdraw": lambda w: (
        case_url(w.resident, "consent_withdraw", w.record_consent.pk),
        {"withdrawn_on": today().isoformat(), "understood": "on"},
    ),
    "trajectory_create": lambda w: (case_url(w.resident, "trajectory_create"), {}),
    "trajectory_edit": lambda w: (
        case_url(w.resident, "trajectory_edit", w.trajectory.pk),
        {"status": "gestopt", "ended_on": today().isoformat()},
    ),
    "contact_create": lambda w: (
        case_url(w.resident, "contact_create", w.trajectory.pk),
        {"date": today().isoformat(), "kind": "telefoon", "with_expert": "on", "note": "x"},
    ),
}


@pytest.mark.parametrize("who", ["projectleider", "coordinator", "beheerder", "other", "trainer"])
@pytest.mark.parametrize("write", sorted(WRITES))
def test_refused_writes_change_nothing(world, client, who, write):
    casework_world(world)
    login(client, world.user(who))
    url, data = WRITES[write](world)
    assert client.post(url, data).status_code == 404
    world.trajectory.refresh_from_db()
    assert world.trajectory.status == "loopt"
    assert Contact.objects.count() == 1
    assert Consent.objects.filter(withdrawn_on__isnull=False).count() == 0
    assert Resident.objects.filter(pk=world.resident.pk).exists()


@pytest.mark.parametrize("who", ["projectleider", "coordinator", "beheerder", "trainer"])
def test_only_caseworkers_register_or_count(world, client, who):
    login(client, world.user(who))
    location = world.gouda.location
    assert (
        client.post(
            reverse("casework:resident_create", args=[location.pk]), register_form()
        ).status_code
        == 403
    )
    tally = {"date": today().isoformat(), "kind": "telefoon"}
    assert (
        client.post(reverse("casework:tally_create", args=[location.pk]), tally).status_code == 403
    )
    assert not Resident.objects.exists()
    assert not AnonymousTally.objects.exists()


def test_an_anonymous_contact_is_only_counted(world, client):
    login(client, world.gouda.expert)
    url = reverse("casework:tally_create", args=[world.gouda.location.pk])
    assert (
        "Tel dan alleen het contact (anoniem)"
        in client.get(
            reverse("casework:resident_create", args=[world.gouda.location.pk])
        ).content.decode()
    )
    data = {"date": today().isoformat(), "kind": "keukentafel", "form": "tandem"}
    post_ok(client, url, data)
    post_ok(client, url, data)
    tally = AnonymousTally.objects.get()
    assert (tally.contacts, tally.source, tally.form) == (2, TallySource.NO_CONSENT, "tandem")
    assert not Resident.objects.exists()


# --- The registration form: privacy by design in the markup ----------------------------------


def test_the_registration_form_marks_its_fields(world, client):
    login(client, world.gouda.worker)
    html = client.get(
        reverse("casework:resident_create", args=[world.gouda.location.pk])
    ).content.decode()
    assert re.search(r'<input[^>]*name="name"[^>]*autocomplete="off"', html)
    assert re.search(r'<input[^>]*type="tel"[^>]*name="phone"|name="phone"[^>]*type="tel"', html)
    assert re.search(r'<input[^>]*name="phone"[^>]*autocomplete="tel"', html) or re.search(
        r'autocomplete="tel"[^>]*name="phone"', html
    )
    assert re.search(r'autocomplete="email"', html)
    # The help text sits next to the name field and is tied to it.
    assert re.search(r'<input[^>]*name="name"[^>]*aria-describedby="id_name_helptext"', html)
    help_text = re.search(r'<div id="id_name_helptext"[^>]*>(.*?)</div>', html, re.S)
    assert help_text and "Schrijf niet meer op dan nodig is." in help_text.group(1)
    # One organisation at this location: no choice to make.
    assert 'name="organisation"' not in html


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("request", lambda w: case_url(w.resident, "trajectory_create")),
        ("goals", lambda w: case_url(w.resident, "trajectory_create")),
        ("note", lambda w: case_url(w.resident, "contact_create", w.trajectory.pk)),
        ("next_step", lambda w: case_url(w.resident, "contact_create", w.trajectory.pk)),
        ("outcome_note", lambda w: case_url(w.resident, "trajectory_edit", w.trajectory.pk)),
        ("third_party", lambda w: case_url(w.resident, "consent_create")),
    ],
)
def test_every_free_text_field_says_to_write_little(world, client, name, page):
    casework_world(world)
    login(client, world.gouda.worker)
    html = client.get(page(world)).content.decode()
    assert re.search(rf'name="{name}"[^>]*aria-describedby="id_{name}_helptext"', html) or (
        re.search(rf'aria-describedby="id_{name}_helptext"[^>]*name="{name}"', html)
    ), name
    help_text = re.search(rf'<div id="id_{name}_helptext"[^>]*>(.*?)</div>', html, re.S)
    assert help_text and "Schrijf niet meer op dan nodig is." in help_text.group(1)


def test_a_caseworker_for_two_organisations_chooses_one(world, client):
    MembershipFactory(
        person=world.gouda.worker.person,
        location=world.gouda.location,
        organisation=world.gouda.recovery_org,
        role=Role.SOCIAL_WORKER,
    )
    login(client, world.gouda.worker)
    url = reverse("casework:resident_create", args=[world.gouda.location.pk])
    assert 'name="organisation"' in client.get(url).content.decode()
    response = client.post(url, register_form())
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    post_ok(client, url, register_form(organisation=world.gouda.recovery_org.pk))
    assert Resident.objects.get().recorded_by_organisation == world.gouda.recovery_org
    # An organisation they do not work for here is refused.
    response = client.post(url, register_form(organisation=world.zutphen.team_org.pk))
    assert "organisation" in response.context["form"].errors
    assert Resident.objects.count() == 1


def test_experts_without_profile_can_still_be_chosen(world, client):
    casework_world(world)
    newcomer = PersonFactory(given_name="Nieuwe", family_name="Ervaring")
    MembershipFactory(
        person=newcomer,
        location=world.gouda.location,
        organisation=world.gouda.recovery_org,
        role=Role.EXPERT,
    )
    login(client, world.gouda.worker)
    assert (
        "Nieuwe Ervaring"
        in client.get(case_url(world.resident, "trajectory_create")).content.decode()
    )
