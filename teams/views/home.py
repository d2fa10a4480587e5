"""The home page: what each role needs next."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from teams import access
from teams.models import Location, Person
from teams.panels import panels_for
from teams.selectors import next_steps_for


class HomeView(TemplateView):
    template_name = "teams/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        scope = access.scope_for(user)
        locations = list(Location.objects.visible_to(user).with_overview())
        roles_here = [(location, sorted(scope.roles_at(location.pk))) for location in locations]
        context.update(
            panels=panels_for("home", self.request),
            next_steps=next_steps_for(user),
            locations=locations,
            roles_here=roles_here,
            person=Person.objects.filter(pk=scope.person_id).first() if scope.person_id else None,
        )
        return context
