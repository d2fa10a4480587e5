"""The roles of the access matrix and helpers to write its rows (tests/teams/test_access_matrix.py;
casework rows live in tests/casework/matrix_*_rows.py).

Objects belong to Gouda; 'other' is the projectleider of Zutphen (another location), so every
Gouda object must be a 404 for them. 'no_membership' has an account but no role anywhere.
"""

from __future__ import annotations

ROLES = [
    "anonymous",
    "coordinator",
    "projectleider",
    "trainer",
    "sociaal_werker",
    "ervaringsdeskundige",
    "privacyfunctionaris",
    "beheerder",
    "other",
    "no_membership",
]
LOGIN = "login"  # a redirect to the log-in page


def expect(default, **overrides):
    return {role: overrides.get(role, default) for role in ROLES}


# What only the location's projectleider and beheerders may open (others: 403 or 404).
MANAGERS_ONLY = expect(
    403, anonymous=LOGIN, projectleider=200, beheerder=200, other=404, no_membership=404
)
