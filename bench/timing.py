"""Time pages in-process with Django's test client, the same way for every page.

Each page is requested `warmup` times first (caches, connections), then `repeat` times; the
query count comes from one more request under `CaptureQueriesContext`. Every answer must be a
200, or the measurement stops: a fast error page would prove nothing.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings


@dataclass
class Page:
    label: str
    url: str
    username: str
    uncached: bool = False  # with the dashboard's page cache off: every request renders


@dataclass
class Measurement:
    label: str
    url: str
    median_ms: float
    p95_ms: float
    queries: int
    ratio: float | None = None


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Timer:
    def __init__(self, *, repeat: int = 40, warmup: int = 5) -> None:
        self.repeat = repeat
        self.warmup = warmup
        self.clients: dict[str, Client] = {}

    def client(self, username: str) -> Client:
        if username not in self.clients:
            from teams.models import User

            client = Client()
            client.force_login(User.objects.get(username=username))
            self.clients[username] = client
        return self.clients[username]

    def get(self, page: Page) -> None:
        if page.uncached:
            with override_settings(DASHBOARD_PAGE_CACHE_SECONDS=0):
                response = self.client(page.username).get(page.url)
        else:
            response = self.client(page.username).get(page.url)
        if response.status_code != 200:
            raise RuntimeError(f"{page.label}: {page.url} answered {response.status_code}")

    def measure(self, page: Page) -> Measurement:
        for _ in range(self.warmup):
            self.get(page)
        times = []
        for _ in range(self.repeat):
            start = time.perf_counter()
            self.get(page)
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            self.get(page)
        return Measurement(
            page.label,
            page.url,
            statistics.median(times),
            percentile(times, 0.95),
            len(queries),
        )

    def measure_all(self, pages: list[Page], bare: Page) -> list[Measurement]:
        """The bare view first and last (its median is the mean of both: fair to drift)."""
        first = self.measure(bare)
        results = [self.measure(page) for page in pages]
        last = self.measure(bare)
        bare_median = (first.median_ms + last.median_ms) / 2
        baseline = Measurement(
            bare.label,
            bare.url,
            bare_median,
            max(first.p95_ms, last.p95_ms),
            first.queries,
            1.0,
        )
        for result in results:
            result.ratio = result.median_ms / bare_median
        return [baseline, *results]


def table(title: str, results: list[Measurement]) -> str:
    lines = [
        f"#### {title}",
        "",
        "| page | median (ms) | p95 (ms) | queries | × bare view |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = f"{r.ratio:.1f}" if r.ratio is not None else ""
        lines.append(f"| {r.label} | {r.median_ms:.1f} | {r.p95_ms:.1f} | {r.queries} | {ratio} |")
    return "\n".join(lines)
