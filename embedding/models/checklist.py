"""The national checklist as data: versions with items, grouped by Kotter's three phases."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from embedding.constants import Phase
from embedding.querysets import ChecklistQuerySet


class Checklist(models.Model):
    """One version of the national checklist of conditions for embedding (borging).

    A change of content is a new version; a location copies the items when it adopts the
    checklist, so a newer version never changes what a location already tracks.
    """

    name = models.CharField(_("naam"), max_length=200)
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    is_current = models.BooleanField(
        _("huidige versie"), default=True, help_text=_("Locaties nemen deze versie over.")
    )
    summary = models.TextField(_("samenvatting"), blank=True)

    objects = ChecklistQuerySet.as_manager()

    class Meta:
        verbose_name = _("landelijke checklist")
        verbose_name_plural = _("landelijke checklists")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["version"], name="checklist_unique_version"),
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="checklist_one_current"
            ),
        ]

    def __str__(self) -> str:
        return _("%(name)s (versie %(version)s)") % {"name": self.name, "version": self.version}


class ChecklistItem(models.Model):
    """A condition of the national checklist: what should be in place, in which phase."""

    checklist = models.ForeignKey(
        Checklist, on_delete=models.CASCADE, related_name="items", verbose_name=_("checklist")
    )
    code = models.SlugField(
        _("code"), max_length=60, help_text=_("Blijft gelijk over versies heen.")
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    position = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("voorwaarde"), max_length=200)
    description = models.TextField(_("uitleg"), blank=True)
    derivation = models.CharField(
        _("afgeleid uit"),
        max_length=60,
        blank=True,
        help_text=_("Naam in EMBEDDING_DERIVATIONS: de status volgt dan uit andere gegevens."),
    )

    class Meta:
        verbose_name = _("voorwaarde in de checklist")
        verbose_name_plural = _("voorwaarden in de checklist")
        ordering = ["checklist", "position"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "code"], name="checklist_item_code"),
            models.UniqueConstraint(
                fields=["checklist", "position"], name="checklist_item_position"
            ),
        ]

    def __str__(self) -> str:
        return self.title
