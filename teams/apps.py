from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Teams en locaties")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import (
            audit,  # noqa: F401  (registers models with django-auditlog)
            scope_cache,
        )

        scope_cache.connect()
        from .sessions import refreshed_on_log_in
        from .two_factor import remember_on_log_in

        user_logged_in.connect(remember_on_log_in, dispatch_uid="teams-two-factor-on-log-in")
        user_logged_in.connect(refreshed_on_log_in, dispatch_uid="teams-session-on-log-in")
