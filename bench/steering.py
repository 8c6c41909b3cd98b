"""Benchmark: steering pages over a city of 1,000,000 persons and 10,000,000 events (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/teilhabe_steering_bench \\
        .venv/bin/python -m bench.steering [--persons 1000000] [--events-per-person 10] \\
        [--requests 40] [--raw-requests 5] [--seed 1] [--regenerate]

Generates (once; ``--regenerate`` replaces it) households, persons spread over every
Stadtteil, cases opened over five years, and events — milestones, referrals with their steps,
case notes (some of them structural barriers), commitments with payments — through COPY with
foreign-key triggers off (``session_replication_role = replica``), secondary indexes and
unique constraints dropped during the load and rebuilt after it, then ``ANALYZE``. Then it
refreshes the rollups (``rollups_refresh``) and prints, in one run: generation time, rollup
refresh time (per rollup), p95 of every steering page for the city and for a Bezirk (rendered
through the Django test client, reading the rollups) against the same page rendered the same
way with the rollups switched off, so that it computes its figures from the raw rows (money and
positions have no rollup), the ratio of the two, the time of the raw figures alone (``raw=True``,
without rendering) as a second reference, and the time to build a Sachstandsbericht (figures,
PDF and DOCX) for the last twelve months. The load average is printed at the start and at the
end (the machine may be shared).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import io
import os
import random
import statistics
import tempfile
import time
from unittest import mock

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
# Production settings, as a city server runs the pages (DEBUG off: no query log, compressed
# static manifest), with a throwaway var/ directory for the collected static files and the
# reports the benchmark writes.
for _name, _value in {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "testserver",
    "HTTPS": "0",
    "LOG_LEVEL": "WARNING",
}.items():
    os.environ.setdefault(_name, _value)
if "TEILHABE_VAR_DIR" not in os.environ:
    os.environ["TEILHABE_VAR_DIR"] = tempfile.mkdtemp(prefix="teilhabe-bench-steering-")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench._machine import machine_line  # noqa: E402

STRUCTURE = ("households", "persons", "cases", "commitments")  # not counted as events
PREFIX = "SB "  # households of the benchmark city
WARM_UP = 5  # untimed requests of a page before its timed ones
CHUNK = 200_000  # rows per COPY write


def _fmt(v) -> str:
    if v is None:
        return "\\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    return str(v)


class Loader:
    """COPY rows of a model's table: every concrete column, given values first, then the
    field's default (evaluated per row for callables such as ``uuid4``), NULL or ''."""

    def __init__(self, model):
        self.model = model
        self.table = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.columns = [f.column for f in self.fields]
        now = timezone.now()
        self.defaults = []
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults.append(now)
            elif f.has_default():
                d = f.default
                if callable(d):
                    self.defaults.append(d)
                elif isinstance(f, models.JSONField):
                    self.defaults.append("{}" if d == {} or d is dict else "[]")
                else:
                    self.defaults.append(d)
            elif f.null:
                self.defaults.append(None)
            else:
                self.defaults.append("")
        self.names = [f.attname for f in self.fields]

    def copy(self, rows) -> int:
        """``rows``: iterable of dicts (attnames → values). Returns how many were written."""
        n = 0
        sql = f'COPY "{self.table}" ({", ".join(self.columns)}) FROM STDIN'
        names, defaults = self.names, self.defaults
        with connection.cursor() as cur, cur.connection.cursor().copy(sql) as cp:
            buf = io.StringIO()
            for row in rows:
                parts = []
                for name, d in zip(names, defaults, strict=True):
                    if name in row:
                        v = row[name]
                    else:
                        v = d() if callable(d) else d
                        if isinstance(v, dict | list):
                            v = "{}" if v == {} else "[]"
                    parts.append(_fmt(v))
                buf.write("\t".join(parts))
                buf.write("\n")
                n += 1
                if n % CHUNK == 0:
                    cp.write(buf.getvalue())
                    buf = io.StringIO()
            cp.write(buf.getvalue())
        return n


def _secondary(tables: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Statements to drop and to recreate the secondary indexes and unique constraints of
    ``tables`` (primary keys stay)."""
    drop, create, constraints = [], [], []
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.contype = 'u' AND c.conrelid::regclass::text = ANY(%s)
            """,
            [tables],
        )
        for table, name, definition in cur.fetchall():
            drop.append(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            constraints.append(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        cur.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = ANY(%s) AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """,
            [tables],
        )
        for name, definition in cur.fetchall():
            drop.append(f'DROP INDEX IF EXISTS "{name}"')
            create.append(definition)
    return drop, create, constraints


def generate(persons: int, events_per_person: int, rng: random.Random, today) -> dict:
    from teilhabe.accounts.models import User
    from teilhabe.cases.models import (
        BarrierCategory,
        Case,
        CaseKind,
        ContactNote,
        Household,
        Institution,
        Milestone,
        MilestoneType,
        Person,
    )
    from teilhabe.finance.models import BudgetLine, Commitment, Movement
    from teilhabe.geography.models import District
    from teilhabe.offers.models import Offer
    from teilhabe.organisations.models import Organisation
    from teilhabe.referrals.models import Referral, ReferralEvent

    org = Organisation.objects.get(key="caritas-essen")
    worker = User.objects.get(email="fachkraft@essen.teilhabe.example")
    kind = CaseKind.objects.order_by("position").first()
    districts = list(District.objects.values_list("pk", flat=True))
    weights = [rng.uniform(0.3, 3) for _ in districts]
    types = list(MilestoneType.objects.values_list("pk", flat=True))
    institutions = list(Institution.objects.values_list("pk", flat=True))
    categories = list(BarrierCategory.objects.values_list("pk", flat=True))
    offers = list(Offer.objects.values_list("pk", "organisation_id")[:300])
    if not offers:  # no offers directory loaded: referrals without offer
        others = Organisation.objects.exclude(pk=org.pk).values_list("pk", flat=True)[:20]
        offers = [(None, o) for o in others]
    line = BudgetLine.objects.order_by("pk").first()
    models_ = [Household, Person, Case, Milestone, ContactNote, Referral, ReferralEvent]
    models_ += [Commitment, Movement]
    tables = [m._meta.db_table for m in models_]
    counts: dict[str, int] = {}
    start_day = today - datetime.timedelta(days=5 * 365)
    span = (today - start_day).days

    def day(lo=0):
        return start_day + datetime.timedelta(days=rng.randrange(lo, span + 1))

    with connection.cursor() as cur:
        cur.execute("SELECT coalesce(max(id), 0) FROM cases_household")
        hh0 = cur.fetchone()[0]
        cur.execute("SELECT coalesce(max(id), 0) FROM cases_person")
        p0 = cur.fetchone()[0]
        cur.execute("SELECT coalesce(max(id), 0) FROM cases_case")
        c0 = cur.fetchone()[0]
        cur.execute("SELECT coalesce(max(id), 0) FROM referrals_referral")
        r0 = cur.fetchone()[0]
        cur.execute("SELECT coalesce(max(id), 0) FROM finance_commitment")
        k0 = cur.fetchone()[0]
    drop, create, constraints = _secondary(tables)
    with connection.cursor() as cur:
        cur.execute("SET session_replication_role = replica")
        for sql in drop:
            cur.execute(sql)

    # Households (2.5 persons on average) with one case each, a second one for every tenth.
    n_households = max(1, int(persons / 2.5))
    hh_place, hh_open = [], []
    counts["households"] = Loader(Household).copy(
        {"id": hh0 + i + 1, "organisation_id": org.pk, "name": f"{PREFIX}{i}"}
        for i in range(n_households)
    )
    place_of = rng.choices(districts, weights, k=n_households)
    cases = []
    for i in range(n_households):
        opened = day()
        closed = opened + datetime.timedelta(days=rng.randrange(60, 1200))
        cases.append((i, opened, closed if closed <= today else None))
        hh_open.append(opened)
        if rng.random() < 0.1:
            again = opened + datetime.timedelta(days=rng.randrange(30, 900))
            if again <= today:
                cases.append((i, again, None))
    hh_place = place_of
    counts["cases"] = Loader(Case).copy(
        {
            "id": c0 + j + 1,
            "organisation_id": org.pk,
            "household_id": hh0 + i + 1,
            "kind_id": kind.pk,
            "responsible_id": worker.pk,
            "opened_on": o,
            "closed_on": c,
        }
        for j, (i, o, c) in enumerate(cases)
    )
    members = [0] * n_households

    def person_rows():
        for k in range(persons):
            i = k % n_households
            members[i] += 1
            place = hh_place[i] if rng.random() < 0.9 else rng.choice(districts)
            yield {
                "id": p0 + k + 1,
                "organisation_id": org.pk,
                "household_id": hh0 + i + 1,
                "household_role": "head" if k < n_households else "child",
                "family_name": f"Bench{k}",
                "given_names": "P",
                "district_id": place,
                "birth_year": rng.randint(1950, 2022),
            }

    counts["persons"] = Loader(Person).copy(person_rows())
    # Events: milestones 30 %, notes 30 % (5 % of them barriers), referrals 10 % with two
    # steps each (20 %), payments 10 %.
    events = persons * events_per_person
    n_milestones = int(events * 0.30)
    n_notes = int(events * 0.30)
    n_referrals = int(events * 0.10)
    n_payments = events - n_milestones - n_notes - 3 * n_referrals

    def milestone_rows():
        seen = set()
        while len(seen) < min(n_milestones, persons * len(types)):
            k = rng.randrange(persons)
            t = rng.choice(types)
            if (k, t) in seen:
                continue  # one milestone of a kind per person
            seen.add((k, t))
            opened = hh_open[k % n_households]
            reached = opened + datetime.timedelta(days=rng.randrange(0, 700))
            done = reached <= today
            yield {
                "person_id": p0 + k + 1,
                "type_id": t,
                "status": "achieved" if done else "in_progress",
                "started_on": opened,
                "achieved_on": reached if done else None,
            }

    counts["milestones"] = Loader(Milestone).copy(milestone_rows())
    n_cases = len(cases)

    def note_rows():
        for _ in range(n_notes):
            j = rng.randrange(n_cases)
            _i, opened, closed = cases[j]
            last = closed or today
            d = opened + datetime.timedelta(days=rng.randrange(max(1, (last - opened).days)))
            barrier = rng.random() < 0.05
            yield {
                "case_id": c0 + j + 1,
                "created_by_id": worker.pk,
                "date": d,
                "kind": "barrier" if barrier else "phone",
                "text": "Notiz",
                "institution_id": rng.choice(institutions) if barrier else None,
                "barrier_category_id": rng.choice(categories) if barrier else None,
            }

    counts["notes"] = Loader(ContactNote).copy(note_rows())
    statuses = ["sent", "waiting", "accepted", "started", "completed", "declined", "dropped_out"]
    sent_days = []

    def referral_rows():
        for r in range(n_referrals):
            j = rng.randrange(n_cases)
            i, opened, _closed = cases[j]
            offer, provider = rng.choice(offers)
            sent = min(today, opened + datetime.timedelta(days=rng.randrange(3, 200)))
            at = timezone.make_aware(datetime.datetime.combine(sent, datetime.time(10)))
            sent_days.append(at)
            status = rng.choice(statuses)
            yield {
                "id": r0 + r + 1,
                "sender_id": org.pk,
                "sender_user_id": worker.pk,
                "recipient_id": provider,
                "offer_id": offer,
                "case_id": c0 + j + 1,
                "is_anonymous": True,
                "profile": f'{{"district_id": {hh_place[i]}}}',
                "status": status,
                "response_due": sent + datetime.timedelta(days=14),
                "created_at": at,
                "status_changed_at": at,
                "responded_at": None if status == "sent" else at + datetime.timedelta(days=3),
            }

    counts["referrals"] = Loader(Referral).copy(referral_rows())

    def step_rows():
        for r, at in enumerate(sent_days):
            for step, (frm, to) in enumerate((("", "sent"), ("sent", "accepted"))):
                yield {
                    "referral_id": r0 + r + 1,
                    "at": at + datetime.timedelta(days=3 * step),
                    "organisation_id": org.pk,
                    "kind": "status",
                    "from_status": frm,
                    "to_status": to,
                }

    counts["referral steps"] = Loader(ReferralEvent).copy(step_rows())
    n_commitments = max(1, n_payments // 20)
    counts["commitments"] = Loader(Commitment).copy(
        {
            "id": k0 + k + 1,
            "number": f"SB-{k}",
            "line_id": line.pk,
            "organisation_id": org.pk,
            "purpose": "Bench",
            "committed_on": day(),
            "original_amount": "100000.00",
            "amount": "100000.00",
            "paid": "0.00",
        }
        for k in range(n_commitments)
    )
    counts["payments"] = Loader(Movement).copy(
        {
            "commitment_id": k0 + rng.randrange(n_commitments) + 1,
            "kind": "payment",
            "amount": f"{rng.randrange(100, 5000)}.00",
            "booked_on": day(),
        }
        for _ in range(n_payments)
    )
    with connection.cursor() as cur:
        cur.execute("SET session_replication_role = origin")
        for sql in create + constraints:
            cur.execute(sql)
        for t in tables:
            cur.execute(f'ANALYZE "{t}"')
        for t in tables:  # the id sequences continue after the copied rows
            cur.execute(  # table names come from the models, not from input
                f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "  # noqa: S608
                f'(SELECT coalesce(max(id), 1) FROM "{t}"))'
            )
    return counts


def _raw_builders():
    """The figures of each page computed from the raw rows (what a page did per request
    before the rollups)."""
    from teilhabe.steering import barriers, casework, referrals

    return {
        "casework": lambda user, scope: casework.casework_page(scope, raw=True),
        "milestones": lambda user, scope: casework.milestone_page(scope, raw=True),
        "referrals": lambda user, scope: referrals.referral_page(scope, raw=True),
        "coverage": lambda user, scope: casework.coverage_page(scope, raw=True),
        "barriers": lambda user, scope: barriers.barriers_page(
            scope, counts=barriers.barrier_counts(scope, raw=True)
        ),
    }


def p95(values) -> float:
    if len(values) < 2:
        return values[0] * 1000
    return statistics.quantiles(values, n=20)[-1] * 1000


def median(values) -> float:
    return statistics.median(values) * 1000


def timed(fn, n):
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _report_seconds(user, today) -> float:
    """Seconds the worker's report build takes for a Sachstandsbericht of the last 12 months."""
    from teilhabe.reports.models import Report, ReportKind
    from teilhabe.reports.services import report_build

    report = Report.objects.create(
        kind=ReportKind.STATUS,
        title="Sachstandsbericht (Benchmark)",
        period_start=today - datetime.timedelta(days=364),
        period_end=today,
        created_by=user,
    )
    t0 = time.perf_counter()
    report_build(report)
    return time.perf_counter() - t0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--events-per-person", type=int, default=10)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--raw-requests", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-report", action="store_true", help="skip the report generation")
    parser.add_argument(
        "--topics", default="", help="only these pages (comma-separated keys, e.g. barriers)"
    )
    parser.add_argument(
        "--regenerate", action="store_true", help="refuse to reuse an existing city"
    )
    parser.add_argument(
        "--generate-only", action="store_true", help="generate the city (if missing) and stop"
    )
    parser.add_argument(
        "--skip-refresh",
        action="store_true",
        help="keep the rollups of the last refresh and print its recorded times",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Run on PostgreSQL: DATABASE_URL=postgres://…/teilhabe_steering_bench")
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)
    from teilhabe.scenario.loading import scenario_load

    scenario_load(demo_password=settings.DEMO_PASSWORD)
    from django.test import Client
    from django.urls import reverse

    from teilhabe.accounts.models import User
    from teilhabe.cases.models import Household, Person
    from teilhabe.steering.rollups import rollups_refresh
    from teilhabe.steering.scope import scope_for
    from teilhabe.steering.views import TOPICS

    load_start = os.getloadavg()
    raw_builders = _raw_builders()

    today = timezone.localdate()
    rng = random.Random(args.seed)
    have = Household.objects.filter(name__startswith=PREFIX).count()
    gen_s, counts = 0.0, {}
    if have and args.regenerate:
        raise SystemExit("Drop and recreate the benchmark database to generate a new city.")
    if have == 0:
        t0 = time.perf_counter()
        counts = generate(args.persons, args.events_per_person, rng, today)
        gen_s = time.perf_counter() - t0
    n_persons = Person.objects.count()
    if args.generate_only:
        print(f"generation: {gen_s:.1f} s; {n_persons:_} persons; {counts}")
        return

    if args.skip_refresh:
        from teilhabe.steering.models import RollupState

        states = list(RollupState.objects.order_by("refreshed_at"))
        refreshed = {r.name: {"rows": r.rows, "seconds": round(r.seconds, 1)} for r in states}
        refresh_s = sum(r.seconds for r in states)
        refresh_note = " as recorded by the last refresh, " + (
            f"{states[0].refreshed_at:%Y-%m-%d %H:%M} to {states[-1].refreshed_at:%H:%M} UTC"
            if states
            else "none"
        )
    else:
        t0 = time.perf_counter()
        refreshed = rollups_refresh(today=today)
        refresh_s = time.perf_counter() - t0
        refresh_note = ""

    steering = User.objects.get(email="steuerung@essen.teilhabe.example")
    # The generation and refresh left millions of objects behind in this process, which no
    # server process has: out of the garbage collector's way (gc.freeze, as servers that
    # fork their workers do), so that its full passes over them do not land in page times.
    gc.collect()
    gc.freeze()
    client = Client()
    client.force_login(steering)
    borough = scope_for(steering, {}).boroughs[0]
    results = []
    only = {k.strip() for k in args.topics.split(",") if k.strip()}
    if only - set(TOPICS):
        raise SystemExit(f"unknown pages: {', '.join(sorted(only - set(TOPICS)))}")
    for topic in TOPICS.values():
        if only and topic.key not in only:
            continue
        url = reverse(topic.url_name)
        for area, params in (("city", {}), ("borough", {"bezirk": str(borough.code)})):
            scope = scope_for(steering, params, months=topic.months)
            full = f"{url}?bezirk={borough.code}" if params else url
            for _ in range(WARM_UP):  # a server process that has shown the page before
                assert client.get(full).status_code == 200
            gc.collect()  # the same start for every page: not the raw pages' garbage before it
            page_times = timed(lambda full=full: client.get(full), args.requests)
            raw = raw_builders.get(topic.key)
            if raw is None:  # money and positions: finance tables, no person rows
                results.append((topic.key, area, p95(page_times), median(page_times), None, None))
                continue
            # The same page, rendered the same way, with no rollup to read: every figure comes
            # from the raw rows (the pages ask rollups.state() whether a rollup answers).
            with mock.patch("teilhabe.steering.rollups.state", return_value=None):
                client.get(full)  # warm up: both sides are timed on a warm database
                raw_page_times = timed(lambda full=full: client.get(full), args.raw_requests)
            raw_times = timed(lambda raw=raw, scope=scope: raw(steering, scope), args.raw_requests)
            results.append(
                (
                    topic.key,
                    area,
                    p95(page_times),
                    median(page_times),
                    p95(raw_page_times),
                    p95(raw_times),
                )
            )

    report_s = None if args.no_report else _report_seconds(steering, today)

    load = "/".join(f"{v:.2f}" for v in os.getloadavg())
    start = "/".join(f"{v:.2f}" for v in load_start)
    print(f"steering benchmark — {machine_line()}; load average {start} at the start, {load} now")
    print(f"city: {n_persons:,} persons in the database".replace(",", "."))
    if counts:
        events = sum(v for k, v in counts.items() if k not in STRUCTURE)
        listed = ", ".join(f"{k} {v:_}" for k, v in counts.items()).replace("_", ".")
        print(f"generation: {gen_s:.1f} s ({listed}; events {events:_})".replace("_", "."))
    else:
        print("generation: reused the generated city (--regenerate to build it again)")
    print(
        f"rollup refresh{refresh_note}: {refresh_s:.1f} s ("
        + ", ".join(f"{k} {v['rows']} rows {v['seconds']} s" for k, v in refreshed.items())
        + ")"
    )
    print(
        f"pages (DEBUG {'on' if settings.DEBUG else 'off'}): p95 and median of {args.requests} "
        "requests (rendered through the test client, from rollups) against p95 of "
        f"{args.raw_requests} requests of the same page with the rollups switched off (figures "
        "from the raw rows), after untimed requests (5 and 1); last columns: the raw figures "
        "alone (raw=True, no rendering)"
    )
    print(
        f"{'page':<12} {'area':<8} {'p95 ms':>8} {'median':>7} {'raw page ms':>12} {'faster':>8}"
        f" {'raw figures ms':>15} {'faster':>8}"
    )
    for key, area, page_ms, median_ms, raw_page_ms, raw_ms in results:
        if raw_ms is None:
            print(
                f"{key:<12} {area:<8} {page_ms:>8.0f} {median_ms:>7.0f}"
                f" {'(no rollup: finance tables)':>29}"
            )
        else:
            print(
                f"{key:<12} {area:<8} {page_ms:>8.0f} {median_ms:>7.0f} {raw_page_ms:>12.0f}"
                f" {raw_page_ms / page_ms:>7.0f}× {raw_ms:>15.0f} {raw_ms / page_ms:>7.0f}×"
            )
    if report_s is not None:
        print(f"report (Sachstandsbericht, 12 months, figures + PDF + DOCX): {report_s:.1f} s")


if __name__ == "__main__":
    main()
