"""Privacy in aggregates: no casework count of 1-4 anywhere, and no way to get one back by
subtraction, on the page or in the exports."""

from __future__ import annotations

import csv
import datetime
import html
import io
import re

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from casework.constants import CollaborationForm, ConsentPurpose
from casework.models import Trajectory
from dashboard import suppression as sup
from dashboard.selectors import COLUMNS
from dashboard.summaries import refresh_all
from tests.casework.factories import ConsentFactory, ContactFactory
from tests.dashboard.factories import today, trajectories

CASEWORK = [i for i, column in enumerate(COLUMNS) if column.casework]


# --- The rules on their own --------------------------------------------------------------


def test_small_counts_show_as_less_than_five_and_zero_shows():
    assert [sup.cell(n).text for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


def test_one_small_cell_hides_the_next_smallest_and_the_total():
    cells = sup.group([3, 10, 20, 0])
    assert [c.text for c in cells] == ["<5", "–", "20", "0"]
    assert sup.total(33, cells).text == "–"


def test_a_total_shows_when_every_part_shows():
    cells = sup.group([7, 10, 0, 5])
    assert sup.total(22, cells).text == "22"


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=6))
def test_no_group_can_be_solved(values):
    cells = sup.group(values)
    shown_total = sup.total(sum(values), cells)
    hidden = [i for i, c in enumerate(cells) if not c.shown]
    assert all(c.value is None for c in cells if not c.shown)  # never carries its number
    assert all(not sup.is_small(c.value) for c in cells if c.shown)
    if shown_total.shown:
        assert not hidden  # a total that shows is a sum of shown cells
    # A single hidden non-zero cell only when nothing else is non-zero, and then no total.
    if len(hidden) == 1:
        assert not shown_total.shown


# --- On the page and in the exports --------------------------------------------------------


@pytest.fixture
def revealing(world):
    """Gouda, built so that subtraction WOULD reveal a small number without protection:
    - trajectories per form: tandem 3, apart (ED) 10, apart (SW) 20, advice 0 -> total 33;
    - residents 33, of whom 30 with consent to record: 3 without;
    - contacts: 3 last month and 10 this month -> 13 in any period."""
    site = world.gouda
    trajectories(site, CollaborationForm.TANDEM, 3)
    trajectories(site, CollaborationForm.SEPARATE_FROM_EXPERT, 10)
    trajectories(site, CollaborationForm.SEPARATE_FROM_WORKER, 20)
    all_trajectories = list(Trajectory.objects.filter(resident__location=site.location))
    for trajectory in all_trajectories[:30]:
        ConsentFactory(resident=trajectory.resident, purpose=ConsentPurpose.RECORD)
    last_month = today().replace(day=1) - datetime.timedelta(days=1)
    for i in range(3):
        ContactFactory(trajectory=all_trajectories[i], date=last_month)
    for i in range(10):
        ContactFactory(trajectory=all_trajectories[i], date=today())
    refresh_all()
    return world


def _gouda_row_html(page: str) -> list[str]:
    row = re.search(r'<tr>\s*<th scope="row">\s*<a [^>]*>Gouda</a>.*?</tr>', page, re.S).group(0)
    return [html.unescape(c.strip()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def _check_row(cells: list) -> None:
    by_key = {COLUMNS[i].key: str(cells[i]) for i in range(len(COLUMNS))}
    # The small cells: shown as "<5", never as their number.
    assert by_key["trajectories_tandem"] == "<5"
    # Complementary suppression: the next-smallest cell of the group is hidden too ...
    assert by_key["trajectories_apart_ed"] == "–"
    assert by_key["trajectories_apart_sw"] == "20"
    # ... and no total from which a hidden cell follows.
    assert by_key["trajectories_total"] == "–"
    # Consent: 3 without consent would follow from 33 - 30.
    assert by_key["residents"] == "–"
    assert by_key["residents_consenting"] == "–"
    assert by_key["consent_percent"] == "–"
    # Contacts: 13 - 10 (this month, shown in the trend) would give last month's 3.
    assert by_key["contacts_period"] == "–"
    # Every trajectory started this month, so the new ones (33) give away the total of the
    # ongoing ones after all: that is why the complementary cell is hidden. 33 - 20 - 0 leaves
    # 13 for tandem and apart (ED) together, and neither can be told on its own.
    assert by_key["new_period"] == "33"
    # No casework cell shows a number of 1-4, nor 13, 10, 30 or 3.
    for index in CASEWORK:
        value = str(cells[index])
        assert not re.fullmatch(r"[1-4]", value), (COLUMNS[index].key, value)
        assert value not in {"13", "10", "30", "3"}, (COLUMNS[index].key, value)


@pytest.mark.parametrize("months", ["3", "6", "12", "24"])
def test_the_page_cannot_be_solved_by_subtraction(revealing, client, months):
    client.force_login(revealing.coordinator)
    page = client.get(reverse("dashboard:index"), {"months": months}).content.decode()
    _check_row(_gouda_row_html(page))
    location_page = client.get(
        reverse("dashboard:location", args=[revealing.gouda.location.pk]), {"months": months}
    ).content.decode()
    # The location's trend: last month's 3 contacts show as "<5" in the data table.
    assert '<td class="text-end">&lt;5</td>' in location_page
    facts = re.findall(r'<dd class="[^"]*">(.*?)</dd>', location_page)
    assert "13" not in facts and "3" not in facts and "10" not in facts and "30" not in facts


def test_the_csv_cannot_be_solved_by_subtraction(revealing, client):
    client.force_login(revealing.coordinator)
    text = client.get(reverse("dashboard:export_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    gouda = next(r for r in rows if r and r[0] == "Gouda")
    _check_row(gouda[3:])


def test_the_xlsx_cannot_be_solved_by_subtraction(revealing, client):
    client.force_login(revealing.coordinator)
    response = client.get(reverse("dashboard:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    gouda = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "Gouda")
    _check_row(list(gouda[3:]))


def test_the_trend_over_locations_adds_only_shown_cells(revealing, client):
    """Filtering to one location must not turn a "<5" into its number via a sum."""
    client.force_login(revealing.coordinator)
    page = client.get(reverse("dashboard:index"), {"q": "Gouda"}).content.decode()
    table = page[page.index("Per maand") :]
    table = table[: table.index("</table>")]
    numbers = re.findall(r'<td class="text-end">(.*?)</td>', table)
    assert "3" not in numbers  # last month's contacts in Gouda: "<5" or left out
