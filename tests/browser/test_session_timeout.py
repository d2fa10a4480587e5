"""The idle time-out warning in a real browser: it shows, it keeps the session, it ends it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_warning_offers_to_stay_and_then_the_session_ends(
    demo, page: Page, live_server, settings
):
    settings.SESSION_COOKIE_AGE = 124  # the warning comes 120 s before the end: after 4 s
    page.set_viewport_size(PHONE)
    login(page, live_server, "werker-gouda")
    warning = page.get_by_role("alertdialog")
    expect(warning).to_be_hidden()
    expect(warning).to_be_visible(timeout=8_000)
    stay = warning.get_by_role("button", name="Ingelogd blijven")
    expect(stay).to_be_focused()
    box = stay.bounding_box()
    assert box and box["height"] >= 44
    stay.click()
    expect(warning).to_be_hidden()

    # From now on the session ends almost at once: the next request renews it for 2 s (the
    # renewal, normally at most once a minute, is due at every request here).
    settings.SESSION_COOKIE_AGE = 2
    settings.SESSION_REFRESH_INTERVAL = 0
    page.reload()
    page.wait_for_timeout(2_500)
    page.reload()
    expect(page).to_have_url(re.compile(r"/account/login/"))
