"""Redis stopped while the site runs: pages answer, nothing is lost, service comes back.

The cache is an optimisation (config/cache.py turns a failing read into a miss), sessions are
`cached_db` (the database has every session), and a write's dashboard refresh runs in-process
when the queue is unreachable (dashboard/tasks.py). /healthz names what is down.
"""

from __future__ import annotations

import json
import uuid

import pytest

from tests.runtime.conftest import set_stack_password
from tests.runtime.http import Browser, block_status
from tests.teams.factories import PASSWORD
from tests.trainings.factories import training_world

pytestmark = pytest.mark.runtime


def test_pages_answer_while_redis_is_down_and_service_returns(world, stack, redis_server):
    training_world(world)
    trainer = world.gouda.trainer
    set_stack_password(trainer, PASSWORD)
    _server, port = stack.app_server("web")
    browser = Browser()
    assert browser.log_in(port, trainer.username, PASSWORD).status == 302
    session_url = f"/trainingen/sessies/{world.session.pk}/"
    assert browser.get(port, session_url).status == 200

    redis_server.stop()
    health = browser.get(port, "/healthz")
    assert health.status == 503
    body = json.loads(health.text)
    assert body["database"] == "ok" and body["failed"] == ["broker", "cache"]
    page = browser.get(port, session_url)  # the session comes from the database
    assert page.status == 200 and 'name="password"' not in page.text
    tick = browser.post(
        port,
        f"{session_url}blokken/{world.block.pk}/",
        {"status": "gegeven", "token": str(uuid.uuid4())},
    )
    assert tick.status in (200, 302), tick.text[:300]
    assert browser.get(port, "/").status == 200

    redis_server.start()  # the same port: the app server reconnects by itself
    assert json.loads(browser.get(port, "/healthz").text)["status"] == "ok"
    again = browser.get(port, session_url)
    assert again.status == 200
    assert block_status(again.text, world.block.pk) == "gegeven"
