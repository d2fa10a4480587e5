"""Reads of the case pages that span models: the files a user sees, the counts per location,
and one resident's file as the case page and the consent receipt show it.

Each read carries its own select_related / prefetch_related / annotations, so a page costs a
fixed number of queries however many residents, consents, trajectories and contacts there are.
Who sees which file is decided by `Resident.objects.visible_to(user)` (casework/querysets.py).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, Max, Prefetch, QuerySet, Sum
from django.utils import timezone

from casework.constants import ENDED_STATUSES, CollaborationForm, TrajectoryStatus
from casework.models import AnonymousTally, Consent, Contact, Resident, Trajectory, UrgentAgreement
from teams import access

SMALL_NUMBER = 5  # counts below this (but above 0) show as "<5": nobody is recognisable


def shown_count(count: int | None) -> str:
    count = count or 0
    return f"<{SMALL_NUMBER}" if 0 < count < SMALL_NUMBER else str(count)


def urgent_agreement_of(location: Any) -> UrgentAgreement | None:
    """The location's agreement (select_related it as `location__urgent_agreement`)."""
    try:
        return location.urgent_agreement
    except ObjectDoesNotExist:
        return None


# --- The case list ---------------------------------------------------------------------------


def case_files(user: Any) -> QuerySet:
    """The files `user` sees, newest first, with the date of the last contact and the open
    trajectories (as `open_trajectories`, partners selected)."""
    open_trajectories = (
        Trajectory.objects.exclude(status__in=ENDED_STATUSES)
        .select_related("expert", "social_worker")
        .order_by("-started_on", "-pk")
    )
    return (
        Resident.objects.visible_to(user)
        .select_related("neighbourhood", "location")
        .annotate(last_contact=Max("trajectories__contacts__date"))
        .prefetch_related(
            Prefetch("trajectories", queryset=open_trajectories, to_attr="open_trajectories")
        )
        .order_by("-created_at", "-pk")
    )


def casework_aggregates(user: Any, locations: list[Any]) -> list[dict[str, Any]]:
    """Per location: active trajectories per form and contacts this month (small numbers
    shown as "<5"), in three queries. `locations` should have `urgent_agreement` selected."""
    if not locations:
        return []
    scope = access.scope_for(user)
    today = timezone.localdate()
    month = today.replace(day=1)
    active: dict[tuple[int, str], int] = {
        (row["resident__location_id"], row["form"]): row["n"]
        for row in Trajectory.objects.filter(
            scope.location_filter("resident__location_id"), status=TrajectoryStatus.ACTIVE
        )
        .values("resident__location_id", "form")
        .annotate(n=Count("pk"))
        .order_by()
    }
    contacts: dict[int, int] = {
        row["trajectory__resident__location_id"]: row["n"]
        for row in Contact.objects.filter(
            scope.location_filter("trajectory__resident__location_id"),
            date__gte=month,
            date__lte=today,
        )
        .values("trajectory__resident__location_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    for row in (
        AnonymousTally.objects.filter(scope.location_filter("location_id"), month=month)
        .values("location_id")
        .annotate(n=Sum("contacts"))
        .order_by()
    ):
        contacts[row["location_id"]] = contacts.get(row["location_id"], 0) + (row["n"] or 0)
    return [
        {
            "location": location,
            "forms": [
                (label, shown_count(active.get((location.pk, form))))
                for form, label in CollaborationForm.choices
            ],
            "contacts": shown_count(contacts.get(location.pk)),
            "has_agreement": urgent_agreement_of(location) is not None,
            "can_manage_agreement": access.can_manage_urgent_agreement(user, location),
        }
        for location in locations
    ]


# --- One resident's file ---------------------------------------------------------------------


def with_case_header(queryset: QuerySet) -> QuerySet:
    """What every page of a file shows at the top, the urgent-situations agreement included."""
    return queryset.select_related(
        "location__urgent_agreement",
        "neighbourhood",
        "recorded_by_organisation",
        "registered_by",
    )


def with_case_page(queryset: QuerySet) -> QuerySet:
    """The case page: consents (active first), trajectories (newest first) with their
    contacts and who wrote them."""
    contacts = Contact.objects.select_related("author").order_by("-date", "-created_at")
    trajectories = (
        Trajectory.objects.select_related("expert", "social_worker")
        .prefetch_related(Prefetch("contacts", queryset=contacts))
        .order_by("-started_on", "-pk")
    )
    consents = Consent.objects.select_related(
        "recipient_organisation", "recorded_by__person", "withdrawn_recorded_by__person"
    ).order_by(F("withdrawn_on").asc(nulls_first=True), "purpose", "-given_on")
    return queryset.prefetch_related(
        Prefetch("consents", queryset=consents),
        Prefetch("trajectories", queryset=trajectories),
    )


def with_consent_receipt(queryset: QuerySet) -> QuerySet:
    """The consent receipt: consents with their recipients, and the open trajectories (as
    `open_trajectories`)."""
    consents = Consent.objects.select_related("recipient_organisation").order_by(
        "purpose", "-given_on"
    )
    trajectories = Trajectory.objects.exclude(status__in=ENDED_STATUSES).select_related(
        "expert", "social_worker"
    )
    return queryset.prefetch_related(
        Prefetch("consents", queryset=consents),
        Prefetch("trajectories", queryset=trajectories, to_attr="open_trajectories"),
    )
