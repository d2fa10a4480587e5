"""A write's dashboard refresh arrives through the worker, coalesced.

A trainer ticks blocks 100 times in quick succession on a real app server; the worker log
shows how many refreshes of Gouda ran: a handful, not 100. Afterwards the summary holds the
final figures (the last refresh saw the last write).
"""

from __future__ import annotations

import re
import uuid

import pytest

from dashboard.models import LocationSummary
from tests.runtime.conftest import set_stack_password
from tests.runtime.http import Browser
from tests.runtime.stack import wait_for
from tests.teams.factories import PASSWORD
from tests.trainings.factories import training_world
from trainings.constants import BlockStatus
from trainings.models import RunBlock

pytestmark = pytest.mark.runtime

REFRESHED = re.compile(r"Task dashboard\.tasks\.refresh_location\[[^\]]+\] succeeded")


def test_a_hundred_writes_give_a_handful_of_refreshes(world, stack):
    training_world(world)
    trainer = world.gouda.trainer
    set_stack_password(trainer, PASSWORD)
    blocks = list(world.session.blocks.order_by("pk"))
    worker = stack.worker("worker-1")
    _server, port = stack.app_server("web", workers=2)
    browser = Browser()
    assert browser.log_in(port, trainer.username, PASSWORD).status == 302
    session_url = f"/trainingen/sessies/{world.session.pk}/"
    browser.get(port, session_url)

    statuses = [BlockStatus.DELIVERED, BlockStatus.SKIPPED]
    for n in range(100):
        block = blocks[n % len(blocks)]
        answer = browser.post(
            port,
            f"{session_url}blokken/{block.pk}/",
            {"status": statuses[(n // len(blocks)) % 2], "token": str(uuid.uuid4())},
        )
        assert answer.status in (200, 302), answer.text[:300]

    delivered = RunBlock.objects.filter(
        session__run__location=world.gouda.location, status=BlockStatus.DELIVERED
    ).count()
    wait_for(
        lambda: LocationSummary.objects.filter(
            location=world.gouda.location, blocks_delivered=delivered
        ).exists(),
        timeout=30,
        what="the summary to show the last write",
    )
    refreshes = len(REFRESHED.findall(worker.log()))
    assert 1 <= refreshes <= 10, f"{refreshes} refreshes for 100 writes"
