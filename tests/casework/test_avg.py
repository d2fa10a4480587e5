"""The AVG duties: export (right of access), the access report, erasure on request,
break-glass for beheerders, the location's casework audit trail, and the admin that shows
no case content."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from casework import avg, services
from casework.constants import AuditAction, ConsentPurpose, TallySource
from casework.models import (
    AnonymousTally,
    BreakGlassAccess,
    CaseAuditEvent,
    Consent,
    Contact,
    Resident,
    Trajectory,
)
from casework.views.avg import export_html
from tests.casework.factories import ContactFactory, register
from tests.teams.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

NAME = "Zefanja Proefbewoner"
NOTE = "Samen naar de markt; ze wil vaker naar buiten."
HOSTILE = '<script>alert("x")</script><b>vet</b>'


@pytest.fixture
def case(world):
    """Gouda's file: registered by the sociaal werker, shared with the recovery organisation,
    a tandem with the ervaringsdeskundige and two contacts (one by each partner)."""
    resident, trajectory = register(world.gouda, name=NAME)
    ContactFactory(trajectory=trajectory, author=world.gouda.expert.person, note=NOTE)
    ContactFactory(
        trajectory=trajectory,
        author=world.gouda.worker.person,
        note="Gebeld over de afspraak.",
        next_step="Volgende week langs.",
    )
    return resident, trajectory


def colleague_who_sees(world, resident):
    """A sociaal werker of the wijkteam who sees the file through the sharing consent but is
    no partner in it."""
    services.consent_give(
        resident=resident,
        purpose=ConsentPurpose.SHARE_TEAM,
        recipient_organisation=world.gouda.team_org,
        given_as="mondeling",
        given_on=resident.consents.first().given_on,
        actor=world.gouda.worker,
    )
    person = PersonFactory(with_user=True)
    MembershipFactory(
        person=person,
        location=world.gouda.location,
        organisation=world.gouda.team_org,
        role="sociaal_werker",
    )
    assert Resident.objects.visible_to(person.user).filter(pk=resident.pk).exists()
    return person.user


def grow(world, trajectory, contacts: int) -> None:
    for _ in range(contacts):
        ContactFactory(trajectory=trajectory, author=world.gouda.expert.person)


# --- Export -----------------------------------------------------------------------------------


def test_json_export_holds_every_record_and_the_access_log(world, client, case):
    resident, trajectory = case
    client.force_login(world.gouda.expert)
    response = client.get(reverse("casework:resident_export", args=[resident.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert NAME not in response["Content-Disposition"]  # the file name holds only the number
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)

    assert data["resident"]["name"] == NAME
    assert data["resident"]["phone"] == "06-12345678"
    assert data["resident"]["number"] == resident.pk
    assert data["resident"]["registered_by"] == world.gouda.worker.person.full_name
    assert {c["purpose"] for c in data["consents"]} == {
        str(ConsentPurpose.RECORD.label),
        str(ConsentPurpose.SHARE_RECOVERY.label),
    }
    assert len(data["consents"]) == Consent.objects.filter(resident=resident).count()
    [exported] = data["trajectories"]
    assert exported["request"] == trajectory.request
    assert exported["expert"] == world.gouda.expert.person.full_name
    assert len(exported["contacts"]) == 2
    notes = {c["note"]: c["written_by"] for c in exported["contacts"]}
    assert notes[NOTE] == world.gouda.expert.person.full_name
    assert notes["Gebeld over de afspraak."] == world.gouda.worker.person.full_name

    log = data["access_log"]
    events = CaseAuditEvent.objects.filter(resident_id=resident.pk)
    assert len(log) == events.count()  # every audit event, this export included
    assert log[0]["action"] == str(AuditAction.EXPORT.label)
    assert log[0]["who"] == world.gouda.expert.person.full_name
    assert "Ervaringsdeskundige" in log[0]["role"]
    assert {entry["who"] for entry in log} >= {world.gouda.worker.person.full_name}


def test_each_export_writes_an_audit_event(world, client, case):
    resident, _ = case
    client.force_login(world.gouda.worker)
    client.get(reverse("casework:resident_export", args=[resident.pk]))
    client.get(reverse("casework:resident_export_pdf", args=[resident.pk]))
    exports = CaseAuditEvent.objects.filter(resident_id=resident.pk, action=AuditAction.EXPORT)
    assert sorted(exports.values_list("subject", flat=True)) == ["export json", "export pdf"]
    assert set(exports.values_list("actor", flat=True)) == {world.gouda.worker.pk}


def test_export_formats(world, client, case):
    resident, _ = case
    client.force_login(world.gouda.worker)
    url = reverse("casework:resident_export", args=[resident.pk])
    assert client.get(url, {"formaat": "json"}).status_code == 200
    response = client.get(url, {"formaat": "pdf"})
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:resident_export_pdf", args=[resident.pk])
    assert client.get(url, {"formaat": "xml"}).status_code == 404


def test_pdf_export_is_a_pdf(world, client, case):
    resident, _ = case
    client.force_login(world.gouda.worker)
    response = client.get(reverse("casework:resident_export_pdf", args=[resident.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]


def test_html_in_notes_stays_text_in_the_export_document(world):
    resident, trajectory = register(world.gouda, name=HOSTILE[:100])
    ContactFactory(
        trajectory=trajectory,
        author=world.gouda.expert.person,
        note=HOSTILE,
        next_step=HOSTILE,
    )
    file = avg.resident_file(Resident.objects.get(pk=resident.pk))
    html = export_html(file, exported_by=world.gouda.worker)
    assert "<script>" not in html
    assert "<b>vet</b>" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 3


def test_export_costs_a_fixed_number_of_queries(world, client, case):
    resident, trajectory = case
    client.force_login(world.gouda.worker)
    url = reverse("casework:resident_export", args=[resident.pk])
    client.get(url)  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(world, trajectory, 20)
    for _ in range(3):
        services.trajectory_start(
            resident=resident,
            actor=world.gouda.worker,
            form="advies",
            expert=world.gouda.expert.person,
            social_worker=world.gouda.worker.person,
            referral_source="zelf",
            request="Nog een vraag.",
            started_on=trajectory.started_on,
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(json.loads(response.content)["trajectories"]) == 4
    assert len(large) == len(small)


def test_a_colleague_who_sees_the_file_but_is_no_partner_is_refused(world, client, case):
    resident, _ = case
    client.force_login(colleague_who_sees(world, resident))
    for name in (
        "casework:resident_export",
        "casework:resident_export_pdf",
        "casework:access_report",
        "casework:resident_erase",
    ):
        assert client.get(reverse(name, args=[resident.pk])).status_code == 403, name
    assert not CaseAuditEvent.objects.filter(
        resident_id=resident.pk, action__in=[AuditAction.EXPORT, AuditAction.READ]
    ).exists()


def test_after_withdrawal_of_sharing_the_expert_cannot_export(world, client, case):
    resident, _ = case
    share = resident.consents.get(purpose=ConsentPurpose.SHARE_RECOVERY)
    services.consent_withdraw(consent=share, withdrawn_on=share.given_on, actor=world.gouda.worker)
    client.force_login(world.gouda.expert)
    assert client.get(reverse("casework:resident_export", args=[resident.pk])).status_code == 404


# --- The access report ------------------------------------------------------------------------


def test_access_report_tells_who_looked_in_plain_dutch(world, client, case):
    resident, _ = case
    services.audit(resident, world.gouda.expert, AuditAction.READ, "dossier")
    client.force_login(world.gouda.worker)
    response = client.get(reverse("casework:access_report", args=[resident.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Wie heeft mijn dossier bekeken" in page
    assert NAME in page
    assert world.gouda.expert.person.full_name in page
    assert str(avg.ACTION_SENTENCES[AuditAction.READ]) in page
    assert "Delen met de herstelorganisatie" in page  # the consent subject, not its code
    assert "data-print" in page
    # Opening the report is itself a read of the file.
    latest = CaseAuditEvent.objects.filter(resident_id=resident.pk).first()
    assert (latest.action, latest.actor, latest.subject) == (
        AuditAction.READ,
        world.gouda.worker,
        "inzageoverzicht",
    )


def test_access_log_names_automatic_tasks_and_beheerders(world, case):
    resident, _ = case
    services.audit(resident, None, AuditAction.CHANGE, "dossier")
    services.break_glass_open(user=world.admin, resident=resident, reason="Melding van gevaar.")
    entries = avg.access_log(resident.pk, resident.location_id)
    assert entries[0].action == AuditAction.BREAK_GLASS
    assert entries[0].role == "Beheerder"
    assert entries[0].reason == "Melding van gevaar."
    assert entries[1].who == "Geen naam bekend"


def test_access_report_costs_a_fixed_number_of_queries(world, client, case):
    resident, _ = case
    client.force_login(world.gouda.worker)
    url = reverse("casework:access_report", args=[resident.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for user in (world.gouda.expert, world.admin, world.gouda.privacy, None) * 10:
        services.audit(resident, user, AuditAction.READ, "dossier")
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


# --- Erasure on request -----------------------------------------------------------------------


def _raw_rows() -> str:
    """Every value of every table in the database, as one text: 'check the tables'."""
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            dump.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(dump)


def _stored(resident) -> list[str]:
    """The ciphertexts of the resident's name, phone and notes as stored."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone FROM casework_resident WHERE id = %s", [resident.pk])
        values = list(cursor.fetchone())
        cursor.execute(
            "SELECT c.note FROM casework_contact c JOIN casework_trajectory t "
            "ON c.trajectory_id = t.id WHERE t.resident_id = %s",
            [resident.pk],
        )
        values += [row[0] for row in cursor.fetchall()]
    return [value for value in values if value]


def test_erase_page_explains_what_happens(world, client, case):
    resident, _ = case
    client.force_login(world.gouda.worker)
    response = client.get(reverse("casework:resident_erase", args=[resident.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "voorgoed gewist" in page
    assert "tellingen zonder naam" in page
    assert reverse("casework:resident_export_pdf", args=[resident.pk]) in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Kies waarom u dit dossier wist."),
        ({"reason": "verzoek"}, "Vink aan dat u dit begrijpt."),
        ({"confirm": "on"}, "Kies waarom u dit dossier wist."),
        ({"reason": "iets anders", "confirm": "on"}, "Selecteer een geldige keuze."),
    ],
)
def test_erasure_needs_a_reason_and_a_confirmation(world, client, case, data, error):
    resident, _ = case
    client.force_login(world.gouda.worker)
    response = client.post(reverse("casework:resident_erase", args=[resident.pk]), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Resident.objects.filter(pk=resident.pk).exists()
    assert not CaseAuditEvent.objects.filter(action=AuditAction.ERASE).exists()


def test_erasure_leaves_no_personal_data_only_counts(world, client, case):
    resident, trajectory = case
    stored = _stored(resident)
    assert len(stored) >= 3
    pk, location = resident.pk, resident.location
    client.force_login(world.gouda.worker)
    response = client.post(
        reverse("casework:resident_erase", args=[pk]), {"reason": "verzoek", "confirm": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case_list")

    assert not Resident.objects.filter(pk=pk).exists()
    assert not Consent.objects.filter(resident_id=pk).exists()
    assert not Trajectory.objects.filter(resident_id=pk).exists()
    assert not Contact.objects.filter(trajectory_id=trajectory.pk).exists()
    dump = _raw_rows()
    for value in [NAME, "06-12345678", NOTE, *stored]:
        assert value not in dump

    tallies = AnonymousTally.objects.filter(location=location, source=TallySource.ERASED)
    assert sum(t.contacts for t in tallies) == 2
    assert sum(t.trajectories for t in tallies) == 1

    event = CaseAuditEvent.objects.get(resident_id=pk, action=AuditAction.ERASE)
    assert event.actor == world.gouda.worker
    assert event.reason == "De bewoner vraagt om het wissen van zijn of haar gegevens."
    assert NAME not in json.dumps([event.subject, event.fields, event.reason])


def test_a_non_partner_cannot_erase(world, client, case):
    resident, _ = case
    for user, status in ((colleague_who_sees(world, resident), 403), (world.gouda.leader, 404)):
        client.force_login(user)
        response = client.post(
            reverse("casework:resident_erase", args=[resident.pk]),
            {"reason": "verzoek", "confirm": "on"},
        )
        assert response.status_code == status
    assert Resident.objects.filter(pk=resident.pk).exists()


# --- Break-glass ------------------------------------------------------------------------------


def test_break_glass_page_shows_no_name(world, client, case):
    resident, _ = case
    client.force_login(world.admin)
    response = client.get(reverse("casework:break_glass", args=[resident.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert NAME not in page and "06-12345678" not in page
    assert not CaseAuditEvent.objects.filter(action=AuditAction.BREAK_GLASS).exists()


@pytest.mark.parametrize("reason", ["", "   ", "Even kijken"[:9]])
def test_break_glass_needs_a_reason(world, client, case, reason):
    resident, _ = case
    client.force_login(world.admin)
    response = client.post(reverse("casework:break_glass", args=[resident.pk]), {"reason": reason})
    assert response.status_code == 200
    assert "waarom u dit dossier opent" in response.content.decode()
    assert not BreakGlassAccess.objects.exists()
    assert not Resident.objects.visible_to(world.admin).exists()


def test_break_glass_opens_the_file_for_the_beheerder_and_is_logged(world, client, case):
    resident, _ = case
    client.force_login(world.admin)
    reason = "Melding van acuut gevaar door de crisisdienst."
    response = client.post(reverse("casework:break_glass", args=[resident.pk]), {"reason": reason})
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:resident_detail", args=[resident.pk])
    grant = BreakGlassAccess.objects.get()
    assert (grant.user, grant.resident_id, grant.reason) == (world.admin, resident.pk, reason)
    event = CaseAuditEvent.objects.get(action=AuditAction.BREAK_GLASS)
    assert (event.actor, event.resident_id, event.reason) == (world.admin, resident.pk, reason)
    assert Resident.objects.visible_to(world.admin).filter(pk=resident.pk).exists()
    # Still no partner: the beheerder cannot export or erase.
    assert client.get(reverse("casework:resident_export", args=[resident.pk])).status_code == 403


def test_break_glass_is_a_404_for_everybody_else(world, client, case):
    resident, _ = case
    url = reverse("casework:break_glass", args=[resident.pk])
    for user in (world.gouda.worker, world.gouda.privacy, world.coordinator, world.gouda.leader):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "Ik wil dit dossier graag zien."}).status_code == 404
    assert not BreakGlassAccess.objects.exists()
    client.force_login(world.admin)
    assert client.get(reverse("casework:break_glass", args=[resident.pk + 999])).status_code == 404


# --- The audit trail of a location ------------------------------------------------------------


def test_privacy_officer_sees_the_locations_audit_trail_without_personal_data(world, client, case):
    resident, _ = case
    other, _ = register(world.gouda, name="Tweede Bewoner")
    zutphen, _ = register(world.zutphen, name="Bewoner Zutphen")
    client.force_login(world.gouda.privacy)
    response = client.get(reverse("casework:audit_trail", args=[world.gouda.location.pk]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert {row.event.resident_id for row in rows} == {resident.pk, other.pk}
    assert all(row.event.location_id == world.gouda.location.pk for row in rows)
    assert [row.event.at for row in rows] == sorted((row.event.at for row in rows), reverse=True)
    page = response.content.decode()
    assert NAME not in page and "Tweede Bewoner" not in page
    assert world.gouda.worker.person.full_name in page


def test_audit_trail_filters_by_action_and_resident(world, client, case):
    resident, _ = case
    other, _ = register(world.gouda, name="Tweede Bewoner")
    services.audit(other, world.gouda.worker, AuditAction.EXPORT, "export json")
    client.force_login(world.gouda.privacy)
    url = reverse("casework:audit_trail", args=[world.gouda.location.pk])
    rows = client.get(url, {"action": AuditAction.EXPORT}).context["rows"]
    assert [(row.event.resident_id, row.event.action) for row in rows] == [
        (other.pk, AuditAction.EXPORT)
    ]
    rows = client.get(url, {"resident": resident.pk}).context["rows"]
    assert rows and {row.event.resident_id for row in rows} == {resident.pk}
    response = client.get(url, {"resident": "abc"})  # bad input: told, the whole list shown
    assert response.status_code == 200
    assert response.context["filter"].errors
    assert {row.event.resident_id for row in response.context["rows"]} == {resident.pk, other.pk}


def test_audit_trail_is_paginated_with_a_constant_query_count(world, client, case):
    resident, _ = case
    client.force_login(world.gouda.privacy)
    url = reverse("casework:audit_trail", args=[world.gouda.location.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    actors = [world.gouda.worker, world.gouda.expert, world.admin, None]
    CaseAuditEvent.objects.bulk_create(
        CaseAuditEvent(
            resident_id=resident.pk,
            location=world.gouda.location,
            actor=actors[i % 4],
            action=AuditAction.READ,
            subject="dossier",
        )
        for i in range(120)
    )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(large) == len(small)
    assert len(response.context["rows"]) == 50
    assert response.context["page"].paginator.num_pages == 3
    response = client.get(url, {"pagina": 3, "action": AuditAction.READ})
    assert response.status_code == 200
    assert "pagina=2" in response.content.decode()


def test_audit_trail_refuses_others(world, client, case):
    url = reverse("casework:audit_trail", args=[world.gouda.location.pk])
    for user, status in (
        (world.gouda.worker, 403),
        (world.admin, 403),
        (world.coordinator, 403),
        (world.zutphen.privacy, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status


# --- The admin shows no case content ----------------------------------------------------------


def test_admin_lists_residents_by_number_with_a_break_glass_link(world, client, case):
    resident, _ = case
    services.break_glass_open(user=world.admin, resident=resident, reason="Melding van gevaar.")
    client.force_login(world.admin)
    pages = {
        name: client.get(reverse(f"admin:casework_{name}_changelist"))
        for name in ("resident", "anonymoustally", "caseauditevent", "breakglassaccess")
    }
    event = CaseAuditEvent.objects.first()
    pages["event"] = client.get(reverse("admin:casework_caseauditevent_change", args=[event.pk]))
    grant = BreakGlassAccess.objects.get()
    pages["grant"] = client.get(reverse("admin:casework_breakglassaccess_change", args=[grant.pk]))
    pages["index"] = client.get(reverse("admin:app_list", args=["casework"]))
    for name, response in pages.items():
        assert response.status_code == 200, name
        page = response.content.decode()
        assert NAME not in page, name
        assert "06-12345678" not in page, name
        assert NOTE not in page, name
    assert reverse("casework:break_glass", args=[resident.pk]) in pages["resident"].content.decode()


def test_admin_has_no_resident_detail_and_no_writes_to_the_records(world, client, case):
    resident, _ = case
    client.force_login(world.admin)
    with pytest.raises(NoReverseMatch):
        reverse("admin:casework_resident_change", args=[resident.pk])
    response = client.get(f"/admin/casework/resident/{resident.pk}/change/")
    assert response.status_code == 404
    for name in ("consent", "trajectory", "contact"):  # case content: not in the admin
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:casework_{name}_changelist")
    event = CaseAuditEvent.objects.first()
    response = client.post(
        reverse("admin:casework_caseauditevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert CaseAuditEvent.objects.filter(pk=event.pk).exists()
