"""Spreading the suite over xdist workers (``make test``: ``-n 2 --dist loadgroup``).

Each test module is one unit of work, as with ``--dist loadfile``, except that tests with an
``xdist_group`` mark of their own keep it (the URL matrix is split by subject that way), and
all browser tests form one group, so that one worker starts the live server once for all of
them. That group is handed out first: it is the longest unit, and the other worker works
through the rest meanwhile instead of waiting for it at the end. The other long units
(``FIRST``: schemathesis, the real worker process, the races) follow right after it, so that
no worker is left with a long unit at the end while the other one waits.
"""

from __future__ import annotations

from collections import OrderedDict

import pytest

BROWSER_GROUP = "browser"
# Units (group names) handed out before all others, longest first (``--durations=0`` on
# PostgreSQL). A name that does not exist (any more) is simply not found.
FIRST = (
    BROWSER_GROUP,
    "schemathesis-hsds-paths",
    "schemathesis-api",
    "teilhabe/api/tests/test_hsds_schemathesis.py",
    "teilhabe/jobs/tests/test_worker_kill.py",
    "teilhabe/finance/tests/test_concurrency.py",
    "teilhabe/referrals/tests/test_concurrency.py",
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        if item.get_closest_marker("browser") or "e2e_server" in item.fixturenames:
            group = BROWSER_GROUP
        else:
            group = item.nodeid.split("::", 1)[0]
        item.add_marker(pytest.mark.xdist_group(group))


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
