"""Recompute the dashboard's summaries of every location (after bulk loads; nightly)."""

from django.core.management.base import BaseCommand

from dashboard.summaries import refresh_all


class Command(BaseCommand):
    help = "Rekent de cijfers van het dashboard opnieuw uit voor alle locaties."

    def handle(self, *args, **options):
        count = refresh_all()
        self.stdout.write(self.style.SUCCESS(f"Dashboard bijgewerkt: {count} locaties."))
