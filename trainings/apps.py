from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Training en workshop")

    def ready(self) -> None:
        from . import audit  # noqa: F401  (registers models with django-auditlog)
