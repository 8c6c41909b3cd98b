"""Parallel commitments on one budget line, each in its own thread and database connection.

PostgreSQL only: SQLite serialises all writers anyway, so the test would prove nothing there.
The threads commit for real (outside the test's transaction), so the test creates and removes
its own fiscal year and budget line.
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from teilhabe.access import SYSTEM
from teilhabe.finance import services
from teilhabe.finance.models import (
    BudgetChange,
    BudgetLine,
    BudgetLineKind,
    Commitment,
    FiscalYear,
    FundingSource,
)
from teilhabe.organisations.models import Organisation

YEAR = 2099
THREADS = 8
PER_THREAD = 5
AMOUNT = Decimal("300.00")
BUDGET = Decimal("5000.00")  # room for 16 of the 40 attempts


def _in_own_connection(fn):
    result = {}

    def run():
        try:
            result["value"] = fn()
        finally:
            connections.close_all()

    t = threading.Thread(target=run)
    t.start()
    t.join()
    return result.get("value")


def _setup():
    fy = FiscalYear.objects.create(year=YEAR)
    line = BudgetLine.objects.create(
        key="parallel-test-line",
        fiscal_year=fy,
        kind=BudgetLineKind.OTHER,
        name="Paralleltest",
        funding_source=FundingSource.objects.first(),
    )
    services.budget_change_add(
        user=SYSTEM, line=line, amount=BUDGET, changed_on=dt.date(YEAR, 1, 1), kind="planned"
    )
    return line.pk


def _teardown():
    Commitment.objects.filter(line__fiscal_year__year=YEAR).delete()
    BudgetChange.objects.filter(line__fiscal_year__year=YEAR).delete()
    BudgetLine.objects.filter(fiscal_year__year=YEAR).delete()
    FiscalYear.objects.filter(year=YEAR).delete()


@pytest.mark.django_db
def test_parallel_commitments_never_exceed_the_budget_line():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency test needs PostgreSQL (set DATABASE_URL); SQLite skipped.")
    _in_own_connection(_teardown)
    line_pk = _in_own_connection(_setup)
    org = Organisation.objects.get(key="caritas-essen")
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait()
            for _ in range(PER_THREAD):
                line = BudgetLine.objects.get(pk=line_pk)
                try:
                    services.commitment_create(
                        user=SYSTEM,
                        line=line,
                        organisation=org,
                        amount=AMOUNT,
                        committed_on=dt.date(YEAR, 2, 1),
                        purpose="parallel",
                    )
                    outcome = "ok"
                except ValidationError:
                    outcome = "refused"
                with lock:
                    outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        def check():
            line = BudgetLine.objects.get(pk=line_pk)
            total = sum(c.amount for c in Commitment.objects.filter(line_id=line_pk))
            return line.committed, total, Commitment.objects.filter(line_id=line_pk).count()

        committed, total, count = _in_own_connection(check)
    finally:
        _in_own_connection(_teardown)
    assert len(outcomes) == THREADS * PER_THREAD
    assert outcomes.count("ok") == 16 == count
    assert committed == total == Decimal("4800.00") <= BUDGET
