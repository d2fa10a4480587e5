"""Calendar feeds (iCalendar) of a location's activities and of one person's activities and
intervision meetings.

Calendar apps fetch without cookies, so the URL carries its own key: a calendar link of the
user it was shown to (teams/calendar_links.py), which that user can revoke on
/account/agenda/. A person's feed holds no names; a location's feed only activities
(intervision is for the group's members, so it is only in their own feed).
"""

from __future__ import annotations

import datetime
from typing import Any

import icalendar
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from teams import calendar_links
from teams.constants import CalendarFeed

LOCATION = CalendarFeed.LOCATION_ACTIVITIES
PERSON = CalendarFeed.MY_ACTIVITIES
KINDS = (LOCATION, PERSON)
PRODID = "-//Wijkkracht//Activiteiten//NL"


def feed_url(kind: str, obj: Any, user: Any) -> str:
    """The path of `user`'s link to the feed of `obj` (a location, or the user's own person);
    show it only to that user."""
    if kind not in KINDS:
        raise ValueError(kind)
    name = obj.name if kind == LOCATION else ""
    return calendar_links.path_for(user, kind, obj.pk, name)


# --- The feed -----------------------------------------------------------------------------


def _absolute(path: str) -> str:
    site = getattr(settings, "SITE_URL", "")
    return f"{site.rstrip('/')}{path}" if site else ""


def _meetings(filter_q: Q):
    from activities.models import Meeting

    since = timezone.localdate() - datetime.timedelta(days=90)
    return (
        Meeting.objects.filter(filter_q, date__gte=since)
        .select_related("activity__location")
        .order_by("date", "start_time", "pk")
    )


def _group_meetings(person_id: int):
    from activities.models import GroupMeeting

    since = timezone.localdate() - datetime.timedelta(days=90)
    return (
        GroupMeeting.objects.filter(
            Q(group__members=person_id) | Q(group__facilitators=person_id), date__gte=since
        )
        .select_related("group")
        .distinct()
        .order_by("date", "pk")
    )


def meeting_event(meeting: Any, stamp) -> icalendar.Event:
    activity = meeting.activity
    event = icalendar.Event()
    event.add("uid", f"activity-meeting-{meeting.pk}@wijkkracht")
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.local_start())
    event.add("dtend", meeting.local_end())
    event.add("summary", activity.title)
    event.add("location", activity.address)
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
    event.add("description", _("Locatie: %(location)s") % {"location": activity.location.name})
    url = _absolute(activity.get_absolute_url())
    if url:
        event.add("url", url)
    return event


def group_event(meeting: Any, stamp) -> icalendar.Event:
    group = meeting.group
    event = icalendar.Event()
    event.add("uid", f"group-meeting-{meeting.pk}@wijkkracht")
    event.add("dtstamp", stamp)
    tz = timezone.get_default_timezone()
    if meeting.start_time and meeting.end_time:
        event.add("dtstart", datetime.datetime.combine(meeting.date, meeting.start_time, tz))
        event.add("dtend", datetime.datetime.combine(meeting.date, meeting.end_time, tz))
    else:
        event.add("dtstart", meeting.date)
    event.add("summary", f"{group.get_kind_display()}: {group.name}")
    if group.place:
        event.add("location", group.place)
    return event


def build(name: str, meetings: list, group_meetings: list) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for meeting in meetings:
        cal.add_component(meeting_event(meeting, stamp))
    for meeting in group_meetings:
        cal.add_component(group_event(meeting, stamp))
    dates = [m.date for m in meetings] + [m.date for m in group_meetings]
    if dates:
        cal.add_missing_timezones(
            first_date=datetime.date(min(dates).year - 1, 1, 1),
            last_date=datetime.date(max(dates).year + 2, 1, 1),
        )
    return cal


def calendar_for(kind: str, obj: Any) -> icalendar.Calendar:
    if kind == LOCATION:
        meetings = list(_meetings(Q(activity__location=obj)))
        return build(
            _("Wijkkracht – activiteiten %(location)s") % {"location": obj.name}, meetings, []
        )
    meetings = list(_meetings(Q(activity__leaders=obj.pk)).distinct())
    return build(
        _("Wijkkracht – mijn activiteiten en intervisie"), meetings, list(_group_meetings(obj.pk))
    )
