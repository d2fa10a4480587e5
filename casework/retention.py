"""The nightly retention run: first the report to the privacy officers, then the erasure.

`retention_nightly` (Celery beat, `casework.tasks.apply_retention`) finds the files whose
retention period is over (`services.due_for_retention`, the same rule as
`manage.py apply_retention`), mails each location's privacyfunctionarissen the list of file
numbers that will be anonymised (numbers only: no names in a mail), and then anonymises exactly
those files. Run again (a second beat, a redelivered task) it finds nothing new to do: the
report of a location goes out once a day (outbox key) and an erased file is gone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from casework import services
from casework.constants import REASON_RETENTION, TallySource
from casework.models import Resident
from config.language import recipient_language
from outbox.services import mail_enqueue
from teams.access import active_membership_q
from teams.constants import Role
from teams.models import Location, Membership


@dataclass
class RetentionRun:
    reported: dict[int, list[int]] = field(default_factory=dict)  # location id -> resident ids
    reports_queued: int = 0
    erased: list[int] = field(default_factory=list)


def _privacy_officers(location_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Per location the (address, language) of its active privacy officers."""
    found: dict[int, list[tuple[str, str]]] = {}
    memberships = Membership.objects.filter(
        active_membership_q(), role=Role.PRIVACY_OFFICER, location_id__in=location_ids
    ).select_related("person__user")
    for membership in memberships:
        person = membership.person
        user = person.user
        address = person.email or (user.email if user else "")
        if address and (user is None or user.is_active):
            language = recipient_language(user)
            found.setdefault(membership.location_id, []).append((address, language))
    return found


def _report(location: Location, ids: list[int], *, months: int, today: datetime.date):
    context = {"location": location, "ids": ids, "months": months, "today": today}
    return EmailMessage(
        subject=_("Wijkkracht: %(count)d dossiers worden vannacht geanonimiseerd (%(place)s)")
        % {"count": len(ids), "place": location.name},
        body=render_to_string("casework/email/retention_report.txt", context),
    )


def retention_nightly(*, today: datetime.date, months: int) -> RetentionRun:
    run = RetentionRun()
    due = services.due_for_retention(today, months).values_list("pk", "location_id")
    for resident_id, location_id in due:
        run.reported.setdefault(location_id, []).append(resident_id)
    if not run.reported:
        return run
    officers = _privacy_officers(list(run.reported))
    locations = Location.objects.in_bulk(list(run.reported))
    for location_id, ids in run.reported.items():
        for address, language in officers.get(location_id, []):
            with translation.override(language):
                message = _report(locations[location_id], ids, months=months, today=today)
            message.to = [address]
            key = f"retention-report:{location_id}:{address}:{today.isoformat()}"
            if mail_enqueue(message, dedupe_key=key[:200]) is not None:
                run.reports_queued += 1
    reported_ids = [pk for ids in run.reported.values() for pk in ids]
    for resident in Resident.objects.filter(pk__in=reported_ids).order_by("pk"):
        services.resident_erase(
            resident=resident,
            actor=None,
            source=TallySource.RETENTION,
            reason=REASON_RETENTION % {"months": months},
        )
        run.erased.append(resident.pk)
    return run
