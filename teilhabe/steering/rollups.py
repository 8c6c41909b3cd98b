"""Rollups of the steering figures, kept current by the worker.

:func:`rollups_refresh` rebuilds each rollup from the raw rows — one transaction per rollup,
idempotent (the same rows give the same rollup) — and records when it ran
(:class:`~teilhabe.steering.models.RollupState`). The job ``steering.refresh`` (worker) and
``manage.py steering_refresh`` call it. The pages read the rollups (a few thousand rows)
instead of every case, person and note; until a rollup has been built they compute from the
raw rows (same figures, slower).

* ``casework``: per day and Stadtteil — persons in case work (by their address and by their
  household's Stadtteil), households in case work, cases opened and closed.
* ``barriers``: structural barriers per month, institution, kind and Stadtteil.
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from teilhabe.access import SYSTEM, Action, check
from teilhabe.cases.models import Case, ContactNote, HouseholdRole, NoteKind, Person
from teilhabe.steering.models import BarrierMonth, CaseworkDay, RollupState

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


def barrier_rows(today: datetime.date) -> list[BarrierMonth]:
    places, _members = _households()
    counts: dict = defaultdict(int)
    for hid, institution, category, day in (
        ContactNote.objects.filter(kind=NoteKind.BARRIER, date__lte=today)
        .values_list("case__household_id", "institution_id", "barrier_category_id", "date")
        .iterator(chunk_size=BATCH)
    ):
        counts[(day.replace(day=1), places.get(hid), institution, category)] += 1
    return [
        BarrierMonth(month=m, district_id=d, institution_id=i, category_id=c, count=n)
        for (m, d, i, c), n in sorted(counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1:])))
    ]


ROLLUPS: dict[str, tuple[type, Callable[[datetime.date], list]]] = {
    "casework": (CaseworkDay, casework_rows),
    "barriers": (BarrierMonth, barrier_rows),
}


def rollups_refresh(
    *, user: Any = SYSTEM, today: datetime.date | None = None, only: list[str] | None = None
) -> dict[str, dict]:
    """Rebuild the rollups (all, or those named in ``only``) from the raw rows; each in one
    transaction (replace all rows, record the state). Idempotent."""
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
