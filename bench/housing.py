"""Benchmark: occupancy of all shelters for every day of a year (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/teilhabe_housing_bench \\
        .venv/bin/python -m bench.housing [--stays 50000] [--shelters 200] [--runs 20]

Generates ``--shelters`` shelters and ``--stays`` residence periods (COPY, then ANALYZE),
then times :func:`teilhabe.housing.selectors.occupancy_series` — the occupancy of every shelter
on every day of the last 365 days — uncached, ``--runs`` times, and prints p50/p95 next to the
same figures counted the obvious way in SQL (every day × every stay), and checks that both
agree.
Target (issue 13): p95 ≤ 200 ms at 50,000 residence periods.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench._machine import machine_line  # noqa: E402

PREFIX = "bench-housing-"


def _clean() -> None:
    from teilhabe.cases.models import Case, Household, Person
    from teilhabe.housing.models import Accommodation, Stay

    Stay.objects.filter(accommodation__key__startswith=PREFIX).delete()
    Accommodation.objects.filter(key__startswith=PREFIX).delete()
    Case.objects.filter(household__name__startswith=PREFIX).delete()
    Person.objects.filter(household__name__startswith=PREFIX).delete()
    Household.objects.filter(name__startswith=PREFIX).delete()


def generate(n_stays: int, n_shelters: int, today: dt.date) -> float:
    from teilhabe.accounts.models import User
    from teilhabe.cases.models import Household, Person
    from teilhabe.geography.models import District
    from teilhabe.housing.models import Accommodation
    from teilhabe.organisations.models import Organisation

    started = time.perf_counter()
    rng = random.Random(13)
    org = Organisation.objects.get(key="caritas-essen")
    user = User.objects.order_by("pk").first()
    districts = list(District.objects.values_list("pk", flat=True))
    shelters = Accommodation.objects.bulk_create(
        Accommodation(
            key=f"{PREFIX}{i}",
            name=f"Bench-Unterkunft {i}",
            kind="transitional",
            operator=org,
            street="Benchstraße 1",
            postcode="45127",
            district_id=rng.choice(districts),
            places=10_000,
        )
        for i in range(n_shelters)
    )
    household = Household.objects.create(organisation=org, name=f"{PREFIX}households")
    persons = Person.objects.bulk_create(
        Person(
            organisation=org,
            household=household,
            household_role="other",
            family_name=f"Bench{i}",
            given_names="B",
        )
        for i in range(n_stays)
    )
    buf = io.StringIO()
    start = today - dt.timedelta(days=600)
    for person in persons:
        moved_in = start + dt.timedelta(days=rng.randint(0, 590))
        stay_days = rng.randint(20, 500)
        moved_out = moved_in + dt.timedelta(days=stay_days)
        out = "\\N" if moved_out > today else moved_out.isoformat()
        buf.write(
            f"{rng.getrandbits(128):032x}\t{person.pk}\taccommodation\t"
            f"{rng.choice(shelters).pk}\t\t\t\\N\t{moved_in.isoformat()}\t{out}\t\\N\t"
            f"{user.pk}\t{today.isoformat()} 00:00:00+00\n"
        )
    buf.seek(0)
    with connection.cursor() as cursor:
        with cursor.copy(
            "COPY housing_stay (code, person_id, kind, accommodation_id, street, postcode, "
            "district_id, moved_in, moved_out, tenancy_start, created_by_id, created_at) "
            "FROM STDIN"
        ) as copy:
            copy.write(buf.read())
        cursor.execute("ANALYZE housing_stay")
        cursor.execute("ANALYZE housing_accommodation")
    return time.perf_counter() - started


def _p(values: list[float], q: int) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stays", type=int, default=50_000)
    parser.add_argument("--shelters", type=int, default=200)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench.housing needs PostgreSQL (DATABASE_URL=postgres://...)")
    call_command("migrate", verbosity=0)
    from teilhabe.scenario.loading import scenario_load

    scenario_load(demo_password=settings.DEMO_PASSWORD or "bench-only-password-123")
    from teilhabe.housing.models import Accommodation
    from teilhabe.housing.selectors import occupancy_naive_sql, occupancy_series

    today = dt.date.today()
    _clean()
    took = generate(args.stays, args.shelters, today)
    ids = list(Accommodation.objects.filter(key__startswith=PREFIX).values_list("pk", flat=True))
    start = today - dt.timedelta(days=364)
    occupancy_series(ids, start, today)  # warm the connection, not a cache (there is none)
    app, naive = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        series = occupancy_series(ids, start, today)
        app.append((time.perf_counter() - t) * 1000)
    for _ in range(3):  # the obvious way is slow: three runs are enough to show it
        t = time.perf_counter()
        rows = occupancy_naive_sql(start, today)
        naive.append((time.perf_counter() - t) * 1000)
    # Both ways give the same figures.
    sql = {(a, d): n for a, d, n in rows if a in set(ids)}
    for acc in ids[:20]:
        for i, value in enumerate(series[acc]):
            assert value == sql.get((acc, start + dt.timedelta(days=i)), 0), (acc, i)
    print(machine_line())
    print(
        f"data: {args.shelters} shelters, {args.stays} residence periods, generated in "
        f"{took:.1f} s (COPY + ANALYZE)"
    )
    print(
        f"occupancy of all shelters × 365 days: p50 {statistics.median(app):.0f} ms, "
        f"p95 {_p(app, 95):.0f} ms (target ≤ 200 ms), {args.runs} runs; the obvious SQL "
        f"(every day × every stay): median {statistics.median(naive):.0f} ms, 3 runs"
    )
    if not args.keep:
        _clean()


if __name__ == "__main__":
    main()
