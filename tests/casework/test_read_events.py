"""Every page or export that shows a resident's data leaves one trace with the actor (issue 18,
finding 3), and a page that leaves none shows no resident data.

The walk covers every URL of the project that names a resident or lives in the casework app:
a new page there fails `test_every_resident_url_is_classified` until it is put in one of the
two tables below, and the tables are checked against what the pages really show.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from casework.constants import AuditAction
from casework.models import CaseAuditEvent
from tests.casework.factories import casework_world

pytestmark = pytest.mark.django_db

NAME = "Mevrouw Verhoeven-Traceerbaar"

# url name → (how to build its arguments from the world, the subject of its read event).
# An export writes an export event; every other page a read event.
SHOWS_RESIDENT_DATA = {
    "casework:resident_detail": ("resident", "dossier"),
    "casework:consent_create": ("resident", "formulier toestemming"),
    "casework:consent_receipt": ("resident", "toestemmingsbewijs"),
    "casework:consent_withdraw": ("consent", "formulier intrekken"),
    "casework:trajectory_create": ("resident", "formulier nieuw traject"),
    "casework:trajectory_edit": ("trajectory", "formulier traject"),
    "casework:contact_create": ("trajectory", "formulier contact"),
    "casework:resident_export": ("resident", "export json"),
    "casework:resident_export_pdf": ("resident", "export pdf"),
    "casework:access_report": ("resident", "inzageoverzicht"),
    "casework:resident_erase": ("resident", "formulier wissen"),
    "casework:case_list": ("none", "bewonerslijst"),
    "activities:resident_visits": ("resident", "activiteiten"),
    "home": ("none", "startpagina"),
}

# Casework pages that show no resident's data (so they write no read event).
NO_RESIDENT_DATA = {
    "casework:resident_create": "location",  # an empty registration form
    "casework:tally_create": "location",  # counts without a name
    "casework:urgent_agreement_edit": "location",  # the location's agreement
    "casework:audit_trail": "location",  # numbers and field names only
    "casework:break_glass": "resident",  # number, location and date; the name after a reason
}

# Who opens the page: a beheerder for break-glass, the privacy officer for the audit trail,
# the project leader for the agreement, the file's social worker for the rest.
OPENED_BY = {
    "casework:break_glass": "admin",
    "casework:audit_trail": "privacy",
    "casework:urgent_agreement_edit": "leader",
}


def _walk(patterns, prefix: str = "", route: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace, route + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", route + str(entry.pattern)


def resident_urls() -> set[str]:
    """Every named URL of the casework app, and every other one whose path names a resident."""
    return {
        name
        for name, route in _walk(get_resolver().url_patterns)
        if name.startswith("casework:") or "bewoner" in route
    }


def test_every_resident_url_is_classified():
    classified = set(SHOWS_RESIDENT_DATA) | set(NO_RESIDENT_DATA)
    missing = resident_urls() - classified
    assert not missing, f"say whether these pages show a resident's data: {sorted(missing)}"
    assert not set(SHOWS_RESIDENT_DATA) & set(NO_RESIDENT_DATA)


def url_for(name: str, kind: str, world) -> str:
    resident = world.resident
    args = {
        "none": [],
        "resident": [resident.pk],
        "location": [resident.location_id],
        "consent": [resident.pk, world.consent.pk],
        "trajectory": [resident.pk, world.trajectory.pk],
    }[kind]
    return reverse(name, args=args)


@pytest.fixture
def file_world(world):
    casework_world(world)
    world.resident.name = NAME
    world.resident.save()
    return world


def opener(name: str, world):
    from tests.teams.factories import UserFactory

    who = OPENED_BY.get(name)
    if who == "admin":
        return UserFactory(is_staff=True, is_superuser=True)
    if who:
        return getattr(world.gouda, who)
    return world.gouda.worker


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    if response["Content-Type"].startswith("application/pdf"):
        return ""  # the PDF is compressed: its trace is checked, not its text
    return response.content.decode()


@pytest.mark.parametrize("name", sorted(SHOWS_RESIDENT_DATA))
def test_a_page_that_shows_a_resident_writes_one_read_event_with_the_actor(
    name, file_world, client
):
    kind, subject = SHOWS_RESIDENT_DATA[name]
    user = opener(name, file_world)
    client.force_login(user)
    before = set(CaseAuditEvent.objects.values_list("pk", flat=True))

    response = client.get(url_for(name, kind, file_world))

    assert response.status_code == 200, name
    content = body(response)
    if content:
        assert NAME in content, f"{name} is said to show the resident, but does not"
    new = CaseAuditEvent.objects.exclude(pk__in=before).filter(resident_id=file_world.resident.pk)
    assert [(event.actor_id, event.subject) for event in new] == [(user.pk, subject)]
    expected = AuditAction.EXPORT if subject.startswith("export") else AuditAction.READ
    assert new.get().action == expected


@pytest.mark.parametrize("name", sorted(NO_RESIDENT_DATA))
def test_a_page_that_writes_no_read_event_shows_no_resident_data(name, file_world, client):
    user = opener(name, file_world)
    client.force_login(user)
    before = CaseAuditEvent.objects.count()

    response = client.get(url_for(name, NO_RESIDENT_DATA[name], file_world))

    assert response.status_code == 200, name
    assert NAME not in response.content.decode()
    assert file_world.trajectory.request not in response.content.decode()
    assert CaseAuditEvent.objects.count() == before


def test_a_form_shown_again_with_errors_is_a_read_too(file_world, client):
    """The contact form with a bad date shows the file again: that is a second read."""
    user = file_world.gouda.worker
    client.force_login(user)
    url = url_for("casework:contact_create", "trajectory", file_world)
    client.get(url)

    response = client.post(url, {"date": "morgen", "kind": "", "note": "Koffie"})

    assert response.status_code == 200 and NAME in response.content.decode()
    reads = CaseAuditEvent.objects.filter(
        resident_id=file_world.resident.pk, action=AuditAction.READ, subject="formulier contact"
    )
    assert reads.count() == 2


def test_a_list_writes_one_event_per_resident_it_names_in_one_query(file_world, client):
    """The case list names 25 files at most: one insert for all of them, none for counts."""
    from tests.casework.factories import register

    others = [register(file_world.gouda, name=f"Bewoner {n}")[0] for n in range(3)]
    client.force_login(file_world.gouda.worker)

    client.get(reverse("casework:case_list"))

    listed = CaseAuditEvent.objects.filter(subject="bewonerslijst", action=AuditAction.READ)
    assert sorted(listed.values_list("resident_id", flat=True)) == sorted(
        [file_world.resident.pk, *(resident.pk for resident in others)]
    )
    assert {event.actor_id for event in listed} == {file_world.gouda.worker.pk}


def test_who_sees_counts_only_leaves_no_trace(file_world, client):
    """The project leader sees counts per location, never names: nothing to log."""
    client.force_login(file_world.gouda.leader)
    before = CaseAuditEvent.objects.count()

    response = client.get(reverse("casework:case_list"))

    assert NAME not in response.content.decode()
    assert CaseAuditEvent.objects.count() == before


def test_the_access_report_tells_the_resident_their_name_was_in_a_list(file_world, client):
    client.force_login(file_world.gouda.expert)
    client.get(reverse("home"))
    client.force_login(file_world.gouda.worker)

    page = client.get(reverse("casework:access_report", args=[file_world.resident.pk]))

    content = page.content.decode()
    assert "Zag uw naam in een lijst" in content
    assert "Heeft uw dossier bekeken" in content  # this report's own read, listed in it
