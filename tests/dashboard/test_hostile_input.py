"""Hostile query strings on the dashboard, generated with Hypothesis: the page, a location's
page and both exports, as the coordinator and as Gouda's projectleider.

The filters and the sort come from the address bar, so anything can arrive: random Unicode,
null bytes, 5000-digit page numbers, negative and fractional periods, unknown sort keys (also
the casework columns, which are deliberately not sortable), repeated and unknown parameters.
For every example:
- never a 500: the coordinator always gets a 200 (a 404 for a location that does not exist);
  the projectleider a 200 for their own location and a 404 for any other;
- the projectleider never sees the other location: not its name (unless they typed it into
  the search box, which the page shows back), not a link to its page, not in either export.
Each example runs in a savepoint that is rolled back (the pages only read, but who knows).
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from dashboard.exports import XLSX_TYPE
from dashboard.selectors import SORTS
from dashboard.summaries import refresh_all
from teams.constants import LocationStatus
from tests.casework.test_hostile_input import mostly, rolled_back
from tests.dashboard.factories import fill
from tests.teams.test_hostile_input import HOSTILE, TEXT

pytestmark = pytest.mark.django_db

OTHER = "Zutphen"  # the other location's name (its organisations carry it too)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        ["0", "-1", "1.0", "2.5", "1e400", "NaN", "inf", "9" * 5000, "0x10", "\u0663", " 1 "]
    ),
)
SORT_KEYS = sorted(SORTS)
VALUES = {
    "q": st.one_of(
        TEXT,
        st.sampled_from(
            ["Gouda", "zutph", OTHER, "%", "_", "%%", "\\", "' OR 1=1 --", "a b c d e f g h"]
        ),
    ),
    "status": st.one_of(st.sampled_from(["", *LocationStatus.values]), TEXT),
    "months": st.one_of(st.sampled_from(["3", "6", "12", "24"]), NUMBERS, TEXT),
    "sort": st.one_of(
        st.sampled_from([*SORT_KEYS, *(f"-{key}" for key in SORT_KEYS)]),
        st.sampled_from(
            [
                "",
                "-",
                "--name",
                "pk",
                "-pk",
                "residents",  # casework columns are not sortable
                "-trajectories_total",
                "dashboard_summary__plan_status",
                "location__name",
                "name;DROP TABLE teams_location",
                "__class__",
                "name,city",
                "?",
            ]
        ),
        TEXT,
    ),
    "pagina": st.one_of(st.integers(-3, 3).map(str), NUMBERS, TEXT),
}
PAIRS = st.one_of(
    *(st.tuples(st.just(key), values) for key, values in VALUES.items()),
    st.tuples(TEXT, TEXT),  # a parameter nobody asked for
)
# A list of (name, value): names may repeat, in any order.
QUERIES = st.lists(PAIRS, max_size=8)
MISSING = [10**6, 2**63 - 1, 2**63, 2**70]


@pytest.fixture
def data(world):
    """Plans, training and casework at both locations, summarised."""
    fill(world.gouda)
    fill(world.zutphen)
    refresh_all()
    return world


def text_of(response) -> str:
    """What a response shows: the page, the CSV, or every cell of the spreadsheet."""
    if response["Content-Type"] == XLSX_TYPE:
        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return response.content.decode("utf-8-sig")


def test_hostile_query_strings(data, client):
    world = data
    gouda, zutphen = world.gouda.location.pk, world.zutphen.location.pk
    pages = [
        reverse("dashboard:index"),
        reverse("dashboard:export_csv"),
        reverse("dashboard:export_xlsx"),
    ]
    locations = mostly(st.sampled_from([gouda, zutphen]), st.sampled_from(MISSING))

    @settings(HOSTILE, max_examples=60)
    @given(
        user=st.sampled_from([world.coordinator, world.gouda.leader]),
        url=st.one_of(
            st.sampled_from(pages),
            locations.map(lambda pk: reverse("dashboard:location", args=[pk])),
        ),
        query=QUERIES,
    )
    def run(user, url, query):
        client.force_login(user)
        location = int(url.rstrip("/").rsplit("/", 1)[-1]) if "/locaties/" in url else None
        with rolled_back():
            response = client.get(f"{url}?{urlencode(query)}")
        event(f"status {response.status_code}")

        foreign = user == world.gouda.leader and location == zutphen
        expected = 404 if location in MISSING or foreign else 200
        assert response.status_code == expected, (response.status_code, url, query)
        if url == pages[1]:
            assert response["Content-Type"].startswith("text/csv")
            rows = list(csv.reader(io.StringIO(text_of(response)), delimiter=";"))
            assert rows[0][0] == "Locatie"
        if url == pages[2]:
            assert response["Content-Type"] == XLSX_TYPE

        if user == world.gouda.leader:
            shown = text_of(response)
            typed = any(OTHER in name or OTHER in value for name, value in query)
            if url in pages[1:] or not typed:
                assert OTHER not in shown, (url, query)
            other_page = reverse("dashboard:location", args=[zutphen])
            if url != other_page:  # (a page names its own address, in the language switch)
                assert other_page not in shown

    run()


def test_the_unfiltered_exports_show_both_locations_to_the_coordinator(data, client):
    """The check above would pass on empty exports too: here they are not empty."""
    client.force_login(data.coordinator)
    for name in ("dashboard:export_csv", "dashboard:export_xlsx", "dashboard:index"):
        shown = text_of(client.get(reverse(name)))
        assert "Gouda" in shown and OTHER in shown, name
    client.force_login(data.gouda.leader)
    for name in ("dashboard:export_csv", "dashboard:export_xlsx", "dashboard:index"):
        shown = text_of(client.get(reverse(name)))
        assert "Gouda" in shown and OTHER not in shown, name
