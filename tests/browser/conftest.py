"""Browser-test fixtures: the demo data in the live server's database and a real log-in."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"telefoon": PHONE, "desktop": DESKTOP}
# The journeys' screenshots, phone and desktop: CI keeps this folder as its artefacts.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
TAP = 44  # px: the smallest tap target on a phone (WCAG 2.5.5)

# Buttons, fields, tick boxes' labels and links that stand on their own (not inside a
# sentence: WCAG 2.5.5 exempts inline links) smaller than TAP px high.
SMALL_TARGETS = """([tap, links]) => {
    const small = [];
    const selector = "main button, main input:not([type=hidden]):not([type=checkbox])"
        + ":not([type=radio]), main select, main summary, main .btn, main .form-check-label,"
        + " main .tap-link, main .pagination a" + (links ? ", main a[href]" : "");
    for (const el of document.querySelectorAll(selector)) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;  // not shown
        if (box.height < tap - 0.5) small.push(`${el.outerHTML.slice(0, 100)}: ${box.height} px`);
    }
    return small;
}"""


def on_phone(page: Page) -> bool:
    return page.viewport_size["width"] <= PHONE["width"]


def journey_screenshot(page: Page, journey: str, name: str, *, all_links: bool = False) -> None:
    """Save `screenshots/<journey>-<name>-<telefoon|desktop>.png`; on a phone first check what
    a person would see on it: nothing sticks out to the right, every control is 44 px high
    (with `all_links`, every link too, also inside a sentence)."""
    if on_phone(page):
        widths = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert widths["scroll"] <= widths["client"], f"{page.url} overflows: {widths}"
        small = page.evaluate(SMALL_TARGETS, [TAP, all_links])
        assert not small, f"{page.url}: tap targets under {TAP} px:\n" + "\n".join(small)
    SCREENSHOTS.mkdir(exist_ok=True)
    kind = "telefoon" if on_phone(page) else "desktop"
    page.screenshot(path=str(SCREENSHOTS / f"{journey}-{name}-{kind}.png"), full_page=True)


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
