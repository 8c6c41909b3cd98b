"""Rollups of the steering figures, kept current by the worker.

:func:`rollups_refresh` rebuilds each rollup from the raw rows — one transaction per rollup,
idempotent (the same rows give the same rollup) — and records when it ran
(:class:`~teilhabe.steering.models.RollupState`). The job ``steering.refresh`` (worker) and
``manage.py steering_refresh`` call it. The pages read the rollups (a few thousand rows)
instead of every case, person and note; until a rollup has been built they compute from the
raw rows (same figures, slower).

* ``casework``: per day and Stadtteil — persons in case work (by their address and by their
  household's Stadtteil), households in case work, cases opened and closed.
* ``barriers``: structural barriers per month, institution and kind, for the city and for
  the Bezirk and the Stadtteil of the case's household.
* ``milestones``: per month (and per quarter) of first contact and area (city, Bezirk,
  Stadtteil of the person's address): persons, and per milestone type reached, days to it
  (histogram: values ascending and how often each), within 6/12/24 months.
* ``referrals``: per month sent and area (city; Bezirk and Stadtteil of the offer or of the
  person): the funnel, answered, accepted and the waiting times (histograms), in total and per
  category, provider, Stadtteil of the offer and of the person.
* ``daily``: city-wide counts per day for the council report (milestones reached, referrals
  sent per status, structural barriers per institution and per kind).

Every rollup is rebuilt in full (not incrementally): the figures depend on facts that change
in the past (a case closed, a referral answered, a person moved or merged), and a full rebuild
of the whole city takes a few minutes at most (``bench/steering.py``).
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from teilhabe.access import SYSTEM, Action, check
from teilhabe.cases.models import (
    Case,
    ContactNote,
    HouseholdRole,
    Milestone,
    MilestoneStatus,
    NoteKind,
    Person,
)
from teilhabe.geography.models import District
from teilhabe.steering.models import (
    BarrierMonth,
    CaseworkDay,
    DailyCount,
    Level,
    MilestoneMonth,
    ReferralMonth,
    RollupState,
)
from teilhabe.steering.tables import Sample

BATCH = 5000


def _persons():
    return Person.objects.filter(anonymised_at__isnull=True, merged_into__isnull=True)


def _households() -> tuple[dict[int, int | None], dict[int, dict[int | None, int]]]:
    """Household id → its Stadtteil (head, else first member), and → persons per Stadtteil."""
    places: dict[int, tuple[tuple, int | None]] = {}
    members: dict[int, dict[int | None, int]] = defaultdict(lambda: defaultdict(int))
    for hid, pid, role, district in (
        _persons()
        .values_list("household_id", "pk", "household_role", "district_id")
        .iterator(chunk_size=BATCH)
    ):
        rank = (0 if role == HouseholdRole.HEAD else 1, pid)
        if hid not in places or rank < places[hid][0]:
            places[hid] = (rank, district)
        members[hid][district] += 1
    return {hid: v[1] for hid, v in places.items()}, members


def casework_rows(today: datetime.date) -> list[CaseworkDay]:
    """Case work per day (first opening … ``today``) and Stadtteil: a household is in case
    work on a day when one of its cases is open then (opened on or before it, not closed on or
    before it) — the same rule as the raw figures."""
    places, members = _households()
    cases: dict[int, list[tuple]] = defaultdict(list)
    opened: dict = defaultdict(int)
    closed: dict = defaultdict(int)
    first = None
    for hid, o, c in Case.objects.values_list("household_id", "opened_on", "closed_on").iterator(
        chunk_size=BATCH
    ):
        if o > today:
            continue
        cases[hid].append((o, c))
        place = places.get(hid)
        opened[(o, place)] += 1
        if c is not None and c <= today:
            closed[(c, place)] += 1
        first = o if first is None or o < first else first
    if first is None:
        return []
    # Changes per day: +n when a household's open spell starts, −n the day it ends.
    delta: dict[datetime.date, dict] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for hid, spells in cases.items():
        spells.sort()
        merged: list[list] = []
        for o, c in spells:
            if merged and (merged[-1][1] is None or o <= merged[-1][1]):
                if merged[-1][1] is not None and (c is None or c > merged[-1][1]):
                    merged[-1][1] = c
            else:
                merged.append([o, c])
        place = places.get(hid)
        size = sum(members[hid].values())
        for o, c in merged:
            for sign, day in ((1, o), (-1, c)):
                if day is None or day > today:
                    continue
                for district, n in members[hid].items():
                    delta[day][district][0] += sign * n
                d = delta[day][place]
                d[1] += sign * size
                d[2] += sign
    rows: list[CaseworkDay] = []
    running: dict = defaultdict(lambda: [0, 0, 0])
    districts = {k for per_day in delta.values() for k in per_day} | {p for _d, p in opened}
    day = first
    one = datetime.timedelta(days=1)
    while day <= today:
        for district, (persons, by_household, households) in delta.get(day, {}).items():
            r = running[district]
            r[0] += persons
            r[1] += by_household
            r[2] += households
        for district in districts:
            r = running[district]
            o, c = opened.get((day, district), 0), closed.get((day, district), 0)
            if r[0] or r[1] or r[2] or o or c:
                rows.append(
                    CaseworkDay(
                        day=day,
                        district_id=district,
                        persons=r[0],
                        persons_by_household=r[1],
                        households=r[2],
                        opened=o,
                        closed=c,
                    )
                )
        day += one
    return rows


def _areas(district: int | None, borough_of: dict[int, int]) -> list[tuple[str, int | None]]:
    """The pages a person or place living in ``district`` counts on: the city, its Bezirk and
    its Stadtteil."""
    out: list[tuple[str, int | None]] = [(Level.CITY, None)]
    if district is not None and district in borough_of:
        out += [(Level.BOROUGH, borough_of[district]), (Level.DISTRICT, district)]
    return out


def barrier_rows(today: datetime.date) -> list[BarrierMonth]:
    """Structural barriers per month, institution and kind, for the city, the Bezirk and the
    Stadtteil of the case's household (a barrier of a household without a known Stadtteil
    counts for the city only) — the raw rule of ``barriers.barrier_counts``."""
    from teilhabe.steering.casework import quarter

    places, _members = _households()
    borough_of = dict(District.objects.values_list("pk", "borough_id"))
    areas: dict = {}
    counts: dict = defaultdict(int)
    for hid, institution, category, day in (
        ContactNote.objects.filter(kind=NoteKind.BARRIER, date__lte=today)
        .values_list("case__household_id", "institution_id", "barrier_category_id", "date")
        .iterator(chunk_size=BATCH)
    ):
        place = places.get(hid)
        if place not in areas:
            areas[place] = _areas(place, borough_of)
        month = day.replace(day=1)
        for level, area in areas[place]:
            counts[(month, level, area, institution, category)] += 1
    return [
        BarrierMonth(
            month=m,
            quarter=quarter(m),
            level=level,
            area_id=area,
            institution_id=i,
            category_id=c,
            count=n,
        )
        for (m, level, area, i, c), n in sorted(
            counts.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0, *kv[0][3:])
        )
    ]


HORIZONS = (6, 12, 24)


def milestone_rows(today: datetime.date) -> list[MilestoneMonth]:
    """Persons per month of first contact and area; per milestone type those who reached it,
    the days it took (0 when reached before the first contact) and whether within 6/12/24
    months — the same rule as the raw figures (``casework.milestone_page``). On PostgreSQL
    the database does the counting (:func:`_milestone_rows_sql`, the same rows)."""
    if connection.vendor == "postgresql":
        months = _milestone_rows_sql(today)
    else:
        months = _milestone_rows_python(today)
    return months + _milestone_quarters(months)


def _milestone_quarters(months: list[MilestoneMonth]) -> list[MilestoneMonth]:
    """The month rows added up per quarter of first contact (``span`` 3)."""
    from teilhabe.steering.casework import quarter

    sums: dict = {}
    for r in months:
        key = (quarter(r.month), r.level, r.area_id, r.type_id)
        s = sums.get(key)
        if s is None:
            s = sums[key] = [0, 0, 0, 0, Sample()]
        s[0] += r.count
        s[1] += r.within_6
        s[2] += r.within_12
        s[3] += r.within_24
        if r.days:
            s[4].merge(dict(zip(*r.days, strict=True)))
    return [
        MilestoneMonth(
            month=q,
            span=3,
            level=level,
            area_id=area,
            type_id=type_id,
            count=n,
            within_6=w6,
            within_12=w12,
            within_24=w24,
            days=[] if type_id is None else days.stored_lists(),
        )
        for (q, level, area, type_id), (n, w6, w12, w24, days) in sorted(
            sums.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0, kv[0][3] or 0)
        )
    ]


def _milestone_rows_python(today: datetime.date) -> list[MilestoneMonth]:
    from teilhabe.steering.casework import add_months

    borough_of = dict(District.objects.values_list("pk", "borough_id"))
    first = dict(
        Case.objects.values("household_id")
        .annotate(first=Min("opened_on"))
        .values_list("household_id", "first")
    )
    persons: dict[int, tuple[datetime.date, int | None]] = {}
    counts: dict = defaultdict(int)
    for pid, hid, district in (
        _persons().values_list("pk", "household_id", "district_id").iterator(chunk_size=BATCH)
    ):
        day = first.get(hid)
        if day is None or day > today:
            continue
        persons[pid] = (day, district)
        for level, area in _areas(district, borough_of):
            counts[(day.replace(day=1), level, area)] += 1
    limits: dict = {}
    reached: dict = {}
    last = None
    for pid, type_id, achieved in (
        Milestone.objects.filter(status=MilestoneStatus.ACHIEVED, achieved_on__isnull=False)
        .order_by("person_id", "type_id", "pk")
        .values_list("person_id", "type_id", "achieved_on")
        .iterator(chunk_size=BATCH)
    ):
        if pid not in persons:
            continue
        if last is not None and last[:2] != (pid, type_id):
            _reach(reached, persons, last, limits, borough_of, add_months)
        last = (pid, type_id, achieved)
    if last is not None:
        _reach(reached, persons, last, limits, borough_of, add_months)
    rows = [
        MilestoneMonth(month=m, level=level, area_id=area, type_id=None, count=n)
        for (m, level, area), n in counts.items()
    ]
    for (m, level, area, type_id), (n, within, sample) in reached.items():
        rows.append(
            MilestoneMonth(
                month=m,
                level=level,
                area_id=area,
                type_id=type_id,
                count=n,
                within_6=within[0],
                within_12=within[1],
                within_24=within[2],
                days=sample.stored_lists(),
            )
        )
    rows.sort(key=lambda r: (r.month, r.level, r.area_id or 0, r.type_id or 0))
    return rows


_MILESTONES_SQL = """
WITH firsts AS (
    SELECT household_id, min(opened_on) AS day FROM {case} GROUP BY household_id
), persons AS MATERIALIZED (
    SELECT p.id, f.day, p.district_id, d.borough_id
    FROM {person} p
    JOIN firsts f ON f.household_id = p.household_id
    LEFT JOIN {district} d ON d.id = p.district_id
    WHERE p.anonymised_at IS NULL AND p.merged_into_id IS NULL AND f.day <= %(today)s
), areas AS (
    SELECT p.*, date_trunc('month', p.day)::date AS month, a.level, a.area
    FROM persons p
    CROSS JOIN LATERAL (VALUES (%(city)s, NULL::bigint), (%(borough)s, p.borough_id),
                               (%(district)s, p.district_id)) AS a(level, area)
    WHERE a.level = %(city)s OR p.borough_id IS NOT NULL
), reached AS (
    SELECT DISTINCT ON (m.person_id, m.type_id) m.person_id, m.type_id, m.achieved_on
    FROM {milestone} m
    WHERE m.status = %(achieved)s AND m.achieved_on IS NOT NULL
    ORDER BY m.person_id, m.type_id, m.id DESC
), per_day AS (
    SELECT a.month, a.level, a.area, r.type_id,
           greatest(0, r.achieved_on - a.day) AS days,
           count(*) AS n,
           count(*) FILTER (WHERE r.achieved_on <= a.day + interval '6 months') AS w6,
           count(*) FILTER (WHERE r.achieved_on <= a.day + interval '12 months') AS w12,
           count(*) FILTER (WHERE r.achieved_on <= a.day + interval '24 months') AS w24
    FROM reached r JOIN areas a ON a.id = r.person_id
    GROUP BY 1, 2, 3, 4, 5
)
SELECT month, level, area, type_id, sum(n)::int, sum(w6)::int, sum(w12)::int, sum(w24)::int,
       array_agg(days ORDER BY days), array_agg(n::int ORDER BY days)
FROM per_day GROUP BY 1, 2, 3, 4
UNION ALL
SELECT month, level, area, NULL, count(*)::int, 0, 0, 0, NULL, NULL
FROM areas GROUP BY 1, 2, 3
"""


def _milestone_rows_sql(today: datetime.date) -> list[MilestoneMonth]:
    """:func:`milestone_rows` counted by PostgreSQL: one query groups the persons (first
    contact, Stadtteil, Bezirk) and their milestones (the last one recorded per person and
    type) by month of first contact, area, type and days — a month plus ``n`` months ends on
    the same day as :func:`~teilhabe.steering.casework.add_months` (the last day of a shorter
    month) — and returns each histogram as two arrays."""
    tables = {
        "case": Case._meta.db_table,
        "person": Person._meta.db_table,
        "district": District._meta.db_table,
        "milestone": Milestone._meta.db_table,
    }
    params = {
        "today": today,
        "city": Level.CITY.value,
        "borough": Level.BOROUGH.value,
        "district": Level.DISTRICT.value,
        "achieved": MilestoneStatus.ACHIEVED.value,
    }
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL work_mem = '256MB'")
        cur.execute(_MILESTONES_SQL.format(**tables), params)
        rows = [
            MilestoneMonth(
                month=month,
                level=level,
                area_id=area,
                type_id=type_id,
                count=n,
                within_6=w6,
                within_12=w12,
                within_24=w24,
                days=[] if values is None else [values, counts],
            )
            for month, level, area, type_id, n, w6, w12, w24, values, counts in cur.fetchall()
        ]
    rows.sort(key=lambda r: (r.month, r.level, r.area_id or 0, r.type_id or 0))
    return rows


def _reach(reached, persons, item, limits, borough_of, add_months) -> None:
    pid, type_id, achieved = item
    day, district = persons[pid]
    if day not in limits:
        limits[day] = [add_months(day, h) for h in HORIZONS]
    within = [achieved <= limit for limit in limits[day]]
    days = max(0, (achieved - day).days)
    for level, area in _areas(district, borough_of):
        key = (day.replace(day=1), level, area, type_id)
        entry = reached.get(key)
        if entry is None:
            entry = reached[key] = [0, [0, 0, 0], Sample()]
        entry[0] += 1
        for i, w in enumerate(within):
            entry[1][i] += w
        entry[2].add(days)


def referral_rows(today: datetime.date) -> list[ReferralMonth]:
    """Referrals per month sent, area and dimension — the raw rule of
    ``referrals.referral_page`` (the offer's first location, the person's Stadtteil when
    sent; waiting days of referrals still waiting counted up to ``today``)."""
    from teilhabe.referrals.models import Referral
    from teilhabe.steering.referrals import Bucket, count_referral, referral_records

    borough_of = dict(District.objects.values_list("pk", "borough_id"))
    tz = timezone.get_current_timezone()
    end = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min, tz)
    buckets: dict = {}
    for r in referral_records(Referral.objects.filter(created_at__lt=end), today=today):
        month = r["day"].replace(day=1)
        offer_d, person_d = r["offer_district"], r["person_district"]
        areas = set(_areas(offer_d, borough_of)) | set(_areas(person_d, borough_of))
        keys = (
            ("total", ""),
            ("category", r["category"]),
            ("provider", r["provider"] or ""),
            ("offer", "" if offer_d is None else str(offer_d)),
            ("person", "" if person_d is None else str(person_d)),
        )
        for level, area in areas:
            for dimension, key in keys:
                b = buckets.get((month, level, area, dimension, key))
                if b is None:
                    b = buckets[(month, level, area, dimension, key)] = Bucket()
                count_referral(b, r)
    return [
        ReferralMonth(
            month=month,
            level=level,
            area_id=area,
            dimension=dimension,
            key=key,
            total=b.total,
            answered=b.answered,
            accepted=b.accepted,
            statuses=dict(sorted(b.status.items())),
            response_days=b.response_days.stored(),
            waiting_days=b.waiting_days.stored(),
        )
        for (month, level, area, dimension, key), b in sorted(
            buckets.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0, *kv[0][3:])
        )
    ]


def daily_rows(today: datetime.date) -> list[DailyCount]:
    """City-wide counts per day (all days, as the report counts them): milestones reached per
    type key, referrals sent per current status, structural barriers per institution and per
    kind of barrier (ids)."""
    from teilhabe.referrals.models import Referral

    rows = []
    for day, key, n in (
        Milestone.objects.filter(status=MilestoneStatus.ACHIEVED, achieved_on__isnull=False)
        .values_list("achieved_on", "type__key")
        .annotate(n=Count("pk"))
        .order_by("achieved_on", "type__key")
    ):
        rows.append(DailyCount(day=day, measure="milestone_achieved", key=key, count=n))
    for day, key, n in (
        Referral.objects.annotate(day=TruncDate("created_at"))
        .values_list("day", "status")
        .annotate(n=Count("pk"))
        .order_by("day", "status")
    ):
        rows.append(DailyCount(day=day, measure="referral_sent", key=key, count=n))
    notes = ContactNote.objects.filter(kind=NoteKind.BARRIER)
    for measure, field in (
        ("barrier_institution", "institution_id"),
        ("barrier_kind", "barrier_category_id"),
    ):
        for day, key, n in (
            notes.values_list("date", field).annotate(n=Count("pk")).order_by("date", field)
        ):
            rows.append(
                DailyCount(day=day, measure=measure, key="" if key is None else str(key), count=n)
            )
    return rows


ROLLUPS: dict[str, tuple[type, Callable[[datetime.date], list]]] = {
    "casework": (CaseworkDay, casework_rows),
    "barriers": (BarrierMonth, barrier_rows),
    "milestones": (MilestoneMonth, milestone_rows),
    "referrals": (ReferralMonth, referral_rows),
    "daily": (DailyCount, daily_rows),
}


def rollups_refresh(
    *, user: Any = SYSTEM, today: datetime.date | None = None, only: list[str] | None = None
) -> dict[str, dict]:
    """Rebuild the rollups (all, or those named in ``only``) from the raw rows; each in one
    transaction (replace all rows, ``ANALYZE`` them on PostgreSQL, record the state).
    Idempotent."""
    check(user, Action.VIEW_CITY_FIGURES)
    today = today or timezone.localdate()
    out = {}
    for name, (model, build) in ROLLUPS.items():
        if only and name not in only:
            continue
        began = time.monotonic()
        rows = build(today)
        with transaction.atomic():
            model.objects.all().delete()
            model.objects.bulk_create(rows, batch_size=BATCH)
            if connection.vendor == "postgresql":
                # Statistics for the new rows at once, not when autovacuum gets to them:
                # the pages' first requests after a refresh are planned on the real rows.
                with connection.cursor() as cur:
                    cur.execute(f'ANALYZE "{model._meta.db_table}"')
            seconds = time.monotonic() - began
            RollupState.objects.update_or_create(
                name=name,
                defaults={
                    "refreshed_at": timezone.now(),
                    "covers_until": today,
                    "rows": len(rows),
                    "seconds": seconds,
                },
            )
        out[name] = {"rows": len(rows), "seconds": round(seconds, 3)}
    return out


def state(name: str) -> RollupState | None:
    return RollupState.objects.filter(name=name).first()


def month_aligned(start: datetime.date, end: datetime.date, covers_until: datetime.date) -> bool:
    """Whether a monthly rollup answers the period exactly: from a first of a month to a last
    of a month (or to the last day the rollup covers)."""
    return start.day == 1 and (end >= covers_until or (end + datetime.timedelta(days=1)).day == 1)


JOB_KIND = "steering.refresh"


def rollups_refresh_start(*, user: Any):
    """Queue a refresh for the worker (administrators); returns the job."""
    from teilhabe.jobs.services import job_start

    check(user, Action.MANAGE_TASKS)
    return job_start(
        user=user, kind=JOB_KIND, message="Die Aktualisierung wartet auf den Hintergrunddienst."
    )
