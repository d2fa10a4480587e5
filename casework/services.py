"""Writes of the casework app, each in one transaction and each written to the casework audit
trail (ids and field names, never values).

Erasure (on request, on withdrawal of the consent to record, or after the retention period)
first adds the resident's contacts and trajectories to the anonymous tallies, then deletes the
resident with everything that belongs to them. The tallies and the audit trail hold no personal
data, so they survive.
"""

from __future__ import annotations

import datetime
from calendar import monthrange
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.constants import (
    ENDED_STATUSES,
    REASON_CONSENT_WITHDRAWN,
    REASON_RETENTION,
    AuditAction,
    ConsentPurpose,
    TallySource,
)
from casework.models import (
    AnonymousTally,
    BreakGlassAccess,
    CaseAuditEvent,
    Consent,
    Contact,
    Resident,
    Trajectory,
    UrgentAgreement,
)
from teams import access
from teams.constants import OrganisationKind, Role

BREAK_GLASS_DURATION = datetime.timedelta(hours=1)
RECIPIENT_KINDS = {
    ConsentPurpose.SHARE_TEAM: (OrganisationKind.NEIGHBOURHOOD_TEAM, OrganisationKind.SOCIAL_WORK),
    ConsentPurpose.SHARE_RECOVERY: (OrganisationKind.RECOVERY, OrganisationKind.CLIENT),
}


def _audit_event(
    resident: Resident,
    actor: Any,
    action: str,
    subject: str = "",
    fields: Iterable[str] = (),
    reason: str = "",
) -> CaseAuditEvent:
    return CaseAuditEvent(
        resident_id=resident.pk,
        location_id=resident.location_id,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        subject=subject,
        fields=sorted(fields),
        reason=reason,
    )


def audit(
    resident: Resident,
    actor: Any,
    action: str,
    subject: str = "",
    fields: Iterable[str] = (),
    reason: str = "",
) -> CaseAuditEvent:
    event = _audit_event(resident, actor, action, subject, fields, reason)
    event.save(force_insert=True)
    return event


def audit_listed(residents: Iterable[Resident], actor: Any, subject: str) -> None:
    """A page that names several residents (a list, the home page's panel): one read event
    per resident named, written in one insert. Nobody named: nothing written."""
    CaseAuditEvent.objects.bulk_create(
        _audit_event(resident, actor, AuditAction.READ, subject) for resident in residents
    )


def _lock_file(resident_id: int, gone: str = "") -> Resident:
    """Lock the resident's row until the end of the transaction, or tell that the file is gone.

    Every write to a file takes this lock first, before the rows under it (consents,
    trajectories, contacts), so writers of one file queue instead of deadlocking, and an
    erasure never interleaves with a write: a contact saved first is counted in the tally, a
    contact for a file erased first is refused, and a consent given twice at once is seen."""
    resident = Resident.objects.select_for_update().filter(pk=resident_id).first()
    if resident is None:
        raise ValidationError(
            gone
            or _("Dit dossier is er niet meer: de toestemming is ingetrokken of het is gewist.")
        )
    return resident


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _add_to_tally(location_id: int, month, form: str, kind: str, source: str, **counts) -> None:
    row, _created = AnonymousTally.objects.select_for_update().get_or_create(
        location_id=location_id, month=month, form=form, contact_kind=kind, source=source
    )
    for name, value in counts.items():
        setattr(row, name, F(name) + value)
    # save(), not QuerySet.update(): the row is locked, and post_save refreshes the dashboard.
    row.save(update_fields=list(counts))


# --- Residents and consent -------------------------------------------------------------------


@transaction.atomic
def resident_register(
    *,
    location: Any,
    organisation: Any,
    registered_by: Any,
    actor: Any,
    name: str,
    consent_given_as: str,
    consent_given_on: datetime.date,
    consent_review_on: datetime.date | None = None,
    phone: str = "",
    email: str = "",
    neighbourhood: Any = None,
    support_kinds: Iterable[str] = (),
) -> Resident:
    """A resident and their consent to record, together: without it nothing is recorded."""
    resident = Resident(
        location=location,
        neighbourhood=neighbourhood,
        name=name,
        phone=phone,
        email=email,
        support_kinds=list(support_kinds),
        recorded_by_organisation=organisation,
        registered_by=registered_by,
    )
    resident.full_clean()
    resident.save()
    consent_give(
        resident=resident,
        purpose=ConsentPurpose.RECORD,
        given_as=consent_given_as,
        given_on=consent_given_on,
        review_on=consent_review_on,
        actor=actor,
    )
    audit(resident, actor, AuditAction.CREATE, "bewoner", ["name", "phone", "email"])
    return resident


@transaction.atomic
def consent_give(
    *,
    resident: Resident,
    purpose: str,
    given_as: str,
    given_on: datetime.date,
    actor: Any,
    recipient_organisation: Any = None,
    third_party: str = "",
    review_on: datetime.date | None = None,
) -> Consent:
    _lock_file(resident.pk)  # two of the same consent at once: the second one sees the first
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Toestemming kan niet in de toekomst gegeven zijn.")})
    if purpose in RECIPIENT_KINDS:
        partners = resident.location.organisations.filter(kind__in=RECIPIENT_KINDS[purpose])
        if (
            recipient_organisation is None
            or not partners.filter(pk=recipient_organisation.pk).exists()
        ):
            raise ValidationError(
                {"recipient_organisation": _("Kies een partnerorganisatie van deze locatie.")}
            )
    else:
        recipient_organisation = None
    if purpose == ConsentPurpose.SHARE_THIRD and not third_party.strip():
        raise ValidationError({"third_party": _("Schrijf op met wie de gegevens gedeeld worden.")})
    if purpose != ConsentPurpose.SHARE_THIRD:
        third_party = ""
    duplicate = resident.consents.active().filter(
        purpose=purpose, recipient_organisation=recipient_organisation
    )
    if purpose != ConsentPurpose.SHARE_THIRD and duplicate.exists():
        raise ValidationError(_("Deze toestemming is er al."))
    consent = Consent(
        resident=resident,
        purpose=purpose,
        recipient_organisation=recipient_organisation,
        third_party=third_party.strip(),
        given_as=given_as,
        given_on=given_on,
        review_on=review_on,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    consent.full_clean()
    consent.save()
    audit(resident, actor, AuditAction.CONSENT, f"toestemming gegeven: {purpose}")
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: datetime.date, actor: Any) -> bool:
    """Withdraw a consent; it works at once. Withdrawing the consent to record erases the
    resident's file. Returns True when the file was erased."""
    already = _("Deze toestemming is al ingetrokken.")
    _lock_file(consent.resident_id, gone=already)  # erased meanwhile: withdrawn with the file
    consent = (
        Consent.objects.select_for_update().select_related("resident").filter(pk=consent.pk).first()
    )
    if consent is None or consent.withdrawn_on is not None:
        raise ValidationError(already)
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {
                "withdrawn_on": _(
                    "Intrekken kan niet vóór de datum waarop de toestemming gegeven is."
                )
            }
        )
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("Intrekken kan niet in de toekomst.")})
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_recorded_by = actor
    consent.save(update_fields=["withdrawn_on", "withdrawn_recorded_by"])
    resident = consent.resident
    audit(resident, actor, AuditAction.CONSENT, f"toestemming ingetrokken: {consent.purpose}")
    if consent.purpose == ConsentPurpose.RECORD:
        resident_erase(
            resident=resident,
            actor=actor,
            source=TallySource.ERASED,
            reason=REASON_CONSENT_WITHDRAWN,
        )
        return True
    return False


@transaction.atomic
def resident_erase(*, resident: Resident, actor: Any, source: str, reason: str) -> None:
    """Erase one resident's file; their contacts and trajectories live on as anonymous counts."""
    resident = _lock_file(resident.pk, gone=_("Dit dossier is al gewist."))
    trajectories = list(resident.trajectories.all())
    contacts = Counter(
        (contact.trajectory.form, first_of_month(contact.date), contact.kind)
        for contact in Contact.objects.filter(trajectory__resident=resident).select_related(
            "trajectory"
        )
    )
    for (form, month, kind), count in sorted(contacts.items()):  # one lock order: no deadlock
        _add_to_tally(resident.location_id, month, form, kind, source, contacts=count)
    started = Counter((t.form, first_of_month(t.started_on)) for t in trajectories)
    for (form, month), count in sorted(started.items()):
        _add_to_tally(resident.location_id, month, form, "", source, trajectories=count)
    audit(resident, actor, AuditAction.ERASE, "dossier", reason=reason)
    resident.delete()


# --- Anonymous contacts ----------------------------------------------------------------------


@transaction.atomic
def tally_anonymous_contact(
    *, location: Any, date: datetime.date, kind: str, form: str = "", count: int = 1
) -> None:
    """A contact with a resident who gave no consent to record: only counted."""
    if date > timezone.localdate():
        raise ValidationError({"date": _("Een contact kan niet in de toekomst liggen.")})
    if not 1 <= count <= 50:
        raise ValidationError({"count": _("Tel 1 tot 50 contacten tegelijk.")})
    _add_to_tally(
        location.pk, first_of_month(date), form, kind, TallySource.NO_CONSENT, contacts=count
    )


# --- Trajectories and contacts ---------------------------------------------------------------


def _works_at(person: Any, location: Any, role: str) -> bool:
    from teams.models import Person

    return Person.objects.working_at(location, role).filter(pk=person.pk).exists()


@transaction.atomic
def trajectory_start(*, resident: Resident, actor: Any, **fields: Any) -> Trajectory:
    _lock_file(resident.pk)
    trajectory = Trajectory(resident=resident, **fields)
    errors = {}
    if trajectory.expert_id and not _works_at(trajectory.expert, resident.location, Role.EXPERT):
        errors["expert"] = _("Kies een ervaringsdeskundige van deze locatie.")
    if trajectory.social_worker_id and not _works_at(
        trajectory.social_worker, resident.location, Role.SOCIAL_WORKER
    ):
        errors["social_worker"] = _("Kies een sociaal werker van deze locatie.")
    if trajectory.started_on and trajectory.started_on > timezone.localdate():
        errors["started_on"] = _("Een traject kan niet in de toekomst gestart zijn.")
    if errors:
        raise ValidationError(errors)
    trajectory.full_clean()
    trajectory.save()
    audit(resident, actor, AuditAction.CREATE, "traject", ["request", "goals"])
    return trajectory


@transaction.atomic
def trajectory_update(*, trajectory: Trajectory, actor: Any, changed: Iterable[str]) -> Trajectory:
    _lock_file(trajectory.resident_id)
    if trajectory.status in ENDED_STATUSES and trajectory.ended_on is None:
        raise ValidationError({"ended_on": _("Vul in wanneer het traject eindigde.")})
    if trajectory.ended_on and trajectory.ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("Het einde kan niet in de toekomst liggen.")})
    trajectory.full_clean()
    trajectory.save()
    audit(trajectory.resident, actor, AuditAction.CHANGE, "traject", changed)
    return trajectory


@transaction.atomic
def contact_add(*, trajectory: Trajectory, author: Any, actor: Any, **fields: Any) -> Contact:
    _lock_file(trajectory.resident_id)  # erased meanwhile: refused, never a contact left behind
    contact = Contact(trajectory=trajectory, author=author, **fields)
    if contact.date and contact.date > timezone.localdate():
        raise ValidationError({"date": _("Een contact kan niet in de toekomst liggen.")})
    if contact.date and contact.date < trajectory.started_on:
        raise ValidationError({"date": _("Dit contact ligt vóór de start van het traject.")})
    if author.pk not in trajectory.partner_ids:
        raise ValidationError(_("Alleen de partners van dit traject schrijven contacten."))
    contact.full_clean()
    contact.save()
    audit(trajectory.resident, actor, AuditAction.CREATE, "contact", ["note", "next_step"])
    return contact


# --- The location's agreement on urgent situations --------------------------------------------


@transaction.atomic
def urgent_agreement_save(
    *, location: Any, text: str, actor: Any, crisis_phone: str = ""
) -> UrgentAgreement:
    """Write (or rewrite) the location's agreement on urgent situations. The location's row
    is locked, so two projectleiders saving at once both end up in the one agreement (the
    last one wins) instead of one of them hitting the one-per-location rule."""
    from teams.models import Location

    Location.objects.select_for_update().get(pk=location.pk)
    agreement = UrgentAgreement.objects.filter(location_id=location.pk).first()
    if agreement is None:
        agreement = UrgentAgreement(location_id=location.pk)
    agreement.text = text.strip()
    agreement.crisis_phone = crisis_phone.strip()
    agreement.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    agreement.full_clean()
    agreement.save()
    return agreement


# --- Break-glass, retention ------------------------------------------------------------------


@transaction.atomic
def break_glass_open(*, user: Any, resident: Resident, reason: str) -> BreakGlassAccess:
    """A beheerder opens one file for an hour, with a reason; it is in the audit trail."""
    if not access.scope_for(user).is_admin:
        raise ValidationError(_("Alleen beheerders kunnen noodtoegang vragen."))
    _lock_file(resident.pk)
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Schrijf in een zin waarom u dit dossier opent.")})
    grant = BreakGlassAccess.objects.create(
        user=user,
        resident=resident,
        reason=reason[:500],
        expires_at=timezone.now() + BREAK_GLASS_DURATION,
    )
    audit(resident, user, AuditAction.BREAK_GLASS, "dossier", reason=reason[:500])
    return grant


def due_for_retention(today: datetime.date, months: int) -> Any:
    """Residents whose every trajectory ended more than `months` ago (or who never had one
    and were registered that long ago): their file is anonymised."""
    cutoff = _months_before(today, months)
    open_or_recent = Trajectory.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=cutoff), resident=OuterRef("pk")
    )
    return (
        Resident.objects.exclude(Exists(open_or_recent))
        .filter(Q(trajectories__isnull=False) | Q(created_at__date__lte=cutoff))
        .distinct()
        .order_by("pk")
    )


def _months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def apply_retention(*, today: datetime.date, months: int, dry_run: bool) -> list[int]:
    """The ids of the residents anonymised (or, with dry_run, that would be)."""
    due = list(due_for_retention(today, months).values_list("pk", flat=True))
    if not dry_run:
        for resident in Resident.objects.filter(pk__in=due):
            resident_erase(
                resident=resident,
                actor=None,
                source=TallySource.RETENTION,
                reason=REASON_RETENTION % {"months": months},
            )
    return due
