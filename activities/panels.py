"""The activities app's panels on teams' pages (named in settings.PANELS).

- home page: the meetings of the activities the user leads (this week, and those still to
  count), and the way to "my intervision" for experts;
- location page: the location's activities this week, with a link to all of them;
- a resident's file: the meetings they went to (casework's page, PANELS["resident"]).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from activities.models import Meeting
from teams import access
from teams.constants import Role

SHOWN = 6


def my_activities(request: HttpRequest, **kwargs: Any) -> dict[str, Any] | None:
    scope = access.scope_for(request.user)
    is_expert = scope.has_role(Role.EXPERT)
    person_id = scope.person_id
    if person_id is None and not scope.is_coordinator:
        return None
    today = timezone.localdate()
    meetings = []
    if person_id is not None:
        meetings = list(
            Meeting.objects.filter(
                activity__leaders=person_id,
                date__gte=today - datetime.timedelta(days=14),
                date__lte=today + datetime.timedelta(days=7),
            )
            .exclude(status="vervallen")
            .select_related("activity")
            .order_by("date", "start_time")[:SHOWN]
        )
    if not meetings and not is_expert and not scope.is_coordinator:
        return None
    return {
        "template": "activities/includes/home_panel.html",
        "meetings": meetings,
        "today": today,
        "is_expert": is_expert,
        "overview": access.can_see_intervision_overview(request.user),
    }


def location_activities(request: HttpRequest, *, location: Any) -> dict[str, Any]:
    today = timezone.localdate()
    meetings = list(
        Meeting.objects.filter(
            activity__location=location,
            date__gte=today,
            date__lt=today + datetime.timedelta(days=7),
        )
        .select_related("activity")
        .order_by("date", "start_time")[:SHOWN]
    )
    return {
        "template": "activities/includes/location_panel.html",
        "location": location,
        "meetings": meetings,
        "can_manage": access.can_manage_activities(request.user, location),
    }


def resident_activities(request: HttpRequest, *, resident: Any) -> dict[str, Any]:
    """On a resident's file: the meetings they went to, and where to record one."""
    from activities.models import MeetingVisit

    visits = list(
        MeetingVisit.objects.filter(resident=resident)
        .select_related("meeting__activity")
        .order_by("-meeting__date")[:SHOWN]
    )
    return {
        "template": "activities/includes/resident_panel.html",
        "resident": resident,
        "visits": visits,
        "can_link": access.can_link_visit(request.user, resident),
    }
