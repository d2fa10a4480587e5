"""QuerySets of the plans app; `visible_to(user)` follows the location scope of teams.access."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from plans.constants import ACTIVE_PLAN_STATUSES, OPEN_ACTION_STATUSES, ActionStatus
from teams import access


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PlanQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(access.scope_for(user).location_filter("location_id"))

    def with_counts(self) -> PlanQuerySet:
        today = timezone.localdate()
        open_q = Q(goals__actions__status__in=OPEN_ACTION_STATUSES)
        return self.select_related("location", "project_leader").annotate(
            action_count=Count("goals__actions", distinct=True),
            done_count=Count(
                "goals__actions", filter=Q(goals__actions__status=ActionStatus.DONE), distinct=True
            ),
            overdue_count=Count(
                "goals__actions",
                filter=open_q & Q(goals__actions__due_on__lt=today),
                distinct=True,
            ),
        )

    def with_everything(self) -> PlanQuerySet:
        """All a plan page shows, in a fixed number of queries."""
        from plans.models import Action, Goal

        actions = Action.objects.prefetch_related("owner_people", "owner_organisations")
        return self.select_related(
            "location", "project_leader", "updated_by__person"
        ).prefetch_related(
            "neighbourhoods",
            "recovery_organisations",
            "neighbourhood_teams",
            Prefetch("goals", queryset=Goal.objects.prefetch_related(Prefetch("actions", actions))),
        )


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ActionQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(access.scope_for(user).location_filter("goal__plan__location_id"))

    def open(self) -> ActionQuerySet:
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def of_active_plans(self) -> ActionQuerySet:
        """Actions of plans that are approved or under way: agreed work."""
        return self.filter(goal__plan__status__in=ACTIVE_PLAN_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> ActionQuerySet:
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def due_within(self, days: int, today: datetime.date | None = None) -> ActionQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days))

    def for_list(self) -> ActionQuerySet:
        return self.select_related("goal", "goal__plan", "goal__plan__location").prefetch_related(
            "owner_people", "owner_organisations"
        )
