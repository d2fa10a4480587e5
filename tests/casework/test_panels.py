"""The casework panel on the home page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.casework.factories import ContactFactory, register

pytestmark = pytest.mark.django_db


def test_partners_see_their_files_on_the_home_page(client, world):
    resident, _ = register(world.gouda, name="Anna")
    for user in (world.gouda.worker, world.gouda.expert):
        client.force_login(user)
        page = client.get(reverse("home")).text
        assert "Uw bewoners" in page and resident.get_absolute_url() in page


def test_others_get_no_names(client, world):
    register(world.gouda, name="Anna")
    for user in (world.gouda.leader, world.coordinator, world.zutphen.worker, world.gouda.privacy):
        client.force_login(user)
        assert "Anna" not in client.get(reverse("home")).text


def test_the_home_page_costs_the_same_with_more_files(client, world):
    client.force_login(world.gouda.worker)
    register(world.gouda, name="Anna")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("home"))
        return len(captured)

    small = queries()
    for n in range(8):
        _resident, trajectory = register(world.gouda, name=f"Bewoner {n}")
        ContactFactory.create_batch(2, trajectory=trajectory, author=world.gouda.expert.person)
    assert queries() == small
