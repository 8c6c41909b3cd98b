"""Tests that use several database connections at once (races on PostgreSQL).

Such a test needs committed data, so it runs in a transactional database (``committed_db``);
pytest-django empties every table afterwards, and the root conftest's
``pytest_runtest_teardown`` brings the shared world (scenario and offers directory) back right
after the test. On
SQLite (one writer at a time) these tests are skipped with a message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import close_old_connections, connection


@pytest.fixture
def committed_db(django_db_serialized_rollback, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency test: needs PostgreSQL (set DATABASE_URL)")


def run_in_parallel(*calls: Callable[[], object]) -> list[object]:
    """Run each call in its own thread (own connection), released at the same moment.
    Returns each call's result or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def worker(i: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = call()
        except Exception as exc:
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results
