"""Calendar feeds (iCalendar) of a run's sessions and of a trainer's sessions.

Outlook and Google fetch a subscribed feed without cookies, so the feed's URL carries its own
key: a token signed with the site's SECRET_KEY over "run:<pk>" or "trainer:<person pk>".
Stateless, so nothing to store; the prefix keeps a run's token from opening a trainer's feed.
A token cannot be withdrawn one by one: only a new SECRET_KEY (and dropping the old one from
SECRET_KEY_FALLBACKS) ends every token at once.

The feeds hold dates, times, places and titles only: no names of participants.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.core import signing
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trainings.constants import CurriculumKind
from trainings.models import Session, TrainingRun

SALT = "trainings.calendar"
RUN = "run"
TRAINER = "trainer"
PRODID = "-//Wijkkracht//Trainingen//NL"


class BadToken(Exception):
    """The token is not ours, was changed, or is for another kind of feed."""


def _signer() -> signing.Signer:
    # "." as separator: no ":" in the URL, which some calendar apps encode on the way.
    return signing.Signer(salt=SALT, sep=".")


def make_token(kind: str, pk: int) -> str:
    return _signer().sign(f"{kind}-{pk}")


def read_token(token: str, kind: str) -> int:
    """The pk the token was made for; BadToken when it is forged or of another kind."""
    try:
        value = _signer().unsign(token)
    except signing.BadSignature as error:
        raise BadToken from error
    found_kind, _sep, pk = value.partition("-")
    if found_kind != kind or not pk.isdigit():
        raise BadToken
    return int(pk)


def run_feed_url(run: TrainingRun) -> str:
    """The path of the run's feed (show it only to people who may see the run)."""
    return reverse("trainings:run_calendar", kwargs={"token": make_token(RUN, run.pk)})


def trainer_feed_url(person_id: int) -> str:
    """The path of a trainer's feed (show it only to that person)."""
    return reverse("trainings:trainer_calendar", kwargs={"token": make_token(TRAINER, person_id)})


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
