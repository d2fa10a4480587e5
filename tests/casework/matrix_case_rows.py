"""Access-matrix rows of the casework URLs (merged into tests/teams/test_access_matrix.py).

world.resident is Gouda's file (tests/casework/factories.py: casework_world): registered by
Gouda's sociaal werker (wijkteam), shared with the recovery organisation, a tandem with Gouda's
ervaringsdeskundige. Only those two partners see it: for everyone else it does not exist (404),
however high their role. Pages under a location answer 404 outside the user's locations and
403 inside them for who may not do this there.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_roles import LOGIN, MANAGERS_ONLY, ROLES, expect  # noqa: F401

# The two partners in Gouda's file; nobody else knows it exists.
PARTNERS_ONLY = expect(404, anonymous=LOGIN, sociaal_werker=200, ervaringsdeskundige=200)
# Casework at Gouda: its sociaal werker and ervaringsdeskundige.
CASEWORKERS = expect(
    403,
    anonymous=LOGIN,
    sociaal_werker=200,
    ervaringsdeskundige=200,
    other=404,
    no_membership=404,
)


def _case(name: str, *extra):
    return lambda w: reverse(f"casework:{name}", args=[w.resident.pk, *(f(w) for f in extra)])


CASE_ROWS: dict = {
    # Everyone logged in: files for who does casework, counts (never names) for the others.
    "casework:case_list": (lambda w: reverse("casework:case_list"), expect(200, anonymous=LOGIN)),
    "casework:resident_create": (
        lambda w: reverse("casework:resident_create", args=[w.gouda.location.pk]),
        CASEWORKERS,
    ),
    "casework:tally_create": (
        lambda w: reverse("casework:tally_create", args=[w.gouda.location.pk]),
        CASEWORKERS,
    ),
    "casework:urgent_agreement_edit": (
        lambda w: reverse("casework:urgent_agreement_edit", args=[w.gouda.location.pk]),
        MANAGERS_ONLY,
    ),
    "casework:resident_detail": (_case("resident_detail"), PARTNERS_ONLY),
    "casework:consent_create": (_case("consent_create"), PARTNERS_ONLY),
    "casework:consent_receipt": (_case("consent_receipt"), PARTNERS_ONLY),
    "casework:consent_withdraw": (
        _case("consent_withdraw", lambda w: w.consent.pk),
        PARTNERS_ONLY,
    ),
    "casework:trajectory_create": (_case("trajectory_create"), PARTNERS_ONLY),
    "casework:trajectory_edit": (
        _case("trajectory_edit", lambda w: w.trajectory.pk),
        PARTNERS_ONLY,
    ),
    "casework:contact_create": (
        _case("contact_create", lambda w: w.trajectory.pk),
        PARTNERS_ONLY,
    ),
}
