"""Writes of the embedding app: every change in one transaction, checked, and kept as history.

Every write to a condition goes through `_save_with_history`, which stores who changed what
from → to (`ConditionChange`); the status at any past date is read back from those rows.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from embedding import derivations
from embedding import evidence as evidence_kinds
from embedding.constants import DEFAULT_REVIEW_MONTHS, Status
from embedding.models import Adoption, Checklist, Condition, ConditionChange

TRACKED = [
    "title",
    "description",
    "status",
    "na_reason",
    "owner",
    "note",
    "evidence",
    "last_reviewed_on",
    "next_review_on",
]


PLAN_GOAL_TEXT = gettext_noop("Borging: de voorwaarden uit de borgingsmonitor op orde brengen")


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _shown(condition: Condition, name: str) -> str:
    """A field's value as people read it, for the history."""
    if name == "status":
        return str(Status(condition.status).label)
    if name == "owner":
        return str(condition.owner) if condition.owner_id else ""
    if name == "evidence":
        obj = condition.evidence if condition.evidence_id else None
        return evidence_kinds.describe(obj) if obj is not None else ""
    value = getattr(condition, name)
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return value or ""


def _snapshot(condition: Condition) -> dict[str, str]:
    return {name: _shown(condition, name) for name in TRACKED}


def _record(
    condition: Condition,
    before: dict[str, str] | None,
    *,
    actor: Any,
    automatic: bool = False,
    at: datetime.datetime | None = None,
) -> ConditionChange | None:
    after = _snapshot(condition)
    if before is None:
        changes = {"created": ["", condition.title]}
    else:
        changes = {n: [before[n], after[n]] for n in TRACKED if before[n] != after[n]}
    if not changes:
        return None
    return ConditionChange.objects.create(
        condition=condition,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        automatic=automatic,
        changes=changes,
        status_after=condition.status,
    )


@transaction.atomic
def checklist_adopt(
    *,
    location: Any,
    actor: Any,
    review_every_months: int = DEFAULT_REVIEW_MONTHS,
    today: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> Adoption:
    """Take on the current national checklist: a condition per item, all 'not started', the
    first review after one cycle. Adopting again changes nothing."""
    existing = Adoption.objects.filter(location=location).first()
    if existing is not None:
        return existing
    checklist = Checklist.objects.current()
    if checklist is None:
        raise ValidationError(_("Er is nog geen landelijke checklist."))
    today = today or timezone.localdate()
    adoption = Adoption(
        location=location,
        checklist=checklist,
        adopted_on=today,
        review_every_months=review_every_months,
    )
    adoption.full_clean()
    adoption.save()
    first_review = add_months(today, review_every_months)
    for item in checklist.items.order_by("position"):
        condition = Condition(
            location=location,
            item=item,
            code=item.code,
            phase=item.phase,
            position=item.position,
            title=item.title,
            description=item.description,
            derivation=item.derivation,
            next_review_on=first_review,
        )
        condition.full_clean()
        condition.save()
        _record(condition, None, actor=actor, at=at)
    condition_sync_derived(location=location, at=at)
    return adoption


@transaction.atomic
def condition_add(
    *, location: Any, phase: str, title: str, description: str = "", actor: Any
) -> Condition:
    """A condition of the location's own, next to the national ones."""
    adoption = Adoption.objects.filter(location=location).first()
    if adoption is None:
        raise ValidationError(_("Neem eerst de landelijke checklist over."))
    base = "eigen"
    taken = set(Condition.objects.filter(location=location).values_list("code", flat=True))
    number = 1
    while f"{base}-{number}" in taken:
        number += 1
    last = Condition.objects.filter(location=location, phase=phase).order_by("-position").first()
    condition = Condition(
        location=location,
        code=f"{base}-{number}",
        phase=phase,
        position=(last.position + 1) if last else 100,
        title=title.strip(),
        description=description.strip(),
        next_review_on=add_months(timezone.localdate(), adoption.review_every_months),
    )
    condition.full_clean()
    condition.save()
    _record(condition, None, actor=actor)
    return condition


def _review_cycle(location_id: int) -> int:
    adoption = Adoption.objects.filter(location_id=location_id).first()
    return adoption.review_every_months if adoption else DEFAULT_REVIEW_MONTHS


@transaction.atomic
def condition_update(
    *,
    condition_id: int,
    values: dict[str, Any],
    actor: Any,
    revision: int | None = None,
    at: datetime.datetime | None = None,
) -> Condition:
    """Change a condition (status, reason, owner, note, evidence, review dates).

    The status of a derived condition is not typed: it follows from its derivation. A new
    'last reviewed' date without a next one sets the next after one review cycle. A form posted
    with an older `revision` than the row's is refused (someone else saved in between).
    """
    condition = (
        Condition.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=condition_id)
    )
    if revision is not None and revision != condition.revision:
        raise ValidationError(
            _("Iemand anders heeft deze voorwaarde intussen gewijzigd. Bekijk de nieuwe stand.")
        )
    before = _snapshot(condition)
    values = dict(values)
    if condition.is_derived:
        values.pop("status", None)
    if "evidence" in values:
        obj = values.pop("evidence")
        if obj is None:
            condition.evidence_type, condition.evidence_id = None, None
        else:
            condition.evidence_type = evidence_kinds.content_type_of(obj)
            condition.evidence_id = obj.pk
    reviewed = values.get("last_reviewed_on")
    if reviewed and reviewed != condition.last_reviewed_on and not values.get("next_review_on"):
        values["next_review_on"] = add_months(reviewed, _review_cycle(condition.location_id))
    for name, value in values.items():
        setattr(condition, name, value)
    if condition.status != Status.NOT_APPLICABLE:
        condition.na_reason = ""
    condition.full_clean()
    condition.revision += 1
    condition.save()
    _record(condition, before, actor=actor, at=at)
    return condition


@transaction.atomic
def adoption_set_cycle(*, location: Any, months: int, actor: Any) -> Adoption:
    adoption = Adoption.objects.select_for_update().get(location=location)
    adoption.review_every_months = months
    adoption.full_clean()
    adoption.save()
    return adoption


@transaction.atomic
def condition_sync_derived(*, location: Any, at: datetime.datetime | None = None) -> int:
    """Bring the derived conditions of a location up to date; a change is kept in the history
    as automatic. Idempotent: a second run changes nothing. Returns how many changed."""
    changed = 0
    conditions = (
        Condition.objects.select_for_update().filter(location=location).exclude(derivation="")
    )
    for condition in conditions:
        result = derivations.derive(condition.derivation, location)
        if result is None:
            continue
        texts = {code: text[:300] for code, text in result.in_every_language().items()}
        if (condition.status, condition.derived_detail_texts) == (result.status, texts):
            continue
        before = _snapshot(condition)
        condition.status = result.status
        with translation.override("nl"):
            condition.derived_detail = result.detail[:300]
        condition.derived_detail_texts = texts
        condition.save(
            update_fields=["status", "derived_detail", "derived_detail_texts", "updated_at"]
        )
        _record(condition, before, actor=None, automatic=True, at=at)
        changed += 1
    return changed


def sync_all_derived() -> int:
    """Every adopted location (for the scheduler: idempotent, e.g. nightly)."""
    from teams.models import Location

    total = 0
    for location in Location.objects.filter(embedding_adoption__isnull=False):
        total += condition_sync_derived(location=location)
    return total


@transaction.atomic
def condition_plan_action(
    *, condition_id: int, owner: Any, due_on: datetime.date, actor: Any
) -> Any:
    """One click from a condition not in place: an action in the location's plan of approach
    (through plans' services), linked back as the condition's evidence."""
    from embedding.selectors import plan_for_link
    from plans import services as plan_services
    from plans.constants import GoalTable

    condition = Condition.objects.select_for_update().get(pk=condition_id)
    if condition.status in (Status.IN_PLACE, Status.NOT_APPLICABLE):
        raise ValidationError(_("Deze voorwaarde is al geregeld of niet van toepassing."))
    plan = plan_for_link(condition.location)
    if plan is None:
        raise ValidationError(
            _("Deze locatie heeft geen plan van aanpak waarin u nog kunt schrijven.")
        )
    try:
        action = plan_services.action_add(
            plan_id=plan.pk,
            table=GoalTable.COLLABORATION,
            # Written into the plan, a Dutch document, whatever language the user reads.
            goal_text=PLAN_GOAL_TEXT,
            description=condition.title,
            owner_people=[owner] if owner else [],
            due_on=due_on,
            actor=actor,
        )
    except plan_services.PlanLocked as error:
        raise ValidationError(_("Het plan van aanpak is nu gesloten voor wijzigingen.")) from error
    values: dict[str, Any] = {"evidence": action}
    if condition.status == Status.NOT_STARTED and not condition.is_derived:
        values["status"] = Status.IN_PROGRESS
    if owner and not condition.owner_id:
        values["owner"] = owner
    condition_update(condition_id=condition.pk, values=values, actor=actor)
    return action
