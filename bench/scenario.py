"""The benchmark's steps (see bench/__main__.py); returns the report as Markdown."""

from __future__ import annotations

import platform
import time

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from bench import data, server
from bench.timing import Measurement, Page, Timer, table
from dashboard.summaries import refresh_all
from plans.models import PlanOfApproach
from teams.constants import Role
from teams.models import Location, Membership, Person, User
from trainings.models import Session

COORDINATOR = "bench-coordinator"
SMALL_FIRST = 0
NATIONAL_FIRST = data.Scale.small().locations


def say(message: str) -> None:
    print(f"-- {message}", flush=True)


def make_coordinator() -> None:
    from django.contrib.auth.hashers import make_password

    user = User.objects.create(username=COORDINATOR, password=make_password(data.PASSWORD))
    person = Person.objects.create(given_name="Bench", family_name="Coördinator", user=user)
    Membership.objects.create(person=person, role=Role.COORDINATOR)


def pages(first_index: int) -> list[Page]:
    """The key pages, at the measured location of one generate() call."""
    location = Location.objects.get(name=f"Bench {first_index:04d}")
    plan = PlanOfApproach.objects.filter(location=location).get()
    session = (
        Session.objects.filter(run__location=location, started_at__isnull=False)
        .order_by("-run__kind", "number")
        .first()
    )
    return [
        Page("dashboard", "/dashboard/", COORDINATOR),
        Page("dashboard, not cached", "/dashboard/", COORDINATOR, uncached=True),
        Page("location (dashboard)", f"/dashboard/locaties/{location.pk}/", COORDINATOR),
        Page("location (team page)", f"/locaties/{location.pk}/", COORDINATOR),
        Page("plan", f"/plannen/{plan.pk}/", data.bench_username("leider", first_index)),
        Page(
            "session (in the room)",
            f"/trainingen/sessies/{session.pk}/",
            data.bench_username("trainer", first_index),
        ),
        Page("case list", "/bewoners/", data.bench_username("werker", first_index)),
    ]


BARE = Page("bare view (base.html)", "/bench/bare/", COORDINATOR)


def generate(scale: data.Scale, first_index: int, label: str) -> data.Totals:
    start = time.perf_counter()
    totals = data.generate(scale, first_index=first_index)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    refresh_all()
    refreshed = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    say(
        f"{label}: +{totals.locations} locations, {totals.residents} residents, "
        f"{totals.contacts} contacts, {totals.actions} actions, {totals.runs} runs, "
        f"{totals.blocks} blocks, {totals.attendance} attendance rows "
        f"in {generated:.0f} s; summaries refreshed in {refreshed:.0f} s"
    )
    return totals


def run(*, repeat: int, wrk_seconds: int) -> str:
    call_command("migrate", verbosity=0)
    make_coordinator()
    timer = Timer(repeat=repeat)
    report = [
        f"Run on {timezone.localdate():%Y-%m-%d}, {platform.machine()}, "
        f"{_cpu_count()} cores, {connection.vendor} {_db_version()}, "
        f"{repeat} requests per page (in-process test client).",
        "",
    ]

    generate(data.Scale.small(), SMALL_FIRST, "small")
    small = timer.measure_all(pages(SMALL_FIRST), BARE)
    report += [table("Small scale (6 locations)", small), ""]
    say("small scale timed")

    generate(data.Scale.national(), NATIONAL_FIRST, "national")
    totals = _counts()
    national = timer.measure_all(pages(NATIONAL_FIRST), BARE)
    report += [table(f"National scale ({totals})", national), ""]
    say("national scale timed")

    start = time.perf_counter()
    contacts, actions = data.double_contacts_and_actions()
    refresh_all()
    say(f"doubled: +{contacts} contacts, +{actions} actions in {time.perf_counter() - start:.0f} s")
    doubled = timer.measure_all(pages(NATIONAL_FIRST), BARE)
    report += [_doubling(national, doubled, _counts()), ""]
    report += [_checks(small, national, doubled), ""]

    if wrk_seconds:
        report += [server.dashboard_under_wrk(COORDINATOR, seconds=wrk_seconds)]
    return "\n".join(report)


def _counts() -> str:
    from casework.models import Contact, Resident
    from plans.models import Action
    from trainings.models import TrainingRun

    return (
        f"{Location.objects.count()} locations, {Resident.objects.count():,} residents, "
        f"{Contact.objects.count():,} contacts, {Action.objects.count():,} actions, "
        f"{TrainingRun.objects.count():,} runs"
    )


def _doubling(national: list[Measurement], doubled: list[Measurement], counts: str) -> str:
    lines = [
        f"#### Twice the contacts and actions ({counts})",
        "",
        "| page | median before (ms) | median after (ms) | change | queries before/after |",
        "|---|---:|---:|---:|---:|",
    ]
    for before, after in zip(national[1:], doubled[1:], strict=True):
        change = after.median_ms / before.median_ms - 1
        lines.append(
            f"| {before.label} | {before.median_ms:.1f} | {after.median_ms:.1f} | {change:+.0%} "
            f"| {before.queries}/{after.queries} |"
        )
    return "\n".join(lines)


def _checks(small, national, doubled) -> str:
    """The bars of the performance issue, each with its verdict."""
    worst = max(national[1:], key=lambda m: m.ratio)
    same_queries = all(s.queries == n.queries for s, n in zip(small, national, strict=True))
    changes = [
        (b.label, abs(a.median_ms / b.median_ms - 1))
        for b, a in zip(national[1:], doubled[1:], strict=True)
    ]
    moved = max(changes, key=lambda item: item[1])

    def verdict(ok: bool) -> str:
        return "ok" if ok else "NOT MET"

    lines = [
        "#### Bars",
        "",
        f"- every key page within 5x the logged-in bare page at national scale: worst "
        f"{worst.label} {worst.ratio:.1f}x ({verdict(worst.ratio <= 5)})",
        f"- every page's query count the same at small and national scale: {verdict(same_queries)}",
        f"- doubling contacts and actions moves no page more than 20%: most moved {moved[0]} "
        f"{moved[1]:.0%} ({verdict(moved[1] <= 0.2)})",
    ]
    return "\n".join(lines)


def _cpu_count() -> int:
    import os

    return os.cpu_count() or 0


def _db_version() -> str:
    if connection.vendor == "postgresql":
        return str(connection.pg_version // 10000)
    import sqlite3

    return sqlite3.sqlite_version
