"""Reads for the AVG duties: one resident's whole file (right of access, as JSON and PDF) and
their access log ("wie heeft mijn dossier bekeken").

Every read here costs a fixed number of queries, however many consents, trajectories, contacts
and audit events the resident has. Writes (the audit entry of an export, erasure, break-glass)
live in `casework/services.py`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from casework.constants import SYSTEM_REASONS, AuditAction, ConsentPurpose
from casework.models import CaseAuditEvent, Consent, Contact, Resident, Trajectory
from teams.access import active_membership_q

# The relations a resident's file shows: select them with the resident itself.
RESIDENT_RELATED = ("location", "neighbourhood", "recorded_by_organisation", "registered_by")

# What each kind of audit event means, told to the resident (B1).
ACTION_SENTENCES = {
    AuditAction.READ: gettext_lazy("Heeft uw dossier bekeken."),
    AuditAction.CREATE: gettext_lazy("Heeft gegevens over u vastgelegd."),
    AuditAction.CHANGE: gettext_lazy("Heeft gegevens over u veranderd."),
    AuditAction.EXPORT: gettext_lazy("Heeft een kopie van al uw gegevens gemaakt."),
    AuditAction.ERASE: gettext_lazy("Heeft uw gegevens gewist."),
    AuditAction.BREAK_GLASS: gettext_lazy(
        "Heeft uw dossier geopend met noodtoegang (alleen voor beheerders, met een reden)."
    ),
    AuditAction.CONSENT: gettext_lazy("Heeft een toestemming vastgelegd of ingetrokken."),
}


@dataclass
class AccessLogEntry:
    """One line of the access log, in words a resident understands."""

    at: datetime.datetime
    who: str
    role: str
    action: str
    action_label: str
    what: str
    subject: str
    fields: list[str]
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {
            "when": _iso(self.at),
            "who": self.who,
            "role": self.role,
            "action": self.action_label,
            "what": self.what,
            "subject": self.subject,
            "fields": self.fields,
            "reason": self.reason,
        }


@dataclass
class ResidentFile:
    """Everything Wijkkracht keeps about one resident, with their access log."""

    resident: Resident
    consents: list[Consent]
    trajectories: list[Trajectory]  # each with .contacts.all() prefetched (authors selected)
    access_log: list[AccessLogEntry]
    # What other apps keep about the resident (settings.CASEWORK_FILE_EXTRAS): dicts with a
    # "key", a "title" and "rows" (lists of (label, text) pairs), for the JSON and the PDF.
    extras: list[dict[str, Any]] = field(default_factory=list)

    @property
    def contact_count(self) -> int:
        return sum(len(trajectory.contacts.all()) for trajectory in self.trajectories)


def resident_file(resident: Resident) -> ResidentFile:
    """The resident's whole file in five queries (plus those for `resident`'s relations,
    none when it was fetched with `RESIDENT_RELATED`)."""
    consents = list(
        Consent.objects.filter(resident=resident)
        .select_related(
            "recipient_organisation", "recorded_by__person", "withdrawn_recorded_by__person"
        )
        .order_by("given_on", "pk")
    )
    contacts = Contact.objects.select_related("author").order_by("date", "created_at", "pk")
    trajectories = list(
        Trajectory.objects.filter(resident=resident)
        .select_related("expert", "social_worker")
        .prefetch_related(Prefetch("contacts", queryset=contacts))
        .order_by("started_on", "pk")
    )
    return ResidentFile(
        resident=resident,
        consents=consents,
        trajectories=trajectories,
        access_log=access_log(resident.pk, resident.location_id),
        extras=[
            import_string(path)(resident) for path in getattr(settings, "CASEWORK_FILE_EXTRAS", [])
        ],
    )


def access_log(resident_id: int, location_id: int) -> list[AccessLogEntry]:
    """The resident's audit events, newest first, in two queries: the events with their
    actors, and the actors' roles at the resident's location."""
    from teams.models import Membership

    memberships = Membership.objects.filter(
        active_membership_q(), location_id=location_id
    ).select_related("organisation")
    events = (
        CaseAuditEvent.objects.filter(resident_id=resident_id)
        .select_related("actor__person")
        .prefetch_related(Prefetch("actor__person__memberships", queryset=memberships))
        .order_by("-at", "-pk")
    )
    return [_entry(event) for event in events]


def _entry(event: CaseAuditEvent) -> AccessLogEntry:
    who, role = actor_labels(event.actor)
    return AccessLogEntry(
        at=event.at,
        who=who,
        role=role,
        action=event.action,
        action_label=str(event.get_action_display()),
        what=str(_sentence(event)),
        subject=subject_label(event.subject),
        fields=[field_label(name) for name in event.fields],
        reason=reason_label(event.reason),
    )


def _sentence(event: CaseAuditEvent) -> Any:
    if event.action == AuditAction.READ and event.subject in LIST_SUBJECTS:
        return LISTED_SENTENCE
    return ACTION_SENTENCES.get(event.action, event.get_action_display())


def actor_name(user: Any) -> str:
    """The name of whoever did something (no query when `user.person` was selected)."""
    if user is None:
        return _("Geen naam bekend")
    try:
        return user.person.full_name
    except ObjectDoesNotExist:
        return user.get_username()


def actor_labels(user: Any) -> tuple[str, str]:
    """(name, role) of whoever did something: the person's name and their roles at the
    location (prefetch `person__memberships` for that location), 'Beheerder' for
    administrators."""
    if user is None:
        return actor_name(None), _("Een automatische taak, of een account dat niet meer bestaat")
    roles: list[str] = []
    try:
        person = user.person
    except ObjectDoesNotExist:
        person = None
    if person is not None:
        for membership in person.memberships.all():
            label = str(membership.get_role_display())
            if membership.organisation_id:
                label = f"{label}, {membership.organisation.name}"
            roles.append(label)
    if user.is_superuser:
        roles.append(_("Beheerder"))
    return actor_name(user), "; ".join(sorted(set(roles)))


@cache
def _field_labels() -> dict[str, Any]:
    labels: dict[str, Any] = {}
    for model in (Contact, Trajectory, Consent, Resident):  # the later ones win a clash
        for model_field in model._meta.concrete_fields:
            labels[model_field.name] = model_field.verbose_name  # lazy: translated on use
    return labels


def field_label(name: str) -> str:
    return str(_field_labels().get(name, name))


# What services.audit() stores as the subject: Dutch words, kept as they are in the log and
# shown in the user's language.
SUBJECT_LABELS = {
    "bewoner": pgettext_lazy("audit", "bewoner"),
    "dossier": pgettext_lazy("audit", "dossier"),
    "traject": pgettext_lazy("audit", "traject"),
    "contact": pgettext_lazy("audit", "contact"),
    "inzageoverzicht": pgettext_lazy("audit", "inzageoverzicht"),
    "toestemmingsbewijs": pgettext_lazy("audit", "toestemmingsbewijs"),
    "toestemming gegeven": pgettext_lazy("audit", "toestemming gegeven"),
    "toestemming ingetrokken": pgettext_lazy("audit", "toestemming ingetrokken"),
    "export json": pgettext_lazy("audit", "export json"),
    "export pdf": pgettext_lazy("audit", "export pdf"),
    "activiteit": pgettext_lazy("audit", "bezoek aan een groepsactiviteit"),
    "activiteiten": pgettext_lazy("audit", "bezoek aan groepsactiviteiten"),
    "formulier toestemming": pgettext_lazy("audit", "formulier toestemming"),
    "formulier intrekken": pgettext_lazy("audit", "formulier toestemming intrekken"),
    "formulier nieuw traject": pgettext_lazy("audit", "formulier nieuw traject"),
    "formulier traject": pgettext_lazy("audit", "formulier traject"),
    "formulier contact": pgettext_lazy("audit", "formulier contact"),
    "formulier wissen": pgettext_lazy("audit", "formulier dossier wissen"),
    "bewonerslijst": pgettext_lazy("audit", "lijst van bewoners"),
    "startpagina": pgettext_lazy("audit", "startpagina"),
}

# Reads of a page that names several residents: told to the resident as such.
LIST_SUBJECTS = frozenset({"bewonerslijst", "startpagina"})
LISTED_SENTENCE = gettext_lazy("Zag uw naam in een lijst van dossiers.")


def _subject(text: str) -> str:
    return str(SUBJECT_LABELS.get(text, text))


def subject_label(subject: str) -> str:
    """'toestemming gegeven: delen_herstel' → '… gegeven: Delen met de herstelorganisatie'."""
    head, sep, code = subject.partition(": ")
    if sep and code in ConsentPurpose.values:
        return f"{_subject(head)}: {ConsentPurpose(code).label}"
    return _subject(subject)


PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@cache
def _system_reasons() -> list[tuple[re.Pattern, str]]:
    """Each system reason as a pattern over its Dutch text, its values as named groups."""
    found = []
    for msgid in SYSTEM_REASONS:
        parts = PLACEHOLDER.split(msgid)  # text, name, text, name, ..., text
        pattern = "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
            for index, part in enumerate(parts)
        )
        found.append((re.compile(pattern), msgid))
    return found


def reason_label(reason: str) -> str:
    """A reason in the reader's language when the system wrote it; else as it was typed."""
    for pattern, msgid in _system_reasons():
        match = pattern.fullmatch(reason or "")
        if match:
            return _(msgid) % match.groupdict() if match.groupdict() else _(msgid)
    return reason


# --- The export as JSON (right of access and portability) -----------------------------------


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.isoformat()


def _user_name(user: Any) -> str | None:
    return None if user is None else actor_name(user)


def export_data(file: ResidentFile, *, exported_by: Any) -> dict[str, Any]:
    """The resident's file as plain data (JSON): labels in Dutch, dates in ISO 8601."""
    resident = file.resident
    return {
        "about": _(
            "Dit zijn alle gegevens die Wijkkracht over u bewaart, en een lijst van wie uw "
            "dossier heeft bekeken of veranderd. U heeft recht op deze kopie (AVG, artikel 15)."
        ),
        "exported_at": _iso(timezone.now()),
        "exported_by": _user_name(exported_by),
        "resident": {
            "number": resident.pk,
            "name": resident.name,
            "phone": resident.phone,
            "email": resident.email,
            "location": resident.location.name,
            "neighbourhood": resident.neighbourhood.name if resident.neighbourhood else None,
            "support_asked": [str(label) for label in resident.support_kind_labels()],
            "recorded_by_organisation": resident.recorded_by_organisation.name,
            "registered_by": resident.registered_by.full_name,
            "created_at": _iso(resident.created_at),
            "updated_at": _iso(resident.updated_at),
        },
        "consents": [
            {
                "purpose": str(consent.get_purpose_display()),
                "recipient": consent.recipient_label or None,
                "given_as": str(consent.get_given_as_display()),
                "given_on": _iso(consent.given_on),
                "review_on": _iso(consent.review_on),
                "recorded_by": _user_name(consent.recorded_by),
                "recorded_at": _iso(consent.recorded_at),
                "withdrawn_on": _iso(consent.withdrawn_on),
                "withdrawal_recorded_by": _user_name(consent.withdrawn_recorded_by),
            }
            for consent in file.consents
        ],
        "trajectories": [
            {
                "form": str(trajectory.get_form_display()),
                "expert": trajectory.expert.full_name,
                "social_worker": trajectory.social_worker.full_name,
                "referral_source": str(trajectory.get_referral_source_display()),
                "request": trajectory.request,
                "goals": trajectory.goals,
                "status": str(trajectory.get_status_display()),
                "started_on": _iso(trajectory.started_on),
                "ended_on": _iso(trajectory.ended_on),
                "outcome": str(trajectory.get_outcome_display()) if trajectory.outcome else None,
                "outcome_note": trajectory.outcome_note,
                "created_at": _iso(trajectory.created_at),
                "contacts": [
                    {
                        "date": _iso(contact.date),
                        "kind": str(contact.get_kind_display()),
                        "with_expert": contact.with_expert,
                        "with_social_worker": contact.with_social_worker,
                        "note": contact.note,
                        "next_step": contact.next_step,
                        "written_by": contact.author.full_name,
                        "created_at": _iso(contact.created_at),
                    }
                    for contact in trajectory.contacts.all()
                ],
            }
            for trajectory in file.trajectories
        ],
        **{
            extra["key"]: [{str(label): text for label, text in row} for row in extra["rows"]]
            for extra in file.extras
        },
        "access_log": [entry.as_json() for entry in file.access_log],
    }
