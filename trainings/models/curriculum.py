"""The national curriculum as data: templates that training and workshop runs copy."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trainings.constants import BlockKind, CurriculumKind
from trainings.querysets import CurriculumQuerySet


class Curriculum(models.Model):
    """One version of a curriculum template (the training or the team workshop).

    A change of content is a new version; runs copy their blocks, so past runs keep theirs.
    """

    kind = models.CharField(_("soort"), max_length=20, choices=CurriculumKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    is_current = models.BooleanField(
        _("huidige versie"), default=True, help_text=_("Nieuwe runs gebruiken deze versie.")
    )
    summary = models.TextField(_("samenvatting"), blank=True)
    part_minutes = models.PositiveSmallIntegerField(
        _("minuten per dagdeel"), default=240, help_text=_("De tijd die een dagdeel mag duren.")
    )

    objects = CurriculumQuerySet.as_manager()

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="curriculum_unique_version"),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(is_current=True),
                name="curriculum_one_current_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return _("%(name)s (versie %(version)s)") % {"name": self.name, "version": self.version}

    def get_absolute_url(self) -> str:
        return reverse("trainings:curriculum_detail", args=[self.pk])


class CurriculumPart(models.Model):
    """A half-day (dagdeel) of the training, or the single part of the workshop."""

    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.CASCADE, related_name="parts", verbose_name=_("curriculum")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)

    class Meta:
        verbose_name = _("dagdeel")
        verbose_name_plural = _("dagdelen")
        ordering = ["curriculum", "number"]
        constraints = [
            models.UniqueConstraint(fields=["curriculum", "number"], name="part_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class CurriculumBlock(models.Model):
    """A block of a half-day: minutes, title, kind, goal, materials and homework."""

    part = models.ForeignKey(
        CurriculumPart, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("dagdeel")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    minutes = models.PositiveSmallIntegerField(_("minuten"))
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=BlockKind.choices)
    goal = models.TextField(_("doel"), blank=True)
    description = models.TextField(_("inhoud"), blank=True)
    materials = models.TextField(_("materiaal"), blank=True)
    homework = models.TextField(_("oefenopdracht"), blank=True)
    is_regional = models.BooleanField(
        _("regionale methode"),
        default=False,
        help_text=_("Dit blok vult elke regio met een eigen methode in."),
    )

    class Meta:
        verbose_name = _("blok")
        verbose_name_plural = _("blokken")
        ordering = ["part", "position"]
        constraints = [
            models.UniqueConstraint(fields=["part", "position"], name="block_unique_position"),
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=240), name="block_minutes_1_to_240"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.minutes} min)"


class BlockOption(models.Model):
    """An alternative way to fill a block (e.g. two exercises for the stigma theme)."""

    block = models.ForeignKey(
        CurriculumBlock, on_delete=models.CASCADE, related_name="options", verbose_name=_("blok")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)

    class Meta:
        verbose_name = _("keuzemogelijkheid")
        verbose_name_plural = _("keuzemogelijkheden")
        ordering = ["block", "position"]
        constraints = [
            models.UniqueConstraint(fields=["block", "position"], name="option_unique_position"),
        ]

    def __str__(self) -> str:
        return self.title
