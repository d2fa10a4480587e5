"""Browser-test fixtures: the demo data in the live server's database and a real log-in."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"telefoon": PHONE, "desktop": DESKTOP}


@pytest.fixture
def demo(transactional_db):
    """The six pilot cities and their demo log-ins (`seed_demo`), visible to `live_server`."""
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def browser_context_args(browser_context_args):
    """Dutch browser, desktop size unless a test resizes the page. Reduced motion switches
    off Bootstrap's transitions, so a menu is open the moment its toggle says so."""
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "viewport": DESKTOP,
        "reduced_motion": "reduce",
    }


@pytest.fixture
def page(page: Page) -> Page:
    """Fail in seconds rather than after Playwright's default 30 s."""
    page.set_default_timeout(10_000)
    return page


def login(page: Page, live_server, username: str, password: str | None = None) -> None:
    """Log in through the real form (django-axes sees a normal log-in) and land on the home page."""
    page.goto(f"{live_server.url}/account/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or settings.DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/account/login/"))


def open_navbar(page: Page) -> None:
    """On a phone the navbar is collapsed: open it (on a desktop nothing to do)."""
    toggler = page.locator("header .navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        expect(toggler).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#hoofdmenu")).to_have_class(re.compile(r"\bshow\b"))


def open_user_menu(page: Page) -> None:
    """Open the user menu in the navbar; on a phone the collapsed navbar is opened first."""
    open_navbar(page)
    page.locator("#hoofdmenu .dropdown-toggle").click()
    expect(page.locator("#hoofdmenu .dropdown-menu")).to_be_visible()
