"""Real processes for the runtime tests: Redis servers, gunicorn app servers, Celery workers
and beat, an SMTP server, all on 127.0.0.1, against the test database on PostgreSQL.

Each test gets its own Redis server on a free port, so stopping it (the outage test) or
flushing it touches no other test, and the two pytest-xdist processes never share a queue.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.05, what: str = "it"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class RedisServer:
    """A throw-away redis-server (Debian's) without persistence, stoppable mid-test."""

    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise RuntimeError("redis-server is not installed (ops/redis.sh installs it)")
        self.dir = tempfile.mkdtemp(prefix="wk-redis-")
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), timeout=10, what="redis-server")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (gunicorn and Celery fork children)."""
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.popen.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(10)


@dataclass
class Stack:
    """Starts the stack's processes with one environment; stops them all at the end."""

    redis: RedisServer
    extra_env: dict[str, str] = field(default_factory=dict)
    static_root: str = ""
    processes: list[Process] = field(default_factory=list)
    log_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="wk-stack-")))

    def env(self) -> dict[str, str]:
        database = settings.DATABASES["default"]
        db_url = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTEST_", "CELERY_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.stack",
            DATABASE_URL=db_url,
            REDIS_URL=self.redis.url,
            SECRET_KEY="runtime-tests-only-not-secret-0123456789abcdefghijklmnop",
            FIELD_ENCRYPTION_KEYS=",".join(settings.FIELD_ENCRYPTION_KEYS),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CELERY_VISIBILITY_TIMEOUT="4",
            CELERY_RESTORE_INTERVAL="1",
            CELERY_RESTORE_THROTTLE="1",
            DASHBOARD_REFRESH_DELAY="1",
            CONN_MAX_AGE="0",
            PYTHONUNBUFFERED="1",
            STATIC_ROOT=self.static_root or str(ROOT / "staticfiles"),
            LOG_LEVEL="INFO",
        )
        env.update(self.extra_env)
        return env

    def run(self, *args: str) -> str:
        """A management command with the stack's settings (waits for it)."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def _start(self, name: str, args: list[str]) -> Process:
        log_path = self.log_dir / f"{name}.log"
        popen = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env(),
            stdout=log_path.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process = Process(name, popen, log_path)
        self.processes.append(process)
        return process

    def app_server(self, name: str, *, workers: int = 1) -> tuple[Process, int]:
        port = free_port()
        env_args = [f"--bind=127.0.0.1:{port}", f"--workers={workers}"]
        process = self._start(
            name, [str(BIN / "gunicorn"), "config.wsgi", "-c", "config/gunicorn.py", *env_args]
        )
        wait_for(
            lambda: port_open(port) or process.popen.poll() is not None,
            timeout=60,
            what=f"gunicorn {name}",
        )
        assert process.popen.poll() is None, process.log()
        return process, port

    def worker(self, name: str, *, concurrency: int = 1) -> Process:
        process = self._start(
            name,
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                str(concurrency),
                "--pool",
                "prefork",
                "--hostname",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
        )
        wait_for(
            lambda: "ready." in process.log() or process.popen.poll() is not None,
            timeout=60,
            what=f"worker {name}",
        )
        assert process.popen.poll() is None, process.log()
        return process

    def beat(self, name: str = "beat") -> Process:
        schedule = self.log_dir / f"{name}-schedule"
        return self._start(
            name,
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(schedule),
            ],
        )

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            process.kill(signal.SIGTERM)
        self.processes.clear()
        connection.close()


class SmtpSink:
    """An SMTP server (aiosmtpd) that keeps what it accepted. `hold()` makes it take the next
    message's data but never answer it, as a mail server that hangs mid-delivery: a message
    counts as delivered only once the server said 250, as in SMTP itself."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.accepted: list[tuple[list[str], str]] = []
        self.port = free_port()
        self._hold = threading.Event()
        self.held = threading.Event()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                import asyncio

                if sink._hold.is_set():
                    sink.held.set()
                    while sink._hold.is_set():
                        await asyncio.sleep(0.05)
                    return "451 Try again later"
                sink.accepted.append(
                    (list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace"))
                )
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def hold(self) -> None:
        self._hold.set()

    def release(self) -> None:
        self._hold.clear()

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.release()
        self.controller.stop()
