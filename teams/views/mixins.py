"""The one view mixin that applies the access policy to object views."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from teams import access


class ScopedObjectMixin:
    """Object views see only `Model.objects.visible_to(user)` (outside: 404) and then check
    `rule(user, obj)` from `teams.access` (inside the scope but not allowed: 403)."""

    rule: access.Rule = staticmethod(access.can_view)

    def get_queryset(self) -> QuerySet:
        return self.scope_queryset(self.model._default_manager.visible_to(self.request.user))

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        """Hook for select_related/prefetch_related on the scoped queryset."""
        return queryset

    def get_object(self, queryset: QuerySet | None = None) -> Any:
        obj = super().get_object(queryset)
        access.require(self.request.user, type(self).rule, obj)
        return obj


class LocationChildMixin:
    """Views under /locaties/<location_pk>/: the location must be visible (else 404) and
    `location_rule(user, location)` must hold (else 403)."""

    location_rule: access.Rule = staticmethod(access.can_manage_location)

    def dispatch(self, request, *args, **kwargs):
        from teams.models import Location

        self.location = access.get_visible_or_404(Location, request.user, pk=kwargs["location_pk"])
        access.require(request.user, type(self).location_rule, self.location)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(location=self.location, **kwargs)
