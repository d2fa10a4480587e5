"""The expert pool: find the right ervaringsdeskundige for a resident (the 'koppeling')."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.module_loading import import_string
from django.views.generic import TemplateView

from teams.filters import ExpertPoolFilter
from teams.models import ExpertProfile

PAGE_SIZE = 24


class ExpertPoolView(TemplateView):
    template_name = "teams/expert_pool.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        pool = ExpertProfile.objects.pool_for(user)
        filterset = ExpertPoolFilter(self.request.GET or None, queryset=pool, user=user)
        results = filterset.qs if filterset.is_bound else pool
        if filterset.is_bound and not filterset.is_valid():
            results = pool.none()
        page = Paginator(results, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        query = self.request.GET.copy()
        query.pop("pagina", None)
        experts = list(page.object_list)
        add_extras(experts)
        context.update(filter=filterset, page=page, experts=experts, query=query.urlencode())
        return context


def add_extras(profiles: list[ExpertProfile]) -> None:
    """What other apps tell about the experts shown (settings.POOL_EXTRAS: callables
    (person ids) -> {person id: (label, [texts])}), as `profile.extras`; one call per app."""
    ids = [profile.person_id for profile in profiles]
    found = [import_string(path)(ids) for path in getattr(settings, "POOL_EXTRAS", [])]
    for profile in profiles:
        profile.extras = [extra[profile.person_id] for extra in found if profile.person_id in extra]
