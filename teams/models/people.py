import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teams.constants import Role
from teams.querysets import MembershipQuerySet, PersonQuerySet

from .organisations import Organisation
from .places import Location


class User(AbstractUser):
    """A log-in account. What a user may see follows from the memberships of its person."""

    language = models.CharField(
        _("taal"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "De taal van de schermen en van de e-mails aan deze gebruiker. Leeg: Nederlands, "
            "tot de gebruiker zelf een taal kiest."
        ),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        swappable = "AUTH_USER_MODEL"

    @property
    def display_name(self) -> str:
        """The person's name when the account has one, else the user name."""
        person = getattr(self, "person", None)  # a missing one-to-one is an AttributeError
        return person.full_name if person else self.get_username()


class Person(models.Model):
    """Someone in the directory; may exist without an account, an account links to one person."""

    given_name = models.CharField(_("voornaam"), max_length=100)
    family_name = models.CharField(
        _("achternaam"), max_length=150, help_text=_("Met tussenvoegsel, bijvoorbeeld 'de Vries'.")
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("teams:person_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Membership(models.Model):
    """A person's role at a location for an organisation (coordinators need no location)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("persoon")
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("locatie"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    starts_on = models.DateField(_("vanaf"), default=datetime.date.today)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["location__name", "role", "person__family_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role=Role.COORDINATOR) | Q(location__isnull=False),
                name="membership_location_required_except_coordinator",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="membership_period_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person", "location", "organisation", "role"],
                name="membership_unique_role",
            ),
        ]

    def __str__(self) -> str:
        where = self.location or _("alle locaties")
        return f"{self.person} – {self.get_role_display()} ({where})"

    def clean(self) -> None:
        if self.role != Role.COORDINATOR and self.location_id is None:
            raise ValidationError({"location": _("Kies de locatie voor deze rol.")})
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("De einddatum ligt vóór de begindatum.")})

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)
