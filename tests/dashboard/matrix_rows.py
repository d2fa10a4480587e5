"""Access-matrix rows of the dashboard (merged into tests/teams/test_access_matrix.py).

The dashboard is for coordinators (every location) and projectleiders (their own): others get
a 403. A location's page outside the user's scope is a 404 ('other' leads Zutphen, not Gouda).
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_roles import LOGIN, expect

LEADERS = expect(403, anonymous=LOGIN, coordinator=200, projectleider=200, beheerder=200, other=200)
LOCATION = expect(
    403,
    anonymous=LOGIN,
    coordinator=200,
    projectleider=200,
    beheerder=200,
    other=404,
    no_membership=404,
)

DASHBOARD_ROWS: dict = {
    "dashboard:index": (lambda w: reverse("dashboard:index"), LEADERS),
    "dashboard:export_csv": (lambda w: reverse("dashboard:export_csv"), LEADERS),
    "dashboard:export_xlsx": (lambda w: reverse("dashboard:export_xlsx"), LEADERS),
    "dashboard:location": (
        lambda w: reverse("dashboard:location", args=[w.gouda.location.pk]),
        LOCATION,
    ),
}
