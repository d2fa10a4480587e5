"""The main user stories, clicked through in Chromium on a phone and on a desktop screen."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from teams.constants import Availability
from teams.models import ExpertProfile, Location, User
from tests.browser.conftest import VIEWPORTS, login, open_user_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request) -> dict[str, int]:
    return VIEWPORTS[request.param]


@pytest.fixture
def browser_context_args(browser_context_args, viewport):
    """Every journey runs twice: 375x800 (phone) and 1280x900 (desktop)."""
    return {**browser_context_args, "viewport": viewport}


def test_projectleider_location_pool_and_project_team(demo, page: Page, live_server):
    login(page, live_server, "leider-gouda")
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Welkom, Zoë")
    gouda_link = main.get_by_role("link", name="Gouda", exact=True)
    expect(gouda_link).to_be_visible()
    expect(main.get_by_role("link", name="Zutphen")).to_have_count(0)

    # The location: partners and the local project team.
    gouda_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gouda")
    partners = page.locator("section[aria-labelledby=partners]")
    expect(partners.get_by_role("link", name="KernKracht")).to_be_visible()
    expect(partners.get_by_role("link", name="Sociaal Team Gouda")).to_be_visible()
    team = page.locator("section[aria-labelledby=projectteam]")
    expect(team.get_by_role("heading", name="Lokaal projectteam")).to_be_visible()
    members = team.get_by_role("table")
    expect(members).to_contain_text("Zoë Projectlijn")
    expect(members).to_contain_text("Chris Hersteldroom")
    expect(members.locator("tbody tr")).to_have_count(4)

    # The pool, filtered on who has time now.
    page.goto(f"{live_server.url}/pool/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pool ervaringsdeskundigen")
    cards = page.locator("main article.card")
    expect(cards).to_have_count(3)
    page.get_by_label("Beschikbaarheid").select_option(label="Beschikbaar")
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"availability=beschikbaar"))
    expected = (
        ExpertProfile.objects.pool_for(User.objects.get(username="leider-gouda"))
        .filter(availability=Availability.AVAILABLE)
        .count()
    )
    assert expected == 2
    expect(cards).to_have_count(expected)
    expect(page.get_by_role("status")).to_have_text(f"{expected} ervaringsdeskundigen gevonden")
    expect(cards.locator(".badge").filter(has_text=re.compile("beschikbaar", re.I))).to_have_text(
        ["Beschikbaar"] * expected
    )
    expect(page.get_by_label("Beschikbaarheid")).to_have_value("beschikbaar")

    # The project team: change the meeting note and save.
    page.goto(f"{live_server.url}/locaties/{Location.objects.get(name='Gouda').pk}/")
    page.get_by_role("link", name="Projectteam bewerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokaal projectteam Gouda")
    note = "Elke dinsdag om 10 uur in De Wijkwinkel."
    page.locator("#id_meeting_note").fill(note)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".alert-success")).to_have_text("Het projectteam is opgeslagen.")
    expect(page).to_have_url(re.compile(r"/locaties/\d+/#projectteam$"))
    expect(page.locator("section[aria-labelledby=projectteam]")).to_contain_text(note)


def test_other_location_is_a_dutch_404(demo, page: Page, live_server):
    login(page, live_server, "leider-gouda")
    zutphen = Location.objects.get(name="Zutphen")
    response = page.goto(f"{live_server.url}/locaties/{zutphen.pk}/")
    assert response.status == 404
    expect(page).to_have_title(re.compile("^Pagina niet gevonden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(page.locator("main")).not_to_contain_text("Zutphen")
    page.get_by_role("link", name="Naar de startpagina").click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_expert_edits_own_availability(demo, page: Page, live_server):
    login(page, live_server, "ed-gouda")
    open_user_menu(page)
    page.get_by_role("link", name="Mijn gegevens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chris Hersteldroom")
    profile = page.locator("section[aria-labelledby=profiel-ed]")
    expect(profile).to_contain_text("Beschikbaar, 4 uur per week")

    profile.get_by_role("link", name="Profiel bewerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Profiel ervaringsdeskundige: Chris Hersteldroom"
    )
    page.get_by_label("Beschikbaarheid").select_option(label="Beperkt beschikbaar")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.locator(".alert-success")).to_have_text("Het profiel is opgeslagen.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chris Hersteldroom")
    availability = profile.locator("dt:text-is('Beschikbaarheid') + dd")
    expect(availability).to_contain_text("Beperkt beschikbaar")
    assert (
        ExpertProfile.objects.get(person__user__username="ed-gouda").availability
        == Availability.LIMITED
    )


def test_anonymous_is_sent_to_login_and_wrong_password_is_explained(demo, page: Page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/account/login/?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")).to_have_text(
        ["Wijkkracht"]
    )

    page.get_by_label("Gebruikersnaam").fill("leider-gouda")
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Uw gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters en kleine letters."
    )
    expect(page.get_by_label("Gebruikersnaam")).to_have_value("leider-gouda")
    expect(page.get_by_label("Wachtwoord")).to_have_value("")

    # The right password on the same form still works and goes to ?next= (the home page).
    page.get_by_label("Wachtwoord").fill(settings.DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def test_logout_from_the_user_menu(demo, page: Page, live_server, viewport):
    login(page, live_server, "werker-gouda")
    toggler = page.locator(".navbar-toggler")
    if viewport["width"] < 768:
        expect(toggler).to_be_visible()
        expect(page.get_by_role("button", name="werker-gouda")).to_be_hidden()
    else:
        expect(toggler).to_be_hidden()
    open_user_menu(page)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(f"{live_server.url}/account/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")

    # The session is really gone.
    page.goto(f"{live_server.url}/locaties/")
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/locaties/$"))
