"""Bring every adopted location's derived conditions up to date (idempotent).

A thin caller of `embedding.services.sync_all_derived`, for the scheduler (nightly) and after
bulk loads that send no signals: `python manage.py sync_embedding`.
"""

from django.core.management.base import BaseCommand

from embedding.services import sync_all_derived


class Command(BaseCommand):
    help = "Werk de afgeleide voorwaarden van de borgingsmonitor bij."

    def handle(self, *args, **options):
        changed = sync_all_derived()
        self.stdout.write(f"Borging: {changed} afgeleide voorwaarden bijgewerkt.")
