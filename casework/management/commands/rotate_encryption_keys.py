"""Re-encrypt every encrypted field of the casework app with the current (first) key.

Rotating a key:
1. `manage.py generate_encryption_key` prints a new key;
2. put it first in FIELD_ENCRYPTION_KEYS, keep the old keys behind it, restart the app
   (from then on new data is encrypted with the new key, old data still decrypts);
3. `manage.py rotate_encryption_keys` re-encrypts all stored values with the new key
   (`--dry-run` checks that every value decrypts, and counts, without writing);
4. remove the old keys from FIELD_ENCRYPTION_KEYS and restart.

The stored ciphertext is read and written with plain SQL, past the field's own conversion
(which would decrypt on reading and encrypt again on writing). One transaction: a value that no
configured key decrypts stops the command and nothing is changed. `updated_at` stays as it was:
rotation is not a change of the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.translation import gettext as _

from casework.encryption import PREFIX, EncryptedTextField, fernet, rotate

BATCH = 500


@dataclass
class Counted:
    rows: int = 0
    values: int = 0


class Command(BaseCommand):
    help = (
        "Versleutel alle versleutelde velden opnieuw met de eerste sleutel uit "
        "FIELD_ENCRYPTION_KEYS (zie --dry-run)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen controleren en tellen; niets opslaan.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, dry_run: bool, database: str, **options):
        try:
            fernet()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        connection = connections[database]
        with transaction.atomic(using=database):
            for model in apps.get_app_config("casework").get_models():
                fields = [
                    f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
                ]
                if not fields:
                    continue
                counted = self._rotate_table(connection, model, fields, dry_run)
                if dry_run:
                    line = _(
                        "%(model)s: %(values)d waarden in %(rows)d rijen zouden opnieuw "
                        "versleuteld worden."
                    )
                else:
                    line = _("%(model)s: %(values)d waarden in %(rows)d rijen opnieuw versleuteld.")
                self.stdout.write(
                    line
                    % {
                        "model": model._meta.verbose_name_plural,
                        "values": counted.values,
                        "rows": counted.rows,
                    }
                )
        if dry_run:
            self.stdout.write(_("Proefdraaien: er is niets opgeslagen."))

    def _rotate_table(self, connection, model, fields, dry_run: bool) -> Counted:
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        pk = quote(model._meta.pk.column)
        columns = [quote(field.column) for field in fields]
        select = f"SELECT {pk}, {', '.join(columns)} FROM {table} WHERE {pk} > %s ORDER BY {pk}"
        update = f"UPDATE {table} SET {', '.join(f'{c} = %s' for c in columns)} WHERE {pk} = %s"
        counted = Counted()
        last = -1
        with connection.cursor() as cursor:
            while True:
                cursor.execute(f"{select} LIMIT {BATCH}", [last])
                rows = cursor.fetchall()
                if not rows:
                    return counted
                for row_pk, *stored in rows:
                    last = row_pk
                    fresh = [
                        self._rotated(model, field, row_pk, value)
                        for field, value in zip(fields, stored, strict=True)
                    ]
                    changed = sum(1 for value in stored if value)
                    if not changed:
                        continue
                    counted.rows += 1
                    counted.values += changed
                    if not dry_run:
                        cursor.execute(update, [*fresh, row_pk])

    def _rotated(self, model, field, row_pk, value):
        if not value:
            return value  # NULL and "" stay as they are
        where = f"{model._meta.label}.{field.name} #{row_pk}"
        if not value.startswith(PREFIX):
            raise CommandError(
                _("%(where)s is niet versleuteld opgeslagen; er is niets gewijzigd.")
                % {"where": where}
            )
        try:
            return rotate(value)
        except InvalidToken as error:
            raise CommandError(
                _(
                    "%(where)s kan met geen van de sleutels worden ontsleuteld; er is niets "
                    "gewijzigd. Staat de oude sleutel nog in FIELD_ENCRYPTION_KEYS?"
                )
                % {"where": where}
            ) from error
