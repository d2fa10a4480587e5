from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSession(AbstractBaseSession):
    """A log-in session, with the account it belongs to, so a user's sessions can be ended."""

    user_id = models.BigIntegerField(_("account"), null=True, blank=True, db_index=True)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    @classmethod
    def get_session_store_class(cls):
        from teams.sessions import SessionStore

        return SessionStore
