"""`python -m bench.profile`: where a logged-in request spends its time, per layer.

Runs on the national data of the last `make load` (BENCH_DATABASE_URL and BENCH_REDIS_URL as
`make load` sets them; see the Makefile's `profile` target). Requests each page `--repeat`
times in-process with the full middleware stack under cProfile and prints, per page, the time
per request, the queries, and the functions with the most cumulative time.

    make profile PROFILE_ARGS="--repeat 50 --top 25"
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument(
        "--setting",
        action="append",
        default=[],
        help="NAME=INTEGER, e.g. SCOPE_CACHE_SECONDS=0 to see what a lever buys",
    )
    parser.add_argument("--time-only", action="store_true", help="no cProfile: plain timing")
    parser.add_argument("--sort", default="cumulative", help="pstats order: cumulative, tottime")
    parser.add_argument("--page", action="append", help="only these labels (bare, dashboard, ...)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from bench.load import scenarios

    for item in args.setting:
        name, value = item.split("=", 1)
        setattr(settings, name, int(value))

    items = scenarios()
    pages = {
        "bare": ("/bench/bare/", items[0]["cookie"]),
        "dashboard": (items[0]["path"], items[0]["cookie"]),
        "plan": (items[1]["path"], items[1]["cookie"]),
        "case": (items[3]["path"], items[3]["cookie"]),
    }
    for label, (path, cookie) in pages.items():
        if args.page and label not in args.page:
            continue
        client = Client(HTTP_COOKIE=cookie)
        for _ in range(3):
            assert client.get(path).status_code == 200, path
        queries: list[str] = []

        def record(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            client.get(path)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        if not args.time_only:
            profiler.enable()
        for _ in range(args.repeat):
            client.get(path)
        profiler.disable()
        per_request = (time.perf_counter() - started) / args.repeat * 1000
        print(f"== {label} {path}: {per_request:.1f} ms per request, {len(queries)} queries")
        for sql in queries:
            print("   SQL", sql[:200])
        if not args.time_only:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
