"""Reads and changes of personal data land in the audit log (django-auditlog)."""

from auditlog.models import LogEntry
from django.urls import reverse


def test_reading_a_person_is_logged_with_the_reader(world, client):
    person = world.gouda.worker.person
    client.force_login(world.gouda.leader)
    client.get(reverse("teams:person_detail", args=[person.pk]))
    entry = LogEntry.objects.get_for_object(person).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == world.gouda.leader


def test_changing_a_person_is_logged_with_the_changes(world, client):
    person = world.gouda.worker.person
    client.force_login(world.gouda.leader)
    response = client.post(
        reverse("teams:person_edit", args=[person.pk]),
        {"given_name": "Gewijzigd", "family_name": person.family_name, "email": "", "phone": ""},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(person).filter(action=LogEntry.Action.UPDATE).latest()
    assert entry.actor == world.gouda.leader
    assert entry.changes_dict["given_name"][1] == "Gewijzigd"


def test_a_refused_read_is_not_logged_as_a_read(world, client):
    person = world.gouda.worker.person
    client.force_login(world.zutphen.leader)
    assert client.get(reverse("teams:person_detail", args=[person.pk])).status_code == 404
    assert not LogEntry.objects.get_for_object(person).filter(action=LogEntry.Action.ACCESS)


def test_opening_a_person_in_the_admin_is_logged(world, client):
    person = world.gouda.worker.person
    client.force_login(world.admin)
    response = client.get(reverse("admin:teams_person_change", args=[person.pk]))
    assert response.status_code == 200
    entry = LogEntry.objects.get_for_object(person).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == world.admin
