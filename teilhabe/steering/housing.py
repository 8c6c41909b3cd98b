"""Housing figures for steering and borough coordinators (``/wohnen/kennzahlen/``): numbers,
never persons, under the page-wide small-number rule (:meth:`Page.resolve`: primary and
complementary suppression across every table of the page).

* occupancy of shelters per Bezirk at the end of each of the last twelve months (each month's
  column adds up to its total; months are snapshots and do not add up);
* moves from a shelter into a flat per month (the months add up to the total);
* time from arrival in Germany to the first own tenancy (persons, median, 75th percentile);
* persons per benefit system today;
* residence titles expiring in the next 90 days, per Bezirk.

The tables read the housing records (stays, benefit periods, residence titles): small tables
of their own, not the case-work rows the rollups summarise.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Min, OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, can, grants
from teilhabe.cases.models import Person
from teilhabe.geography.models import Borough
from teilhabe.steering.tables import COUNT, MEDIAN, P75, Column, Page, Row, Table


def _boroughs(user: Any) -> list[Borough]:
    qs = Borough.objects.defer("geometry").order_by("number")
    if not can(user, Action.VIEW_CITY_FIGURES):
        qs = qs.filter(pk__in={g.borough_id for g in grants(user) if g.borough_id})
    return list(qs)


def month_ends(today: datetime.date, n: int = 12) -> list[datetime.date]:
    """The last days of the ``n`` months before ``today``'s month."""
    ends = []
    first = today.replace(day=1)
    for _i in range(n):
        ends.append(first - datetime.timedelta(days=1))
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(ends))


def housing_page(user: Any, *, today: datetime.date | None = None) -> Page:
    from teilhabe.housing.models import BenefitPeriod, BenefitSystem, Stay, StayKind

    today = today or timezone.localdate()
    boroughs = _boroughs(user)
    borough_ids = [b.pk for b in boroughs]
    months = month_ends(today)
    keys = [m.isoformat() for m in months]
    month_cols = [
        Column(k, formats.date_format(m, "m/Y"), COUNT) for k, m in zip(keys, months, strict=True)
    ]

    # Occupancy per Bezirk at each month end: one query for the stays of the window.
    stays = Stay.objects.filter(
        kind=StayKind.ACCOMMODATION,
        accommodation__district__borough_id__in=borough_ids,
        moved_in__lte=months[-1],
    ).filter(Q(moved_out__isnull=True) | Q(moved_out__gt=months[0]))
    occupancy: dict = {b: defaultdict(int) for b in borough_ids}
    for borough_id, moved_in, moved_out in stays.values_list(
        "accommodation__district__borough_id", "moved_in", "moved_out"
    ):
        for k, day in zip(keys, months, strict=True):
            if moved_in <= day and (moved_out is None or moved_out > day):
                occupancy[borough_id][k] += 1
    page = Page()
    page.add(
        Table(
            "occupancy",
            _("Persons in shelters at the end of each month"),
            month_cols,
            [Row(str(b.code), str(b), dict(occupancy[b.pk])) for b in boroughs],
            total=Row("all", _("Total"), {k: sum(o[k] for o in occupancy.values()) for k in keys}),
            summary=_("Persons in shelters per borough at month end"),
        )
    )

    # Moves from a shelter into a flat: a flat stay beginning the day a shelter stay ended.
    shelter_end = Stay.objects.filter(
        person=OuterRef("person"), kind=StayKind.ACCOMMODATION, moved_out=OuterRef("moved_in")
    ).values("accommodation__district__borough_id")[:1]
    moves = (
        Stay.objects.filter(kind=StayKind.FLAT, moved_in__gt=months[0], moved_in__lte=months[-1])
        .annotate(from_borough=Subquery(shelter_end))
        .filter(from_borough__in=borough_ids)
    )
    per_month: dict = defaultdict(int)
    for moved_in in moves.values_list("moved_in", flat=True):
        per_month[moved_in.replace(day=1)] += 1
    move_values = {k: per_month[m.replace(day=1)] for k, m in zip(keys, months, strict=True)}
    move_values["total"] = sum(move_values.values())
    page.add(
        Table(
            "moves",
            _("Moves from a shelter into a flat"),
            [*month_cols, Column("total", _("Total"), COUNT)],
            [Row("moves", _("Moves"), move_values)],
            summary=_("Moves from a shelter into a flat per month"),
            additive=False,
            row_sums={"total": keys},
        )
    )

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
    page.add(
        Table(
            "tenancy",
            _("Time from arrival in Germany to the first own tenancy"),
            [
                Column("n", _("Persons"), COUNT),
                Column("median", _("Days (median)"), MEDIAN, part="days", base="n"),
                Column("p75", _("Days (75th percentile)"), P75, part="days", base="n"),
            ],
            [Row("tenancy", _("First own tenancy"), {"n": len(durations), "days": durations})],
            additive=False,
        )
    )

    # Persons in case work per benefit system today.
    current = BenefitPeriod.objects.filter(
        starts_on__lte=today, person__district__borough_id__in=borough_ids
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    by_system = dict(current.values_list("system").annotate(n=Count("person", distinct=True)))
    page.add(
        Table(
            "systems",
            _("Persons per benefit system today"),
            [Column("persons", _("Persons"), COUNT)],
            [
                Row(value, str(label), {"persons": by_system.get(value, 0)})
                for value, label in BenefitSystem.choices
            ],
            total=Row("all", _("Total"), {"persons": sum(by_system.values())}),
            summary=_("Persons per benefit system"),
        )
    )

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
    page.add(
        Table(
            "expiring",
            _("Residence titles expiring in the next 90 days"),
            [Column("persons", _("Persons"), COUNT)],
            [Row(str(b.code), str(b), {"persons": expiring.get(b.pk, 0)}) for b in boroughs],
            total=Row("all", _("Total"), {"persons": sum(expiring.values())}),
            summary=_("Expiring residence titles per borough of residence"),
        )
    )
    return page.resolve()
