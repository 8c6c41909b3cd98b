"""Housing figures for steering and borough coordinators: numbers, never persons.

Every count goes through the small-number rule of :mod:`teilhabe.core.figures`: a count below
the threshold is shown as "< 5", and every row that has a total (or whose cells could be
subtracted from one) is suppressed with :func:`suppress_row`, so a hidden cell cannot be
recomputed from the total. Medians of durations are shown only for groups of at least the
threshold.

* occupancy of shelters per Bezirk at the end of each of the last twelve months;
* moves from a shelter into a flat per month;
* time from arrival in Germany to the first own tenancy (median, 75th percentile);
* persons in case work per benefit system today;
* residence titles expiring in the next 90 days, per Bezirk.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Min, OuterRef, Q, Subquery
from django.utils import timezone

from teilhabe.access import Action, can, grants
from teilhabe.cases.models import Person
from teilhabe.core.figures import suppress, suppress_row, threshold
from teilhabe.geography.models import Borough
from teilhabe.housing.models import BenefitPeriod, BenefitSystem, Stay, StayKind


def _boroughs(user: Any) -> list[Borough]:
    qs = Borough.objects.order_by("number")
    if not can(user, Action.VIEW_CITY_FIGURES):
        qs = qs.filter(pk__in={g.borough_id for g in grants(user) if g.borough_id})
    return list(qs)


def _month_ends(today: datetime.date, n: int = 12) -> list[datetime.date]:
    ends = []
    first = today.replace(day=1)
    for _ in range(n):
        ends.append(first - datetime.timedelta(days=1))
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(ends))


def _quantile(values: list[int], q: float) -> int | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1])


def housing_figures(user: Any, *, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    boroughs = _boroughs(user)
    borough_ids = [b.pk for b in boroughs]
    months = _month_ends(today)

    # Occupancy per Bezirk at each month end: one query for the stays of the window.
    stays = Stay.objects.filter(
        kind=StayKind.ACCOMMODATION,
        accommodation__district__borough_id__in=borough_ids,
        moved_in__lte=months[-1],
    ).filter(Q(moved_out__isnull=True) | Q(moved_out__gt=months[0]))
    occupancy = {b: [0] * len(months) for b in borough_ids}
    for borough_id, moved_in, moved_out in stays.values_list(
        "accommodation__district__borough_id", "moved_in", "moved_out"
    ):
        for i, day in enumerate(months):
            if moved_in <= day and (moved_out is None or moved_out > day):
                occupancy[borough_id][i] += 1
    # Each month is one row over the Bezirke with its city total (columns do not add up:
    # month-end counts are snapshots), so suppression runs per month.
    per_month = [
        suppress_row({b: occupancy[b][i] for b in borough_ids}) for i in range(len(months))
    ]
    occupancy_rows = [
        {"borough": b, "cells": [per_month[i].cells[b.pk] for i in range(len(months))]}
        for b in boroughs
    ]
    occupancy_totals = [row.total for row in per_month]

    # Moves from a shelter into a flat: a flat stay beginning the day a shelter stay ended.
    shelter_end = Stay.objects.filter(
        person=OuterRef("person"), kind=StayKind.ACCOMMODATION, moved_out=OuterRef("moved_in")
    ).values("accommodation__district__borough_id")[:1]
    moves = (
        Stay.objects.filter(kind=StayKind.FLAT, moved_in__gt=months[0], moved_in__lte=months[-1])
        .annotate(from_borough=Subquery(shelter_end))
        .filter(from_borough__in=borough_ids)
    )
    per_month_moves: dict[int, int] = defaultdict(int)
    for moved_in in moves.values_list("moved_in", flat=True):
        per_month_moves[moved_in.year * 12 + moved_in.month] += 1
    move_row = suppress_row(
        {m.year * 12 + m.month: per_month_moves[m.year * 12 + m.month] for m in months}
    )
    move_cells = [move_row.cells[m.year * 12 + m.month] for m in months]

    # Time from arrival in Germany to the first own tenancy.
    first_flat = (
        Stay.objects.filter(
            kind=StayKind.FLAT,
            person__arrived_in_germany__isnull=False,
            person__district__borough_id__in=borough_ids,
        )
        .values("person_id")
        .annotate(first=Min("moved_in"), arrived=F("person__arrived_in_germany"))
    )
    durations = sorted(
        (r["first"] - r["arrived"]).days for r in first_flat if r["first"] >= r["arrived"]
    )
    enough = len(durations) >= threshold()

    # Persons in case work per benefit system today.
    current = BenefitPeriod.objects.filter(
        starts_on__lte=today, person__district__borough_id__in=borough_ids
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    by_system = dict(current.values_list("system").annotate(n=Count("person", distinct=True)))
    system_row = suppress_row({s: by_system.get(s, 0) for s in BenefitSystem.values})

    # Titles expiring in the next 90 days per Bezirk of residence.
    horizon = today + datetime.timedelta(days=90)
    expiring = dict(
        Person.objects.filter(
            anonymised_at__isnull=True,
            residence_valid_until__gte=today,
            residence_valid_until__lte=horizon,
            district__borough_id__in=borough_ids,
        )
        .values_list("district__borough_id")
        .annotate(n=Count("id"))
    )
    expiring_row = suppress_row({b: expiring.get(b, 0) for b in borough_ids})

    return {
        "boroughs": boroughs,
        "months": months,
        "occupancy_rows": occupancy_rows,
        "occupancy_totals": occupancy_totals,
        "moves": move_cells,
        "moves_total": move_row.total,
        "tenancy_count": suppress(len(durations)),
        "tenancy_median": _quantile(durations, 0.5) if enough else None,
        "tenancy_p75": _quantile(durations, 0.75) if enough else None,
        "systems": [(label, system_row.cells[value]) for value, label in BenefitSystem.choices],
        "systems_total": system_row.total,
        "expiring": [(b, expiring_row.cells[b.pk]) for b in boroughs],
        "expiring_total": expiring_row.total,
        "threshold": threshold(),
    }
