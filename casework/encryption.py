"""Encryption at rest of residents' contact details and free-text notes.

Keys come from the environment (`FIELD_ENCRYPTION_KEYS`: Fernet keys, comma-separated, the first
one encrypts, every one decrypts). Rotating: put a new key first, keep the old ones behind it,
run `manage.py rotate_encryption_keys`, then drop the old keys. Fernet (from `cryptography`) is
authenticated encryption (AES-128-CBC with HMAC-SHA256): a changed ciphertext does not decrypt.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Exact

PREFIX = "fernet:"  # marks a stored value as ciphertext


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is empty: residents' data cannot be stored."
        )
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            f"FIELD_ENCRYPTION_KEYS holds an invalid key: {error}"
        ) from error


def fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    if value == "":
        return ""  # an empty field stays empty (and says nothing)
    return PREFIX + fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored:
        return ""
    if not stored.startswith(PREFIX):
        raise ValueError("An encrypted field holds a value that is not encrypted.")
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise ValueError(
            "An encrypted field cannot be decrypted with the configured keys."
        ) from error


def rotate(stored: str) -> str:
    """The same value encrypted with the first (current) key."""
    if not stored:
        return ""
    if not stored.startswith(PREFIX):
        raise ValueError("An encrypted field holds a value that is not encrypted.")
    token = fernet().rotate(stored[len(PREFIX) :].encode("ascii"))
    return PREFIX + token.decode("ascii")


class EncryptedTextField(models.TextField):
    """A text field stored encrypted. It cannot be searched or sorted in the database, which
    is the point: a database dump shows ciphertext. `max_length` limits the plain text."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        return None if value is None else decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return None if value is None else encrypt(str(value))

    def get_lookup(self, lookup_name: str):
        if lookup_name == "exact":
            return EmptyOnlyExact
        if lookup_name != "isnull":
            return None  # no contains/startswith on ciphertext: it would silently find nothing
        return super().get_lookup(lookup_name)


class EmptyOnlyExact(Exact):
    """`field=""` works (an empty value is stored empty); comparing with a value cannot work
    (each encryption differs), so it is refused instead of silently finding nothing."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError("An encrypted field can only be compared with an empty value.")
        return super().get_prep_lookup()
