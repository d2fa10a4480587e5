"""Queue today's action digest by hand (beat sends it daily: plans.tasks.send_action_digest).

    python manage.py send_action_digest [--days 14] [--dry-run]

A thin caller of `plans.digest.send_digests`: a second run on the same day sends nothing new.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plans.digest import Digest, collect, message_for, send_digests


class Command(BaseCommand):
    help = (
        "Stuurt elke projectleider één e-mail met de open acties die te laat zijn of binnenkort "
        "klaar moeten zijn (hooguit één per persoon per dag)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.DIGEST_DAYS,
            help="Acties die binnen dit aantal dagen klaar moeten zijn (standaard 14).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Laat zien wat verstuurd zou worden, zonder iets te versturen.",
        )

    def handle(self, *args, **options):
        days, dry_run = options["days"], options["dry_run"]
        if days < 0:
            raise CommandError("--days moet 0 of meer zijn.")
        today = timezone.localdate()
        if dry_run:
            digests, notes = collect(today=today, days=days, site_url=settings.SITE_URL)
            self._notes(notes)
            for digest in digests:
                self._describe(digest, message_for(digest, days=days, today=today).subject)
            self.stdout.write(
                f"Proefdraai: 0 e-mails verstuurd ({_emails(len(digests))} klaargezet)."
            )
            return
        run = send_digests(today=today, days=days)
        self._notes(run.notes)
        if run.already_sent:
            self.stdout.write(f"Vandaag al verstuurd: {_emails(run.already_sent)}.")
        self.stdout.write(self.style.SUCCESS(f"{_emails(run.queued)} verstuurd."))

    def _notes(self, notes: list[str]) -> None:
        for note in notes:
            self.stdout.write(self.style.WARNING(note))

    def _describe(self, digest: Digest, subject: str) -> None:
        self.stdout.write(f"Aan {digest.person} <{digest.email}>: {subject}")
        for label, items in (("te laat", digest.overdue), ("binnenkort", digest.due_soon)):
            for item in items:
                self.stdout.write(
                    f"  - [{label}] {item.plan.location}: {item.action.description[:70]} "
                    f"(klaar op {item.action.due_on:%d-%m-%Y})"
                )


def _emails(count: int) -> str:
    return f"{count} e-mail" if count == 1 else f"{count} e-mails"
