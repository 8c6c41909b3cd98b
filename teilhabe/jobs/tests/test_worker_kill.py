"""A real ``db_worker`` process is killed (SIGKILL) in the middle of a task; after a restart
the task runs again and completes (SQLite; PostgreSQL when DATABASE_URL points to it)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.utils import load_backend
from django_tasks_db.models import DBTaskResult, get_date_max

from teilhabe.jobs.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db

ALIAS = "worker_kill_test"


@pytest.fixture
def shared_database(tmp_path):
    """A database alias that this test and the worker processes share, and its URL: on SQLite
    a new file with the test database's schema (the test database lives in memory), on
    PostgreSQL the test database itself (rows written through the alias commit at once and
    are removed afterwards)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "worker.sqlite3"
        name = str(connection.settings_dict["NAME"])
        source = sqlite3.connect(name, uri=name.startswith("file:"))
        # The test's own transaction holds the tables; reading the schema must not wait.
        source.execute("PRAGMA read_uncommitted = 1")
        schema = [
            sql
            for (sql,) in source.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
            )
        ]
        source.close()
        target = sqlite3.connect(path)
        for sql in schema:
            target.execute(sql)
        target.commit()
        target.close()
        alias_settings = {**connection.settings_dict, "NAME": str(path)}
        url = f"sqlite:///{path}"
    else:
        s = connection.settings_dict
        alias_settings = dict(s)
        auth = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
        url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    # A connection made here, not declared in DATABASES: Django's test isolation (which
    # guards the declared aliases) lets it through, and it never joins the test transaction.
    connections[ALIAS] = load_backend(alias_settings["ENGINE"]).DatabaseWrapper(
        alias_settings, ALIAS
    )
    try:
        yield url
    finally:
        if connection.vendor != "sqlite":
            DBTaskResult.objects.using(ALIAS).filter(
                task_path="teilhabe.jobs.testing.crash_once"
            ).delete()
            WorkerHeartbeat.objects.using(ALIAS).filter(worker_id__startswith="kill-").delete()
        connections[ALIAS].close()
        del connections[ALIAS]


def _start_worker(url: str, worker_id: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "teilhabe.test_settings",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "database",
        "TASKS_LEASE_SECONDS": "2",
        "TASKS_RETRY_BASE_SECONDS": "0",
    }
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    command += ["--interval", "0.2", "--worker-id", worker_id, "-v", "2"]
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def _wait_for(condition, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}; worker log:\n{log.read_text()[-3000:]}")


def test_a_task_whose_worker_was_killed_runs_again_and_completes_after_a_restart(
    shared_database, tmp_path
):
    marker = tmp_path / "marker.txt"
    log = tmp_path / "worker.log"
    row = DBTaskResult.objects.using(ALIAS).create(
        task_path="teilhabe.jobs.testing.crash_once",
        args_kwargs={"args": [], "kwargs": {"marker": str(marker), "seconds": 60}},
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )

    first = _start_worker(shared_database, "kill-first", log)
    try:
        _wait_for(lambda: marker.exists(), 20, "the first attempt to start", log)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    row.refresh_from_db()
    assert row.status == "RUNNING"  # what the issue saw: stuck for ever without a lease

    second = _start_worker(shared_database, "kill-second", log)
    try:

        def finished():
            row.refresh_from_db()
            return row.status in ("SUCCESSFUL", "FAILED")

        _wait_for(finished, 20, "the task to finish after the restart", log)
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=10)
        except subprocess.TimeoutExpired:
            second.kill()
    assert row.status == "SUCCESSFUL", log.read_text()[-3000:]
    assert row.worker_ids == ["kill-first", "kill-second"]
    assert marker.read_text() == "start\nstart\ndone\n"
    # The worker that stopped cleanly removed its heartbeat; the killed one's row aged.
    beats = set(WorkerHeartbeat.objects.using(ALIAS).values_list("worker_id", flat=True))
    assert "kill-second" not in beats
