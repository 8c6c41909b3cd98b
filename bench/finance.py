"""Benchmark: commitments under contention and the finance overview at city scale (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/teilhabe_finance_bench \\
        .venv/bin/python -m bench.finance [--threads 8] [--attempts 400] [--commitments 20000]

1. Contention: ``--threads`` threads, each with its own connection, fire ``--attempts``
   commitments in total at ONE budget line that has room for only a part of them. Prints
   commitments per second, p50/p95 latency, how many were refused, and checks that the
   committed total never exceeds the line (it is an error if it does).
2. Scale: generates ``--commitments`` commitments with payments spread over the nine
   integration budgets and a year, then times the overview selectors (per line, per borough,
   per organisation, per month) and the XLSX export as the finance officer.

Works in its own fiscal year (2098, removed at the start and the end).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import threading
import time
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402

from bench._machine import machine_line  # noqa: E402

YEAR = 2098


def _clean():
    from teilhabe.finance.models import BudgetChange, BudgetLine, Commitment, FiscalYear, Movement

    Movement.objects.filter(commitment__line__fiscal_year__year=YEAR).delete()
    Commitment.objects.filter(line__fiscal_year__year=YEAR).delete()
    BudgetChange.objects.filter(line__fiscal_year__year=YEAR).delete()
    BudgetLine.objects.filter(fiscal_year__year=YEAR).delete()
    FiscalYear.objects.filter(year=YEAR).delete()


def _line(key, amount, borough=None, kind="other"):
    from teilhabe.access import SYSTEM
    from teilhabe.finance.models import BudgetLine, FiscalYear, FundingSource
    from teilhabe.finance.services import budget_change_add

    fy, _ = FiscalYear.objects.get_or_create(year=YEAR)
    line = BudgetLine.objects.create(
        key=key, fiscal_year=fy, kind=kind, name=f"Bench {key}", borough=borough,
        funding_source=FundingSource.objects.first(),
    )  # fmt: skip
    budget_change_add(
        user=SYSTEM, line=line, amount=amount, changed_on=dt.date(YEAR, 1, 1), kind="planned"
    )
    return line


def contention(threads: int, attempts: int) -> None:
    from teilhabe.access import SYSTEM
    from teilhabe.finance.models import BudgetLine, Commitment
    from teilhabe.finance.services import commitment_create
    from teilhabe.organisations.models import Organisation

    amount = Decimal("250.00")
    room = attempts // 2
    line = _line("bench-contention", amount * room)
    org = Organisation.objects.get(key="caritas-essen")
    connections.close_all()
    latencies: list[float] = []
    refused = [0]
    lock = threading.Lock()
    barrier = threading.Barrier(threads)
    per_thread = attempts // threads

    def worker():
        barrier.wait()
        for _ in range(per_thread):
            t0 = time.perf_counter()
            try:
                commitment_create(
                    user=SYSTEM, line=line, organisation=org, amount=amount,
                    committed_on=dt.date(YEAR, 3, 1), purpose="bench",
                )  # fmt: skip
                ok = True
            except ValidationError:
                ok = False
            with lock:
                latencies.append(time.perf_counter() - t0)
                refused[0] += not ok
        connections.close_all()

    start = time.perf_counter()
    ts = [threading.Thread(target=worker) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.perf_counter() - start
    line = BudgetLine.objects.get(pk=line.pk)
    total = sum(c.amount for c in Commitment.objects.filter(line=line))
    lat = sorted(latencies)
    print(f"contention: {threads} threads, {len(lat)} attempts on one line with room for {room}")
    print(f"  {len(lat) / wall:.0f} attempts/s; p50 {statistics.median(lat) * 1000:.1f} ms, "
          f"p95 {lat[int(len(lat) * 0.95) - 1] * 1000:.1f} ms")  # fmt: skip
    print(f"  accepted {len(lat) - refused[0]}, refused {refused[0]}; committed "
          f"{line.committed} of {line.amount} (sum of commitments {total})")  # fmt: skip
    assert line.committed == total <= line.amount, "OVER-COMMITTED"


def scale(n: int) -> None:
    from teilhabe.accounts.models import User
    from teilhabe.finance import exports, selectors
    from teilhabe.finance.models import Commitment, Movement
    from teilhabe.geography.models import Borough
    from teilhabe.organisations.models import Organisation

    rng = random.Random(1)
    boroughs = list(Borough.objects.order_by("number"))
    lines = [
        _line(f"bench-ib-{b.number}", Decimal("100000000.00"), b, "integration_budget")
        for b in boroughs
    ]
    orgs = list(Organisation.objects.all())
    t0 = time.perf_counter()
    commitments = []
    for i in range(n):
        line = lines[i % len(lines)]
        amount = Decimal(rng.randint(100, 20000))
        commitments.append(Commitment(
            number=f"B-{YEAR}-{i:06d}", line=line, organisation=rng.choice(orgs),
            borough=line.borough, purpose="bench", committed_on=dt.date(YEAR, rng.randint(1, 12), 1),
            original_amount=amount, amount=amount, paid=amount / 2,
        ))  # fmt: skip
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    Movement.objects.bulk_create(
        [Movement(commitment=c, kind="payment", amount=c.paid,
                  booked_on=c.committed_on + dt.timedelta(days=14)) for c in commitments],
        batch_size=2000,
    )  # fmt: skip
    for line in lines:  # the running totals as the services would have kept them
        cs = [c for c in commitments if c.line_id == line.pk]
        type(line).objects.filter(pk=line.pk).update(
            committed=sum(c.amount for c in cs), paid=sum(c.paid for c in cs)
        )
    print(f"scale: generated {n} commitments + {n} payments in {time.perf_counter() - t0:.1f} s")
    user = User.objects.get(email="finanzen@essen.teilhabe.example")

    def timed(label, fn, runs=5):
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        print(f"  {label}: median {statistics.median(times) * 1000:.0f} ms ({runs} runs)")

    def overview():
        ls = selectors.budget_lines_for(user)
        cs = selectors.commitments_for(user)
        list(ls)
        selectors.budget_total(ls)
        selectors.budget_by_borough(ls)
        selectors.commitments_by_organisation(cs)
        selectors.money_by_month(cs)

    timed("finance overview selectors (all years)", overview)
    timed("XLSX export (all sheets)", lambda: exports.workbook(user), runs=2)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--attempts", type=int, default=400)
    p.add_argument("--commitments", type=int, default=20000)
    args = p.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (own name, e.g. *_bench).")
    call_command("migrate", verbosity=0)
    from teilhabe.scenario.loading import scenario_load

    scenario_load(demo_password=settings.DEMO_PASSWORD or "bench-only-password-123")
    _clean()
    try:
        contention(args.threads, args.attempts)
        scale(args.commitments)
    finally:
        _clean()
    print(machine_line())


if __name__ == "__main__":
    main()
