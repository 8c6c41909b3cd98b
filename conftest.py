"""Test fixtures shared by all apps (see docs/development.md, "Tests and shared data").

The world (Essen scenario with one demo user per role, and the demo offers directory) is loaded
once per test database; each test runs in a transaction that is rolled back. ``cast`` gives the
fixed cast of users and objects; ``shared_records`` builds the demo case, consent, grant,
referral and project document once per test module (``teilhabe/core/testing/shared.py``).
"""

from __future__ import annotations

import pytest
from pytest_django.plugin import blocking_manager_key

from teilhabe.access.roles import Role
from teilhabe.core.testing import template
from teilhabe.core.testing.cast import Cast
from teilhabe.core.testing.shared import kept_until_exit, records_load, world_ensure, world_load
from teilhabe.core.testing.var_guard import var_changes, var_snapshot


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    """On PostgreSQL with xdist each worker's database is a copy of one template database
    (migrated and with the world loaded once per run, ``teilhabe/core/testing/template.py``)."""
    template.install(request.config)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if template.cloned():
            world_load.directory = template.directory_result()
        else:
            world_load()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (races on PostgreSQL) ends with every table emptied: bring the
    world back right after its tear-down, before the next test opens its transaction (a copy
    of the template on PostgreSQL with xdist, else loaded again)."""
    result = yield
    marker = item.get_closest_marker("django_db")
    transactional = "transactional_db" in item.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional and nextitem is not None:  # (after the last test the database is gone)
        with item.config.stash[blocking_manager_key].unblock():
            world_ensure()
    return result


@pytest.fixture(autouse=True)
def _geography_names_fresh():
    """A test that saved a borough or district is rolled back without a signal: forget the
    per-process names it may have cached (teilhabe.geography.selectors)."""
    from teilhabe.geography import selectors

    before = selectors.names_changes
    yield
    if selectors.names_changes != before:
        selectors.names_clear()


@pytest.fixture(scope="module")
def shared_records(django_db_setup, django_db_blocker) -> Cast:
    """The cast's demo records, built once for the module that asks for them and rolled back
    after its last test (each test's own changes are rolled back after the test)."""
    with django_db_blocker.unblock():
        world_ensure()
    with kept_until_exit(django_db_blocker):
        with django_db_blocker.unblock():
            cast = records_load()
        yield cast


@pytest.fixture
def cast(db) -> Cast:
    return Cast()


@pytest.fixture
def client_as(client, cast):
    """``client_as(role)`` → a test client logged in as the demo user of that role."""

    def login(role: str):
        user = cast.user(role)
        assert user is not None, f"no demo user with role {role}"
        client.force_login(user)
        return client

    return login


ROLES = list(Role.values)


# Browser-test fixtures (Playwright + Debian Chromium), see teilhabe/core/testing/browser.py;
# how the suite is spread over xdist workers: teilhabe/core/testing/workers.py.
pytest_plugins = [
    "teilhabe.core.testing.browser",
    "teilhabe.core.testing.concurrency",
    "teilhabe.core.testing.workers",
]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --- No test writes under var/ ------------------------------------------------------------------
# The test settings keep uploads in memory and point every directory into a temporary one. This
# guard compares var/ before and after the whole run (in the controlling process) and fails the
# run when a test wrote there.


_VAR_BEFORE = pytest.StashKey[dict]()


def pytest_configure(config):
    if not hasattr(config, "workerinput"):
        config.stash[_VAR_BEFORE] = var_snapshot()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """xdist, controlling process: tell each worker the run's template database."""
    template.configure_node(node)


def pytest_unconfigure(config):
    template.unconfigure(config)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    before = session.config.stash.get(_VAR_BEFORE, None)
    if before is None:
        return
    changed = var_changes(before, var_snapshot())
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = (
            "FAILED: tests wrote under var/ (keep files in memory or in tmp_path): "
            + ", ".join(changed[:20])
        )
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_line(message, red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
