from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teams.constants import CalendarFeed


class CalendarLink(models.Model):
    """One user's subscription link to one calendar feed (teams/calendar_links.py).

    The URL carries a token signed with SECRET_KEY over the row's id and `key`; the feed
    answers only while the row is not revoked and its user may still see what it shows.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_links",
        verbose_name=_("account"),
    )
    feed = models.CharField(_("agenda"), max_length=30, choices=CalendarFeed.choices)
    object_id = models.PositiveBigIntegerField(_("van"))
    name = models.CharField(
        _("naam"), max_length=200, blank=True, help_text=_("Wat de agenda laat zien.")
    )
    key = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst opgehaald"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda-link")
        verbose_name_plural = _("agenda-links")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "feed", "object_id"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_link_one_active_per_feed",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_feed_display()}: {self.name}" if self.name else self.get_feed_display()
