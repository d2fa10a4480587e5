"""The curriculum pages: readable by every member, fixed queries, the template as shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.trainings.factories import (
    BlockOptionFactory,
    CurriculumBlockFactory,
    CurriculumFactory,
    CurriculumPartFactory,
)


def grow(curriculum, parts: int, blocks: int) -> None:
    for _ in range(parts):
        part = CurriculumPartFactory(curriculum=curriculum)
        for _ in range(blocks):
            block = CurriculumBlockFactory(part=part)
            BlockOptionFactory(block=block)
            BlockOptionFactory(block=block)


@pytest.mark.parametrize("page", ["list", "detail"])
def test_curriculum_pages_cost_the_same_queries_at_any_size(world, client, page):
    curriculum = CurriculumFactory()
    url = (
        reverse("trainings:curriculum_list")
        if page == "list"
        else reverse("trainings:curriculum_detail", args=[curriculum.pk])
    )
    client.force_login(world.gouda.trainer)
    grow(curriculum, 1, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(curriculum, 3, 10)
    CurriculumFactory()
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)


def test_detail_shows_blocks_in_order_with_minutes_and_options(world, client):
    curriculum = CurriculumFactory(name="Proefcurriculum")
    part = CurriculumPartFactory(curriculum=curriculum, number=1, title="Eerste dagdeel")
    first = CurriculumBlockFactory(part=part, position=1, title="Welkom allemaal", minutes=15)
    CurriculumBlockFactory(part=part, position=2, title="Herstel <b>thema</b>", minutes=60)
    BlockOptionFactory(block=first, title="Met beeldkaarten")
    client.force_login(world.gouda.worker)
    page = client.get(reverse("trainings:curriculum_detail", args=[curriculum.pk]))
    text = page.content.decode()
    assert text.index("Welkom allemaal") < text.index("Herstel &lt;b&gt;thema&lt;/b&gt;")
    assert "Met beeldkaarten" in text
    assert "60 min" in text
