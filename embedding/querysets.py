"""QuerySets of the embedding app; `visible_to(user)` follows the location scope of teams.access."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.db.models import OuterRef, Subquery

from teams import access


class ChecklistQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ChecklistQuerySet:
        """The national checklist is the same everywhere: every member may read it."""
        return self.all() if user.is_authenticated else self.none()

    def current(self):
        return self.filter(is_current=True).first()


class ConditionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ConditionQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(access.scope_for(user).location_filter("location_id"))

    def for_page(self) -> ConditionQuerySet:
        return self.select_related("owner", "evidence_type").order_by("phase", "position", "pk")

    def with_status_on(self, day: datetime.date) -> ConditionQuerySet:
        """Annotate `status_then`: the status after the last change made on or before `day`
        (None: the condition did not exist yet). One subquery, however long the history."""
        from embedding.models import ConditionChange

        end = datetime.datetime.combine(
            day + datetime.timedelta(days=1), datetime.time.min, tzinfo=_tz()
        )
        last = (
            ConditionChange.objects.filter(condition=OuterRef("pk"), at__lt=end)
            .order_by("-at", "-pk")
            .values("status_after")[:1]
        )
        return self.annotate(status_then=Subquery(last))


class ConditionChangeQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ConditionChangeQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(access.scope_for(user).location_filter("condition__location_id"))


def _tz():
    from django.utils import timezone

    return timezone.get_default_timezone()
