"""Spreading the suite over xdist workers (``make test``: ``-n 2 --dist loadgroup``).

Each test module is one unit of work, as with ``--dist loadfile``, except that tests with an
``xdist_group`` mark of their own keep it (the URL matrix is split by subject that way). The
browser tests are units like any other module: each worker that gets one starts its own live
server once (a copy of the run's template database and gunicorn: about two seconds, see
``teilhabe/core/testing/browser.py``), so both workers walk pages instead of one worker walking
all of them while the other one waits at the end.

The long units (``FIRST``, longest first, from ``--durations=0`` on PostgreSQL) are handed out
before all others — the greedy longest-first rule — so that no worker is left with a long unit
at the end while the other one waits.
"""

from __future__ import annotations

from collections import OrderedDict

import pytest

# Units (group names) handed out before all others, longest first. A name that does not exist
# (any more) is simply not found.
FIRST = (
    "teilhabe/steering/tests/test_browser_steering.py",
    "teilhabe/core/tests/test_browser_form_errors.py",
    "teilhabe/volunteers/tests/test_browser_volunteers.py",
    "teilhabe/api/tests/test_browser_docs.py",
    "schemathesis-api",
    "schemathesis-hsds-paths",
    "teilhabe/finance/tests/test_browser_projects.py",
    "teilhabe/api/controlling/tests/test_browser_tokens.py",
    # The case walk registers "Mohammed Haddad" and expects him to be new to the server: it is
    # handed out before the referral and housing walks, whose set-up plants a household of
    # that name (a worker runs its units in the order it gets them; each worker has its own
    # server and database).
    "teilhabe/cases/tests/test_browser_cases.py",
    "teilhabe/referrals/tests/test_browser_referral.py",
    "teilhabe/housing/tests/test_browser_housing.py",
    "teilhabe/public/tests/test_browser_finder.py",
    "teilhabe/opendata/tests/test_browser_opendata.py",
    "teilhabe/api/tests/test_hsds_schemathesis.py",
    "teilhabe/dashboard/tests/test_browser_start.py",
    "teilhabe/jobs/tests/test_worker_kill.py",
    "teilhabe/finance/tests/test_concurrency.py",
    "teilhabe/referrals/tests/test_concurrency.py",
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))


class _LongUnitsFirst(OrderedDict):
    """The scheduler's queue of work units; hands out the ``FIRST`` units before the others."""

    def popitem(self, last=True):
        if not last:
            for name in FIRST:
                if name in self:
                    return name, self.pop(name)
        return super().popitem(last)


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    scheduler = LoadGroupScheduling(config, log)
    scheduler.workqueue = _LongUnitsFirst()
    return scheduler
