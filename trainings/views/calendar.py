"""Calendar feeds to subscribe to from Outlook or Google: opened by the token in the URL.

Calendar apps fetch without a log-in, so these views are exempt from LoginRequiredMiddleware;
the signed token is the key (see trainings/calendar.py). A bad token is a 404, like a page
that does not exist.
"""

from __future__ import annotations

import icalendar
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from teams.models import Person
from trainings import calendar
from trainings.models import TrainingRun


def _token_pk(token: str, kind: str) -> int:
    try:
        return calendar.read_token(token, kind)
    except calendar.BadToken as error:
        raise Http404 from error


def _ics_response(cal: icalendar.Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_not_required
@require_safe
def run_calendar(request: HttpRequest, token: str) -> HttpResponse:
    run = get_object_or_404(
        TrainingRun.objects.select_related("location"), pk=_token_pk(token, calendar.RUN)
    )
    filename = f"wijkkracht-{slugify(run.title) or run.pk}.ics"
    return _ics_response(calendar.run_calendar(run), filename)


@login_not_required
@require_safe
def trainer_calendar(request: HttpRequest, token: str) -> HttpResponse:
    person_id = _token_pk(token, calendar.TRAINER)
    if not Person.objects.filter(pk=person_id).exists():
        raise Http404
    return _ics_response(calendar.trainer_calendar(person_id), "wijkkracht-mijn-trainingen.ics")
