"""CI must test on PostgreSQL: never fall back to SQLite silently."""

import os

import pytest
from django.db import connection


@pytest.mark.skipif(os.environ.get("CI", "").lower() != "true", reason="only under CI=true")
def test_ci_runs_on_postgresql():
    assert connection.vendor == "postgresql", (
        f"CI=true but the tests run on {connection.vendor}; set DATABASE_URL to PostgreSQL"
    )
