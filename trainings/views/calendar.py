"""Calendar feeds to subscribe to from Outlook or Google: opened by the token in the URL.

Calendar apps fetch without a log-in, so these views are exempt from LoginRequiredMiddleware;
the token is a calendar link of one user (teams/calendar_links.py), and the feed answers only
while that link is not revoked and its user may still see the run, or is still the trainer.
A bad token is a 404, like a page that does not exist.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from teams import access, calendar_links
from teams.constants import CalendarFeed
from teams.models import CalendarLink
from trainings import calendar
from trainings.models import TrainingRun


def _link(token: str, feed: str) -> CalendarLink:
    try:
        link = calendar_links.resolve(token, (feed,))
    except calendar_links.BadToken as error:
        raise Http404 from error
    if not access.may_use_calendar_link(link):
        raise Http404
    return link


@login_not_required
@require_safe
def run_calendar(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token, CalendarFeed.RUN)
    run = get_object_or_404(
        TrainingRun.objects.visible_to(link.user).select_related("location"), pk=link.object_id
    )
    filename = f"wijkkracht-{slugify(run.title) or run.pk}.ics"
    return calendar_links.ics_response(calendar.run_calendar(run), filename)


@login_not_required
@require_safe
def trainer_calendar(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token, CalendarFeed.TRAINER)
    return calendar_links.ics_response(
        calendar.trainer_calendar(link.object_id), "wijkkracht-mijn-trainingen.ics"
    )
