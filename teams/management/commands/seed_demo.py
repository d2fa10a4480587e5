"""Load the demo data of every app (idempotent); refused under production settings."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Laadt de demogegevens van de zes pilotsteden (kan vaker draaien; niet in productie)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demogegevens laden is uitgeschakeld met deze instellingen (productie)."
            )
        logins = []
        # Each of our apps may have a `demo` module with `seed()`; they run in LOCAL_APPS order,
        # so teams comes before the apps that build on it.
        for app in settings.LOCAL_APPS:
            module_name = f"{app}.demo"
            if find_spec(module_name) is None:
                continue
            found = import_module(module_name).seed(stdout=self.stdout)
            logins += found or []
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        self.stdout.write("")
        self.stdout.write(f"Demo-log-ins (wachtwoord: {settings.DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<18} {login.description}")
