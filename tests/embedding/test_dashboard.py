"""The embedding monitor on the dashboard: the matrix shows colour, a mark and a word per cell
(never colour alone), the chart has its table, a leader sees only their own location, and the
CSV and XLSX hold the same statuses."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from embedding import services
from embedding.constants import Status
from tests.embedding.factories import embedding_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(world):
    embedding_world(world)
    services.condition_update(
        condition_id=world.zutphen_condition.pk,
        values={"status": Status.IN_PLACE},
        actor=world.zutphen.leader,
    )
    return world


def test_matrix_for_the_coordinator(board, client):
    client.force_login(board.coordinator)
    response = client.get(reverse("dashboard:embedding"))
    page = response.content.decode()
    assert "Gouda" in page and "Zutphen" in page
    assert "embedding-status-geregeld" in page
    assert '<span aria-hidden="true">●</span> ja' in page  # colour, mark and word
    assert "Gezamenlijke ambitie en visie" in page
    assert "Per maand: geregeld van de voorwaarden die van toepassing zijn" in page  # the table
    assert 'role="img"' in page
    [zutphen] = [r for r in response.context["location_rows"] if r.location.name == "Zutphen"]
    assert zutphen.in_place >= 1


def test_a_leader_sees_only_their_location(board, client):
    client.force_login(board.gouda.leader)
    page = client.get(reverse("dashboard:embedding")).content.decode()
    assert "Gouda" in page and "Zutphen" not in page
    url = reverse("dashboard:embedding_location", args=[board.zutphen.location.pk])
    assert client.get(url).status_code == 404
    csv_text = client.get(reverse("dashboard:embedding_csv")).content.decode("utf-8-sig")
    assert "Zutphen" not in csv_text


def test_exports(board, client):
    client.force_login(board.coordinator)
    response = client.get(reverse("dashboard:embedding_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, *data = rows
    assert header[0] == "Locatie" and "Gezamenlijke ambitie en visie" in header
    column = header.index("Gezamenlijke ambitie en visie")
    by_name = {row[0]: row for row in data}
    assert by_name["Zutphen"][column] == "Geregeld"
    assert by_name["Gouda"][column] == "Nog niet gestart"
    response = client.get(reverse("dashboard:embedding_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == header
    assert {row[0] for row in values[1:]} == {"Gouda", "Zutphen"}


def test_location_page_shows_its_own(board, client):
    client.force_login(board.gouda.leader)
    url = reverse("dashboard:embedding_location", args=[board.gouda.location.pk])
    page = client.get(url).content.decode()
    assert "Voortgang per fase" in page and "Zutphen" not in page
    dashboard_page = client.get(reverse("dashboard:location", args=[board.gouda.location.pk]))
    assert url in dashboard_page.content.decode()
