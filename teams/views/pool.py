"""The expert pool: find the right ervaringsdeskundige for a resident (the 'koppeling')."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
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
        context.update(
            filter=filterset, page=page, experts=page.object_list, query=query.urlencode()
        )
        return context
