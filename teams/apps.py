from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Teams en locaties")

    def ready(self) -> None:
        from . import audit  # noqa: F401  (registers models with django-auditlog)
