"""Print a new key for FIELD_ENCRYPTION_KEYS (casework/encryption.py).

To rotate: put the new key first in FIELD_ENCRYPTION_KEYS, keep the old ones behind it, restart,
run `manage.py rotate_encryption_keys`, then remove the old keys.
"""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Maak een nieuwe sleutel voor FIELD_ENCRYPTION_KEYS en toon die."

    def handle(self, *args, **options):
        self.stdout.write(Fernet.generate_key().decode("ascii"))
