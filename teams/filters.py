"""List filters (django-filter) for the expert pool."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from teams.constants import Availability, Employment, Role
from teams.models import ExperienceTheme, ExpertProfile, Location, Membership, Talent


class StyledFilterSet(django_filters.FilterSet):
    """A filter set whose form fields carry Bootstrap's classes (shared by every list)."""

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
        return form


class ExpertPoolFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("naam"), method="filter_name")
    theme = django_filters.ModelChoiceFilter(
        field_name="themes",
        label=_("ervaringsthema"),
        queryset=ExperienceTheme.objects.all(),
        empty_label=_("Alle thema's"),
    )
    talent = django_filters.ModelChoiceFilter(
        field_name="talents",
        label=_("talent"),
        queryset=Talent.objects.all(),
        empty_label=_("Alle talenten"),
    )
    availability = django_filters.ChoiceFilter(
        label=_("beschikbaarheid"), choices=Availability.choices, empty_label=_("Alle")
    )
    employment = django_filters.ChoiceFilter(
        label=_("betaald of vrijwillig"), choices=Employment.choices, empty_label=_("Beide")
    )
    location = django_filters.ModelChoiceFilter(
        label=_("locatie"),
        method="filter_location",
        queryset=Location.objects.none(),
        empty_label=_("Al mijn locaties"),
    )

    class Meta:
        model = ExpertProfile
        fields: list[str] = []

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["location"].queryset = Location.objects.visible_to(user)

    def filter_name(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(person__given_name__icontains=word) | Q(person__family_name__icontains=word)
            )
        return queryset

    def filter_location(self, queryset, name, value):
        expert_there = Membership.objects.active().filter(
            person=OuterRef("person_id"), location=value, role=Role.EXPERT
        )
        return queryset.filter(Exists(expert_there))
