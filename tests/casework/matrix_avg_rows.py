"""Access-matrix rows of the casework URLs (merged into tests/teams/test_access_matrix.py)."""

from __future__ import annotations

from tests.access_roles import LOGIN, MANAGERS_ONLY, ROLES, expect  # noqa: F401

AVG_ROWS: dict = {}
