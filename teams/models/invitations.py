from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teams.constants import InvitationStatus, Role
from teams.querysets import InvitationQuerySet

from .organisations import Organisation
from .people import Person
from .places import Location


class Invitation(models.Model):
    """An invitation by e-mail to take a role at a location (teams/invitations.py).

    Only a hash of the link's token is stored: the link itself is in the mail alone. A link
    works once, until `expires_at`, and not after a resend (a new token) or a revocation.
    """

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("locatie")
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organisatie"),
    )
    email = models.EmailField(_("e-mailadres"))
    given_name = models.CharField(_("voornaam"), max_length=100)
    family_name = models.CharField(_("achternaam"), max_length=150)
    language = models.CharField(
        _("taal"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("persoon"),
        help_text=_("De persoon die de uitnodiging aannam, of al bestond met dit adres."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("laatst verstuurd op"), default=timezone.now)
    send_count = models.PositiveSmallIntegerField(_("keer verstuurd"), default=1)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["location", "email"], name="invitation_location_email")]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()} ({self.location})"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def status(self) -> str:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.OPEN

    def get_status_display(self) -> str:
        return InvitationStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.OPEN

    @property
    def can_be_resent(self) -> bool:
        """An open or expired invitation can go out again (with a new link)."""
        return self.status in (InvitationStatus.OPEN, InvitationStatus.EXPIRED)
