"""Hostile codes and `next` values on the two-factor pages, generated with Hypothesis.

The set-up page, the code page, new backup codes and switching it off, with `next` in the form,
in the address or in both (different): other sites written every way a browser still reads as
another host (`//`, `/\\`, `\\\\`, tabs and newlines inside, a user-info `@`, full-width and
upper-case schemes), `javascript:` and `data:` addresses, random Unicode. Codes: random
Unicode, six digits, Arabic-Indic and full-width digits, too long, spaced, and the valid codes of
another user (their backup codes, their app's current code). For every example:
- never a 500;
- a redirect never leaves the site: the Location header, read as a browser reads it, is a
  path on this host; so is the `next` a page puts in its form or its "continue" link;
- a code that is not this user's current code (or one of their backup codes) never confirms a
  device and never verifies the session; a right one does, and still goes nowhere else;
- backup codes and devices only change in a verified session, and never for a role that must
  keep two-factor log-in.
Each example runs in a savepoint that is rolled back (the session is in the database too).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from teams import two_factor
from tests.casework.test_hostile_input import rolled_back
from tests.teams.test_hostile_input import HOSTILE, TEXT
from tests.teams.test_two_factor import code_for, log_in, set_up

pytestmark = pytest.mark.django_db

SETUP = reverse("teams:two_factor_setup")
VERIFY = reverse("teams:two_factor_verify")
BACKUP = reverse("teams:two_factor_backup_codes")
DISABLE = reverse("teams:two_factor_disable")
STATUS = reverse("teams:two_factor_status")

# --- strategies ----------------------------------------------------------------------------------

EVIL_HOSTS = [
    "evil.example",
    "evil.example/",
    "evil.example:80/x?y=1",
    "testserver@evil.example",
    "testserver:pw@evil.example/",
    "testserver.evil.example",
    "evil.example\\@testserver",
    "evil.example#@testserver",
    "evil.example%2F@testserver",
    "ｅｖｉｌ.example",
]
PREFIXES = [
    "//",
    "///",
    "////",
    "/\\",
    "\\\\",
    "\\/",
    "http://",
    "https://",
    "HTTPS://",
    "http:",
    "http:/",
    "http:\\\\",
    "https:/\\",
    " //",
    "\t//",
    "\n//",
    "\x00//",
    "\x0c//",
    "/\t/",
    "/\n/",
    "/\r\n/",
    "%2F%2F",
    "/%2F",
    "%5C%5C",
    "ｈｔｔｐｓ://",
    "／／",
]
OFFSITE = st.builds(
    lambda prefix, host: prefix + host, st.sampled_from(PREFIXES), st.sampled_from(EVIL_HOSTS)
)
SCHEMES = st.sampled_from(
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://evil.example/",
        "mailto:a@evil.example",
        "file:///etc/passwd",
    ]
)
PLAIN_PATHS = ["/plannen/", "/dashboard/?q=Gouda&sort=-name", STATUS]
LOCAL = st.sampled_from(
    ["", "/", "plannen", "?x=1", "#top", "http://testserver/plannen/", *PLAIN_PATHS]
)
NEXT = st.one_of(OFFSITE, SCHEMES, LOCAL, TEXT)
CODES = st.one_of(
    TEXT,
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.from_regex(r"[a-z2-7]{8}", fullmatch=True),  # looks like a backup code
    st.sampled_from(
        [
            "",
            " ",
            "000000",
            "123456",
            "999999",
            "1234567",
            "0" * 20,
            "9" * 21,
            "\u0661\u0662\u0663\u0664\u0665\u0666",  # Arabic-Indic digits
            "１２３４５６",  # full-width digits
            "12 34 56",
            "123\x00456",
            "-12345",
            "+12345",
            "1_2345",
            "1e5",
            "0x1234",
        ]
    ),
)
# Where `next` goes: in the form, in the address, in both (two different ones), or nowhere.
WHERE = st.sampled_from(["form", "address", "both", "none"])


def request_for(url: str, where: str, first: str, second: str) -> tuple[str, dict[str, str]]:
    """The URL (with `next` in its query string or not) and the form's `next`."""
    form = {"next": first} if where in ("form", "both") else {}
    if where == "address":
        url = f"{url}?{urlencode({'next': first})}"
    elif where == "both":
        url = f"{url}?{urlencode({'next': second})}"
    return url, form


# --- checks ----------------------------------------------------------------------------------

C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def assert_local(url: str) -> None:
    """`url` read as a browser reads a link or a Location header (C0 controls and spaces at the
    ends dropped, tabs and newlines inside dropped, `\\` as `/`), relative to the page it is
    on: it stays on this host, over http(s)."""
    target = re.sub("[\t\n\r]", "", url.strip(C0_AND_SPACE)).replace("\\", "/")
    resolved = urlsplit(urljoin("http://testserver/account/tweestaps/code/", target))
    assert resolved.scheme in {"http", "https"}, url
    assert resolved.hostname == "testserver", url


def check_response(response) -> None:
    """Never a 400 or 500, and any redirect or `next` stays on this host (an address too long
    to carry along in `next` starts again from the home page: teams/middleware.py)."""
    event(f"status {response.status_code}")
    assert response.status_code in {200, 302}, response.status_code
    if response.status_code == 302:
        assert_local(response["Location"])
    elif response.context and "next" in response.context:
        assert_local(response.context["next"])


def verified(client) -> bool:
    return client.session.get(DEVICE_ID_SESSION_KEY) is not None


def current_codes(device: TOTPDevice) -> set[int]:
    """Every code the device accepts now (its tolerance is one step either way; two here)."""
    return {
        totp(device.bin_key, device.step, device.t0, device.digits, drift) for drift in range(-2, 3)
    }


def could_be_right(code: str, device: TOTPDevice, backup: list[str]) -> bool:
    """Whether `code` might be this user's current app code or one of their backup codes."""
    token = "".join(code.split())
    if token in backup:
        return True
    try:
        return int(token) in current_codes(device)
    except ValueError:
        return False


def devices_of(user) -> list[Any]:
    return [
        sorted(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed", "key")),
        sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)),
    ]


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


# --- set-up ----------------------------------------------------------------------------------


def test_set_up_page(world, client, required):
    user = world.gouda.worker  # must set it up
    client.force_login(user)
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    @settings(HOSTILE, max_examples=40)
    @given(
        method=st.sampled_from(["post"] * 4 + ["get"]),
        right=st.sampled_from([False] * 4 + [True]),
        code=CODES,
        where=WHERE,
        first=NEXT,
        second=NEXT,
    )
    def run(method, right, code, where, first, second):
        url, form = request_for(SETUP, where, first, second)
        if right:
            code = code_for(device)
        else:
            assume(not could_be_right(code, device, []))
        with rolled_back():
            if method == "get":
                response = client.get(url)
            else:
                response = client.post(url, {**form, "code": code})
            check_response(response)
            assert response.status_code == 200  # the page, or the backup codes
            device.refresh_from_db()
            confirmed = method == "post" and right
            assert device.confirmed is confirmed
            assert verified(client) is confirmed
            assert StaticDevice.objects.filter(user=user).exists() is confirmed
            if confirmed:
                assert len(response.context["codes"]) == two_factor.BACKUP_CODES
                assert "no-store" in response["Cache-Control"]

    run()


# --- the code page ----------------------------------------------------------------------------

CODE_KINDS = st.sampled_from(
    ["random"] * 5 + ["their backup code", "their app code", "own backup code", "own app code"]
)


def test_code_page(world, client, required):
    user = world.gouda.leader  # chose two-factor log-in themselves
    own = TOTPDevice.objects.create(user=user, name=two_factor.APP_DEVICE, confirmed=True)
    own_backup = two_factor.new_backup_codes(user)
    other_user = world.zutphen.leader
    other = TOTPDevice.objects.create(user=other_user, name=two_factor.APP_DEVICE, confirmed=True)
    other_backup = two_factor.new_backup_codes(other_user)
    without = world.gouda.trainer  # no two-factor log-in: the page sends them on
    other_before = devices_of(other_user)

    @settings(HOSTILE, max_examples=50)
    @given(
        who=st.sampled_from([user] * 4 + [without]),
        method=st.sampled_from(["post"] * 4 + ["get"]),
        kind=CODE_KINDS,
        code=CODES,
        pick=st.integers(0, two_factor.BACKUP_CODES - 1),
        where=WHERE,
        first=NEXT,
        second=NEXT,
    )
    def run(who, method, kind, code, pick, where, first, second):
        client.force_login(who)
        url, form = request_for(VERIFY, where, first, second)
        code = {
            "random": code,
            "their backup code": other_backup[pick],
            "their app code": code_for(other),
            "own backup code": own_backup[pick],
            "own app code": code_for(own),
        }[kind]
        right = kind.startswith("own")
        if not right:
            assume(not could_be_right(code, own, own_backup))
        with rolled_back():
            before = devices_of(user)
            if method == "get":
                response = client.get(url)
            else:
                response = client.post(url, {**form, "code": code})
            check_response(response)
            if who == without:
                assert response.status_code == 302
                assert devices_of(user) == before
            elif method == "post" and right:
                assert response.status_code == 302
                assert verified(client)
                chosen = first if where != "none" else ""  # the form's wins over the address's
                if chosen in PLAIN_PATHS:
                    assert response["Location"] == chosen
                used = 1 if kind == "own backup code" else 0
                assert len(devices_of(user)[1]) == two_factor.BACKUP_CODES - used
            else:
                assert response.status_code == 200
                assert not verified(client)
                assert devices_of(user)[1] == before[1]  # no backup code used up
            assert devices_of(other_user) == other_before

    run()


# --- new backup codes, switching off -------------------------------------------------------------


def test_backup_codes_and_switching_off(world, required):
    leader, worker = world.gouda.leader, world.gouda.worker
    clients = {}
    for name, user in (("leader", leader), ("worker", worker)):
        clients[name] = Client()
        log_in(clients[name], user)
        set_up(clients[name], user)
        assert verified(clients[name])
    clients["unverified leader"] = Client()
    log_in(clients["unverified leader"], leader)
    assert not verified(clients["unverified leader"])
    users = {"leader": leader, "worker": worker, "unverified leader": leader}

    @settings(HOSTILE, max_examples=40)
    @given(
        who=st.sampled_from(sorted(clients)),
        url=st.sampled_from([BACKUP, DISABLE]),
        code=CODES,
        where=WHERE,
        first=NEXT,
        second=NEXT,
    )
    def run(who, url, code, where, first, second):
        client, user = clients[who], users[who]
        url, form = request_for(url, where, first, second)
        with rolled_back():
            before = devices_of(user)
            response = client.post(url, {**form, "code": code})
            unverified = who == "unverified leader"
            check_response(response)
            after = devices_of(user)
            if unverified:  # sent to the code page first; nothing changes
                assert after == before
                assert response.status_code == 302
                assert response["Location"].startswith(VERIFY)
            elif url.startswith(BACKUP):
                assert response.status_code == 200
                assert response["Cache-Control"] == "no-store"
                codes = list(response.context["codes"])
                assert after == [before[0], sorted(codes)]
                assert not set(codes) & set(before[1])
            elif who == "worker":  # a role that must keep it: refused before any form
                assert response.status_code == 302 and response["Location"] == STATUS
                assert after == before
            else:  # a session and a code are not enough: the password is asked too
                assert response.status_code == 200
                assert response.context["disable_form"].errors
                assert after == before

    run()
