"""Anonymise the files of residents whose support ended longer ago than the retention period.

Meant for cron, e.g. every night:

    python manage.py apply_retention --months 12

A file is due when every trajectory of the resident ended more than --months ago (or the
resident never had one and was registered that long ago). Its contacts and trajectories live on
as anonymous tallies; the name, contact details, consents and notes are deleted; the casework
audit trail records each erasure (without personal data). With --dry-run nothing changes and the
command lists exactly the residents the real run would anonymise now. The real run is the same
function as the nightly task (casework.retention): the privacy officers get the list first.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import services
from casework.retention import retention_nightly


class Command(BaseCommand):
    help = "Anonimiseer dossiers waarvan de bewaartermijn voorbij is (zie --dry-run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=12,
            help="Bewaartermijn in maanden na het einde van het laatste traject (standaard 12).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen laten zien welke dossiers aan de beurt zijn; niets wissen.",
        )

    def handle(self, *args, months: int, dry_run: bool, **options):
        if months < 1:
            raise CommandError(_("De bewaartermijn is minstens 1 maand."))
        today = timezone.localdate()
        if dry_run:
            ids = services.apply_retention(today=today, months=months, dry_run=True)
            heading = _("Proefdraaien: deze %(count)d dossiers zouden worden geanonimiseerd:")
        else:
            ids = retention_nightly(today=today, months=months).erased
            heading = _("Geanonimiseerd: %(count)d dossiers:")
        self.stdout.write(heading % {"count": len(ids)})
        for resident_id in ids:
            self.stdout.write(f"  {resident_id}")
