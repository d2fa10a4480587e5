from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbeddingConfig(AppConfig):
    name = "embedding"
    verbose_name = _("Borging")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (keeps derived conditions fresh after commit)
