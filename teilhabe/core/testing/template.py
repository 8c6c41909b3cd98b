"""PostgreSQL with xdist: the workers' test databases are copies of one template database.

Migrating the schema and loading the world (scenario and demo offers directory) is the most
expensive set-up of the suite. Without this plugin each xdist worker does both for its own
test database. With it, the first worker that needs a database builds
``test_<name>_template`` (migrate and :func:`~teilhabe.core.testing.shared.world_load`,
exactly as before) under a file lock; every worker's database is then
``CREATE DATABASE test_<name>_gwN TEMPLATE test_<name>_template`` — a file copy of seconds.
The same copy restores the world after a transactional test emptied the tables
(:func:`world_restore`), instead of loading it again through the services.

The browser tests' server (``teilhabe/core/testing/browser.py``) gets its database the same
way: a copy of the template (:func:`world_copy`), instead of migrating a database of its own
and loading the world into it again.

The controlling process names the template and a lock directory for the run (the root
conftest's ``pytest_configure_node``) and drops the template at the end; a template left over by an
aborted run is dropped when the next run builds its own. SQLite (in-memory test databases)
and runs without xdist keep the ordinary set-up.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

KEY = "teilhabe_db_template"

_state: dict = {}  # in a worker: {"name": template, "folder": lock directory, "info": {...}}


# --- Controlling process ------------------------------------------------------------------------


def _template_for(settings_dict: dict) -> str | None:
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        return None
    test_name = (settings_dict.get("TEST") or {}).get("NAME") or f"test_{settings_dict['NAME']}"
    return f"{test_name[:50]}_template"


def _admin_execute(settings_dict: dict, sql: str) -> None:
    import psycopg

    with psycopg.connect(
        dbname="postgres",
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        autocommit=True,
    ) as conn:
        conn.execute(sql)


def configure_node(node):
    """xdist, controlling process: every worker gets the run's template name and lock folder."""
    config = node.config
    run = config.stash.get(_RUN, None)
    if run is None:
        from django.conf import settings

        name = _template_for(settings.DATABASES["default"])
        run = {"name": name, "folder": tempfile.mkdtemp(prefix="teilhabe-dbtemplate-")}
        config.stash[_RUN] = run
    if run["name"]:
        node.workerinput[KEY] = json.dumps(run)


_RUN = pytest.StashKey[dict]()


def unconfigure(config):
    run = config.stash.get(_RUN, None)
    if run is None:
        return
    if run["name"] and Path(run["folder"], "built").exists():
        from django.conf import settings

        _admin_execute(
            settings.DATABASES["default"], f'DROP DATABASE IF EXISTS "{run["name"]}" WITH (FORCE)'
        )
    shutil.rmtree(run["folder"], ignore_errors=True)


# --- Workers ------------------------------------------------------------------------------------


def install(config) -> bool:
    """In a worker on PostgreSQL: make the default connection's ``create_test_db`` clone the
    template (building it first if no worker has), and its teardown drop the worker's database
    even if a connection is still open. True if installed."""
    raw = getattr(config, "workerinput", {}).get(KEY)
    if not raw:
        return False
    from django.db import connection

    if connection.vendor != "postgresql":
        return False
    _state.update(json.loads(raw))
    creation = connection.creation
    build = creation.create_test_db  # Django's own: create, migrate, serialize

    def create_test_db(verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        test_name = creation._get_test_db_name()
        with _lock():
            if not _built().exists():
                _build(build, verbosity=verbosity, serialize=serialize)
            _clone(test_name)
        _state["info"] = json.loads(_built().read_text())
        if serialize:
            connection._test_serialized_contents = _state["info"]["serialized"]
        connection.ensure_connection()
        return test_name

    def _destroy_test_db(test_database_name, verbosity):
        # WITH (FORCE): a connection some test left open (a thread's, say) would otherwise make
        # PostgreSQL wait five seconds for it at the very end of the run.
        connection.close()
        with creation._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{test_database_name}" WITH (FORCE)')

    creation.create_test_db = create_test_db
    creation._destroy_test_db = _destroy_test_db
    return True


def cloned() -> bool:
    """True in a worker whose test database came from the template (the world is in it)."""
    return "info" in _state


def directory_result():
    """The offers directory's load result, as recorded when the template was built."""
    from teilhabe.offers.loading import LoadResult

    return LoadResult(**_state["info"]["directory"])


def world_restore() -> bool:
    """Replace the worker's test database by a fresh copy of the template (the world as after
    set-up). False when this worker has no template."""
    if not cloned():
        return False
    from django.db import connections

    name = connections["default"].settings_dict["NAME"]
    connections.close_all()
    with _lock():
        _clone(name)
    return True


def available(config) -> bool:
    """True in an xdist worker on PostgreSQL that is told the run's template."""
    return bool(getattr(config, "workerinput", {}).get(KEY))


def world_copy(name: str) -> bool:
    """Create database ``name`` as a copy of the template: migrated, with the world (scenario,
    demo users, offers directory) loaded. Call after ``django_db_setup`` (which builds the
    template if no worker has yet). False when this worker has no template."""
    if not cloned():
        return False
    from django.db import connection

    with _lock(), connection.creation._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_state["name"]}"')
    return True


def _built() -> Path:
    return Path(_state["folder"], "built")


@contextmanager
def _lock():
    with open(Path(_state["folder"], "lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(build, *, verbosity: int, serialize: bool) -> None:
    from django.conf import settings
    from django.db import connection

    from teilhabe.core.testing.shared import world_load

    template = _state["name"]
    test_settings = connection.settings_dict["TEST"]
    worker_name = test_settings["NAME"]
    test_settings["NAME"] = template
    try:
        build(verbosity=verbosity, autoclobber=True, serialize=serialize, keepdb=False)
        world_load()
        info = {
            "directory": dataclasses.asdict(world_load.directory),
            "serialized": getattr(connection, "_test_serialized_contents", None),
        }
    finally:
        test_settings["NAME"] = worker_name
        connection.close()
    settings.DATABASES[connection.alias]["NAME"] = connection.settings_dict["NAME"] = template
    _built().write_text(json.dumps(info))


def _clone(name: str) -> None:
    from django.conf import settings
    from django.db import connection

    connection.close()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_state["name"]}"')
    settings.DATABASES[connection.alias]["NAME"] = connection.settings_dict["NAME"] = name
