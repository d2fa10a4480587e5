"""QuerySets of the trainings app."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Prefetch, Sum


class CurriculumQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> CurriculumQuerySet:
        """The national curriculum is the same for every location: every member may read it."""
        return self.all() if user.is_authenticated else self.none()

    def with_minutes(self) -> CurriculumQuerySet:
        return self.annotate(total_minutes=Sum("parts__blocks__minutes"))

    def with_content(self) -> CurriculumQuerySet:
        from trainings.models import CurriculumBlock, CurriculumPart

        blocks = CurriculumBlock.objects.prefetch_related("options")
        parts = CurriculumPart.objects.prefetch_related(Prefetch("blocks", queryset=blocks))
        return self.prefetch_related(Prefetch("parts", queryset=parts))
