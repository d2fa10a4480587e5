"""The calendar feed to subscribe to from Outlook or Google: opened by the token in the URL,
a calendar link of one user (teams/calendar_links.py). Exempt from the log-in; a bad,
revoked or no longer allowed link is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from activities import calendar
from teams import access, calendar_links
from teams.models import Location, Person


@login_not_required
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = calendar_links.resolve(token, calendar.KINDS)
    except calendar_links.BadToken as error:
        raise Http404 from error
    if not access.may_use_calendar_link(link):
        raise Http404
    if link.feed == calendar.LOCATION:
        obj = Location.objects.visible_to(link.user).filter(pk=link.object_id).first()
    else:
        obj = Person.objects.filter(pk=link.object_id).first()
    if obj is None:
        raise Http404
    if link.feed == calendar.LOCATION:
        filename = f"wijkkracht-activiteiten-{slugify(obj.name) or obj.pk}.ics"
    else:
        filename = "wijkkracht-mijn-activiteiten.ics"
    return calendar_links.ics_response(calendar.calendar_for(link.feed, obj), filename)
