"""Reads of the activities app that span models, in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from activities.constants import INTERVISION_KINDS, GroupKind, MeetingStatus
from activities.models import Activity, GroupMeeting, IntervisionGroup, Meeting
from teams.access import active_membership_q
from teams.constants import Role
from teams.models import Person


def _group_member_ids(day: datetime.date, kinds=INTERVISION_KINDS):
    return IntervisionGroup.objects.active_on(day).filter(kind__in=kinds).values("members")


def experts_without_intervision(location: Any):
    """Experts of the location who are in no running intervision or supervision group
    (settings.EMBEDDING_EXPERTS_WITHOUT_INTERVISION points here)."""
    today = timezone.localdate()
    return Person.objects.working_at(location.pk, role=Role.EXPERT).exclude(
        pk__in=_group_member_ids(today)
    )


# --- Activities of a location --------------------------------------------------------------


def location_activities(location: Any, today: datetime.date) -> list[Activity]:
    """The location's activities, each with its next meetings (`upcoming`), in three queries."""
    upcoming = Meeting.objects.filter(date__gte=today).order_by("date", "start_time")
    activities = list(
        Activity.objects.filter(location=location)
        .for_list()
        .prefetch_related(Prefetch("meetings", queryset=upcoming, to_attr="upcoming_all"))
        .order_by("-ends_on", "title")
    )
    for activity in activities:
        activity.upcoming = activity.upcoming_all[:3]
        activity.is_running = activity.ends_on >= today
    return activities


def activity_meetings(activity: Activity) -> list[Meeting]:
    meetings = list(
        activity.meetings.annotate(visit_count=Count("visits")).order_by("date", "start_time")
    )
    for meeting in meetings:
        meeting.activity = activity  # no query per row for is_moved
    return meetings


def week_programme(location: Any, monday: datetime.date) -> list[Meeting]:
    """The meetings of a location in the week that starts on `monday`, in time order."""
    return list(
        Meeting.objects.filter(
            activity__location=location, date__gte=monday, date__lt=monday + datetime.timedelta(7)
        )
        .select_related("activity__kind", "activity__neighbourhood")
        .prefetch_related("activity__leaders")
        .order_by("date", "start_time", "activity__title")
    )


def led_by(person_ids: list[int]) -> dict[int, list[Activity]]:
    """Per person the running activities they lead (for the expert pool), in one query."""
    today = timezone.localdate()
    found: dict[int, list[Activity]] = defaultdict(list)
    rows = Activity.leaders.through.objects.filter(
        person_id__in=person_ids, activity__ends_on__gte=today
    ).select_related("activity")
    for row in rows.order_by("activity__title"):
        found[row.person_id].append(row.activity)
    return found


def pool_leads(person_ids: list[int]) -> dict[int, tuple[str, list[str]]]:
    """For the expert pool (settings.POOL_EXTRAS): the group activities each expert leads."""
    from django.utils.translation import gettext as _

    return {
        person_id: (_("Leidt:"), [activity.title for activity in activities])
        for person_id, activities in led_by(person_ids).items()
    }


def visits_for_file(resident: Any) -> dict[str, Any]:
    """For the resident's copy of their file (settings.CASEWORK_FILE_EXTRAS): the meetings of
    group activities they were linked to, in one query."""
    from django.utils.translation import gettext as _

    from activities.models import MeetingVisit

    visits = (
        MeetingVisit.objects.filter(resident=resident)
        .select_related("meeting__activity")
        .order_by("meeting__date", "pk")
    )
    rows = [
        [
            (_("Datum"), visit.meeting.date.isoformat()),
            (_("Activiteit"), visit.meeting.activity.title),
            (_("Voor het eerst"), _("ja") if visit.first_time else _("nee")),
            (_("Vastgelegd op"), visit.recorded_at.date().isoformat()),
        ]
        for visit in visits
    ]
    return {
        "key": "activity_visits",
        "title": _("Bezoeken aan groepsactiviteiten"),
        "empty": _("Er is geen bezoek aan een groepsactiviteit vastgelegd."),
        "rows": rows,
    }


# --- Intervision ---------------------------------------------------------------------------


def my_groups(user: Any) -> list[IntervisionGroup]:
    return list(
        IntervisionGroup.objects.visible_to(user)
        .select_related("location")
        .prefetch_related("facilitators")
        .annotate(n_members=Count("members", distinct=True))
        .order_by("kind", "name")
    )


@dataclass
class YearLine:
    group: IntervisionGroup
    role: str  # "deelnemer" or "begeleider"
    held: int = 0
    attended: int = 0
    last: datetime.date | None = None


def my_year(person_id: int, year: int) -> list[YearLine]:
    """An expert's coaching, intervision and supervision in `year`: per group how many
    meetings were held and how many they attended (two queries)."""
    groups = list(
        IntervisionGroup.objects.filter(Q(members=person_id) | Q(facilitators=person_id))
        .distinct()
        .prefetch_related("facilitators")
        .order_by("kind", "name")
    )
    facilitated = {
        group.pk for group in groups if any(p.pk == person_id for p in group.facilitators.all())
    }
    stats = (
        GroupMeeting.objects.filter(group__in=[group.pk for group in groups], date__year=year)
        .values("group_id")
        .annotate(
            held=Count("pk", distinct=True),
            attended=Count("pk", filter=Q(attendees=person_id), distinct=True),
        )
    )
    by_group = {row["group_id"]: row for row in stats}
    last = dict(
        GroupMeeting.objects.filter(group__in=[g.pk for g in groups], attendees=person_id)
        .values("group_id")
        .annotate(last=Max("date"))
        .values_list("group_id", "last")
    )
    lines = []
    for group in groups:
        row = by_group.get(group.pk, {})
        lines.append(
            YearLine(
                group=group,
                role="begeleider" if group.pk in facilitated else "deelnemer",
                held=row.get("held", 0),
                attended=row.get("attended", 0),
                last=last.get(group.pk),
            )
        )
    return lines


@dataclass
class CityIntervision:
    location: Any
    experts: int = 0
    covered: int = 0
    groups: dict[str, int] = field(default_factory=dict)
    meetings_this_year: int = 0

    @property
    def without(self) -> int:
        return self.experts - self.covered

    @property
    def everyone(self) -> bool:
        return self.experts > 0 and self.covered == self.experts


def intervision_per_location(locations: list[Any], today: datetime.date) -> list[CityIntervision]:
    """Per location: how many experts, how many of them in a running intervision or
    supervision group, the groups per kind, the meetings this year. Counts only, in four
    queries whatever the number of locations."""
    ids = [location.pk for location in locations]
    lines = {location.pk: CityIntervision(location=location) for location in locations}
    from teams.models import Membership

    experts = (
        Membership.objects.filter(active_membership_q(), role=Role.EXPERT, location_id__in=ids)
        .values_list("location_id", "person_id")
        .distinct()
    )
    covered = set(_group_member_ids(today).values_list("members", flat=True).exclude(members=None))
    for location_id, person_id in experts:
        lines[location_id].experts += 1
        if person_id in covered:
            lines[location_id].covered += 1
    groups = (
        IntervisionGroup.objects.active_on(today)
        .filter(location_id__in=ids)
        .values("location_id", "kind")
        .annotate(n=Count("pk"))
    )
    for row in groups:
        lines[row["location_id"]].groups[row["kind"]] = row["n"]
    meetings = (
        GroupMeeting.objects.filter(group__location_id__in=ids, date__year=today.year)
        .values("group__location_id")
        .annotate(n=Count("pk"))
    )
    for row in meetings:
        lines[row["group__location_id"]].meetings_this_year = row["n"]
    for line in lines.values():
        line.group_list = [(label, line.groups.get(value, 0)) for value, label in GroupKind.choices]
    return list(lines.values())


def planned_filter() -> Q:
    return ~Q(status=MeetingStatus.CANCELLED)
