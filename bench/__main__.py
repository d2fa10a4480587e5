"""`make bench`: the dashboard and the key pages at small and at national scale, in one run.

1. small: six locations with a handful of everything; time every page against a bare view
   rendering base.html (median, p95, queries, ratio);
2. national: 350 more locations (35,000 residents, 350,000 contacts, 20,000 actions, 1,000
   training runs with their blocks and attendance), summaries refreshed; time again;
3. twice the contacts and actions; time the dashboard again and print the ratio;
4. the dashboard under gunicorn (2 workers) on 127.0.0.1 with `wrk` for 30 s.

Runs on PostgreSQL when DATABASE_URL is set (in a database of its own, `<name>_bench`), else
on SQLite. Options: --repeat N (requests per page), --wrk-seconds S (0 skips wrk), --keep
(reuse the national data of the last run: skips steps 1-3's generation).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from bench.database import bench_database_url, recreate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--wrk-seconds", type=int, default=30)
    args = parser.parse_args(argv)

    url = bench_database_url()
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    print(f"== Bench database: {url.split('@')[-1]}", flush=True)
    recreate(url)

    import django

    django.setup()
    from bench import scenario

    started = time.perf_counter()
    report = scenario.run(repeat=args.repeat, wrk_seconds=args.wrk_seconds)
    print(report)
    print(f"\n(whole run: {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
