"""QuerySets of the activities app.

Activities and their meetings follow the location scope of teams.access. Intervision groups
are narrower: only their members and facilitators see them, whatever their role; the
coordinator and beheerders get aggregates (selectors.intervision_per_location), never a group.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from teams import access


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ActivityQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(access.scope_for(user).location_filter("location_id"))

    def for_list(self) -> ActivityQuerySet:
        return self.select_related("kind", "neighbourhood").prefetch_related(
            "leaders", "organisations"
        )


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MeetingQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(access.scope_for(user).location_filter("activity__location_id"))

    def held(self) -> MeetingQuerySet:
        """Meetings that took place: not cancelled, and counted."""
        from activities.constants import MeetingStatus

        return self.exclude(status=MeetingStatus.CANCELLED).filter(
            Q(first_time_visitors__isnull=False) | Q(returning_visitors__isnull=False)
        )


def _member_or_facilitator(user: Any, prefix: str = "") -> Q:
    person_id = access.scope_for(user).person_id
    if person_id is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}members": person_id}) | Q(**{f"{prefix}facilitators": person_id})


class IntervisionGroupQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> IntervisionGroupQuerySet:
        """The groups the user is a member or facilitator of: nobody else sees a group."""
        if not user.is_authenticated:
            return self.none()
        ids = self.filter(_member_or_facilitator(user)).values("pk")
        return self.filter(pk__in=ids)

    def active_on(self, day) -> IntervisionGroupQuerySet:
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class GroupMeetingQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> GroupMeetingQuerySet:
        from activities.models import IntervisionGroup

        return self.filter(group__in=IntervisionGroup.objects.visible_to(user).values("pk"))
