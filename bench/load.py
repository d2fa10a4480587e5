"""`make load`: gunicorn (2 workers) and PostgreSQL on 127.0.0.1 with the national bench data,
under a mixed load of logged-in users for 60 s with `wrk`.

Four kinds of request take turns: a coordinator opens the dashboard, a projectleider the plan,
a trainer ticks a block in the room (an htmx POST with a fresh token, as the phone sends it),
and a social worker opens a resident's case page. Each has its own session cookie; the tick
carries its CSRF token. Prints requests/s, p95 and the error count (non-2xx/3xx answers and
socket errors): zero errors is the bar.

Reuses the national data of the last `make bench` / `make load` when it is there, else makes it
(a couple of minutes). Options: --seconds, --connections, --fresh (always new data).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from bench.database import bench_database_url, recreate

SCRIPT = Path(__file__).resolve().parent / ".data" / "mixed.lua"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args(argv)

    url = bench_database_url()
    if not url.startswith("postgres"):
        print("make load runs on PostgreSQL: set DATABASE_URL (make load does).", file=sys.stderr)
        return 2
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    if args.fresh or not _has_national_data(url):
        recreate(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench import scenario

    if not _national_ready():
        scenario.make_coordinator()
        scenario.generate(scenario.data.Scale.national(), 0, "national")
    print(run(seconds=args.seconds, connections=args.connections))
    return 0


def _has_national_data(url: str) -> bool:
    import psycopg2

    try:
        conn = psycopg2.connect(url.replace("postgres://", "postgresql://", 1))
    except psycopg2.OperationalError:
        return False
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM teams_location")
            return cursor.fetchone()[0] >= 350
    except psycopg2.Error:
        return False
    finally:
        conn.close()


def _national_ready() -> bool:
    from teams.models import Location, User

    return (
        Location.objects.count() >= 350
        and User.objects.filter(username="bench-coordinator").exists()
    )


def scenarios() -> list[dict[str, str]]:
    """The four requests, with the users of the last generated location set."""
    from django.conf import settings
    from django.test import Client

    from bench import data
    from casework.models import Resident
    from casework.querysets import resident_visibility
    from plans.models import PlanOfApproach
    from teams.models import Location, User
    from trainings.models import RunBlock

    index = _measured_index()
    location = Location.objects.get(name=f"Bench {index:04d}")
    plan = PlanOfApproach.objects.get(location=location)
    block = RunBlock.objects.filter(session__run__location=location).order_by("pk").first()
    werker = User.objects.get(username=data.bench_username("werker", index))
    resident = Resident.objects.filter(resident_visibility(werker)).order_by("pk").first()

    def cookie_for(username: str, warm_url: str) -> tuple[str, str]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(warm_url)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        csrf = client.cookies.get(settings.CSRF_COOKIE_NAME)
        header = f"{settings.SESSION_COOKIE_NAME}={session}"
        if csrf:
            header += f"; {settings.CSRF_COOKIE_NAME}={csrf.value}"
        return header, csrf.value if csrf else ""

    session_url = f"/trainingen/sessies/{block.session_id}/"
    trainer_cookie, csrf = cookie_for(data.bench_username("trainer", index), session_url)
    return [
        {"method": "GET", "path": "/dashboard/", "cookie": cookie_for("bench-coordinator", "/")[0]},
        {
            "method": "GET",
            "path": f"/plannen/{plan.pk}/",
            "cookie": cookie_for(data.bench_username("leider", index), "/")[0],
        },
        {
            "method": "POST",
            "path": f"{session_url}blokken/{block.pk}/",
            "cookie": trainer_cookie,
            "csrf": csrf,
            "body": "status=gegeven&note=",
        },
        {
            "method": "GET",
            "path": f"/bewoners/{resident.pk}/",
            "cookie": cookie_for(werker.username, "/")[0],
        },
    ]


def _measured_index() -> int:
    from teams.models import User

    names = User.objects.filter(username__startswith="bench-werker-").values_list(
        "username", flat=True
    )
    return max(int(name.rsplit("-", 1)[1]) for name in names)


LUA = r"""
-- Generated by bench/load.py: four logged-in requests in turn; a fresh token per tick.
local scenarios = {
%(scenarios)s
}
local threads = {}
local counter = 0
statuses = {}  -- global: done() reads it from every thread

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  statuses = {}
end

local function uuid()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (string.gsub(template, "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%%x", v)
  end))
end

function request()
  counter = counter + 1
  local s = scenarios[(counter %% #scenarios) + 1]
  local headers = { ["Cookie"] = s.cookie }
  if s.method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["X-CSRFToken"] = s.csrf
    headers["HX-Request"] = "true"
    return wrk.format("POST", s.path, headers, s.body .. "&token=" .. uuid())
  end
  return wrk.format("GET", s.path, headers, nil)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("P95 %%.2fms\n", latency:percentile(95.0) / 1000))
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do total[status] = (total[status] or 0) + n end
  end
  for status, n in pairs(total) do io.write(string.format("STATUS %%d %%d\n", status, n)) end
end
"""


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_script(items: list[dict[str, str]]) -> Path:
    rows = []
    for item in items:
        fields = ", ".join(f"{key} = {_lua_string(value)}" for key, value in item.items())
        rows.append(f"  {{ {fields} }},")
    SCRIPT.parent.mkdir(exist_ok=True)
    SCRIPT.write_text(LUA % {"scenarios": "\n".join(rows)})
    return SCRIPT


def run(*, seconds: int, connections: int) -> str:
    import re

    from django.db import connection
    from django.utils import timezone

    from bench import server

    items = scenarios()
    script = write_script(items)
    with server.gunicorn() as base:
        started = time.perf_counter()
        result = server.run_wrk(
            base + "/", seconds=seconds, cookie="", script=script, connections=connections
        )
        elapsed = time.perf_counter() - started
    statuses = ", ".join(
        f"{status}: {count}" for status, count in re.findall(r"STATUS (\d+) (\d+)", result.output)
    )
    from teams.models import Location

    return "\n".join(
        [
            f"#### Mixed load: {len(items)} kinds of request in turn "
            f"(dashboard, plan, tick in the room, case page)",
            "",
            f"Run on {timezone.localdate():%Y-%m-%d}, {platform.machine()}, "
            f"{os.cpu_count()} cores, PostgreSQL {connection.pg_version // 10000}, "
            f"gunicorn 2 workers, wrk 2 threads and "
            f"{connections} connections for {seconds} s on 127.0.0.1, "
            f"{Location.objects.count()} locations of national bench data.",
            "",
            "| requests/s | p95 (ms) | requests | errors | answers |",
            "|---:|---:|---:|---:|---|",
            f"| {result.requests_per_second:.1f} | {result.p95_ms or 0:.0f} | {result.requests} "
            f"| {result.errors} | {statuses} |",
            "",
            f"(wrk ran {elapsed:.0f} s)",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
