"""Who sees a resident's file: consent gates everything, here in the QuerySets.

A user sees a resident only when the resident's consent to record is in force, the resident
belongs to a location where the user does casework (sociaal werker or ervaringsdeskundige) for
an organisation, and either
- the resident consented to share with that organisation, or
- the user is a partner in the file (registered the resident, or is the expert or social worker
  of one of its trajectories) and their organisation is the one that recorded it.
So a partner from the recovery organisation loses access the moment the consent to share with
it is withdrawn. Coordinators and projectleiders see aggregates only; beheerders see nothing,
except a file they opened with a stated reason (break-glass, logged, for one hour).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from casework.constants import SHARING_PURPOSES, ConsentPurpose
from teams import access
from teams.constants import CASEWORK_ROLES

_CACHE_ATTR = "_wijkkracht_casework_posts"


def casework_posts(user: Any) -> list[tuple[int, int]]:
    """(location id, organisation id) where the user does casework now; cached per request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from teams.models import Membership

    scope = access.scope_for(user)
    posts: list[tuple[int, int]] = []
    if scope.person_id is not None:
        posts = sorted(
            set(
                Membership.objects.filter(
                    access.active_membership_q(),
                    person_id=scope.person_id,
                    role__in=CASEWORK_ROLES,
                    location__isnull=False,
                    organisation__isnull=False,
                ).values_list("location_id", "organisation_id")
            )
        )
    setattr(user, _CACHE_ATTR, posts)
    return posts


class ConsentQuerySet(models.QuerySet):
    def active(self) -> ConsentQuerySet:
        return self.filter(given_on__lte=timezone.localdate(), withdrawn_on__isnull=True)


def resident_visibility(user: Any) -> Q:
    """A Q over residents that keeps exactly the files `user` may see (none: an empty Q)."""
    from casework.models import BreakGlassAccess, Consent, Trajectory

    resident_ref = OuterRef("pk")
    nothing = Q(pk__in=[])
    if not user.is_authenticated:
        return nothing
    consents = Consent.objects.active().filter(resident=resident_ref)
    allowed = nothing
    scope = access.scope_for(user)
    person_id = scope.person_id
    if person_id is not None:
        partner = Q(registered_by_id=person_id) | Exists(
            Trajectory.objects.filter(resident=resident_ref).filter(
                Q(expert_id=person_id) | Q(social_worker_id=person_id)
            )
        )
        for location_id, organisation_id in casework_posts(user):
            shared_with_us = Exists(
                consents.filter(
                    purpose__in=SHARING_PURPOSES, recipient_organisation_id=organisation_id
                )
            )
            recorded_by_us = Q(recorded_by_organisation_id=organisation_id)
            allowed |= Q(location_id=location_id) & (shared_with_us | (partner & recorded_by_us))
    if scope.is_admin:
        allowed |= Exists(
            BreakGlassAccess.objects.filter(
                resident=resident_ref, user=user, expires_at__gt=timezone.now()
            )
        )
    may_record = Exists(consents.filter(purpose=ConsentPurpose.RECORD))
    return may_record & allowed


class ResidentQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ResidentQuerySet:
        return self.filter(resident_visibility(user))

    def at_locations_of_casework(self, user: Any) -> ResidentQuerySet:
        """Residents at locations where the user does casework (for aggregate counts only)."""
        locations = sorted({location for location, _ in casework_posts(user)})
        return self.filter(location_id__in=locations)


class TrajectoryQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> TrajectoryQuerySet:
        return self.filter(resident__in=_visible_residents(user))


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ContactQuerySet:
        return self.filter(trajectory__resident__in=_visible_residents(user))


def _visible_residents(user: Any) -> models.QuerySet:
    from casework.models import Resident

    return Resident.objects.visible_to(user).values("pk")
