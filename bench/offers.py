"""Benchmark: the offers directory with 10,000 offers on PostgreSQL, served by gunicorn with
production settings (DEBUG off), driven by wrk over loopback — cached and uncached, against the
raw-SQL floor of the same page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/teilhabe_offers_bench \\
        .venv/bin/python -m bench.offers [--offers 10000] [--seconds 10] [--connections 8] \\
        [--latency-connections 2] [--only api,hsds,finder]

Loads the Essen scenario and demo directory (with Kitas and schools), generates offers up to
``--offers`` (idempotent), runs ``VACUUM ANALYZE`` (planner statistics and visibility map, as
autovacuum keeps them on a live database), starts gunicorn (2 workers × 4 threads on this
2-core machine) and measures, for the API list (``/api/v1/offers/``), the HSDS services list
(``/api/v1/hsds/services``) and the finder page (``/angebote/<lang>/``):

- **cached**: wrk rotating over 30–50 URLs (pages, filters, languages), warmed up, so nearly
  every answer comes from the response cache;
- **uncached pages**: the first 20 pages of each list (API 20 offers a page, HSDS 50 services,
  finder 20 offers), every request with a unique ``_b=<n>`` parameter that no view reads: it
  changes only the cache key (and ETag), so every request misses the response cache and runs
  the full path (cache miss, queries, rendering, storing) — the SQL is that of the plain page;
- **uncached mixed**: the cached run's URLs (filters, search, languages), each made unique
  the same way;
- **uncached pages, 2 conn**: the uncached pages with ``--latency-connections`` (default 2,
  fewer than the cores): the latency of a request without queueing (with 8 connections on 2
  cores the p95 is mostly waiting behind other requests);
- **floor**: psycopg in a loop on one connection, fetching exactly the rows and columns the
  page shows (the count, the page, its locations and schedules; for the finder also the
  categories of its form and the offers per Stadtteil of its map; Stadtteil names come from a
  mapping in memory, as in the app), rotating over the same 20 pages; printed as pages/s and
  p50/p95, with the ratio uncached HTTP requests/s ÷ floor pages/s.

Each row ends with the 1-minute load average at the end of its run (the machine may be shared).
Plus the first page's transferred size (HTML and CSS, gzip). The API's anonymous rate limit
stays on but is raised (API_ANON_RATE=100000/second) because all load comes from one address.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.client
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import time as dtime
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bench._machine import machine_line  # noqa: E402
from teilhabe.core.testing.serve import wait_for_health  # noqa: E402

BASE = Path(settings.BASE_DIR)
LUA = """
local paths = {%s}
local unique = %s
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local i = 0
request = function()
  i = i + 1
  local path = paths[((i + 7 * (tid or 0)) %% #paths) + 1]
  if unique then
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. sep .. "_b=" .. (tid or 0) .. "-" .. i
  end
  return wrk.format("GET", path, {["Accept-Encoding"] = "gzip"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%.2f %%.2f %%.2f %%d\\n", summary.requests,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def generate(total: int) -> int:
    """Create generated offers until the directory holds ``total`` offers."""
    from teilhabe.offers.models import (
        Category,
        Location,
        Offer,
        OfferStatus,
        OfferTranslation,
        Schedule,
    )
    from teilhabe.organisations.models import Organisation

    missing = total - Offer.objects.count()
    if missing <= 0:
        return 0
    rng = random.Random(1)
    cats = list(Category.objects.all())
    locations = list(Location.objects.all())
    orgs = list(Organisation.objects.filter(kind__in=["provider", "welfare_association"]))
    words = [
        "Deutschkurs",
        "Sprachcafé",
        "Beratung",
        "Fußball",
        "Schwimmen",
        "Nähen",
        "Hausaufgabenhilfe",
        "Bewerbungstraining",
        "Elterncafé",
        "Yoga",
        "Chor",
        "Theater",
    ]
    langs = ["de", "ar", "fa", "uk", "ru", "tr", "en", "ku", "ti"]
    start = Offer.objects.filter(key__startswith="bench-").count()
    with transaction.atomic():
        offers = []
        for i in range(start, start + missing):
            spoken = ["de", *rng.sample(langs[1:], rng.randint(0, 3))]
            low = rng.choice([None, 0, 6, 12, 16, 18, 27])
            offers.append(
                Offer(
                    key=f"bench-{i}",
                    organisation=rng.choice(orgs),
                    category=rng.choice(cats),
                    title=f"{rng.choice(words)} {i}",
                    summary=f"Erzeugtes Angebot {i} für den Lasttest: {rng.choice(words)}.",
                    description="Beschreibung " * 20,
                    min_age=low,
                    max_age=None if low is None else low + rng.choice([10, 40, 80]),
                    languages=spoken,
                    languages_index="," + ",".join(spoken) + ",",
                    is_free=rng.random() < 0.7,
                    cost=None,
                    status=OfferStatus.PUBLISHED,
                )
            )
        for o in offers:
            if not o.is_free:
                o.cost = rng.choice([5, 10, 25, 45])
        created = Offer.objects.bulk_create(offers, batch_size=1000)
        through = Offer.locations.through
        through.objects.bulk_create(
            [through(offer_id=o.pk, location_id=rng.choice(locations).pk) for o in created],
            batch_size=2000,
        )
        Schedule.objects.bulk_create(
            [
                Schedule(
                    offer=o,
                    weekday=rng.randint(0, 6),
                    starts_at=dtime(rng.randint(8, 18), 0),
                    ends_at=dtime(20, 0),
                    pauses_in_school_holidays=rng.random() < 0.3,
                )
                for o in created
            ],
            batch_size=2000,
        )
        OfferTranslation.objects.bulk_create(
            [
                OfferTranslation(
                    offer=o, language="ar", title=f"عرض {o.pk}", source_hash=o.source_hash()
                )
                for o in created
                if rng.random() < 0.2
            ],
            batch_size=2000,
        )
    return missing


def api_paths(rng: random.Random) -> list[str]:
    from teilhabe.geography.models import District

    districts = [str(c) for c in District.objects.values_list("code", flat=True)]
    cats = ["sprache-bildung", "sport", "beratung", "freizeit", "kultur", "gesundheit"]
    paths = [f"/api/v1/offers/?page={p}" for p in range(1, 21)]
    paths += [f"/api/v1/offers/?kategorie={c}" for c in cats]
    paths += [f"/api/v1/offers/?bezirk={b}&lang=ar" for b in range(1, 10)]
    paths += [f"/api/v1/offers/?stadtteil={d}" for d in rng.sample(districts, 8)]
    paths += [f"/api/v1/offers/?sprache={s}&kostenlos=1" for s in ("ar", "fa", "uk", "tr")]
    paths += [
        "/api/v1/offers/?alter=8",
        "/api/v1/offers/?wochentag=2&lang=uk",
        "/api/v1/offers/?q=Beratung",
    ]
    return paths[:50]


def hsds_paths() -> list[str]:
    """The HSDS 3.0 services list (one-to-one fields and organisation): pages, per_page up to
    100, languages, a category, ``full`` and ``minimal``."""
    from teilhabe.offers.models import Category

    terms = [str(c) for c in Category.objects.values_list("code", flat=True)[:5]]
    base = "/api/v1/hsds/services"
    paths = [f"{base}?page={p}" for p in range(1, 21)]
    paths += [f"{base}?page={p}&per_page=100" for p in range(1, 6)]
    paths += [f"{base}?page={p}&lang={lang}" for p, lang in enumerate(("ar", "fa", "uk", "tr"), 1)]
    paths += [f"{base}?taxonomy_term_id={t}" for t in terms]
    paths += [f"{base}?full=true&page={p}&per_page=20" for p in range(1, 4)]
    paths += [f"{base}?minimal=true&per_page=100&page={p}" for p in range(1, 4)]
    return paths[:50]


def finder_paths(rng: random.Random) -> list[str]:
    from teilhabe.geography.models import District

    districts = [str(c) for c in District.objects.values_list("code", flat=True)]
    paths = [f"/angebote/{lang}/" for lang in ("de", "ar", "fa", "uk", "ru", "tr", "en")]
    paths += [f"/angebote/de/?seite={p}" for p in range(2, 8)]
    paths += [f"/angebote/ar/?kategorie={c}" for c in ("sport", "beratung", "sprache-bildung")]
    paths += [f"/angebote/de/?stadtteil={d}" for d in rng.sample(districts, 6)]
    paths += [
        "/angebote/de/?bezirk=5&kostenlos=on",
        "/angebote/fa/?sprache=fa&alter=30",
        "/angebote/uk/?wochentag=1",
        "/angebote/de/?q=Deutschkurs",
        "/angebote/tr/?kategorie=freizeit&bezirk=7",
        "/angebote/de/?alter=10&kostenlos=on",
        "/angebote/ru/?bezirk=2",
        "/angebote/de/?kategorie=kinderbetreuung-familie",
    ]
    return paths[:30]


# --- the raw-SQL floor: what each page shows, fetched with psycopg in a loop ------------------

COUNT = "SELECT count(*) FROM offers_offer o WHERE o.status = 'published'"
API_PAGE = """
SELECT o.id, o.code, o.title, o.summary, o.description, o.min_age, o.max_age, o.women_only,
       o.for_families, o.for_children, o.for_youth, o.childcare, o.languages, o.is_free, o.cost,
       o.cost_note, o.registration_required, o.registration_via_finder, o.capacity,
       o.free_places, o.contact_name, o.contact_email, o.contact_phone, o.url, o.last_reviewed,
       o.updated_at, c.key, g.code, g.name, g.short_name, g.kind, g.street, g.postcode, g.city,
       g.website
FROM offers_offer o JOIN offers_category c ON c.id = o.category_id
JOIN organisations_organisation g ON g.id = o.organisation_id
WHERE o.status = 'published' ORDER BY o.title, o.id LIMIT %s OFFSET %s"""
API_LOCATIONS = """
SELECT ol.offer_id, l.code, l.key, g.code, l.name, l.street, l.postcode, l.city, l.latitude,
       l.longitude, l.district_id, l.step_free, l.accessible_toilet, l.hearing_loop,
       l.accessibility_note, l.is_standard_system, l.kind
FROM offers_offer_locations ol JOIN offers_location l ON l.id = ol.location_id
JOIN organisations_organisation g ON g.id = l.organisation_id
WHERE ol.offer_id = ANY(%s) ORDER BY l.name"""
API_SCHEDULES = """
SELECT offer_id, weekday, date, starts_at, ends_at, valid_from, valid_until,
       pauses_in_school_holidays
FROM offers_schedule WHERE offer_id = ANY(%s) ORDER BY date, weekday, starts_at"""
HSDS_PAGE = """
SELECT o.code, o.title, o.summary, o.description, o.url, o.contact_email, o.status,
       o.registration_required, o.is_free, o.cost, o.cost_note, o.women_only, o.for_families,
       o.for_children, o.for_youth, o.min_age, o.max_age, o.last_reviewed, o.updated_at,
       g.code, g.name, g.short_name, g.kind, g.email, g.website, p.code
FROM offers_offer o JOIN organisations_organisation g ON g.id = o.organisation_id
LEFT JOIN organisations_organisation p ON p.id = g.parent_id
WHERE o.status = 'published' ORDER BY o.id LIMIT %s OFFSET %s"""
FINDER_CATEGORIES = "SELECT key, name, names FROM offers_category ORDER BY position, name"
FINDER_MAP = """
SELECT l.district_id, count(DISTINCT ol.offer_id)
FROM offers_offer_locations ol JOIN offers_location l ON l.id = ol.location_id
WHERE ol.offer_id IN (SELECT o.id FROM offers_offer o WHERE o.status = 'published')
GROUP BY l.district_id"""
FINDER_PAGE = """
SELECT o.id, o.code, o.title, o.summary, o.is_free, g.name, g.short_name
FROM offers_offer o JOIN organisations_organisation g ON g.id = o.organisation_id
WHERE o.status = 'published' ORDER BY o.title, o.id LIMIT %s OFFSET %s"""
FINDER_LOCATIONS = """
SELECT ol.offer_id, l.district_id
FROM offers_offer_locations ol JOIN offers_location l ON l.id = ol.location_id
WHERE ol.offer_id = ANY(%s) ORDER BY l.name"""


def _api_floor(cur, page: int) -> None:
    cur.execute(COUNT)
    cur.fetchall()
    cur.execute(API_PAGE, (20, (page - 1) * 20))
    ids = [row[0] for row in cur.fetchall()]
    cur.execute(API_LOCATIONS, (ids,))
    cur.fetchall()
    cur.execute(API_SCHEDULES, (ids,))
    cur.fetchall()


def _hsds_floor(cur, page: int) -> None:
    cur.execute(COUNT)
    cur.fetchall()
    cur.execute(HSDS_PAGE, (50, (page - 1) * 50))
    cur.fetchall()


def _finder_floor(cur, page: int) -> None:
    cur.execute(FINDER_CATEGORIES)
    cur.fetchall()
    cur.execute(COUNT)
    cur.fetchall()
    cur.execute(FINDER_MAP)
    cur.fetchall()
    cur.execute(FINDER_PAGE, (20, (page - 1) * 20))
    ids = [row[0] for row in cur.fetchall()]
    cur.execute(FINDER_LOCATIONS, (ids,))
    cur.fetchall()


FLOORS = {"api": _api_floor, "hsds": _hsds_floor, "finder": _finder_floor}


def run_floor(kind: str, *, seconds: float) -> dict:
    """Pages/s of the page's own SQL on one psycopg connection (20 pages in turn)."""
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    step = FLOORS[kind]
    times = []
    with psycopg.connect(**params, autocommit=True) as conn, conn.cursor() as cur:
        for page in range(1, 21):  # warm-up
            step(cur, page)
        end = time.perf_counter() + seconds
        i = 0
        while time.perf_counter() < end:
            t = time.perf_counter()
            step(cur, i % 20 + 1)
            times.append(time.perf_counter() - t)
            i += 1
    times.sort()
    return {
        "rps": len(times) / sum(times),
        "p50": times[len(times) // 2] * 1000,
        "p95": times[int(len(times) * 0.95)] * 1000,
        "requests": len(times),
        "load": _loadavg().split()[0],
    }


def page_paths(kind: str) -> list[str]:
    return {
        "api": [f"/api/v1/offers/?page={p}" for p in range(1, 21)],
        "hsds": [f"/api/v1/hsds/services?page={p}" for p in range(1, 21)],
        "finder": [f"/angebote/de/?seite={p}" for p in range(1, 21)],
    }[kind]


def run_wrk(
    url: str,
    paths: list[str],
    *,
    seconds: int,
    connections: int,
    threads: int = 2,
    unique: bool = False,
):
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    listed = ", ".join(f'"{p}"' for p in paths)
    script.write_text(LUA % (listed, "true" if unique else "false"), encoding="utf-8")
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url]
    what = "unique (uncached)" if unique else "rotating"
    print("$", " ".join(cmd), f"  # {len(paths)} {what} paths", flush=True)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout  # noqa: S603
    script.unlink()
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, micros, p50, p95, p99, errors = line.split()[1:]
    return {
        "requests": int(n),
        "rps": int(n) / (int(micros) / 1e6),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
        "errors": int(errors),
        "load": _loadavg().split()[0],
    }


def _loadavg() -> str:
    with open("/proc/loadavg", encoding="utf-8") as fh:
        return " ".join(fh.read().split()[:3])


def fetch(port: int, path: str) -> tuple[int, bytes, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip, br"})
    r = conn.getresponse()
    body = r.read()
    head = sum(len(k) + len(v) + 4 for k, v in r.getheaders()) + 17
    conn.close()
    return r.status, body, {"headers": head, **dict(r.getheaders())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10, help="per wrk run (12 runs)")
    parser.add_argument("--floor-seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=8, help="throughput runs")
    parser.add_argument(
        "--latency-connections",
        type=int,
        default=2,
        help="latency run (fewer connections than cores: p95 without queueing)",
    )
    parser.add_argument(
        "--only", default="api,hsds,finder", help="comma-separated: api, hsds, finder"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="1 = sync workers")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. …/teilhabe_offers_bench).")
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: `make bench` installs it (scripts/bootstrap.sh --bench)")

    from teilhabe.offers.loading import offers_demo_load
    from teilhabe.offers.models import Offer
    from teilhabe.scenario.loading import scenario_load

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not Offer.objects.filter(key="vhs-integrationskurs-a1").exists():
        scenario_load()
        offers_demo_load()
    made = generate(args.offers)
    # Freshly generated rows have no planner statistics (and no visibility map) until autovacuum
    # gets to them (a live database has them): without them PostgreSQL sorts all offers for one
    # page and counts from the table instead of the index.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"directory: {Offer.objects.count()} offers ({made} generated now) "
        f"in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )

    var = Path(tempfile.mkdtemp(prefix="teilhabe-bench-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "0",
        "TEILHABE_VAR_DIR": str(var),
        "API_ANON_RATE": "100000/second",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=BASE,
        env=env,
        check=True,
    )
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "teilhabe.wsgi",
        "-b",
        f"127.0.0.1:{args.port}",
        "-w",
        str(args.workers),
        "--log-level",
        "warning",
    ]
    if args.threads > 1:
        gunicorn += ["-k", "gthread", "--threads", str(args.threads)]
    else:
        gunicorn += ["-k", "sync"]
    print("$", " ".join(gunicorn[1:]), " # DEBUG=0, production settings", flush=True)
    server = subprocess.Popen(gunicorn, cwd=BASE, env=env)  # noqa: S603
    try:
        if not wait_for_health(
            f"http://127.0.0.1:{args.port}", seconds=30, running=lambda: server.poll() is None
        ):
            sys.exit("gunicorn did not start")
        rng = random.Random(2)
        api, finder, hsds = api_paths(rng), finder_paths(rng), hsds_paths()
        for p in api + finder + hsds:  # warm-up: every worker sees every URL at least once
            for _ in range(3):
                status = fetch(args.port, p)[0]
                assert status == 200, (p, status)
        url = f"http://127.0.0.1:{args.port}"
        load_start = _loadavg()
        only = set(args.only.split(","))
        kinds = tuple(
            k
            for k in (
                ("api", "API list /api/v1/offers/", api),
                ("hsds", "HSDS list /api/v1/hsds/services", hsds),
                ("finder", "finder /angebote/<lang>/", finder),
            )
            if k[0] in only
        )
        run = functools.partial(run_wrk, url, seconds=args.seconds, connections=args.connections)
        # cached runs first: the uncached ones fill the cache with unique entries (and push
        # the warmed answers out)
        cached = {kind: run(mixed) for kind, _label, mixed in kinds}
        rows = []
        few = args.latency_connections
        for kind, label, mixed in kinds:
            uncached = run(page_paths(kind), unique=True)
            uncached_mixed = run(mixed, unique=True)
            # latency without queueing: fewer connections than cores
            latency = run_wrk(
                url,
                page_paths(kind),
                seconds=args.seconds,
                connections=few,
                threads=min(2, few),
                unique=True,
            )
            floor = run_floor(kind, seconds=args.floor_seconds)
            rows += [
                (label, "cached (mixed URLs)", cached[kind], None),
                (label, "uncached pages 1-20", uncached, floor),
                (label, "uncached mixed URLs", uncached_mixed, None),
                (label, f"uncached pages, {few} conn", latency, None),
                (label, "floor: raw SQL, 1 conn", floor, None),
            ]
        print()
        print(
            f"{'endpoint':34} {'run':24} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'p99 ms':>7} {'errors':>6} {'HTTP/floor':>10} load"
        )
        for label, what, r, floor in rows:
            ratio = f"{r['rps'] / floor['rps']:.2f}" if floor else ""
            p99 = f"{r['p99']:7.1f}" if "p99" in r else f"{'':7}"
            errors = str(r.get("errors", ""))
            print(
                f"{label:34} {what:24} {r['rps']:7.0f} {r['p50']:7.1f} {r['p95']:7.1f} "
                f"{p99} {errors:>6} {ratio:>10} {r['load']:>5}"
            )
        print(
            f"HTTP: gunicorn {args.workers} workers x {args.threads} threads, wrk 2 threads x "
            f"{args.connections} connections ({few} for the latency run), {args.seconds} s per "
            "run over loopback; load = 1-minute load average at the end of the run; "
            f"uncached = unique _b parameter per request; load average {load_start} at the "
            f"start, {_loadavg()} at the end",
            flush=True,
        )
        status, html, h1 = fetch(args.port, "/angebote/de/")
        css_path = next(
            part.split('"')[0]
            for part in gzip.decompress(html).decode().split('href="')[1:]
            if ".css" in part.split('"')[0]
        )
        _s, css, h2 = fetch(args.port, css_path)
        total = len(html) + h1["headers"] + len(css) + h2["headers"]
        print(
            f"first page /angebote/de/ transferred: HTML {len(html)} B "
            f"({h1.get('Content-Encoding')}, {len(gzip.decompress(html))} B raw) + CSS "
            f"{len(css)} B ({h2.get('Content-Encoding')}) + headers = {total / 1024:.1f} KiB "
            f"(limit 60 KB); no scripts, no fonts, no images",
            flush=True,
        )
        print(machine_line())
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
