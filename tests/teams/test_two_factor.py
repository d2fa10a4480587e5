"""Two-factor log-in: who must use it, setting it up, codes, backup codes, switching it off."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from teams import access
from tests.teams.factories import PASSWORD

pytestmark = pytest.mark.django_db

CASES = reverse("casework:case_list")


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    """The code the app shows now (drift 1: the next one; a code is accepted only once)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def log_in(client, user) -> None:
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def set_up(client, user) -> list[str]:
    """Go through the set-up page as the user would; returns the backup codes shown."""
    page = client.get(reverse("teams:two_factor_setup"))
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("teams:two_factor_setup"), {"code": code_for(device)})
    assert response.status_code == 200
    return list(response.context["codes"])


def test_who_must_use_it(world):
    must = [world.gouda.worker, world.gouda.expert, world.gouda.privacy, world.admin]
    may = [world.gouda.leader, world.gouda.trainer, world.coordinator, world.outsider]
    assert all(access.requires_two_factor(user) for user in must)
    assert not any(access.requires_two_factor(user) for user in may)


def test_off_in_local_settings_the_demo_logs_in_with_a_password(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = False
    log_in(client, world.gouda.worker)
    assert client.get(CASES).status_code == 200


def test_required_role_is_sent_to_set_up_and_gets_nothing_else(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    log_in(client, world.gouda.worker)
    response = client.get(CASES)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("teams:two_factor_setup"))
    # POSTs and other pages too; only the way through stays open.
    assert client.post(reverse("teams:keep_alive")).status_code == 204
    assert client.get(reverse("teams:two_factor_status")).status_code == 302
    codes = set_up(client, world.gouda.worker)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(CASES).status_code == 200


def test_optional_roles_are_not_forced(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    log_in(client, world.coordinator)
    assert client.get(reverse("dashboard:index")).status_code == 200


def test_after_set_up_every_log_in_asks_for_a_code(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = False  # also who chose it themselves is always asked
    user = world.gouda.leader
    log_in(client, user)
    set_up(client, user)
    client.post(reverse("logout"))
    log_in(client, user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("teams:two_factor_verify"))
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    wrong = client.post(reverse("teams:two_factor_verify"), {"code": "000000", "next": "/"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode()
    assert 'aria-describedby="id_code_error' in wrong.content.decode() or "invalid" in (
        wrong.content.decode()
    )
    assert client.get(reverse("home")).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # the wrong code's wait, skipped in the test
    right = client.post(
        reverse("teams:two_factor_verify"), {"code": code_for(device, 1), "next": "/plannen/"}
    )
    assert right.status_code == 302 and right["Location"] == "/plannen/"
    assert client.get(reverse("home")).status_code == 200


def test_a_backup_code_works_once(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    user = world.gouda.expert
    log_in(client, user)
    codes = set_up(client, user)
    for attempt in (1, 2):
        client.post(reverse("logout"))
        log_in(client, user)
        response = client.post(reverse("teams:two_factor_verify"), {"code": codes[0]})
        if attempt == 1:
            assert response.status_code == 302
            assert client.get(CASES).status_code == 200
        else:
            assert response.status_code == 200  # used: refused
            assert client.get(CASES).status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_a_next_to_another_site_is_ignored(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    user = world.gouda.worker
    log_in(client, user)
    page = client.get(reverse("teams:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        reverse("teams:two_factor_setup") + "?next=https://evil.example/",
        {"code": code_for(device)},
    )
    assert page.status_code == 200
    assert response.context["next"] == reverse("home")


def test_set_up_with_a_wrong_code_keeps_the_same_key(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    log_in(client, world.gouda.privacy)
    first = client.get(reverse("teams:two_factor_setup")).context["secret"]
    response = client.post(reverse("teams:two_factor_setup"), {"code": "12-34!"})
    assert response.status_code == 200
    assert "alleen uit cijfers en letters" in response.content.decode()
    response = client.post(reverse("teams:two_factor_setup"), {"code": "123456"})
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()
    assert response.context["secret"] == first
    assert not TOTPDevice.objects.filter(user=world.gouda.privacy, confirmed=True).exists()


def test_new_backup_codes_replace_the_old(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    user = world.gouda.worker
    log_in(client, user)
    old = set_up(client, user)
    response = client.post(reverse("teams:two_factor_backup_codes"))
    new = list(response.context["codes"])
    assert response["Cache-Control"] == "no-store"
    assert not set(old) & set(new)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == (
        set(new)
    )


def test_switching_off_only_where_the_role_allows(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    worker = world.gouda.worker
    log_in(client, worker)
    set_up(client, worker)
    client.post(reverse("teams:two_factor_disable"))
    assert TOTPDevice.objects.filter(user=worker).exists()
    client.post(reverse("logout"))
    leader = world.gouda.leader
    log_in(client, leader)
    client.get(reverse("teams:two_factor_setup"))
    codes = set_up(client, leader)
    refused = client.post(reverse("teams:two_factor_disable"))  # a session alone is not enough
    assert refused.status_code == 200 and TOTPDevice.objects.filter(user=leader).exists()
    response = client.post(
        reverse("teams:two_factor_disable"),
        {"uit-password": PASSWORD, "uit-code": codes[0]},
        follow=True,
    )
    assert "staat nu uit" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=leader).exists()
    client.post(reverse("logout"))
    log_in(client, leader)
    assert client.get(reverse("home")).status_code == 200


def test_production_settings_require_it_and_local_settings_do_not():
    from config.settings import local

    assert local.TWO_FACTOR_REQUIRED is False
    source = (
        __import__("pathlib").Path(__file__).resolve().parents[2] / "config/settings/production.py"
    ).read_text()
    assert "TWO_FACTOR_REQUIRED = True" in source


def unthrottle(user) -> None:
    """Forget the failed tries (as waiting the throttle's seconds would)."""
    from django_otp.plugins.otp_static.models import StaticDevice

    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(
            throttling_failure_timestamp=None, throttling_failure_count=0
        )


def other_client_logged_in(user, *, check: bool = True):
    from django.test import Client

    other = Client()
    log_in(other, user)
    if check:
        assert other.get(reverse("home")).status_code == 200
    return other


def test_an_older_session_cannot_take_over_two_factor(world, client, settings):
    """The outside review's finding: a session from before the user switched two-factor on
    enrolled its own device, which removed the user's device and backup codes."""
    settings.TWO_FACTOR_REQUIRED = True
    leader = world.gouda.leader  # may choose it; has a session elsewhere already
    older = other_client_logged_in(leader)
    log_in(client, leader)
    codes = set_up(client, leader)
    device = TOTPDevice.objects.get(user=leader, confirmed=True)

    # Switching it on ended every other session: the older one is logged out.
    response = older.get(reverse("home"))
    assert response.status_code == 302 and "sessie=verlopen" in response["Location"]

    # Even a session that still believes two-factor is off cannot enrol over the device.
    stale = other_client_logged_in(leader, check=False)
    session = stale.session
    session["wijkkracht_two_factor_on"] = False
    session.save()
    assert stale.get(reverse("teams:two_factor_setup"))["Location"].endswith(
        reverse("teams:two_factor_status")
    )
    assert stale.post(reverse("teams:two_factor_setup"), {"code": "123456"}).status_code == 302
    assert "Dit veld is verplicht" in stale.post(reverse("teams:two_factor_replace")).text
    wrong = stale.post(
        reverse("teams:two_factor_replace"),
        {"nieuw-password": "not-the-password", "nieuw-code": codes[1]},
    )
    assert "wachtwoord klopt niet" in wrong.content.decode()
    assert list(TOTPDevice.objects.filter(user=leader)) == [device]
    assert StaticToken.objects.filter(device__user=leader).count() == len(codes)


def test_a_new_phone_needs_the_password_and_a_current_code(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    worker = world.gouda.worker
    log_in(client, worker)
    codes = set_up(client, worker)
    url = reverse("teams:two_factor_replace")
    bad = client.post(url, {"nieuw-password": PASSWORD, "nieuw-code": "000000"})
    assert TOTPDevice.objects.filter(user=worker).count() == 1
    assert "klopt niet" in bad.content.decode()
    assert PASSWORD not in bad.content.decode()  # a password is never sent back
    unthrottle(worker)  # a wrong code makes every device wait a second
    done = client.post(url, {"nieuw-password": PASSWORD, "nieuw-code": codes[0]})
    assert done["Location"] == reverse("teams:two_factor_setup")
    assert not TOTPDevice.objects.filter(user=worker, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=worker).exists()
    # The role requires it: nothing opens until the new phone is set up.
    assert client.get(CASES)["Location"].startswith(reverse("teams:two_factor_setup"))
    set_up(client, worker)
    assert client.get(CASES).status_code == 200


def test_a_password_change_ends_the_other_sessions(world, client):
    leader = world.gouda.leader
    older = other_client_logged_in(leader)
    log_in(client, leader)
    new_password = "een-nieuw-lang-wachtwoord-77"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200  # this session stays
    assert older.get(reverse("home")).status_code == 302  # the other one is over
    from teams.models import UserSession

    assert UserSession.objects.filter(user_id=leader.pk).count() == 1


def test_a_code_is_accepted_once_and_the_second_try_says_why(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    worker = world.gouda.worker
    log_in(client, worker)
    set_up(client, worker)  # used the code of this 30-second step
    client.post(reverse("logout"))
    log_in(client, worker)
    device = TOTPDevice.objects.get(user=worker)
    again = client.post(reverse("teams:two_factor_verify"), {"code": code_for(device)})
    assert "net al gebruikt" in again.content.decode()
    unthrottle(worker)
    nxt = client.post(reverse("teams:two_factor_verify"), {"code": code_for(device, drift=1)})
    assert nxt.status_code == 302  # the next step's code (a phone a little ahead) is fine


def test_after_a_wrong_code_the_page_says_to_wait(world, client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    worker = world.gouda.worker
    log_in(client, worker)
    set_up(client, worker)
    client.post(reverse("logout"))
    log_in(client, worker)
    client.post(reverse("teams:two_factor_verify"), {"code": "000000"})
    client.post(reverse("teams:two_factor_verify"), {"code": "000001"})
    device = TOTPDevice.objects.get(user=worker)
    page = client.post(reverse("teams:two_factor_verify"), {"code": code_for(device, drift=1)})
    assert "Te veel pogingen" in page.content.decode()
