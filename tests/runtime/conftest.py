"""Fixtures of the runtime tests: real Redis, real PostgreSQL, real processes.

They need PostgreSQL (several processes share the database) and Debian's redis-server: on a
laptop without them they are skipped; under CI=true they never are (.ci/run starts both).
"""

from __future__ import annotations

import os
import shutil

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from tests.conftest import IN_CI
from tests.runtime.stack import RedisServer, SmtpSink, Stack


class QuickPBKDF2(PBKDF2PasswordHasher):
    """A password hash the stack's (production) hashers can check, quick to compute."""

    iterations = 1000


def _requirements() -> str | None:
    if connection.vendor != "postgresql":
        return "needs PostgreSQL (DATABASE_URL): several processes share one database"
    if shutil.which("redis-server") is None:
        return "needs Debian's redis-server (ops/redis.sh installs it)"
    return None


@pytest.fixture
def needs_runtime(transactional_db):
    missing = _requirements()
    if missing:
        if IN_CI:
            pytest.fail(f"CI must run the runtime tests: {missing}")
        pytest.skip(missing)


@pytest.fixture
def redis_server(needs_runtime):
    server = RedisServer()
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def smtp():
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """The static files collected once, as a deployment does (manifest storage needs it)."""
    import subprocess
    import sys

    from tests.runtime.stack import ROOT

    root = tmp_path_factory.mktemp("static")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.stack",
        "STATIC_ROOT": str(root),
        "SECRET_KEY": "collectstatic-only",
        "FIELD_ENCRYPTION_KEYS": "unused",
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DATABASE_URL": "sqlite:///unused.sqlite3",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    return str(root)


@pytest.fixture
def stack(redis_server, smtp, static_root):
    running = Stack(redis_server, extra_env={"EMAIL_URL": smtp.url}, static_root=static_root)
    yield running
    running.stop_all()


def set_stack_password(user, password: str) -> None:
    from django.contrib.auth.hashers import make_password

    user.password = make_password(password, hasher=QuickPBKDF2())
    user.save(update_fields=["password"])
