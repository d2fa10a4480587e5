"""The trainings app's panels on teams' pages (named in settings.PANELS).

- location page: the location's coming half-days and its training and workshop runs;
- home page: a trainer's half-days, today's first.

Each costs a fixed number of queries, however many sessions there are.
"""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from teams import access
from teams.constants import Role
from trainings.models import Session, TrainingRun

SHOWN = 8  # coming half-days on the location page
LATER = 4  # half-days after today on the home page


def upcoming_sessions(request: HttpRequest, *, location: Any) -> dict[str, Any]:
    """The location's half-days from today on, and a list of all its runs. Two queries."""
    today = timezone.localdate()
    sessions = (
        Session.objects.filter(run__location=location).upcoming(today).select_related("run")[:SHOWN]
    )
    runs = (
        TrainingRun.objects.filter(location=location)
        .with_progress()
        .order_by("kind", "-created_at")
    )
    return {
        "template": "trainings/includes/location_sessions.html",
        "sessions": list(sessions),
        "runs": list(runs),
        "today": today,
        "location": location,
        "can_create": access.can_manage_location(request.user, location),
    }


def my_sessions(request: HttpRequest, **kwargs: Any) -> dict[str, Any] | None:
    """Half-days of the runs the user trains, or at a location where they are a trainer:
    all of today's, then the next few. None when there is nothing to show."""
    user = request.user
    scope = access.scope_for(user)
    trainer_at = sorted(
        location_id
        for location_id, roles in scope.roles_by_location.items()
        if Role.TRAINER in roles
    )
    conditions = [Q(run__location_id__in=trainer_at)] if trainer_at else []
    if scope.person_id is not None:
        conditions += [
            Q(run__national_trainer_id=scope.person_id),
            Q(run__local_trainer_id=scope.person_id),
        ]
    if not conditions:
        return None
    today = timezone.localdate()
    sessions = list(
        Session.objects.visible_to(user)
        .filter(reduce(operator.or_, conditions))
        .upcoming(today)
        .select_related("run__location")[: SHOWN + LATER]
    )
    if not sessions:
        return None
    today_sessions = [session for session in sessions if session.date == today]
    later = [session for session in sessions if session.date != today][:LATER]
    return {
        "template": "trainings/includes/home_sessions.html",
        "today_sessions": today_sessions,
        "later": later,
        "today": today,
    }
