"""Password spraying: a limit per account across addresses, on top of user name + address;
a locked account gets a Dutch page and a way back (a reset mail), and coordinators and
beheerders see the lock-outs and can lift one."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.teams.factories import PASSWORD

pytestmark = pytest.mark.django_db


def fail_from(client, username: str, address: str, times: int = 1) -> None:
    for _ in range(times):
        client.post(
            reverse("login"), {"username": username, "password": "fout"}, REMOTE_ADDR=address
        )


def spray(client, settings, username: str) -> None:
    """Fewer failures per address than the address limit, from enough addresses to pass the
    account limit."""
    per_address = settings.AXES_FAILURE_LIMIT - 1
    needed = settings.AXES_ACCOUNT_FAILURE_LIMIT
    address = 0
    while needed > 0:
        address += 1
        times = min(per_address, needed)
        fail_from(client, username, f"198.51.100.{address}", times)
        needed -= times


def login(client, username: str, password: str = PASSWORD, address: str = "203.0.113.9"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_account_limit_is_higher_than_the_address_limit(settings):
    assert settings.AXES_ACCOUNT_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"], "username"]


def test_guesses_spread_over_addresses_lock_the_account(world, client, settings):
    username = world.gouda.leader.username
    spray(client, settings, username)
    response = login(client, username)  # the right password, from yet another address
    assert response.status_code == 429
    text = response.content.decode()
    assert "Dit account is tijdelijk geblokkeerd" in text
    assert reverse("password_reset") in text


def test_below_the_account_limit_the_right_password_still_works(world, client, settings):
    username = world.gouda.leader.username
    fail_from(client, username, "198.51.100.1", settings.AXES_FAILURE_LIMIT - 1)
    fail_from(client, username, "198.51.100.2", settings.AXES_FAILURE_LIMIT - 1)
    assert login(client, username).status_code == 302


def test_one_address_is_still_locked_after_its_own_limit(world, client, settings):
    username = world.gouda.leader.username
    fail_from(client, username, "198.51.100.1", settings.AXES_FAILURE_LIMIT)
    response = login(client, username, address="198.51.100.1")
    assert response.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in response.content.decode()
    assert login(client, username, address="198.51.100.2").status_code == 302


def test_a_colleague_is_not_locked_by_spraying_another_account(world, client, settings):
    spray(client, settings, world.gouda.leader.username)
    assert login(client, world.gouda.worker.username).status_code == 302


def test_the_reset_mail_unlocks_the_account(world, client, settings, mailoutbox):
    user = world.gouda.leader
    spray(client, settings, user.username)
    assert login(client, user.username).status_code == 429
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"http://\S+/account/reset/\S+/", mailoutbox[-1].body).group(0)
    page = client.get(link, follow=True)
    new = "een-nieuw-lang-wachtwoord-42"
    done = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert login(client, user.username, password=new).status_code == 302


def test_coordinator_sees_lockouts_and_can_lift_one(world, client, settings):
    username = world.gouda.leader.username
    spray(client, settings, username)
    fail_from(client, "bestaat-niet", "198.51.100.77", settings.AXES_FAILURE_LIMIT)
    client.force_login(world.coordinator)
    page = client.get(reverse("teams:lockout_list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert username in text and "bestaat-niet" in text
    assert "Geblokkeerd account" in text
    home = client.get(reverse("home")).content.decode()
    assert reverse("teams:lockout_list") in home  # reachable from the home page
    response = client.post(reverse("teams:lockout_release"), {"username": username})
    assert response.status_code == 302
    client.logout()
    assert login(client, username).status_code == 302


def test_lifting_an_unknown_lockout_is_harmless(world, client):
    client.force_login(world.admin)
    response = client.post(reverse("teams:lockout_release"), {"username": "x" * 300})
    assert response.status_code == 302


@pytest.mark.parametrize("key", ["projectleider", "sociaal_werker", "privacyfunctionaris"])
def test_others_may_not_see_or_lift_lockouts(world, client, key):
    client.force_login(world.user(key))
    assert client.get(reverse("teams:lockout_list")).status_code == 403
    response = client.post(reverse("teams:lockout_release"), {"username": "a"})
    assert response.status_code == 403
    assert reverse("teams:lockout_list") not in client.get(reverse("home")).content.decode()


def test_lockout_list_costs_the_same_with_more_lockouts(world, client, settings):
    from tests.teams.test_query_counts import count_queries

    url = reverse("teams:lockout_list")
    fail_from(client, world.gouda.leader.username, "198.51.100.1", settings.AXES_FAILURE_LIMIT)
    client.force_login(world.coordinator)
    small = count_queries(client, url)
    client.logout()
    for n in range(10):
        fail_from(client, f"gebruiker-{n}", f"198.51.100.{n + 10}", settings.AXES_FAILURE_LIMIT)
    fail_from(client, world.gouda.worker.username, "198.51.100.50", settings.AXES_FAILURE_LIMIT)
    client.force_login(world.coordinator)
    assert count_queries(client, url) == small
    assert "gebruiker-9" in client.get(url).content.decode()
