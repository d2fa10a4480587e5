"""Filters (django-filter) for a plan's action list."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.constants import OPEN_ACTION_STATUSES, ActionStatus, GoalTable
from plans.models import Action
from teams.filters import StyledFilterSet
from teams.models import Person


class ActionFilter(StyledFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=ActionStatus.choices, empty_label=_("Alle")
    )
    table = django_filters.ChoiceFilter(
        field_name="goal__table",
        label=_("tabel"),
        choices=GoalTable.choices,
        empty_label=_("Beide"),
    )
    owner = django_filters.ModelChoiceFilter(
        field_name="owner_people",
        label=_("uitvoerder"),
        queryset=Person.objects.none(),
        empty_label=_("Iedereen"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("alleen te laat"), method="filter_overdue", widget=forms.CheckboxInput
    )

    class Meta:
        model = Action
        fields: list[str] = []

    def __init__(self, *args: Any, plan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["owner"].queryset = Person.objects.working_at(plan.location)

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(status__in=OPEN_ACTION_STATUSES) & Q(due_on__lt=timezone.localdate())
        )
