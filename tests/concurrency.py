"""Helpers for tests of concurrent writers: threads with their own database connections.

They run on PostgreSQL only: they need real row locks and a connection per thread.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
)


def run_at_once(*jobs, conflict: type[Exception] | tuple[type[Exception], ...] = ()) -> list[str]:
    """Run each job in its own thread, started together: 'saved', 'conflict' (the job raised
    `conflict`) or 'error: ...' per job."""
    barrier = threading.Barrier(len(jobs))
    results: list[str] = [""] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            job()
            results[index] = "saved"
        except conflict:
            results[index] = "conflict"
        except Exception as error:  # noqa: BLE001 - reported in the assertion
            results[index] = f"error: {error!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results
