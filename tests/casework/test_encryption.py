"""Encryption at rest: contact details and free text are ciphertext in the database, a changed
ciphertext does not decrypt, keys come from the settings and can be rotated."""

from __future__ import annotations

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from casework import encryption
from casework.models import Consent, Contact, Resident, Trajectory
from tests.casework.factories import ContactFactory, register

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def fresh_fernet():
    encryption._fernet_for.cache_clear()
    yield
    encryption._fernet_for.cache_clear()


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def everything(world):
    """A file with every kind of encrypted field filled in."""
    resident, trajectory = register(world.gouda, name="Anna de Proef")
    resident.email = "anna@example.org"
    resident.save()
    trajectory.goals = "Weer naar de sportclub."
    trajectory.outcome_note = "Gaat zelf verder."
    trajectory.save()
    consent = Consent.objects.create(
        resident=resident,
        purpose="delen_derde",
        third_party="Huisarts Jansen",
        given_as="mondeling",
        given_on=trajectory.started_on,
    )
    contact = ContactFactory(
        trajectory=trajectory,
        author=world.gouda.expert.person,
        note="Koffie gedronken.",
        next_step="Bellen.",
    )
    return resident, trajectory, consent, contact


def plain(resident, trajectory, consent, contact) -> dict[str, str]:
    resident = Resident.objects.get(pk=resident.pk)
    trajectory = Trajectory.objects.get(pk=trajectory.pk)
    return {
        "name": resident.name,
        "phone": resident.phone,
        "email": resident.email,
        "request": trajectory.request,
        "goals": trajectory.goals,
        "outcome_note": trajectory.outcome_note,
        "third_party": Consent.objects.get(pk=consent.pk).third_party,
        "note": Contact.objects.get(pk=contact.pk).note,
        "next_step": Contact.objects.get(pk=contact.pk).next_step,
    }


EXPECTED = {
    "name": "Anna de Proef",
    "phone": "06-12345678",
    "email": "anna@example.org",
    "request": "Ik voel me alleen sinds mijn verhuizing.",
    "goals": "Weer naar de sportclub.",
    "outcome_note": "Gaat zelf verder.",
    "third_party": "Huisarts Jansen",
    "note": "Koffie gedronken.",
    "next_step": "Bellen.",
}


def test_round_trip(world):
    assert plain(*everything(world)) == EXPECTED


def test_the_database_holds_ciphertext(world):
    resident, trajectory, consent, contact = everything(world)
    stored = [
        raw("casework_resident", "name", resident.pk),
        raw("casework_resident", "phone", resident.pk),
        raw("casework_trajectory", "request", trajectory.pk),
        raw("casework_consent", "third_party", consent.pk),
        raw("casework_contact", "note", contact.pk),
    ]
    for value in stored:
        assert value.startswith(encryption.PREFIX)
    dump = " ".join(stored)
    for word in ("Anna", "12345678", "alleen", "Jansen", "Koffie"):
        assert word not in dump
    # The same text twice gives two different ciphertexts: nothing to compare or count.
    assert encryption.encrypt("Anna") != encryption.encrypt("Anna")


def test_empty_values_stay_empty(world):
    resident, _ = register(world.gouda)
    assert raw("casework_resident", "email", resident.pk) == ""
    assert Resident.objects.get(pk=resident.pk).email == ""


def test_a_tampered_ciphertext_does_not_decrypt(world):
    resident, _ = register(world.gouda)
    stored = raw("casework_resident", "name", resident.pk)
    token = stored[len(encryption.PREFIX) :]
    flipped = token[:20] + ("A" if token[20] != "A" else "B") + token[21:]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE casework_resident SET name = %s WHERE id = %s",
            [encryption.PREFIX + flipped, resident.pk],
        )
    with pytest.raises(ValueError, match="cannot be decrypted"):
        Resident.objects.get(pk=resident.pk)


def test_a_plain_value_in_an_encrypted_column_is_refused(world):
    resident, _ = register(world.gouda)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE casework_resident SET name = 'Anna' WHERE id = %s", [resident.pk])
    with pytest.raises(ValueError, match="not encrypted"):
        Resident.objects.get(pk=resident.pk)


@pytest.mark.parametrize("keys", [[], ["not-a-fernet-key"]])
def test_missing_or_bad_keys_are_a_configuration_error(keys):
    with override_settings(FIELD_ENCRYPTION_KEYS=keys):
        with pytest.raises(ImproperlyConfigured):
            encryption.encrypt("Anna")
        with pytest.raises(CommandError):
            call_command("rotate_encryption_keys", stdout=StringIO())


@pytest.mark.parametrize(
    "lookup", ["exact", "contains", "icontains", "startswith", "iexact", "in", "gt"]
)
def test_searching_encrypted_fields_is_refused(world, lookup):
    register(world.gouda, name="Anna")
    value = ["Anna"] if lookup == "in" else "Anna"
    with pytest.raises(FieldError):
        list(Resident.objects.filter(**{f"name__{lookup}": value}))
    with pytest.raises(FieldError):
        list(Contact.objects.filter(**{f"note__{lookup}": value}))


def test_generate_encryption_key_prints_a_fernet_key():
    out = StringIO()
    call_command("generate_encryption_key", stdout=out)
    key = out.getvalue().strip()
    Fernet(key.encode())  # a valid key
    assert encryption.decrypt(encryption.encrypt("x")) == "x"


# --- Rotation ---------------------------------------------------------------------------------


def test_rotation_moves_every_value_to_the_new_key(world):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        records = everything(world)
        assert plain(*records) == EXPECTED
        updated_at = Resident.objects.get(pk=records[0].pk).updated_at
    # The new key alone cannot read the old data.
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]), pytest.raises(ValueError):
        plain(*records)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        assert plain(*records) == EXPECTED  # old data reads during the change-over
        out = StringIO()
        call_command("rotate_encryption_keys", stdout=out)
    assert "opnieuw versleuteld" in out.getvalue()
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        assert plain(*records) == EXPECTED
        assert Resident.objects.get(pk=records[0].pk).updated_at == updated_at
    # And the old key is of no use any more.
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]), pytest.raises(ValueError):
        plain(*records)


def test_rotation_dry_run_changes_nothing(world):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        resident, *_ = everything(world)
    before = raw("casework_resident", "name", resident.pk)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        out = StringIO()
        call_command("rotate_encryption_keys", "--dry-run", stdout=out)
    assert "zouden opnieuw" in out.getvalue()
    assert raw("casework_resident", "name", resident.pk) == before


def test_rotation_without_the_old_key_stops_and_changes_nothing(world):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        readable, _ = register(world.gouda, name="Onder sleutel B")
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        records = everything(world)
    before = raw("casework_resident", "name", readable.pk)
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]),
        pytest.raises(CommandError, match="oude sleutel"),
    ):
        call_command("rotate_encryption_keys", stdout=StringIO())
    # The first resident was rotated before the second failed: rolled back with the rest.
    assert raw("casework_resident", "name", readable.pk) == before
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        assert plain(*records) == EXPECTED


def test_an_empty_encrypted_field_can_still_be_found(world):
    register(world.gouda, name="Anna")  # registered without an e-mail address
    assert Resident.objects.filter(email="").count() == 1


def test_text_that_looks_like_ciphertext_is_kept_as_typed(world):
    """A value is decrypted only when it comes from the database, never because of how it
    looks: text that starts with the ciphertext marker survives full_clean() and a round trip."""
    from tests.casework.factories import register

    resident, _trajectory = register(world.gouda, name="Bewoner")
    typed = encryption.PREFIX + "geen geheim"
    resident.name = typed
    resident.full_clean()
    resident.save()
    assert Resident.objects.get(pk=resident.pk).name == typed
