"""What a location tracks: its adopted checklist, a condition per item, and every change."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from embedding.constants import DEFAULT_REVIEW_MONTHS, STATUS_MARKS, Phase, Status
from embedding.querysets import ConditionChangeQuerySet, ConditionQuerySet


def evidence_types() -> Q:
    """The models that may serve as evidence: those named in settings.EMBEDDING_EVIDENCE."""
    q = Q(pk__in=[])
    for entry in settings.EMBEDDING_EVIDENCE.values():
        app_label, model = entry["model"].lower().split(".")
        q |= Q(app_label=app_label, model=model)
    return q


class Adoption(models.Model):
    """A location took on a version of the national checklist, and reviews it every n months."""

    location = models.OneToOneField(
        "teams.Location",
        on_delete=models.CASCADE,
        related_name="embedding_adoption",
        verbose_name=_("locatie"),
    )
    checklist = models.ForeignKey(
        "embedding.Checklist",
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("checklist"),
    )
    adopted_on = models.DateField(_("overgenomen op"), default=timezone.localdate)
    review_every_months = models.PositiveSmallIntegerField(
        _("beoordelen om de zoveel maanden"),
        default=DEFAULT_REVIEW_MONTHS,
        help_text=_("Hoe vaak het projectteam de voorwaarden opnieuw bekijkt."),
    )

    class Meta:
        verbose_name = _("borging van een locatie")
        verbose_name_plural = _("borging van locaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(review_every_months__gte=1) & Q(review_every_months__lte=24),
                name="adoption_review_1_to_24_months",
            ),
        ]

    def __str__(self) -> str:
        return str(self.location)


class Condition(models.Model):
    """One condition at one location: a copy of a national item, or the location's own."""

    location = models.ForeignKey(
        "teams.Location",
        on_delete=models.CASCADE,
        related_name="embedding_conditions",
        verbose_name=_("locatie"),
    )
    item = models.ForeignKey(
        "embedding.ChecklistItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conditions",
        verbose_name=_("voorwaarde in de landelijke checklist"),
        help_text=_("Leeg bij een voorwaarde die de locatie zelf toevoegde."),
    )
    code = models.SlugField(_("code"), max_length=60)
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    title = models.CharField(_("voorwaarde"), max_length=200)
    description = models.TextField(_("uitleg"), blank=True)
    derivation = models.CharField(_("afgeleid uit"), max_length=60, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    na_reason = models.TextField(_("waarom niet van toepassing"), blank=True)
    owner = models.ForeignKey(
        "teams.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="embedding_conditions",
        verbose_name=_("eigenaar"),
    )
    note = models.TextField(_("toelichting en bewijs"), blank=True)
    evidence_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to=evidence_types,
        related_name="+",
        verbose_name=_("soort bewijs"),
    )
    evidence_id = models.PositiveBigIntegerField(_("bewijs"), null=True, blank=True)
    evidence = GenericForeignKey("evidence_type", "evidence_id")
    derived_detail = models.CharField(_("hoe afgeleid"), max_length=300, blank=True)
    # The same sentence in every language we offer (embedding/derivations.py): the page shows
    # the reader's; `derived_detail` keeps the Dutch one.
    derived_detail_texts = models.JSONField(default=dict, blank=True, editable=False)
    last_reviewed_on = models.DateField(_("laatst beoordeeld op"), null=True, blank=True)
    next_review_on = models.DateField(_("volgende beoordeling"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("versie"), default=1)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    objects = ConditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorwaarde")
        verbose_name_plural = _("voorwaarden")
        ordering = ["location", "phase", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["location", "code"], name="condition_unique_code"),
            models.CheckConstraint(
                condition=~Q(status=Status.NOT_APPLICABLE) | ~Q(na_reason=""),
                name="condition_not_applicable_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(last_reviewed_on__isnull=True)
                | Q(next_review_on__isnull=True)
                | Q(next_review_on__gte=F("last_reviewed_on")),
                name="condition_next_review_after_last",
            ),
            models.CheckConstraint(
                condition=Q(evidence_type__isnull=True, evidence_id__isnull=True)
                | Q(evidence_type__isnull=False, evidence_id__isnull=False),
                name="condition_evidence_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("embedding:condition_detail", args=[self.pk])

    @property
    def derived_detail_text(self) -> str:
        """How the status was derived, in the reader's language where we have it."""
        return self.derived_detail_texts.get(get_language(), "") or self.derived_detail

    @property
    def is_derived(self) -> bool:
        return bool(self.derivation)

    @property
    def is_local(self) -> bool:
        return self.item_id is None

    @property
    def status_mark(self) -> str:
        return STATUS_MARKS.get(self.status, "")

    def is_review_overdue(self, today) -> bool:
        return self.next_review_on is not None and self.next_review_on < today

    def clean(self) -> None:
        errors = {}
        if self.status == Status.NOT_APPLICABLE and not self.na_reason.strip():
            errors["na_reason"] = _("Schrijf op waarom deze voorwaarde niet van toepassing is.")
        if (
            self.last_reviewed_on
            and self.next_review_on
            and self.next_review_on < self.last_reviewed_on
        ):
            errors["next_review_on"] = _(
                "De volgende beoordeling ligt vóór de laatste beoordeling. Kies een latere datum."
            )
        if self.last_reviewed_on and self.last_reviewed_on > timezone.localdate():
            errors["last_reviewed_on"] = _("Deze datum ligt in de toekomst.")
        if self.owner_id and self.location_id:
            from teams.models import Person

            if not Person.objects.working_at(self.location_id).filter(pk=self.owner_id).exists():
                errors["owner"] = _("Kies iemand die bij deze locatie werkt.")
        if errors:
            raise ValidationError(errors)


class ConditionChange(models.Model):
    """One change of a condition: who, when, and each field from → to (shown as text)."""

    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="changes", verbose_name=_("voorwaarde")
    )
    at = models.DateTimeField(_("wanneer"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    automatic = models.BooleanField(
        _("automatisch"), default=False, help_text=_("Afgeleid uit andere gegevens.")
    )
    changes = models.JSONField(_("wijzigingen"), default=dict)
    status_after = models.CharField(_("status daarna"), max_length=20, choices=Status.choices)

    objects = ConditionChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijziging van een voorwaarde")
        verbose_name_plural = _("wijzigingen van voorwaarden")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["condition", "at"], name="condition_change_at")]

    def __str__(self) -> str:
        return f"{self.condition}: {self.at:%Y-%m-%d}"
