"""Every embedding test starts with the national checklist of the data migration, also when a
transactional test that ran earlier in the same process flushed it."""

from __future__ import annotations

import pytest

from tests.embedding.factories import ensure_national_checklist


@pytest.fixture(autouse=True)
def national_checklist(request):
    if request.node.get_closest_marker("django_db"):
        ensure_national_checklist()
