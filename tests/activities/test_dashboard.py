"""Group activities on the dashboard: meetings held and visitors per location and month,
suppressed by the dashboard's rules on the page and in both exports; the trend; scope; query
counts; the expert pool shows what an expert leads."""

from __future__ import annotations

import csv
import datetime
import io
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import services
from tests.activities.factories import make_activity, today

pytestmark = pytest.mark.django_db


def _count(meeting, first, back):
    services.meeting_count(
        meeting_id=meeting.pk,
        first_time=first,
        returning=back,
        token=uuid.uuid4(),
        seen_version=None,
        actor=None,
    )


def _gouda_with_small_number(world):
    """One meeting this month in Gouda: 3 first-time (suppressed) and 10 returning."""
    start = today().replace(day=1)
    activity = make_activity(world.gouda, starts_on=start, ends_on=start + datetime.timedelta(60))
    meeting = activity.meetings.order_by("date").first()
    _count(meeting, 3, 10)
    return activity


def test_page_suppresses_small_numbers(world, client):
    _gouda_with_small_number(world)
    client.force_login(world.coordinator)
    page = client.get(reverse("dashboard:activities")).content.decode()
    row = page[page.index("Per locatie en maand") :]
    assert "&lt;5" in row and "–" in row
    # Neither 3 nor 13 can be read: the returning cell and the total are hidden too.
    cells = [part.split("<")[0] for part in row.split('class="text-end">')[1:]]
    assert "3" not in cells and "13" not in cells and "10" not in cells


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exports_suppress_the_same(world, client, kind):
    _gouda_with_small_number(world)
    client.force_login(world.coordinator)
    response = client.get(reverse(f"dashboard:activities_{kind}"))
    assert response.status_code == 200
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    data = [row for row in rows[1:] if row and row[0] == "Gouda"]
    assert len(data) == 1
    assert [str(value) for value in data[0][3:]] == ["1", "<5", "–", "–"]


def test_trend_adds_only_totals_that_show(world, client):
    _gouda_with_small_number(world)
    activity = make_activity(
        world.zutphen,
        leaders=[world.zutphen.expert.person],
        starts_on=today().replace(day=1),
        ends_on=today() + datetime.timedelta(days=30),
    )
    _count(activity.meetings.order_by("date").first(), 6, 9)
    from dashboard.activities import _figures, trend
    from dashboard.selectors import last_months
    from teams.models import Location

    months = last_months(12)
    locations = list(Location.objects.all())
    points = trend(locations, months, _figures([loc.pk for loc in locations], months))
    this_month = points[-1]
    assert this_month["held"].value == 2
    assert this_month["visitors"].value == 15  # Zutphen's 15; Gouda's hidden total not added


def test_projectleider_sees_only_their_location(world, client):
    _gouda_with_small_number(world)
    client.force_login(world.zutphen.leader)
    page = client.get(reverse("dashboard:activities")).content.decode()
    assert "Nog geen gehouden bijeenkomsten" in page
    client.force_login(world.gouda.worker)
    assert client.get(reverse("dashboard:activities")).status_code == 403


@pytest.mark.parametrize("name", ["dashboard:activities", "dashboard:activities_csv"])
def test_query_counts_do_not_grow(world, client, django_assert_max_num_queries, name):
    client.force_login(world.coordinator)

    def grow(times):
        for number in range(times):
            activity = make_activity(world.gouda, title=f"Groep {number}")
            for meeting in activity.meetings.filter(date__lt=today()):
                _count(meeting, 6, 7)

    grow(1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(name)).status_code == 200
    grow(6)
    with django_assert_max_num_queries(len(small)):
        assert client.get(reverse(name)).status_code == 200


def test_pool_shows_what_an_expert_leads(world, client, django_assert_max_num_queries):
    make_activity(world.gouda, title="WRAP-groep Gouda")
    client.force_login(world.gouda.leader)
    page = client.get(reverse("teams:expert_pool")).content.decode()
    assert "Leidt:" in page and "WRAP-groep Gouda" in page
