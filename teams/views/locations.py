"""Locations and organisations."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.views.generic import DetailView, ListView

from teams import access
from teams.constants import Role
from teams.models import Location, Membership, Organisation, Partnership, ProjectTeamMember
from teams.panels import panels_for
from teams.views.mixins import ScopedObjectMixin


class LocationListView(ListView):
    model = Location
    template_name = "teams/location_list.html"
    context_object_name = "locations"

    def get_queryset(self) -> QuerySet:
        return Location.objects.visible_to(self.request.user).with_overview()


class LocationDetailView(ScopedObjectMixin, DetailView):
    model = Location
    template_name = "teams/location_detail.html"
    context_object_name = "location"

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        active_members = (
            Membership.objects.active()
            .select_related("person", "organisation", "person__expert_profile")
            .order_by("role", "person__family_name", "person__given_name")
        )
        return queryset.select_related("project_team").prefetch_related(
            "neighbourhoods",
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.select_related("organisation").order_by(
                    "role", "organisation__name"
                ),
            ),
            Prefetch("memberships", queryset=active_members, to_attr="active_memberships"),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        location = self.object
        # A missing reverse one-to-one raises an AttributeError subclass: getattr gives None.
        team = getattr(location, "project_team", None)
        members = (
            ProjectTeamMember.objects.filter(team=team).select_related("person", "organisation")
            if team
            else []
        )
        by_role: dict[str, list[Membership]] = {}
        for membership in location.active_memberships:
            by_role.setdefault(membership.role, []).append(membership)
        context.update(
            team=team,
            team_members=members,
            experts=by_role.get(Role.EXPERT, []),
            social_workers=by_role.get(Role.SOCIAL_WORKER, []),
            leaders=by_role.get(Role.PROJECT_LEADER, []),
            trainers=by_role.get(Role.TRAINER, []),
            can_manage=access.can_manage_location(self.request.user, location),
            panels=panels_for("location", self.request, location=location),
        )
        return context


class OrganisationDetailView(ScopedObjectMixin, DetailView):
    model = Organisation
    template_name = "teams/organisation_detail.html"
    context_object_name = "organisation"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        visible_locations = Location.objects.visible_to(user)
        context["partnerships"] = (
            Partnership.objects.filter(organisation=self.object, location__in=visible_locations)
            .select_related("location")
            .order_by("location__name")
        )
        context["memberships"] = (
            Membership.objects.active()
            .filter(organisation=self.object, location__in=visible_locations)
            .select_related("person", "location")
            .order_by("location__name", "person__family_name")
        )
        return context
