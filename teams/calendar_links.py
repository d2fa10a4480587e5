"""Calendar links: one place for every calendar feed's subscription link, so a user sees which
links exist and can revoke one at a time (/account/agenda/).

Outlook and Google fetch a subscribed feed without cookies, so the URL carries its own key.
Each link is a row (`CalendarLink`: whose, which feed, of what); the token in the URL is the
row's id and a random `key`, signed with SECRET_KEY. Forging one needs the secret key *and*
the database; revoking the row ends that link alone. A user gets one link per feed: the page
that shows it makes it the first time; after a revocation the page shows a new one.

At every fetch the feed's app also checks that the link's user may still see what the feed
holds (a membership that ended ends the link's use as well): `teams.access.may_use_calendar_link`
and the app's own `visible_to`.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from teams.constants import CalendarFeed
from teams.models import CalendarLink

SALT = "teams.calendar_links"
# Where each feed is served (the app that builds it); the account page links to all of them.
URL_NAMES = {
    CalendarFeed.RUN: "trainings:run_calendar",
    CalendarFeed.TRAINER: "trainings:trainer_calendar",
    CalendarFeed.LOCATION_ACTIVITIES: "activities:calendar",
    CalendarFeed.MY_ACTIVITIES: "activities:calendar",
}
# How often the "last fetched" time is written: calendar apps fetch every few minutes.
USE_RECORDED_EVERY = datetime.timedelta(hours=1)


class BadToken(Exception):
    """Not one of our tokens, changed, revoked, or of another feed."""


def _signer() -> signing.Signer:
    # "." as separator: no ":" in the URL, which some calendar apps encode on the way.
    return signing.Signer(salt=SALT, sep=".")


def token_of(link: CalendarLink) -> str:
    return _signer().sign(f"{link.pk}-{link.key}")


def path_of(link: CalendarLink) -> str:
    return reverse(URL_NAMES[link.feed], kwargs={"token": token_of(link)})


def link_for(user: Any, feed: str, object_id: int, name: str = "") -> CalendarLink:
    """The user's active link to this feed, made now when there is none."""
    active = CalendarLink.objects.filter(
        user=user, feed=feed, object_id=object_id, revoked_at__isnull=True
    )
    found = active.first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return CalendarLink.objects.create(
                user=user,
                feed=feed,
                object_id=object_id,
                name=name[:200],
                key=secrets.token_urlsafe(16),
            )
    except IntegrityError:  # the same page opened twice at once: the other request made it
        return active.get()


def path_for(user: Any, feed: str, object_id: int, name: str = "") -> str:
    """The path of the user's link to this feed (show it only to that user)."""
    return path_of(link_for(user, feed, object_id, name))


def resolve(token: str, feeds: tuple[str, ...]) -> CalendarLink:
    """The active link of this token, with its user; BadToken when forged, revoked, of an
    inactive account, or for a feed other than `feeds`."""
    try:
        value = _signer().unsign(token)
    except signing.BadSignature as error:
        raise BadToken from error
    pk, _sep, key = value.partition("-")
    if not pk.isdigit() or not key:
        raise BadToken
    link = (
        CalendarLink.objects.select_related("user")
        .filter(pk=int(pk), key=key, feed__in=feeds, revoked_at__isnull=True)
        .first()
    )
    if link is None or not link.user.is_active:
        raise BadToken
    _record_use(link)
    return link


def _record_use(link: CalendarLink) -> None:
    now = timezone.now()
    if link.last_used_at is None or link.last_used_at < now - USE_RECORDED_EVERY:
        CalendarLink.objects.filter(pk=link.pk).update(last_used_at=now)


def active_links(user: Any) -> list[CalendarLink]:
    return list(CalendarLink.objects.filter(user=user, revoked_at__isnull=True))


@transaction.atomic
def revoke(link: CalendarLink) -> None:
    CalendarLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def ics_response(cal: Any, filename: str) -> HttpResponse:
    """A feed as calendar apps fetch it: private (per link), cached 15 minutes, not indexed."""
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
