"""All actions of a plan, with status and due date, filterable; overdue ones highlighted."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.views.generic import DetailView

from plans.constants import OPEN_ACTION_STATUSES
from plans.filters import ActionFilter
from plans.models import Action, PlanOfApproach
from teams.views.mixins import ScopedObjectMixin


class ActionListView(ScopedObjectMixin, DetailView):
    model = PlanOfApproach
    template_name = "plans/action_list.html"
    context_object_name = "plan"

    def scope_queryset(self, queryset):
        return queryset.select_related("location")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = self.object
        actions = (
            Action.objects.filter(goal__plan=plan)
            .for_list()
            .order_by("goal__table", "goal__position", "position", "pk")
        )
        filterset = ActionFilter(self.request.GET or None, queryset=actions, plan=plan)
        rows = list(filterset.qs if filterset.is_bound and filterset.is_valid() else actions)
        today = timezone.localdate()
        for action in rows:
            action.is_overdue = bool(
                action.status in OPEN_ACTION_STATUSES and action.due_on and action.due_on < today
            )
        context.update(filter=filterset, actions=rows, today=today)
        return context
