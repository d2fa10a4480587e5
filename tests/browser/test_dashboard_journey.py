"""The coordinators' dashboard, clicked through in Chromium on a phone and on a desktop.

- `coordinator` starts on the log-in page and from there only clicks: the navbar's Dashboard,
  the six demo cities side by side, a filter (period and status, then a city), one location's
  page with its SVG charts and the table with the same figures beside them, and the CSV and
  XLSX downloads: the cities' rows are there and no casework cell holds a count of 1-4.
- `leider-enschede` sees Enschede only, on the page and in the download.

On the phone nothing sticks out to the right (no horizontal scrolling) and every control in
the page's content is a tap target of at least 44 px. Screenshots go to
`screenshots/dashboard-*.png` in the project root (ignored by git).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Download, Locator, Page, expect

from dashboard.selectors import COLUMNS
from teams.models import Location
from tests.browser.conftest import DESKTOP, journey_screenshot, login, on_phone, open_navbar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_812 = {"width": 375, "height": 812}
VIEWPORTS = {"telefoon": PHONE_812, "desktop": DESKTOP}

CITIES = ["Amsterdam-Zuid", "Arnhem", "Enschede", "Gouda", "Utrecht", "Zutphen"]
# The export's columns: location, city, status, then the figures in the order of COLUMNS.
# A share in percent is not a count of people; every other casework figure is one.
CASEWORK = [
    3 + index
    for index, column in enumerate(COLUMNS)
    if column.casework and not column.key.endswith("_percent")
]
SMALL_COUNTS = {1, 2, 3, 4}


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport_name(request) -> str:
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, viewport_name):
    """Every journey runs twice: 375x812 (phone) and 1280x900 (desktop)."""
    return {**browser_context_args, "viewport": VIEWPORTS[viewport_name], "accept_downloads": True}


# --- Helpers ---------------------------------------------------------------------------------


def check_page(page: Page, shot: str) -> None:
    """On a phone: nothing sticks out to the right, every control and link is 44 px high."""
    journey_screenshot(page, "dashboard", shot, all_links=True)


def open_dashboard(page: Page) -> None:
    """The navbar's Dashboard link; on a phone the collapsed navbar is opened first."""
    open_navbar(page)
    page.locator("#hoofdmenu").get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")


def location_rows(page: Page) -> Locator:
    return page.locator("main table.dashboard-table tbody tr")


def row_names(page: Page) -> list[str]:
    return [name.strip() for name in location_rows(page).locator("th a").all_inner_texts()]


def download(page: Page, name: str) -> Download:
    with page.expect_download() as info:
        page.locator("main").get_by_role("link", name=name).click()
    return info.value


def csv_rows(page: Page) -> list[list[str]]:
    file = download(page, "Download als CSV")
    assert re.fullmatch(r"dashboard-\d{4}-\d{2}-\d{2}\.csv", file.suggested_filename)
    text = Path(file.path()).read_text(encoding="utf-8-sig")
    return list(csv.reader(text.splitlines(), delimiter=";"))


def xlsx_rows(page: Page) -> list[list[Any]]:
    file = download(page, "Download als Excel (XLSX)")
    assert re.fullmatch(r"dashboard-\d{4}-\d{2}-\d{2}\.xlsx", file.suggested_filename)
    # The saved download has no extension, which openpyxl needs: read it from the bytes.
    sheet = load_workbook(io.BytesIO(Path(file.path()).read_bytes()), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def city_rows(rows: list[list[Any]]) -> dict[str, list[Any]]:
    """The export's rows per location name (the header and the legend left out)."""
    return {row[0]: row for row in rows[1:] if row and row[0] in CITIES}


def small_casework_cells(rows: dict[str, list[Any]]) -> list[str]:
    """Casework cells that hold a count of 1-4, as a number or as text: there must be none."""
    found = []
    for name, row in rows.items():
        for index in CASEWORK:
            value = row[index]
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value)
            if isinstance(value, int) and value in SMALL_COUNTS:
                found.append(f"{name}, column {index}: {value!r}")
    return found


def assert_exports(page: Page, cities: list[str], months: int) -> None:
    """Both downloads hold exactly `cities`, with the period in the header, nothing small."""
    for rows in (csv_rows(page), xlsx_rows(page)):
        header = rows[0]
        assert header[:3] == ["Locatie", "Gemeente", "Status locatie"]
        assert f"Contacten (periode), laatste {months} maanden" in header
        found = city_rows(rows)
        assert sorted(found) == cities
        for name in cities:
            assert found[name][1] == Location.objects.get(name=name).city
            assert found[name][2] == "Actief"
        assert not small_casework_cells(found), small_casework_cells(found)
        assert ["<5 = minder dan 5 (een klein aantal laten we niet zien)"] in [
            [cell for cell in row if cell] for row in rows
        ]


# --- a. The coordinator: all cities, a filter, one location, the downloads --------------------


def test_coordinator_compares_filters_drills_down_and_downloads(demo, page: Page, live_server):
    gouda = Location.objects.get(name="Gouda")

    # From the log-in page on, only clicks.
    login(page, live_server, "coordinator")
    open_dashboard(page)
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(location_rows(page)).to_have_count(6)
    assert row_names(page) == CITIES
    # Side by side: one table, one row per city, the same figures in the same columns.
    cells_per_row = {row.locator("td").count() for row in location_rows(page).all()}
    assert cells_per_row == {len(COLUMNS)}
    expect(page.locator("main svg.dashboard-chart[role=img]")).to_have_count(3)
    # The filter shows what the page shows: every status, the default period of 12 months.
    expect(page.get_by_label("Status locatie")).to_have_value("")
    expect(page.get_by_label("Periode", exact=True)).to_have_value("12")
    expect(page.get_by_role("heading", name="Verloop in de laatste 12 maanden")).to_be_visible()
    check_page(page, "01-alle-locaties")

    # The exports of what is on the screen: all six cities, the last 12 months.
    assert_exports(page, CITIES, 12)

    # A filter: the last 6 months of the active locations; still all six cities.
    page.get_by_label("Periode", exact=True).select_option(label="6 maanden")
    page.get_by_label("Status locatie").select_option(label="Actief")
    page.locator("main form").get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(r"/dashboard/\?.*months=6"))
    expect(page).to_have_url(re.compile(r"[?&]status=actief"))
    expect(page.get_by_role("heading", name="Verloop in de laatste 6 maanden")).to_be_visible()
    expect(page.locator("main .dashboard-trend tbody tr")).to_have_count(6)
    assert row_names(page) == CITIES
    assert_exports(page, CITIES, 6)

    # And one city by its name.
    page.get_by_label("Plaats of naam").fill("Gouda")
    page.locator("main form").get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(r"[?&]q=Gouda"))
    expect(location_rows(page)).to_have_count(1)
    assert row_names(page) == ["Gouda"]
    expect(page.get_by_label("Periode", exact=True)).to_have_value("6")
    check_page(page, "02-gefilterd")
    assert_exports(page, ["Gouda"], 6)

    # Drill down: Gouda's own page, in the same period.
    location_rows(page).get_by_role("link", name="Gouda", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/locaties/{gouda.pk}/?months=6")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gouda")
    expect(page.get_by_label("Periode", exact=True)).to_have_value("6")
    for group in ["Plan van aanpak", "Training", "Bewoners (samen geteld)"]:
        expect(page.get_by_role("region", name=group)).to_be_visible()

    # Charts (SVG, each with its title) and beside them the table with the same figures.
    charts = page.locator("main svg.dashboard-chart[role=img]")
    expect(charts).to_have_count(3)
    for index, title in enumerate(
        [
            "Contacten per maand",
            "Nieuwe trajecten per maand",
            "Dagdelen training gegeven per maand",
        ]
    ):
        chart = charts.nth(index)
        expect(chart.locator("title")).to_have_text(title)
        expect(chart.locator("text.chart-label")).to_have_count(6)
    table = page.get_by_role("table", name="Per maand (dezelfde getallen als de grafieken)")
    expect(table.locator("tbody tr")).to_have_count(6)
    expect(table.locator("thead th")).to_have_text(
        ["Maand", "Contacten", "Nieuwe trajecten", "Dagdelen"]
    )
    chart_box, table_box = charts.first.bounding_box(), table.bounding_box()
    if on_phone(page):  # stacked: the table under the charts
        assert table_box["y"] >= chart_box["y"] + chart_box["height"]
    else:  # beside the charts, on the right
        assert table_box["x"] >= chart_box["x"] + chart_box["width"]
        assert table_box["y"] < chart_box["y"] + chart_box["height"]
    check_page(page, "03-locatie")

    # Another period from the location's own page, then back by the breadcrumb.
    page.get_by_label("Periode", exact=True).select_option(label="3 maanden")
    page.locator("main form").get_by_role("button", name="Toon").click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/locaties/{gouda.pk}/?months=3")
    expect(table.locator("tbody tr")).to_have_count(3)
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Dashboard").click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(location_rows(page)).to_have_count(6)


# --- b. A projectleider: only their own city --------------------------------------------------


def test_projectleider_sees_only_their_own_city(demo, page: Page, live_server):
    enschede = Location.objects.get(name="Enschede")

    login(page, live_server, "leider-enschede")
    open_dashboard(page)
    expect(location_rows(page)).to_have_count(1)
    assert row_names(page) == ["Enschede"]
    for city in CITIES:
        if city != "Enschede":
            expect(page.locator("main")).not_to_contain_text(city)
    check_page(page, "04-projectleider")
    assert_exports(page, ["Enschede"], 12)

    location_rows(page).get_by_role("link", name="Enschede", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/locaties/{enschede.pk}/?months=12")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enschede")
    expect(page.get_by_label("Periode", exact=True)).to_have_value("12")
    expect(page.locator("main svg.dashboard-chart[role=img]")).to_have_count(3)
    check_page(page, "05-projectleider-locatie")
