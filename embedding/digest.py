"""A section of the e-mail digest: the conditions whose review is overdue.

`overdue_reviews(person, today=...)` returns the templates and context of the section, or None
when there is nothing to say. The digest on main calls the functions named in its
DIGEST_SECTIONS setting; this one is plain and idempotent (it only reads).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse

from embedding import selectors
from teams.access import active_membership_q
from teams.constants import Role


def overdue_reviews(person: Any, *, today: datetime.date) -> dict[str, Any] | None:
    """The conditions at the locations `person` leads whose next review date has passed."""
    led = sorted(
        person.memberships.filter(active_membership_q(), role=Role.PROJECT_LEADER)
        .exclude(location__isnull=True)
        .values_list("location_id", flat=True)
    )
    if not led:
        return None
    overdue = selectors.overdue_for(led, today)
    if not overdue:
        return None
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    items = [
        {
            "condition": condition,
            "location": condition.location,
            "days": (today - condition.next_review_on).days,
            "url": site + reverse("embedding:condition_detail", args=[condition.pk]),
        }
        for condition in overdue
    ]
    return {
        "template": "embedding/email/overdue_reviews.html",
        "text_template": "embedding/email/overdue_reviews.txt",
        "context": {"items": items, "count": len(items), "today": today, "person": person},
    }
