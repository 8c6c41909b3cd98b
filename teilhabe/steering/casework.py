"""Case-work figures: persons and households in case work, cases opened and closed, time to
the standard-system milestones, offer coverage and white spots.

Where a person counts: the Stadtteil of their address (``Person.district``). A household
counts in the Stadtteil of its head (else of its first member). A case counts where its
household counts. Anonymised and merged-away persons are left out.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict

from django.db.models import Min, Q
from django.utils import formats
from django.utils.translation import gettext as _

from teilhabe.cases.models import (
    Case,
    HouseholdRole,
    Milestone,
    MilestoneStatus,
    MilestoneType,
    Person,
)
from teilhabe.geography.models import Borough, District
from teilhabe.steering.scope import Scope
from teilhabe.steering.tables import (
    COUNT,
    MEDIAN,
    NUMBER,
    P75,
    SHARE,
    TEXT,
    Column,
    Histograms,
    Page,
    Row,
    Sample,
    Table,
)

UNKNOWN = "unknown"


def months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """First days of the months from ``start`` to ``end``."""
    out, m = [], start.replace(day=1)
    while m <= end:
        out.append(m)
        m = add_months(m, 1)
    return out


def add_months(d: datetime.date, n: int) -> datetime.date:
    total = d.year * 12 + d.month - 1 + n
    year, month = divmod(total, 12)
    month += 1
    last = (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(d.day, last))


def month_label(m: datetime.date) -> str:
    return formats.date_format(m, "M Y")


def _persons():
    return Person.objects.filter(anonymised_at__isnull=True, merged_into__isnull=True)


def household_places() -> dict[int, int | None]:
    """Household id → Stadtteil id (of its head, else its first member)."""
    places: dict[int, tuple[int, int | None]] = {}
    for hid, pid, role, district in _persons().values_list(
        "household_id", "pk", "household_role", "district_id"
    ):
        rank = (0 if role == HouseholdRole.HEAD else 1, pid)
        if hid not in places or rank < places[hid][0]:
            places[hid] = (rank, district)
    return {hid: v[1] for hid, v in places.items()}


def _open_on(day: datetime.date):
    return Case.objects.filter(opened_on__lte=day).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day)
    )


def _place_rows(scope: Scope, values: dict, url=None) -> list[Row]:
    """One row per Stadtteil in scope (+ unknown), ``values[district_id] -> dict``."""
    rows = [
        Row(str(d.code), d.name, values.get(d.pk, {}), url=url(district=d) if url else "")
        for d in scope.districts
        if scope.district is None or d.pk == scope.district.pk
    ]
    if scope.whole_city and values.get(None):
        rows.append(Row(UNKNOWN, _("Stadtteil unknown"), values[None]))
    return rows


def _borough_table(page: Page, scope: Scope, key: str, title: str, cols, values, url=None):
    """Per Bezirk (city pages only), tied to the Stadtteil table ``key``: a Bezirk is the sum
    of its Stadtteile."""
    if not scope.whole_city:
        return
    boroughs = list(Borough.objects.defer("geometry").order_by("number"))
    by_borough: dict = defaultdict(lambda: defaultdict(int))
    district_borough = {d.pk: d.borough_id for d in scope.districts}
    for district_id, v in values.items():
        b = district_borough.get(district_id)
        for k, n in v.items():
            if isinstance(n, int):
                by_borough[b][k] += n
    rows = [
        Row(str(b.code), str(b), dict(by_borough.get(b.pk, {})), url=url(borough=b) if url else "")
        for b in boroughs
    ]
    if by_borough.get(None):
        rows.append(Row(UNKNOWN, _("Bezirk unknown"), dict(by_borough[None])))
    source = page.table(key)
    t = page.add(
        Table(f"{key}_boroughs", title, cols, rows, total=source.total, summary=source.summary)
    )
    for b in boroughs:
        for c in cols:
            if c.kind == COUNT:
                page.sum_of(
                    (t.key, str(b.code), c.key),
                    [(key, str(d.code), c.key) for d in scope.districts if d.borough_id == b.pk],
                )
    for c in cols:
        if c.kind == COUNT:
            page.same((t.key, "all", c.key), (key, "all", c.key))


# --- Persons and households in case work; cases opened and closed --------------------------


def casework_page(scope: Scope, *, url=None, raw: bool = False) -> Page:
    """Persons and households in case work per Stadtteil at the end of the period, cases per
    month. Read from the ``casework`` rollup once it has been built (``raw=True``, or no
    rollup yet: computed from cases and persons — the same figures)."""
    rollup = None if raw else scope.rollup("casework")
    if rollup is not None:
        per_place, month_rows, totals = _casework_from_rollup(scope, rollup.covers_until)
    else:
        per_place, month_rows, totals = _casework_raw(scope)
    return _casework_tables(scope, per_place, month_rows, totals, url)


def _casework_from_rollup(scope: Scope, covers_until: datetime.date):
    """Three small aggregate queries on the rollup: the Stadtteile on the last day, the cases
    opened and closed per month, the persons at each month's end."""
    from django.db.models import Sum
    from django.db.models.functions import TruncMonth

    from teilhabe.steering.models import CaseworkDay

    end = min(scope.end, covers_until)  # as of the last refresh
    qs = CaseworkDay.objects.all()
    if not scope.whole_city:
        qs = qs.filter(district_id__in=scope.district_ids)
    per_place: dict = defaultdict(lambda: {"persons": 0, "households": 0})
    for district, persons, households in qs.filter(day=end).values_list(
        "district_id", "persons", "households"
    ):
        per_place[district] = {"persons": persons, "households": households}
    month_ends = {
        m: min(add_months(m, 1) - datetime.timedelta(days=1), scope.end, end)
        for m in months(scope.start, scope.end)
    }
    sums = {
        r["m"]: r
        for r in qs.filter(day__gte=scope.start, day__lte=scope.end)
        .annotate(m=TruncMonth("day"))
        .values("m")
        .annotate(opened=Sum("opened"), closed=Sum("closed"))
    }
    at_end = dict(
        qs.filter(day__in=set(month_ends.values()))
        .values("day")
        .annotate(n=Sum("persons_by_household"))
        .values_list("day", "n")
    )
    month_rows, totals = [], {"opened": 0, "closed": 0}
    for m, m_end in month_ends.items():
        r = sums.get(m) or {}
        v = {
            "opened": r.get("opened") or 0,
            "closed": r.get("closed") or 0,
            "persons": at_end.get(m_end, 0) if m_end >= m else 0,
        }
        totals["opened"] += v["opened"]
        totals["closed"] += v["closed"]
        month_rows.append(Row(m.isoformat(), month_label(m), v))
    return per_place, month_rows, totals


def _casework_raw(scope: Scope):
    places = household_places()
    wanted = scope.district_ids

    def in_scope(district_id) -> bool:
        return scope.whole_city or district_id in wanted

    open_households = set(_open_on(scope.end).values_list("household_id", flat=True))
    per_place: dict = defaultdict(lambda: {"persons": 0, "households": 0})
    for district in (
        _persons().filter(household_id__in=open_households).values_list("district_id", flat=True)
    ):
        if in_scope(district):
            per_place[district]["persons"] += 1
    for hid in open_households:
        district = places.get(hid)
        if in_scope(district):
            per_place[district]["households"] += 1
    # Cases opened and closed per month; persons in case work at each month's end.
    cases = list(
        Case.objects.filter(opened_on__lte=scope.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=scope.start))
        .values_list("household_id", "opened_on", "closed_on")
    )
    size = defaultdict(int)
    for hid in _persons().values_list("household_id", flat=True):
        size[hid] += 1
    month_rows = []
    totals = {"opened": 0, "closed": 0}
    for m in months(scope.start, scope.end):
        m_end = min(add_months(m, 1) - datetime.timedelta(days=1), scope.end)
        opened = closed = 0
        open_hh = set()
        for hid, o, c in cases:
            if not in_scope(places.get(hid)):
                continue
            if m <= o <= m_end:
                opened += 1
            if c and m <= c <= m_end:
                closed += 1
            if o <= m_end and (c is None or c > m_end):
                open_hh.add(hid)
        totals["opened"] += opened
        totals["closed"] += closed
        month_rows.append(
            Row(
                m.isoformat(),
                month_label(m),
                {"opened": opened, "closed": closed, "persons": sum(size[h] for h in open_hh)},
            )
        )
    return per_place, month_rows, totals


def _casework_tables(scope: Scope, per_place, month_rows, totals, url) -> Page:
    page = Page()
    cols = [
        Column("persons", _("Persons in case work"), COUNT),
        Column("households", _("Households in case work"), COUNT),
    ]
    total = {
        "persons": sum(v["persons"] for v in per_place.values()),
        "households": sum(v["households"] for v in per_place.values()),
    }
    page.add(
        Table(
            "places",
            _("In case work per Stadtteil"),
            cols,
            _place_rows(scope, per_place, url),
            total=Row("all", _("Total"), total),
            summary=_(
                "Persons and households with an open case on %(day)s, by the Stadtteil "
                "they live in."
            )
            % {"day": formats.date_format(scope.end, "d.m.Y")},
        )
    )
    _borough_table(page, scope, "places", _("In case work per Bezirk"), cols, per_place, url)

    page.add(
        Table(
            "months",
            _("Cases opened and closed per month"),
            [
                Column("opened", _("Cases opened"), COUNT),
                Column("closed", _("Cases closed"), COUNT),
                Column(
                    "persons",
                    _("Persons in case work at the end of the month"),
                    COUNT,
                    additive=False,
                ),
            ],
            month_rows,
            total=Row("all", _("Period"), totals),
            summary=_("Cases by the month they were opened or closed in."),
        )
    )
    return page.resolve()


# --- Milestones: time from first contact to each standard system -------------------------


def first_contacts() -> dict[int, datetime.date]:
    """Household id → day of the first contact (the opening of its first case)."""
    return dict(
        Case.objects.values("household_id")
        .annotate(first=Min("opened_on"))
        .values_list("household_id", "first")
    )


def quarter(d: datetime.date) -> datetime.date:
    return datetime.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def quarter_label(q: datetime.date) -> str:
    return _("Q%(q)s %(year)s") % {"q": (q.month - 1) // 3 + 1, "year": q.year}


HORIZONS = (6, 12, 24)


class _Reached:
    """Persons of a cohort who reached one milestone: how many, within 6/12/24 months, and
    the days it took (a :class:`Sample` from the rows, :class:`Histograms` from the
    rollup)."""

    __slots__ = ("days", "n", "within")

    def __init__(self, days: Sample | Histograms | None = None):
        self.n = 0
        self.within = dict.fromkeys(HORIZONS, 0)
        self.days = Sample() if days is None else days

    def merge(self, other: _Reached) -> None:
        self.n += other.n
        for h in HORIZONS:
            self.within[h] += other.within[h]
        self.days.merge(other.days)


def _milestones_raw(scope: Scope):
    """Cohort quarter → persons, and (cohort, type id) → :class:`_Reached`, from the rows."""
    first = first_contacts()
    persons = {}
    for pid, hid, district in _persons().values_list("pk", "household_id", "district_id"):
        day = first.get(hid)
        if day is None or not (scope.start <= day <= scope.end):
            continue
        if scope.whole_city or district in scope.district_ids:
            persons[pid] = day
    reached: dict = defaultdict(dict)  # type id -> person id -> day reached
    for pid, type_id, achieved in Milestone.objects.filter(
        person_id__in=list(persons), status=MilestoneStatus.ACHIEVED, achieved_on__isnull=False
    ).values_list("person_id", "type_id", "achieved_on"):
        reached[type_id][pid] = achieved
    cohorts: dict = defaultdict(int)
    for day in persons.values():
        cohorts[quarter(day)] += 1
    agg: dict = defaultdict(_Reached)
    for type_id, per_person in reached.items():
        for pid, achieved in per_person.items():
            start = persons[pid]
            r = agg[(quarter(start), type_id)]
            r.n += 1
            r.days.add(max(0, (achieved - start).days))
            for h in HORIZONS:
                if achieved <= add_months(start, h):
                    r.within[h] += 1
    return cohorts, agg


def _milestones_from_rollup(scope: Scope, covers_until: datetime.date):
    """The same from the ``milestones`` rollup: the quarter rows of the cohorts the period
    covers whole, the month rows of the quarters it cuts (at its start, or at its end before
    the last refreshed day)."""
    from django.db.models import Q

    from teilhabe.steering.models import Level, MilestoneMonth

    first_whole = quarter(scope.start)
    if first_whole < scope.start:
        first_whole = add_months(first_whole, 3)
    # Up to the last refreshed day a quarter is whole with the months it has so far.
    last_whole = quarter(min(scope.end, covers_until))
    if scope.end < covers_until and add_months(last_whole, 2) > scope.end:
        last_whole = add_months(last_whole, -3)
    if first_whole <= last_whole:
        wanted = (
            Q(span=3, month__gte=first_whole, month__lte=last_whole)
            | Q(span=1, month__gte=scope.start, month__lt=first_whole)
            | Q(span=1, month__gt=add_months(last_whole, 2), month__lte=scope.end)
        )
    else:
        wanted = Q(span=1, month__gte=scope.start, month__lte=scope.end)
    if scope.district is not None:
        qs = MilestoneMonth.objects.filter(level=Level.DISTRICT, area_id=scope.district.pk)
    elif scope.whole_city:
        qs = MilestoneMonth.objects.filter(level=Level.CITY)
    else:
        qs = MilestoneMonth.objects.filter(level=Level.BOROUGH, area_id__in=scope.borough_ids)
    cohorts: dict = defaultdict(int)
    agg: dict = {}
    for month, type_id, count, w6, w12, w24, days in qs.filter(wanted).values_list(
        "month", "type_id", "count", "within_6", "within_12", "within_24", "days"
    ):
        q = quarter(month)
        if type_id is None:
            cohorts[q] += count
            continue
        r = agg.get((q, type_id))
        if r is None:
            r = agg[(q, type_id)] = _Reached(Histograms())
        r.n += count
        for h, w in zip(HORIZONS, (w6, w12, w24), strict=True):
            r.within[h] += w
        r.days.add_stored(days)  # read together, not merged value by value
    return dict(cohorts), agg


def milestone_page(
    scope: Scope, *, today: datetime.date | None = None, url=None, raw: bool = False
) -> Page:
    """Per milestone type and cohort (quarter of first contact): persons, reached, median and
    75th percentile of days to reaching it, share reaching it within 6, 12 and 24 months.
    From the ``milestones`` rollup when it answers the period (whole months, or up to the last
    refreshed day), else (``raw=True``, no rollup yet) from the rows — the same figures."""
    from django.utils import timezone

    from teilhabe.steering.rollups import month_aligned

    today = today or timezone.localdate()
    rollup = None if raw else scope.rollup("milestones")
    if rollup is not None and month_aligned(scope.start, scope.end, rollup.covers_until):
        cohorts, agg = _milestones_from_rollup(scope, rollup.covers_until)
        empty = Histograms
    else:
        cohorts, agg = _milestones_raw(scope)
        empty = Sample
    types = list(MilestoneType.objects.filter(is_active=True).order_by("position", "name"))

    def stats(r: _Reached, n: int, cohort_end: datetime.date | None) -> dict:
        v = {"n": n, "reached": r.n, "not_reached": n - r.n, "days": r.days}
        for h in HORIZONS:
            # A share within h months only once every person of the cohort had h months.
            ripe = cohort_end is not None and add_months(cohort_end, h) <= today
            v[f"within_{h}"] = r.within[h]
            v[f"eligible_{h}"] = n if ripe else 0
        return v

    def columns():
        cols = [
            Column("n", _("Persons (first contact in the period)"), COUNT, additive=True),
            Column("reached", _("Reached"), COUNT),
            Column("not_reached", "", COUNT, shown=False),
            Column("median", _("Days to reach it (median)"), MEDIAN, part="days", base="reached"),
            Column(
                "p75", _("Days to reach it (75th percentile)"), P75, part="days", base="reached"
            ),
        ]
        for h in HORIZONS:
            cols.append(Column(f"within_{h}", "", COUNT, shown=False, additive=False))
            cols.append(
                Column(
                    f"share_{h}",
                    _("Within %(n)s months") % {"n": h},
                    SHARE,
                    part=f"within_{h}",
                    whole=f"eligible_{h}",
                    base="n",
                )
            )
        return cols

    page = Page()
    last_cohort_end = add_months(max(cohorts), 3) - datetime.timedelta(days=1) if cohorts else None
    everyone = sum(cohorts.values())
    summary_rows = []
    for t in types:
        merged = _Reached(empty())
        for q in cohorts:
            if (q, t.pk) in agg:
                merged.merge(agg[(q, t.pk)])
        summary_rows.append(Row(str(t.key), t.name, stats(merged, everyone, last_cohort_end)))
    page.add(
        Table(
            "milestones",
            _("Standard systems reached"),
            columns(),
            summary_rows,
            summary=_(
                "All persons whose first contact (the opening of their household's first "
                "case) lies in the period; shares within 6, 12 and 24 months only where every "
                "person had that much time."
            ),
            additive=False,
            row_sums={"n": ["reached", "not_reached"]},
        )
    )
    for t in types:
        rows = []
        for q in sorted(cohorts):
            q_end = add_months(q, 3) - datetime.timedelta(days=1)
            r = agg.get((q, t.pk)) or _Reached(empty())
            rows.append(Row(q.isoformat(), quarter_label(q), stats(r, cohorts[q], q_end)))
        page.add(
            Table(
                f"cohorts_{t.key}",
                _("%(name)s: by cohort (quarter of first contact)") % {"name": t.name},
                columns(),
                rows,
                total=Row("all", _("All cohorts"), summary_rows[types.index(t)].values),
                row_sums={"n": ["reached", "not_reached"]},
            )
        )
        page.same(("milestones", str(t.key), "reached"), (f"cohorts_{t.key}", "all", "reached"))
        page.same(("milestones", str(t.key), "n"), (f"cohorts_{t.key}", "all", "n"))
    return page.resolve()


# --- Offer coverage and white spots -----------------------------------------------------------

WHITE_SPOT_KM = 2.0  # default distance; see the indicator "white spots"


def _km(lat1, lon1, lat2, lon2) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def persons_in_casework(day: datetime.date, *, raw: bool = False) -> dict[int | None, int]:
    """Stadtteil id → persons in case work on ``day`` (by their address): from the
    ``casework`` rollup (as of its last refreshed day) once built, else from the rows."""
    from teilhabe.steering.models import CaseworkDay
    from teilhabe.steering.rollups import state

    rollup = None if raw else state("casework")
    if rollup is not None:
        return dict(
            CaseworkDay.objects.filter(day=min(day, rollup.covers_until), persons__gt=0)
            .values_list("district_id", "persons")
            .order_by()
        )
    open_households = set(_open_on(day).values_list("household_id", flat=True))
    persons: dict = defaultdict(int)
    for district in (
        _persons().filter(household_id__in=open_households).values_list("district_id", flat=True)
    ):
        persons[district] += 1
    return dict(persons)


def coverage_page(
    scope: Scope, *, url=None, distance_km: float = WHITE_SPOT_KM, raw: bool = False
) -> Page:
    """Offers (small reference tables) per Stadtteil against the persons in case work living
    there (``casework`` rollup)."""
    from teilhabe.offers.models import Category, Location, OfferStatus

    persons = persons_in_casework(scope.end, raw=raw)
    categories = {c.pk: c for c in Category.objects.filter(parent__isnull=True)}
    # Offers (published) at locations: (top category id, district id, lat, lon).
    places = []
    for cat, parent, district, lat, lon in Location.objects.filter(
        offers__status=OfferStatus.PUBLISHED
    ).values_list(
        "offers__category_id", "offers__category__parent_id", "district_id", "latitude", "longitude"
    ):
        places.append((parent or cat, district, lat, lon))
    offers_in: dict = defaultdict(lambda: defaultdict(int))
    points: dict = defaultdict(list)
    for cat, district, lat, lon in places:
        offers_in[district][cat] += 1
        points[cat].append((lat, lon))
    all_districts = {d.pk: d for d in District.objects.defer("geometry").order_by()}
    centre = {
        pk: ((d.min_lat + d.max_lat) / 2, (d.min_lon + d.max_lon) / 2)
        for pk, d in all_districts.items()
        if d.min_lat is not None
    }
    rows, white_by_category = [], defaultdict(int)
    for d in scope.districts:
        if scope.district is not None and d.pk != scope.district.pk:
            continue
        gaps = []
        if persons.get(d.pk) and d.pk in centre:
            lat, lon = centre[d.pk]
            for cat_id, cat in categories.items():
                near = any(
                    _km(lat, lon, plat, plon) <= distance_km for plat, plon in points[cat_id]
                )
                if not near:
                    gaps.append(cat.name)
                    white_by_category[cat_id] += 1
        rows.append(
            Row(
                str(d.code),
                d.name,
                {
                    "persons": persons.get(d.pk, 0),
                    "offers": sum(offers_in[d.pk].values()),
                    "gaps": ", ".join(sorted(gaps)) or "–",
                },
                url=url(district=d) if url else "",
            )
        )
    page = Page()
    page.add(
        Table(
            "coverage",
            _("Offers and persons in case work per Stadtteil"),
            [
                Column("persons", _("Persons in case work"), COUNT),
                Column("offers", _("Published offers (places)"), NUMBER),
                Column(
                    "gaps",
                    _("No offer within %(km)s km (white spots)")
                    % {"km": formats.number_format(distance_km, decimal_pos=1)},
                    TEXT,
                ),
            ],
            rows,
            total=Row(
                "all",
                _("Total"),
                {
                    "persons": sum(r.values["persons"] for r in rows),
                    "offers": sum(r.values["offers"] for r in rows),
                    "gaps": "",
                },
            ),
            summary=_(
                "A white spot: persons in case work live in the Stadtteil, but no published "
                "offer of the category is within the distance of its centre."
            ),
        )
    )
    page.add(
        Table(
            "categories",
            _("Offers per category"),
            [
                Column("offers", _("Published offers (places) in the selection"), NUMBER),
                Column("white", _("Stadtteile with a white spot"), NUMBER),
            ],
            [
                Row(
                    str(c.key),
                    c.name,
                    {
                        "offers": sum(offers_in[r_d][pk] for r_d in scope.district_ids),
                        "white": white_by_category.get(pk, 0),
                    },
                )
                for pk, c in sorted(categories.items(), key=lambda kv: kv[1].name)
            ],
            additive=False,
        )
    )
    return page.resolve()
