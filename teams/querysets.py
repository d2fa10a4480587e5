"""QuerySets of the teams app. Every model a user can open has `visible_to(user)`."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from teams import access
from teams.constants import Role


class LocationQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> LocationQuerySet:
        scope = access.scope_for(user)
        if not user.is_authenticated:
            return self.none()
        return self.filter(scope.location_filter("pk"))

    def with_overview(self) -> LocationQuerySet:
        """For the list: partner organisations and counts of people per role, in fixed queries."""
        from teams.models import Membership, Partnership

        active = access.active_membership_q("memberships__")
        return self.annotate(
            expert_count=Count(
                "memberships__person",
                filter=active & Q(memberships__role=Role.EXPERT),
                distinct=True,
            ),
            social_worker_count=Count(
                "memberships__person",
                filter=active & Q(memberships__role=Role.SOCIAL_WORKER),
                distinct=True,
            ),
        ).prefetch_related(
            "neighbourhoods",
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.select_related("organisation").order_by(
                    "role", "organisation__name"
                ),
            ),
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(
                    access.active_membership_q(), role=Role.PROJECT_LEADER
                ).select_related("person"),
                to_attr="project_leader_memberships",
            ),
        )

    def with_gaps(self) -> LocationQuerySet:
        """Counts of what is still missing: projectleider, team members, profiles."""
        active = access.active_membership_q("memberships__")
        return self.select_related("project_team").annotate(
            leader_count=Count(
                "memberships",
                filter=active & Q(memberships__role=Role.PROJECT_LEADER),
                distinct=True,
            ),
            member_count=Count("project_team__members", distinct=True),
            experts_missing=_without_profile(active, Role.EXPERT, "expert_profile"),
            workers_missing=_without_profile(active, Role.SOCIAL_WORKER, "social_worker_profile"),
        )


def _without_profile(active: Q, role: str, profile: str) -> Count:
    """Active members with `role` whose person has no `profile` yet."""
    return Count(
        "memberships",
        filter=active
        & Q(memberships__role=role)
        & Q(**{f"memberships__person__{profile}__isnull": True}),
        distinct=True,
    )


class NeighbourhoodQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> NeighbourhoodQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(access.scope_for(user).location_filter("location_id"))


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> OrganisationQuerySet:
        if not user.is_authenticated:
            return self.none()
        scope = access.scope_for(user)
        if scope.sees_all_locations:
            return self.all()
        from teams.models import Partnership

        partner_here = Partnership.objects.filter(
            organisation=OuterRef("pk"), location_id__in=sorted(scope.location_ids)
        )
        return self.filter(Exists(partner_here))


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PersonQuerySet:
        """People with a membership at one of the user's locations, and the user themselves."""
        if not user.is_authenticated:
            return self.none()
        scope = access.scope_for(user)
        if scope.sees_all_locations:
            return self.all()
        from teams.models import Membership

        works_here = Membership.objects.filter(
            access.active_membership_q(),
            person=OuterRef("pk"),
            location_id__in=sorted(scope.location_ids),
        )
        return self.filter(Exists(works_here) | Q(pk=scope.person_id))

    def working_at(self, location: Any, role: str | None = None) -> PersonQuerySet:
        """People with an active membership at `location` (in `role`, if given), by name."""
        return self._with_active_membership(location=location, role=role)

    def with_active_role(self, role: str) -> PersonQuerySet:
        """People who hold `role` actively at some location, by name."""
        return self._with_active_membership(role=role)

    def _with_active_membership(self, **lookup: Any) -> PersonQuerySet:
        from teams.models import Membership

        lookup = {key: value for key, value in lookup.items() if value is not None}
        here = Membership.objects.filter(
            access.active_membership_q(), person=OuterRef("pk"), **lookup
        )
        return self.filter(Exists(here)).order_by("family_name", "given_name")

    def with_profiles(self) -> PersonQuerySet:
        from teams.models import Membership

        return self.select_related(
            "expert_profile", "social_worker_profile", "user"
        ).prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("location", "organisation"),
            )
        )


class MembershipQuerySet(models.QuerySet):
    def active(self) -> MembershipQuerySet:
        return self.filter(access.active_membership_q())

    def visible_to(self, user: Any) -> MembershipQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(access.scope_for(user).location_filter("location_id"))


class ExpertProfileQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ExpertProfileQuerySet:
        from teams.models import Person

        return self.filter(person__in=Person.objects.visible_to(user))

    def pool_for(self, user: Any) -> ExpertProfileQuerySet:
        """Experts in the pool with an active expert membership at the user's locations."""
        from teams.models import Membership

        if not user.is_authenticated:
            return self.none()
        scope = access.scope_for(user)
        expert_here = Membership.objects.filter(
            access.active_membership_q(),
            scope.location_filter("location_id"),
            person=OuterRef("person_id"),
            role=Role.EXPERT,
        )
        return (
            self.filter(Exists(expert_here), in_pool=True)
            .select_related("person")
            .prefetch_related(
                "themes",
                "talents",
                Prefetch(
                    "person__memberships",
                    queryset=Membership.objects.active()
                    .filter(role=Role.EXPERT)
                    .select_related("location", "organisation"),
                    to_attr="expert_memberships",
                ),
            )
        )


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> InvitationQuerySet:
        """Invitations of the user's locations (who may act on them: teams.access)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(access.scope_for(user).location_filter("location_id"))

    def still_open(self) -> InvitationQuerySet:
        from django.utils import timezone

        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
