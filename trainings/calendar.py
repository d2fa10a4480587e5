"""Calendar feeds (iCalendar) of a run's sessions and of a trainer's sessions.

Outlook and Google fetch a subscribed feed without cookies, so the feed's URL carries its own
key: a calendar link of the user it was shown to (teams/calendar_links.py), which that user
can revoke on /account/agenda/.

The feeds hold dates, times, places and titles only: no names of participants.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import icalendar
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from teams import calendar_links
from teams.constants import CalendarFeed
from trainings.constants import CurriculumKind
from trainings.models import Session, TrainingRun

PRODID = "-//Wijkkracht//Trainingen//NL"


def run_feed_url(run: TrainingRun, user: Any) -> str:
    """The path of `user`'s link to the run's feed (show it only to that user)."""
    return calendar_links.path_for(user, CalendarFeed.RUN, run.pk, run.title)


def trainer_feed_url(user: Any, person_id: int) -> str:
    """The path of `user`'s link to the feed of the sessions they give (person `person_id`)."""
    return calendar_links.path_for(user, CalendarFeed.TRAINER, person_id)


# --- The feed ---------------------------------------------------------------------------------


def dated(sessions: QuerySet) -> QuerySet:
    """Sessions with a date, a start and an end, in time order, with what the feed shows."""
    return (
        sessions.filter(date__isnull=False, starts_at__isnull=False, ends_at__isnull=False)
        .select_related("run__location")
        .order_by("date", "starts_at", "run_id", "number")
    )


def run_sessions(run: TrainingRun) -> QuerySet:
    return dated(Session.objects.filter(run=run))


def trainer_sessions(person_id: int) -> QuerySet:
    return dated(
        Session.objects.filter(
            Q(run__national_trainer_id=person_id) | Q(run__local_trainer_id=person_id)
        )
    )


def build_calendar(name: str, sessions: Iterable[Session]) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    sessions = list(sessions)
    for session in sessions:
        cal.add_component(session_event(session, stamp))
    if sessions:
        # A VTIMEZONE for the years the feed spans (not 1970-2038: that is 6 kB per fetch).
        dates = [session.date for session in sessions]
        cal.add_missing_timezones(
            first_date=datetime.date(min(dates).year - 1, 1, 1),
            last_date=datetime.date(max(dates).year + 2, 1, 1),
        )
    return cal


def session_event(session: Session, stamp) -> icalendar.Event:
    run = session.run
    event = icalendar.Event()
    event.add("uid", f"session-{session.pk}@wijkkracht")
    event.add("dtstamp", stamp)
    event.add("dtstart", session.local_start())
    event.add("dtend", session.local_end())
    event.add("summary", session_summary(session))
    event.add("location", session.place or run.location.name)
    event.add("description", _("Locatie: %(location)s") % {"location": run.location.name})
    url = _absolute(session.get_absolute_url())
    if url:
        event.add("url", url)
    return event


def session_summary(session: Session) -> str:
    run = session.run
    if run.kind == CurriculumKind.WORKSHOP:
        return run.title
    return _("%(run)s – dagdeel %(number)s: %(title)s") % {
        "run": run.title,
        "number": session.number,
        "title": session.title,
    }


def _absolute(path: str) -> str:
    """The path as a link on the site; "" without SITE_URL (a calendar app cannot follow a
    relative link)."""
    site = getattr(settings, "SITE_URL", "")
    return f"{site.rstrip('/')}{path}" if site else ""


def run_calendar(run: TrainingRun) -> icalendar.Calendar:
    return build_calendar(f"Wijkkracht – {run.title}", run_sessions(run))


def trainer_calendar(person_id: int) -> icalendar.Calendar:
    # The trainer's own feed: no name in it, so a leaked feed tells less.
    return build_calendar(_("Wijkkracht – mijn trainingen"), trainer_sessions(person_id))
