"""Access-matrix rows of the embedding monitor (merged into tests/teams/test_access_matrix.py).

Every member of a location reads its conditions, coordinators read every location; only the
location's projectleider (and beheerders) change them. 'other' leads Zutphen: Gouda's pages
are a 404 for them. The dashboard pages follow the dashboard's rule (coordinators and
projectleiders).
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_roles import LOGIN, MANAGERS_ONLY, expect

READERS = expect(200, anonymous=LOGIN, other=404, no_membership=404)
POST_ONLY = expect(405, anonymous=LOGIN)
LEADERS = expect(403, anonymous=LOGIN, coordinator=200, projectleider=200, beheerder=200, other=200)
LOCATION_LEADERS = {**LEADERS, "other": 404, "no_membership": 404}


def _location(w):
    return w.gouda.location.pk


EMBEDDING_ROWS: dict = {
    "embedding:checklist": (lambda w: reverse("embedding:checklist"), expect(200, anonymous=LOGIN)),
    "embedding:location": (lambda w: reverse("embedding:location", args=[_location(w)]), READERS),
    "embedding:history": (lambda w: reverse("embedding:history", args=[_location(w)]), READERS),
    "embedding:adopt": (lambda w: reverse("embedding:adopt", args=[_location(w)]), POST_ONLY),
    "embedding:condition_add": (
        lambda w: reverse("embedding:condition_add", args=[_location(w)]),
        MANAGERS_ONLY,
    ),
    "embedding:cycle": (lambda w: reverse("embedding:cycle", args=[_location(w)]), MANAGERS_ONLY),
    "embedding:condition_detail": (
        lambda w: reverse("embedding:condition_detail", args=[w.condition.pk]),
        READERS,
    ),
    "embedding:condition_edit": (
        lambda w: reverse("embedding:condition_edit", args=[w.condition.pk]),
        MANAGERS_ONLY,
    ),
    "embedding:condition_plan_action": (
        lambda w: reverse("embedding:condition_plan_action", args=[w.condition.pk]),
        POST_ONLY,
    ),
    "dashboard:embedding": (lambda w: reverse("dashboard:embedding"), LEADERS),
    "dashboard:embedding_csv": (lambda w: reverse("dashboard:embedding_csv"), LEADERS),
    "dashboard:embedding_xlsx": (lambda w: reverse("dashboard:embedding_xlsx"), LEADERS),
    "dashboard:embedding_location": (
        lambda w: reverse("dashboard:embedding_location", args=[_location(w)]),
        LOCATION_LEADERS,
    ),
}

# The write views: a POST by whoever may not write is refused the same way (and saves nothing).
WRITES = {
    "embedding:adopt": MANAGERS_ONLY,
    "embedding:condition_add": MANAGERS_ONLY,
    "embedding:cycle": MANAGERS_ONLY,
    "embedding:condition_edit": MANAGERS_ONLY,
    "embedding:condition_plan_action": MANAGERS_ONLY,
}
