"""Test fixtures shared by all apps (see docs/development.md, "Tests and shared data").

The world (Essen scenario with one demo user per role, and the demo offers directory) is loaded
once per test database; each test runs in a transaction that is rolled back. ``cast`` gives the
fixed cast of users and objects; ``shared_records`` builds the demo case, consent, grant,
referral and project document once per test module (``teilhabe/core/testing/shared.py``).
"""

from __future__ import annotations

import pytest

from teilhabe.access.roles import Role
from teilhabe.core.testing.cast import Cast
from teilhabe.core.testing.shared import kept_until_exit, records_load, world_ensure, world_load
from teilhabe.core.testing.var_guard import var_changes, var_snapshot


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        world_load()


@pytest.fixture(autouse=True)
def _world_present(request, django_db_blocker):
    """Transactional tests (races on PostgreSQL) end with every table emptied; the next
    database test loads the world again, outside its own transaction. One cheap query per
    database test."""
    if not ({"db", "transactional_db"} & set(request.fixturenames)):
        return
    with django_db_blocker.unblock():
        world_ensure()


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
