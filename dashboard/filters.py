"""The dashboard's filters (django-filter): name or city, location status, and the period."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teams.constants import LocationStatus
from teams.filters import StyledFilterSet
from teams.models import Location

PERIODS = [(3, _("3 maanden")), (6, _("6 maanden")), (12, _("12 maanden")), (24, _("24 maanden"))]
DEFAULT_PERIOD = 12


class DashboardFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Plaats of naam"), method="filter_text")
    status = django_filters.ChoiceFilter(
        label=_("Status locatie"), choices=LocationStatus.choices, empty_label=_("Alle")
    )
    months = django_filters.ChoiceFilter(
        label=_("Periode"),
        choices=[(str(n), label) for n, label in PERIODS],
        empty_label=None,
        method="filter_period",
        # Without it the unfiltered page's select shows its first choice (3 months) while the
        # page shows the default period.
        initial=str(DEFAULT_PERIOD),
    )

    class Meta:
        model = Location
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(city__icontains=word))
        return queryset

    def filter_period(self, queryset, name, value):
        return queryset  # the period chooses the months shown, not the locations

    @property
    def period(self) -> int:
        if self.is_bound and self.form.is_valid():
            value = self.form.cleaned_data.get("months")
            if value:
                return int(value)
        return DEFAULT_PERIOD
