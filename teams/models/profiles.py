from django.db import models
from django.utils.translation import gettext_lazy as _

from teams.constants import (
    Availability,
    Discipline,
    Employment,
    ExpertPosition,
    TrainingBackground,
)
from teams.querysets import ExpertProfileQuerySet

from .people import Person


class NamedLookup(models.Model):
    """A short list editable in the admin (themes, talents): data, not code."""

    name = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExperienceTheme(NamedLookup):
    """A theme of lived experience (psychische kwetsbaarheid, armoede, ...)."""

    class Meta(NamedLookup.Meta):
        verbose_name = _("ervaringsthema")
        verbose_name_plural = _("ervaringsthema's")


class Talent(NamedLookup):
    """A talent an expert brings (communicatie, training geven, kwartiermaken, ...)."""

    class Meta(NamedLookup.Meta):
        verbose_name = _("talent")
        verbose_name_plural = _("talenten")


class ExpertProfile(models.Model):
    """What an ervaringsdeskundige brings and how they can be reached for a 'koppeling'."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="expert_profile", verbose_name=_("persoon")
    )
    employment = models.CharField(
        _("betaald of vrijwillig"), max_length=20, choices=Employment.choices
    )
    position = models.CharField(_("positie"), max_length=30, choices=ExpertPosition.choices)
    training_background = models.CharField(
        _("opleiding"), max_length=20, choices=TrainingBackground.choices
    )
    training_note = models.CharField(
        _("toelichting opleiding"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld de naam van de cursus of het jaar van afronding."),
    )
    themes = models.ManyToManyField(
        ExperienceTheme,
        blank=True,
        related_name="experts",
        verbose_name=_("ervaringsthema's"),
    )
    talents = models.ManyToManyField(
        Talent, blank=True, related_name="experts", verbose_name=_("talenten")
    )
    availability = models.CharField(
        _("beschikbaarheid"),
        max_length=20,
        choices=Availability.choices,
        default=Availability.AVAILABLE,
    )
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), null=True, blank=True)
    availability_note = models.CharField(
        _("wanneer beschikbaar"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: dinsdag- en donderdagochtend."),
    )
    in_pool = models.BooleanField(
        _("in de gezamenlijke pool"),
        default=True,
        help_text=_("Andere teams van uw locaties kunnen deze ervaringsdeskundige vinden."),
    )
    takes_intervision = models.BooleanField(_("doet mee aan intervisie"), default=False)
    takes_supervision = models.BooleanField(_("krijgt supervisie"), default=False)

    objects = ExpertProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profiel ervaringsdeskundige")
        verbose_name_plural = _("profielen ervaringsdeskundigen")
        ordering = ["person__family_name", "person__given_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True) | models.Q(hours_per_week__lte=60),
                name="expert_hours_per_week_at_most_60",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)


class SocialWorkerProfile(models.Model):
    """A social worker's discipline and team."""

    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        related_name="social_worker_profile",
        verbose_name=_("persoon"),
    )
    discipline = models.CharField(_("discipline"), max_length=30, choices=Discipline.choices)
    team_name = models.CharField(
        _("team"), max_length=150, help_text=_("Bijvoorbeeld: Buurtteam Hoograven.")
    )

    class Meta:
        verbose_name = _("profiel sociaal werker")
        verbose_name_plural = _("profielen sociaal werkers")

    def __str__(self) -> str:
        return str(self.person)
