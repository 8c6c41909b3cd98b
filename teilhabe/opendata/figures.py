"""Steering indicators per Stadtteil and month as open data (one CSV file).

Three indicators of ``teilhabe/steering/indicators.py``, by the same definitions as the
steering pages: persons in case work at the end of the month (``persons_in_casework``, counted
in the Stadtteil of their address), cases opened and cases closed in the month
(``cases_opened``, ``cases_closed``, counted where their household counts). Households in case
work are left out on purpose: with one case per household their month-to-month change would
nearly equal "opened − closed", a relation the suppression below could not see.

Rows: per month the city, each Stadtbezirk followed by its Stadtteile, and "Stadtteil
unbekannt" when some figure has no Stadtteil. The whole file is one set of published figures:
each Bezirk is the sum of its Stadtteile, the city the sum of the Bezirke (and the unknown
row). ``teilhabe.steering.suppression.protect`` hides small counts and whatever else would
give them away across the whole file; a hidden cell is written empty.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from teilhabe.cases.models import Case, Person
from teilhabe.geography.models import Borough, District
from teilhabe.steering.casework import add_months, household_places
from teilhabe.steering.suppression import Group, protect

MONTHS = 12

# (column, indicator key of teilhabe/steering/indicators.py, German column description)
INDICATORS = (
    (
        "personen_in_fallarbeit",
        "persons_in_casework",
        "Personen mit mindestens einem am Monatsende offenen Fall ihres Haushalts, "
        "im Stadtteil ihrer Adresse",
    ),
    (
        "eroeffnete_faelle",
        "cases_opened",
        "Fälle mit Eröffnungsdatum im Monat, im Stadtteil ihres Haushalts",
    ),
    (
        "abgeschlossene_faelle",
        "cases_closed",
        "Fälle mit Abschlussdatum im Monat, im Stadtteil ihres Haushalts",
    ),
)
COLUMNS = (
    "monat",
    "gebietsebene",
    "stadtbezirk_nr",
    "stadtteil_nr",
    "gebiet",
    *(c for c, _k, _d in INDICATORS),
)

CITY, BOROUGH, DISTRICT = "Stadt", "Stadtbezirk", "Stadtteil"
UNKNOWN = "unbekannt"


@dataclass(frozen=True)
class Area:
    key: str
    level: str
    name: str
    borough_number: int | None = None
    district_number: int | None = None


@dataclass
class IndicatorFile:
    """The figures of the file: true ``values`` (never published), the ``groups`` that tie them
    together and the ``hidden`` keys. Keys are ``(column, month ISO, area key)``."""

    months: list[datetime.date]
    areas: list[Area]
    values: dict[tuple[str, str, str], int]
    groups: list[Group] = field(default_factory=list)
    hidden: set = field(default_factory=set)

    @property
    def start(self) -> datetime.date:
        return self.months[0]

    @property
    def end(self) -> datetime.date:
        return add_months(self.months[-1], 1) - datetime.timedelta(days=1)

    def rows(self) -> list[dict[str, str]]:
        out = []
        for m in self.months:
            for area in self.areas:
                row = {
                    "monat": m.strftime("%Y-%m"),
                    "gebietsebene": area.level,
                    "stadtbezirk_nr": "" if area.borough_number is None else area.borough_number,
                    "stadtteil_nr": "" if area.district_number is None else area.district_number,
                    "gebiet": area.name,
                }
                for column, _key, _d in INDICATORS:
                    k = (column, m.isoformat(), area.key)
                    row[column] = "" if k in self.hidden else str(self.values[k])
                out.append(row)
        return out

    def csv_bytes(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(self.rows())
        return buffer.getvalue().encode("utf-8")


def period(today: datetime.date | None = None, count: int = MONTHS) -> list[datetime.date]:
    """The ``count`` complete months before the month of ``today``."""
    today = today or timezone.localdate()
    last = add_months(today.replace(day=1), -1)
    return [add_months(last, -i) for i in reversed(range(count))]


def indicator_file(today: datetime.date | None = None, count: int = MONTHS) -> IndicatorFile:
    month_list = period(today, count)
    start = month_list[0]
    end = add_months(month_list[-1], 1) - datetime.timedelta(days=1)

    boroughs = list(Borough.objects.defer("geometry").order_by("number"))
    districts = list(
        District.objects.defer("geometry")
        .select_related("borough")
        .only("pk", "name", "number", "borough__number")
        .order_by("borough__number", "number", "name")
    )
    places = household_places()
    members: dict[int, Counter] = {}
    for hid, district in Person.objects.filter(
        anonymised_at__isnull=True, merged_into__isnull=True
    ).values_list("household_id", "district_id"):
        members.setdefault(hid, Counter())[district] += 1
    cases = list(
        Case.objects.filter(opened_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .values_list("household_id", "opened_on", "closed_on")
    )

    # Counts per (column, month, district id or None).
    per_district: dict[str, dict[str, Counter]] = {c: {} for c, _k, _d in INDICATORS}
    for m in month_list:
        m_end = add_months(m, 1) - datetime.timedelta(days=1)
        opened, closed, persons, open_hh = Counter(), Counter(), Counter(), set()
        for hid, o, c in cases:
            place = places.get(hid)
            if m <= o <= m_end:
                opened[place] += 1
            if c and m <= c <= m_end:
                closed[place] += 1
            if o <= m_end and (c is None or c > m_end):
                open_hh.add(hid)
        for hid in open_hh:
            persons.update(members.get(hid, {}))
        per_district["personen_in_fallarbeit"][m.isoformat()] = persons
        per_district["eroeffnete_faelle"][m.isoformat()] = opened
        per_district["abgeschlossene_faelle"][m.isoformat()] = closed

    known = {d.pk for d in districts}
    has_unknown = any(
        n
        for by_month in per_district.values()
        for counts in by_month.values()
        for d, n in counts.items()
        if d not in known
    )
    city = Area("stadt", CITY, "Gesamtstadt")
    areas = [city]
    borough_areas = {}
    district_areas: dict[int, list[tuple[int, Area]]] = {}
    for b in boroughs:
        area = Area(f"bezirk-{b.number}", BOROUGH, str(b), borough_number=b.number)
        borough_areas[b.pk] = area
        areas.append(area)
        for d in districts:
            if d.borough_id == b.pk:
                da = Area(
                    f"stadtteil-{d.pk}",
                    DISTRICT,
                    d.name,
                    borough_number=b.number,
                    district_number=d.number,
                )
                district_areas.setdefault(b.pk, []).append((d.pk, da))
                areas.append(da)
    unknown = Area(UNKNOWN, DISTRICT, "Stadtteil unbekannt") if has_unknown else None
    if unknown:
        areas.append(unknown)

    values: dict[tuple[str, str, str], int] = {}
    groups: list[Group] = []
    for column, by_month in per_district.items():
        for month, counts in by_month.items():
            city_parts = []
            for b in boroughs:
                parts = []
                for pk, da in district_areas.get(b.pk, []):
                    values[(column, month, da.key)] = counts.get(pk, 0)
                    parts.append((column, month, da.key))
                bkey = (column, month, borough_areas[b.pk].key)
                values[bkey] = sum(values[p] for p in parts)
                groups.append((bkey, parts))
                city_parts.append(bkey)
            if unknown:
                ukey = (column, month, unknown.key)
                values[ukey] = sum(n for d, n in counts.items() if d not in known)
                city_parts.append(ukey)
            ckey = (column, month, city.key)
            values[ckey] = sum(values[p] for p in city_parts)
            groups.append((ckey, city_parts))
    hidden = protect(values, groups)
    return IndicatorFile(month_list, areas, values, groups, hidden)
