"""Two app servers behind one balancer behave as one: nothing lives in a process.

Server A and server B (gunicorn, the stack's production settings) share the test database on
PostgreSQL and one Redis. A trainer logs in on A, goes on with the same cookie on B, ticks a
block on B and sees it on A; with A killed, the session still works on B.
"""

from __future__ import annotations

import pytest

from tests.runtime.conftest import set_stack_password
from tests.runtime.http import Browser, block_status
from tests.teams.factories import PASSWORD
from tests.trainings.factories import training_world

pytestmark = pytest.mark.runtime


def test_log_in_on_a_continue_on_b_and_survive_a(world, stack):
    training_world(world)
    trainer = world.gouda.trainer
    set_stack_password(trainer, PASSWORD)
    session_url = f"/trainingen/sessies/{world.session.pk}/"
    tick_url = f"{session_url}blokken/{world.block.pk}/"

    server_a, port_a = stack.app_server("web-a")
    _server_b, port_b = stack.app_server("web-b")
    browser = Browser()

    logged_in = browser.log_in(port_a, trainer.username, PASSWORD)
    assert logged_in.status == 302, logged_in.text[:500]
    assert browser.get(port_a, session_url).status == 200

    on_b = browser.get(port_b, session_url)  # the same cookie, another server
    assert on_b.status == 200
    assert 'name="password"' not in on_b.text and world.session.run.title in on_b.text
    assert block_status(on_b.text, world.block.pk) == "open"

    import uuid

    ticked = browser.post(port_b, tick_url, {"status": "gegeven", "token": str(uuid.uuid4())})
    assert ticked.status in (200, 302), ticked.text[:500]
    assert block_status(browser.get(port_a, session_url).text, world.block.pk) == "gegeven"

    server_a.kill()  # A is gone (SIGKILL): B carries on with the same session
    again = browser.get(port_b, session_url)
    assert again.status == 200
    assert block_status(again.text, world.block.pk) == "gegeven"
    assert "/account/login/" not in again.headers.get("Location", "")
