"""The dashboard page, a location's page and the exports: scope, query counts, layout."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format
from openpyxl import load_workbook

from dashboard.summaries import refresh_all
from tests.dashboard.factories import fill, today
from tests.teams.factories import LocationFactory

pytestmark = pytest.mark.django_db

PAGES = ["dashboard:index", "dashboard:export_csv", "dashboard:export_xlsx"]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_coordinator_sees_every_location(world, client):
    refresh_all()
    client.force_login(world.coordinator)
    page = client.get(reverse("dashboard:index")).content.decode()
    assert "Gouda" in page and "Zutphen" in page
    assert "<svg" in page and 'role="img"' in page and "<title" in page


def test_projectleider_sees_only_their_location(world, client):
    refresh_all()
    client.force_login(world.gouda.leader)
    page = client.get(reverse("dashboard:index")).content.decode()
    assert "Gouda" in page and "Zutphen" not in page
    other = reverse("dashboard:location", args=[world.zutphen.location.pk])
    assert client.get(other).status_code == 404
    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("dashboard:export_csv")).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )  # noqa: E501
    assert [r[0] for r in rows[1:] if r and r[0] in ("Gouda", "Zutphen")] == ["Gouda"]


def test_others_get_a_403_and_anonymous_the_log_in(world, client):
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for user in (world.gouda.worker, world.gouda.expert, world.gouda.trainer, world.outsider):
        client.force_login(user)
        assert client.get(reverse("dashboard:index")).status_code == 403


def test_navbar_shows_dashboard_only_to_who_may_open_it(world, client):
    client.force_login(world.coordinator)
    assert reverse("dashboard:index") in client.get(reverse("home")).content.decode()
    client.force_login(world.gouda.worker)
    assert reverse("dashboard:index") not in client.get(reverse("home")).content.decode()


def test_filters_and_sorting(world, client):
    refresh_all()
    client.force_login(world.coordinator)
    page = client.get(reverse("dashboard:index"), {"q": "zutph"}).content.decode()
    assert "Zutphen" in page and ">Gouda<" not in page
    page = client.get(reverse("dashboard:index"), {"sort": "-name"}).content.decode()
    assert page.index(">Zutphen<") < page.index(">Gouda<")
    # An unknown sort key or period falls back to the defaults, never an error.
    response = client.get(reverse("dashboard:index"), {"sort": "resident__name", "months": "x"})
    assert response.status_code == 200
    page = client.get(reverse("dashboard:index"), {"months": "3"}).content.decode()
    assert page.count('<th scope="row">', page.index("Per maand")) >= 3


@pytest.mark.parametrize("url_name", PAGES)
def test_query_count_is_constant_as_data_grows(world, client, url_name):
    fill(world.gouda, 1)
    refresh_all()
    client.force_login(world.coordinator)
    url = reverse(url_name)
    small = count_queries(client, url)
    fill(world.gouda, 10)
    fill(world.zutphen, 10)
    refresh_all()
    assert count_queries(client, url) == small


@pytest.mark.parametrize("url_name", PAGES)
def test_query_count_is_constant_with_more_locations(world, client, url_name):
    refresh_all()
    client.force_login(world.coordinator)
    url = reverse(url_name)
    two = count_queries(client, url)
    for _ in range(4):
        LocationFactory()
    refresh_all()
    assert count_queries(client, url) == two


def test_location_page_query_count_is_constant(world, client):
    fill(world.gouda, 1)
    refresh_all()
    client.force_login(world.coordinator)
    url = reverse("dashboard:location", args=[world.gouda.location.pk])
    small = count_queries(client, url)
    fill(world.gouda, 10)
    refresh_all()
    assert count_queries(client, url) == small


def test_the_page_stacks_on_a_phone_and_links_to_no_resident(world, client):
    fill(world.gouda, 1)
    refresh_all()
    client.force_login(world.coordinator)
    for url in (
        reverse("dashboard:index"),
        reverse("dashboard:location", args=[world.gouda.location.pk]),
    ):
        page = client.get(url).content.decode()
        assert 'name="viewport" content="width=device-width' in page
        assert not re.search(r'href="[^"]*/bewoners/\d', page)  # the navbar's list is fine
        assert "<desc" in page and "<caption" in page  # each chart has its data table
    page = client.get(reverse("dashboard:index")).content.decode()
    assert "table-responsive-stack" in page
    assert 'data-label="Acties te laat"' in page


def test_exports_have_the_same_rows_as_the_page(world, client):
    fill(world.gouda, 1)
    refresh_all()
    client.force_login(world.coordinator)
    text = client.get(reverse("dashboard:export_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Locatie"
    assert [r[0] for r in rows[1:3]] == ["Gouda", "Zutphen"]
    response = client.get(reverse("dashboard:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert [v[0] for v in values[1:3]] == ["Gouda", "Zutphen"]
    assert len(values[0]) == len(rows[0])


def test_the_table_is_paged_and_the_trend_covers_every_location(world, client):
    """25 locations a page (the page's cost follows the rows shown); the trend and the exports
    count every location that passes the filters."""
    from casework.services import tally_anonymous_contact
    from dashboard.views import PAGE_SIZE

    extra = [LocationFactory(name=f"Zz-locatie {n:02d}") for n in range(PAGE_SIZE)]
    # Six anonymous contacts at the last location only (on page 2): shown in the trend.
    tally_anonymous_contact(location=extra[-1], date=today(), kind="huisbezoek", count=6)
    refresh_all()
    client.force_login(world.coordinator)
    first = client.get(reverse("dashboard:index")).content.decode()
    assert first.count('href="/dashboard/locaties/') == PAGE_SIZE
    assert "Zz-locatie 24" not in first and "pagina=2" in first
    this_month = date_format(today().replace(day=1), "F Y")
    trend_table = first.split("Per maand (dezelfde getallen als de grafieken)")[1]
    assert re.search(rf"{re.escape(this_month)}</th>\s*<td[^>]*>6<", trend_table)
    second = client.get(reverse("dashboard:index") + "?pagina=2").content.decode()
    assert "Zz-locatie 24" in second and second.count('href="/dashboard/locaties/') == 2
    rows = client.get(reverse("dashboard:export_csv")).content.decode("utf-8-sig").splitlines()
    assert len([r for r in rows if r.startswith(("Gouda", "Zutphen", "Zz-locatie"))]) == 27


def test_a_page_number_out_of_range_shows_the_last_page(world, client):
    refresh_all()
    client.force_login(world.coordinator)
    response = client.get(reverse("dashboard:index") + "?pagina=999")
    assert response.status_code == 200 and "Gouda" in response.content.decode()
    assert client.get(reverse("dashboard:index") + "?pagina=abc").status_code == 200
