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


# --- The privacy officer's way into the audit trail (issue 18, navigation) -------------------


def test_the_privacy_officer_finds_the_audit_trail_on_the_home_page_and_in_the_menu(client, world):
    client.force_login(world.gouda.privacy)
    page = client.get(reverse("home")).text
    trail = reverse("casework:audit_trail", args=[world.gouda.location.pk])
    assert "Privacy: de audittrail" in page
    assert page.count(f'href="{trail}"') == 2  # the panel and the menu (one location)
    assert client.get(trail).status_code == 200


def test_a_privacy_officer_of_two_locations_chooses_on_the_home_page(client, world):
    from teams.constants import Role
    from tests.teams.factories import MembershipFactory

    MembershipFactory(
        person=world.gouda.privacy.person,
        location=world.zutphen.location,
        organisation=world.zutphen.team_org,
        role=Role.PRIVACY_OFFICER,
    )
    client.force_login(world.gouda.privacy)
    page = client.get(reverse("home")).text
    for site in (world.gouda, world.zutphen):
        assert reverse("casework:audit_trail", args=[site.location.pk]) in page
    assert 'href="/#audittrail"' in page  # the menu leads to the panel


def test_the_panel_counts_break_glass_and_erasures_of_the_last_month(client, world):
    from casework import services
    from casework.constants import AuditAction

    resident, _ = register(world.gouda, name="Anna")
    services.audit(resident, None, AuditAction.BREAK_GLASS, "dossier", reason="test")
    client.force_login(world.gouda.privacy)
    assert "1 noodtoegang of wissing in 30 dagen" in client.get(reverse("home")).text


@pytest.mark.parametrize("who", ["worker", "expert", "leader", "trainer"])
def test_others_see_no_audit_trail_panel_nor_menu_item(client, world, who):
    client.force_login(getattr(world.gouda, who))
    page = client.get(reverse("home")).text
    assert "Privacy: de audittrail" not in page and "#audittrail" not in page


def test_the_privacy_panel_costs_the_same_with_more_events(client, world):
    from casework import services
    from casework.constants import AuditAction

    client.force_login(world.gouda.privacy)
    resident, _ = register(world.gouda, name="Anna")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("home"))
        return len(captured)

    small = queries()
    for _n in range(10):
        services.audit(resident, None, AuditAction.ERASE, "dossier")
    assert queries() == small
