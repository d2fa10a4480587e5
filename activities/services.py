"""Writes of the activities app: keyword-only, one transaction, full_clean() before saving.
A refused write raises ValidationError with a plain Dutch reason and saves nothing."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import recurrence
from activities.constants import GROUP_SIZES, HEADCOUNT_MAX, GroupKind, MeetingStatus
from activities.models import (
    Activity,
    GroupMeeting,
    IntervisionGroup,
    IntervisionTheme,
    Meeting,
    MeetingVisit,
)
from teams.access import active_membership_q
from teams.constants import Role
from teams.models import Organisation, Person

ACTIVITY_FIELDS = (
    "kind",
    "title",
    "description",
    "neighbourhood",
    "address",
    "starts_on",
    "start_time",
    "end_time",
    "frequency",
    "nth_weekday",
    "ends_on",
    "exceptions",
)
LEADER_ROLES = (Role.EXPERT, Role.SOCIAL_WORKER)


class CountConflict(Exception):
    """A colleague counted this meeting differently in between; `current` is the row now."""

    def __init__(self, current: Meeting):
        super().__init__("count conflict")
        self.current = current


# --- Activities ---------------------------------------------------------------------------


def _check_people(location: Any, leaders: Iterable[Person], organisations: Iterable[Any]):
    errors = {}
    leader_ids = {person.pk for person in leaders}
    if not leader_ids:
        errors["leaders"] = _("Kies minstens één begeleider.")
    else:
        here = set(
            Person.objects.filter(
                active_membership_q("memberships__"),
                memberships__location=location,
                memberships__role__in=LEADER_ROLES,
                pk__in=leader_ids,
            ).values_list("pk", flat=True)
        )
        if leader_ids - here:
            errors["leaders"] = _(
                "Kies als begeleiders ervaringsdeskundigen of sociaal werkers van deze locatie."
            )
    organisation_ids = {organisation.pk for organisation in organisations}
    if not organisation_ids:
        errors["organisations"] = _("Kies minstens één organisatie die de activiteit organiseert.")
    else:
        partners = set(
            Organisation.objects.filter(
                partnerships__location=location, pk__in=organisation_ids
            ).values_list("pk", flat=True)
        )
        if organisation_ids - partners:
            errors["organisations"] = _("Kies organisaties die partner zijn van deze locatie.")
    return errors


@transaction.atomic
def activity_save(
    *,
    location: Any,
    actor: Any,
    leaders: Iterable[Person],
    organisations: Iterable[Any],
    activity: Activity | None = None,
    **fields: Any,
) -> Activity:
    """Create or change an activity and bring its meetings in line with the recurrence."""
    leaders, organisations = list(leaders), list(organisations)
    if activity is None:
        activity = Activity(location=location)
    else:
        activity = Activity.objects.select_for_update().get(pk=activity.pk, location=location)
    for name, value in fields.items():
        if name not in ACTIVITY_FIELDS:
            raise TypeError(name)
        setattr(activity, name, value)
    activity.exceptions = sorted({str(day) for day in activity.exceptions or []})
    errors = _check_people(location, leaders, organisations)
    try:
        activity.full_clean()
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    activity.save()
    activity.leaders.set(leaders)
    activity.organisations.set(organisations)
    meetings_sync(activity=activity)
    return activity


def meetings_sync(*, activity: Activity) -> tuple[int, int]:
    """Make a meeting for every date of the recurrence; drop the untouched meetings it no
    longer gives (a meeting that was moved, cancelled, counted or visited stays).
    Returns (made, dropped)."""
    dates = set(recurrence.dates_of(activity))
    existing = {meeting.planned_on: meeting for meeting in activity.meetings.all()}
    new = [
        Meeting(
            activity=activity,
            planned_on=day,
            date=day,
            start_time=activity.start_time,
            end_time=activity.end_time,
        )
        for day in sorted(dates - set(existing))
    ]
    Meeting.objects.bulk_create(new)
    visited = set(
        MeetingVisit.objects.filter(meeting__activity=activity).values_list("meeting_id", flat=True)
    )
    stale = []
    for day, meeting in existing.items():
        untouched = (
            meeting.date == meeting.planned_on
            and meeting.status == MeetingStatus.PLANNED
            and not meeting.is_counted
            and not meeting.note
            and meeting.pk not in visited
        )
        if day not in dates and untouched:
            stale.append(meeting.pk)
        elif untouched and (
            meeting.start_time != activity.start_time or meeting.end_time != activity.end_time
        ):
            meeting.start_time, meeting.end_time = activity.start_time, activity.end_time
            meeting.save(update_fields=["start_time", "end_time"])
    Meeting.objects.filter(pk__in=stale).delete()
    return len(new), len(stale)


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("activity").get(pk=meeting.pk)


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    note: str = "",
    actor: Any,
) -> Meeting:
    """Move one meeting to another date or time (the rest of the series stays)."""
    meeting = _locked_meeting(meeting)
    activity = meeting.activity
    errors = {}
    if date < activity.starts_on:
        errors["date"] = _(
            "Deze datum ligt vóór de eerste bijeenkomst van de activiteit (%(start)s)."
        ) % {"start": activity.starts_on.strftime("%d-%m-%Y")}
    elif date > activity.ends_on:
        errors["date"] = _(
            "Deze datum ligt na de laatste datum van de reeks (%(end)s). Verleng eerst de reeks."
        ) % {"end": activity.ends_on.strftime("%d-%m-%Y")}
    if end_time <= start_time:
        errors["end_time"] = _("De eindtijd ligt vóór of op de begintijd.")
    if errors:
        raise ValidationError(errors)
    meeting.date, meeting.start_time, meeting.end_time = date, start_time, end_time
    meeting.note = note.strip()
    meeting.version += 1
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, note: str = "", actor: Any) -> Meeting:
    meeting = _locked_meeting(meeting)
    if meeting.is_counted:
        raise ValidationError(
            _("Bij deze bijeenkomst zijn al bezoekers geteld. Zet de telling eerst terug.")
        )
    meeting.status = MeetingStatus.CANCELLED
    meeting.note = note.strip()
    meeting.version += 1
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_restore(*, meeting: Meeting, actor: Any) -> Meeting:
    meeting = _locked_meeting(meeting)
    meeting.status = MeetingStatus.PLANNED
    meeting.version += 1
    meeting.save()
    return meeting


def _count_value(raw: Any, label: str) -> int | None:
    if raw is None or raw == "":
        return None
    text = str(raw).strip()
    if not text.lstrip("-").isdigit() or len(text) > 9:
        raise ValidationError(_("Vul bij %(label)s een heel getal in.") % {"label": label})
    value = int(text)
    if value < 0:
        raise ValidationError(
            _("Bij %(label)s kan het aantal niet kleiner zijn dan 0.") % {"label": label}
        )
    if value > HEADCOUNT_MAX:
        raise ValidationError(
            _("Bij %(label)s kunnen hoogstens %(max)s bezoekers staan. Klopt het aantal?")
            % {"label": label, "max": HEADCOUNT_MAX}
        )
    return value


@transaction.atomic
def meeting_count(
    *,
    meeting_id: int,
    first_time: Any,
    returning: Any,
    token: uuid.UUID,
    seen_version: int | None,
    actor: Any,
    today: datetime.date | None = None,
) -> Meeting:
    """Record the anonymous headcount of a meeting. The same token twice changes nothing
    more (a double tap or a retry); a colleague's count in between is a CountConflict."""
    meeting = Meeting.objects.select_for_update().select_related("activity").get(pk=meeting_id)
    if meeting.count_token == token:
        return meeting
    first = _count_value(first_time, _("voor het eerst"))
    back = _count_value(returning, _("terugkomers"))
    if meeting.is_cancelled:
        raise ValidationError(_("Deze bijeenkomst gaat niet door; er valt niets te tellen."))
    if meeting.date > (today or timezone.localdate()):
        raise ValidationError(_("Deze bijeenkomst is nog niet geweest."))
    if seen_version is not None and seen_version != meeting.version:
        raise CountConflict(meeting)
    meeting.first_time_visitors, meeting.returning_visitors = first, back
    meeting.count_token = token
    meeting.counted_by = actor if getattr(actor, "is_authenticated", False) else None
    meeting.version += 1
    meeting.full_clean()
    meeting.save()
    return meeting


# --- A resident's case linked to a meeting -----------------------------------------------


@transaction.atomic
def visit_link(*, meeting: Meeting, resident: Any, first_time: bool, actor: Any) -> MeetingVisit:
    """Link a resident (whose file the actor may see: the caller takes it from
    Resident.objects.visible_to) to a meeting of their location. Idempotent."""
    from casework.constants import AuditAction
    from casework.services import audit

    meeting = _locked_meeting(meeting)
    if meeting.activity.location_id != resident.location_id:
        raise ValidationError(_("Deze bijeenkomst hoort bij een andere locatie dan de bewoner."))
    if meeting.is_cancelled:
        raise ValidationError(_("Deze bijeenkomst ging niet door."))
    visit, created = MeetingVisit.objects.get_or_create(
        meeting=meeting,
        resident=resident,
        defaults={"first_time": first_time, "recorded_by": actor},
    )
    if not created and visit.first_time != first_time:
        visit.first_time = first_time
        visit.save(update_fields=["first_time"])
    audit(resident, actor, AuditAction.CHANGE, subject="activiteit")
    return visit


@transaction.atomic
def visit_unlink(*, visit: MeetingVisit, actor: Any) -> None:
    from casework.constants import AuditAction
    from casework.services import audit

    audit(visit.resident, actor, AuditAction.CHANGE, subject="activiteit")
    visit.delete()


# --- Intervision, supervision and coaching ------------------------------------------------


def size_problem(kind: str, count: int) -> str:
    """The Dutch reason a group of `count` members is refused, or ""."""
    smallest, largest = GROUP_SIZES.get(kind, (1, 8))
    if kind == GroupKind.INTERVISION and not smallest <= count <= largest:
        return _(
            "Een intervisiegroep heeft vier tot acht deelnemers; u koos er %(count)s. "
            "Bij minder komt het gesprek niet op gang, bij meer komt niet iedereen aan bod."
        ) % {"count": count}
    if kind == GroupKind.SUPERVISION and not smallest <= count <= largest:
        return _(
            "Supervisie is individueel of in een groepje van hoogstens vier; u koos er "
            "%(count)s deelnemers."
        ) % {"count": count}
    if kind == GroupKind.COACHING and count != 1:
        return _("Coaching is één op één: kies één deelnemer.")
    return ""


def facilitator_candidates(location: Any):
    """Who may facilitate a group of the location: its experts, trainers and projectleider
    (never in the role of social worker only), by name."""
    return (
        Person.objects.filter(
            Q(memberships__location=location)
            & Q(memberships__role__in=(Role.EXPERT, Role.TRAINER, Role.PROJECT_LEADER)),
            active_membership_q("memberships__"),
        )
        .distinct()
        .order_by("family_name", "given_name")
    )


def _experts_of(location: Any):
    return Person.objects.working_at(location.pk, role=Role.EXPERT)


@transaction.atomic
def group_save(
    *,
    location: Any,
    actor: Any,
    members: Iterable[Person],
    facilitators: Iterable[Person],
    group: IntervisionGroup | None = None,
    **fields: Any,
) -> IntervisionGroup:
    """Create or change a group. Members are experts of the location; the size follows the
    kind (§3.2.3); whoever starts a group (not a beheerder) is a member or facilitator."""
    from teams.access import scope_for

    members, facilitators = list(members), list(facilitators)
    if group is None:
        group = IntervisionGroup(location=location)
    else:
        group = IntervisionGroup.objects.select_for_update().get(pk=group.pk, location=location)
    for name in ("kind", "name", "cadence", "place", "starts_on", "ends_on"):
        if name in fields:
            setattr(group, name, fields.pop(name))
    if fields:
        raise TypeError(sorted(fields))
    errors: dict[str, Any] = {}
    member_ids = {person.pk for person in members}
    facilitator_ids = {person.pk for person in facilitators}
    problem = size_problem(group.kind, len(member_ids))
    if problem:
        errors["members"] = problem
    elif set(_experts_of(location).filter(pk__in=member_ids).values_list("pk", flat=True)) != (
        member_ids
    ):
        errors["members"] = _("Kies als deelnemers ervaringsdeskundigen van deze locatie.")
    if not facilitator_ids:
        errors["facilitators"] = _("Kies minstens één begeleider.")
    elif member_ids & facilitator_ids:
        errors["facilitators"] = _("Iemand kan niet tegelijk deelnemer en begeleider zijn.")
    else:
        known = facilitator_candidates(location).filter(pk__in=facilitator_ids)
        if set(known.values_list("pk", flat=True)) != facilitator_ids:
            errors["facilitators"] = _(
                "Kies als begeleiders ervaringsdeskundigen, trainers of de projectleider van "
                "deze locatie. Sociaal werkers begeleiden geen intervisie."
            )
    scope = scope_for(actor)
    if not scope.is_admin and scope.person_id not in member_ids | facilitator_ids:
        errors.setdefault(
            "facilitators",
            _("U moet zelf deelnemer of begeleider zijn van een groep die u aanmaakt."),
        )
    try:
        group.full_clean()
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    group.save()
    group.members.set(members)
    group.facilitators.set(facilitators)
    return group


@transaction.atomic
def group_meeting_save(
    *,
    group: IntervisionGroup,
    actor: Any,
    date: datetime.date,
    attendees: Iterable[Person],
    themes: Iterable[IntervisionTheme],
    free_themes: str = "",
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    meeting: GroupMeeting | None = None,
    today: datetime.date | None = None,
) -> GroupMeeting:
    """Record a meeting of a group: when, who was there (members and facilitators only) and
    which themes came up. No case content is kept."""
    attendees = list(attendees)
    if meeting is None:
        meeting = GroupMeeting(group=group)
    else:
        meeting = GroupMeeting.objects.select_for_update().get(pk=meeting.pk, group=group)
    meeting.date, meeting.start_time, meeting.end_time = date, start_time, end_time
    meeting.free_themes = (free_themes or "").replace("\x00", "").strip()
    errors: dict[str, Any] = {}
    if date < group.starts_on:
        errors["date"] = _("Deze datum ligt vóór de start van de groep.")
    elif group.ends_on and date > group.ends_on:
        errors["date"] = _("Deze datum ligt na het einde van de groep.")
    elif attendees and date > (today or timezone.localdate()):
        errors["attendees"] = _("Wie er was, vult u in na de bijeenkomst.")
    allowed = set(group.members.values_list("pk", flat=True)) | set(
        group.facilitators.values_list("pk", flat=True)
    )
    if {person.pk for person in attendees} - allowed:
        errors["attendees"] = _("Alleen deelnemers en begeleiders van de groep kunnen er zijn.")
    try:
        meeting.full_clean()
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    meeting.save()
    meeting.attendees.set(attendees)
    meeting.themes.set(list(themes))
    return meeting
