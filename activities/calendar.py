"""Calendar feeds (iCalendar) of a location's activities and of one person's activities and
intervision meetings. All token code of the app is here, in `feed_token` and `resolve`, so
that feed links can later be made revocable in one place.

Calendar apps fetch without cookies, so the URL carries its own key: a token signed with the
site's SECRET_KEY (own salt) over "<kind>-<pk>"; the kind prefix keeps a location's token from
opening a person's feed. A person's feed holds no names; a location's feed only activities
(intervision is for the group's members, so it is only in their own feed).
"""

from __future__ import annotations

import datetime
from typing import Any

import icalendar
from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

SALT = "activities.calendar"
LOCATION = "locatie"
PERSON = "persoon"
KINDS = (LOCATION, PERSON)
PRODID = "-//Wijkkracht//Activiteiten//NL"


class BadToken(Exception):
    """The token is not ours, was changed, or names a kind we do not know."""


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT, sep=".")


def feed_token(kind: str, obj: Any) -> str:
    if kind not in KINDS:
        raise ValueError(kind)
    return _signer().sign(f"{kind}-{obj.pk}")


def resolve(token: str) -> tuple[str, Any]:
    """(kind, object) the token was made for; BadToken when forged, unknown or gone."""
    from teams.models import Location, Person

    try:
        value = _signer().unsign(token)
    except signing.BadSignature as error:
        raise BadToken from error
    kind, _sep, pk = value.partition("-")
    if kind not in KINDS or not pk.isdigit():
        raise BadToken
    model = Location if kind == LOCATION else Person
    obj = model.objects.filter(pk=int(pk)).first()
    if obj is None:
        raise BadToken
    return kind, obj


def feed_url(kind: str, obj: Any) -> str:
    """The path of the feed (show it only to who may see what it holds)."""
    return reverse("activities:calendar", kwargs={"token": feed_token(kind, obj)})


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
