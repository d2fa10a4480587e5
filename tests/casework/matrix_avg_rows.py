"""Access-matrix rows of the casework URLs (merged into tests/teams/test_access_matrix.py).

world.resident is Gouda's file (tests/casework/factories.py: casework_world): registered by
Gouda's sociaal werker, shared with the recovery organisation, in a tandem with Gouda's
ervaringsdeskundige. Both are partners; nobody else sees the file (404), the beheerder
included until they open it with break-glass.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_roles import LOGIN, MANAGERS_ONLY, ROLES, expect  # noqa: F401

# The resident's partners who see the file; for everybody else the file does not exist.
PARTNERS_ONLY = expect(404, anonymous=LOGIN, sociaal_werker=200, ervaringsdeskundige=200)


def _resident_url(name: str, suffix: str = ""):
    return lambda w: reverse(name, args=[w.resident.pk]) + suffix


AVG_ROWS: dict = {
    "casework:resident_export": (_resident_url("casework:resident_export"), PARTNERS_ONLY),
    "casework:resident_export_pdf": (
        _resident_url("casework:resident_export_pdf"),
        PARTNERS_ONLY,
    ),
    "casework:access_report": (_resident_url("casework:access_report"), PARTNERS_ONLY),
    "casework:resident_erase": (_resident_url("casework:resident_erase"), PARTNERS_ONLY),
    # Beheerders only; the file is looked up outside visible_to, so everybody else gets 404.
    "casework:break_glass": (
        _resident_url("casework:break_glass"),
        expect(404, anonymous=LOGIN, beheerder=200),
    ),
    # The location's privacyfunctionaris; others who see Gouda: 403; outside Gouda: 404.
    "casework:audit_trail": (
        lambda w: reverse("casework:audit_trail", args=[w.gouda.location.pk]),
        expect(403, anonymous=LOGIN, privacyfunctionaris=200, other=404, no_membership=404),
    ),
}
