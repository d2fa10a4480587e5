"""gunicorn (2 workers) on 127.0.0.1 with the bench settings, and `wrk` against it.

`wrk` comes from Debian's package; when it is missing we install it (as root, or with sudo).
Log-ins are real sessions in the bench database, sent as cookies.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.test import Client

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print("-- installing wrk (Debian package)", flush=True)
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
    return shutil.which("wrk") or "wrk"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(workers: int = 2, threads: int = 1):
    """Serve the site (bench/wsgi.py: with the framework floor) with the bench settings;
    yields the base URL. threads > 1 runs gunicorn's gthread workers."""
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "bench.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            *(["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://{HOST}:{port}"
    try:
        _wait_until_up(base + "/healthz", process)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def celery_worker():
    """One Celery worker (solo pool, as `make stack` runs it) on the bench broker, when the
    bench runs on Redis; else nothing (tasks run in-process)."""
    if not settings.CELERY_BROKER_URL:
        yield
        return
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "warning",
            "-Q",
            settings.CELERY_TASK_DEFAULT_QUEUE,
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_up(url: str, process: subprocess.Popen) -> None:
    for _ in range(120):
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped at start-up")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback only)
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within a minute")


def session_cookie(username: str, warm_url: str = "/") -> tuple[str, str]:
    """A logged-in session in the bench database: (the Cookie header value, the CSRF token).
    One GET of `warm_url` sets the CSRF cookie where that page has a form."""
    from teams.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get(warm_url)
    header = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    csrf = client.cookies.get(settings.CSRF_COOKIE_NAME)
    if csrf:
        header += f"; {settings.CSRF_COOKIE_NAME}={csrf.value}"
    return header, csrf.value if csrf else ""


@dataclass
class WrkResult:
    requests_per_second: float
    p95_ms: float | None
    requests: int
    errors: int
    output: str


def run_wrk(
    url: str, *, seconds: int, cookie: str, script: Path | None = None, connections: int = 8
) -> WrkResult:
    command = [
        ensure_wrk(),
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", str(script)]
    result = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


def parse_wrk(output: str) -> WrkResult:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = 0
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if match:
        errors += int(match.group(1))
    match = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if match:
        errors += sum(int(n) for n in match.groups())
    match = re.search(r"P95\s+([\d.]+)ms", output)  # printed by our Lua scripts' done()
    p95 = float(match.group(1)) if match else None
    return WrkResult(rps, p95, total, errors, output)


def dashboard_under_wrk(username: str, *, seconds: int) -> str:
    cookie, _csrf = session_cookie(username)
    script = Path(__file__).with_name("p95.lua")
    with gunicorn() as base:
        result = run_wrk(base + "/dashboard/", seconds=seconds, cookie=cookie, script=script)
    return "\n".join(
        [
            f"#### The dashboard under gunicorn (2 workers) and wrk ({seconds} s, 8 connections)",
            "",
            "| requests/s | p95 (ms) | requests | errors |",
            "|---:|---:|---:|---:|",
            f"| {result.requests_per_second:.1f} | {result.p95_ms or 0:.0f} "
            f"| {result.requests} | {result.errors} |",
        ]
    )
