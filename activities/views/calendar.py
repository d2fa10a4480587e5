"""The calendar feed to subscribe to from Outlook or Google: opened by the token in the URL
(see activities/calendar.py). Exempt from the log-in; a bad token is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from activities import calendar


@login_not_required
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    try:
        kind, obj = calendar.resolve(token)
    except calendar.BadToken as error:
        raise Http404 from error
    cal = calendar.calendar_for(kind, obj)
    filename = f"wijkkracht-activiteiten-{kind}.ics"
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
