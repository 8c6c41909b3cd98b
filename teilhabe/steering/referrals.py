"""Referral figures: the funnel, waiting times, per category, provider, Bezirk and Stadtteil.

Which Stadtteil a referral counts for — two answers, both shown and labelled:

* **Stadtteil of the offer**: the Stadtteil of the offer's first location (lowest id);
  "unknown" for an offer without location and for a referral without offer.
* **Stadtteil of the person**: the Stadtteil the person lived in when the referral was sent
  (``Referral.profile["district_id"]``, recorded with every referral, also anonymous ones).

A borough page counts every referral whose offer *or* person is in the borough; each Stadtteil
table then shows the borough's Stadtteile and one row "outside the borough", so its rows add up
to the page total and each Stadtteil row equals the same row on the city page.
"""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.geography.models import Borough, District
from teilhabe.referrals.models import Referral
from teilhabe.referrals.models import ReferralStatus as S
from teilhabe.referrals.workdays import working_days_between
from teilhabe.steering.scope import Scope
from teilhabe.steering.tables import (
    COUNT,
    MEDIAN,
    P75,
    SHARE,
    Column,
    Page,
    Row,
    Sample,
    Table,
)

ACCEPTED = (S.ACCEPTED, S.STARTED, S.COMPLETED, S.DROPPED_OUT)
FUNNEL = [S.SENT, S.WAITING, S.ACCEPTED, S.STARTED, S.COMPLETED, S.DECLINED, S.DROPPED_OUT]
FUNNEL += [S.WITHDRAWN]
UNKNOWN = "unknown"
OUTSIDE = "outside"


@dataclass
class Bucket:
    total: int = 0
    answered: int = 0
    accepted: int = 0
    status: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    response_days: Sample = field(default_factory=Sample)
    waiting_days: Sample = field(default_factory=Sample)

    def values(self) -> dict:
        return {
            "total": self.total,
            "answered": self.answered,
            "accepted": self.accepted,
            "response_days": self.response_days,
            "waiting_days": self.waiting_days,
            **{f"status_{s}": self.status.get(s, 0) for s in FUNNEL},
        }

    def add_rollup(self, row: tuple) -> None:
        """Add one :class:`~teilhabe.steering.models.ReferralMonth` row (``ROLLUP_FIELDS``)."""
        total, answered, accepted, statuses, response_days, waiting_days = row
        self.total += total
        self.answered += answered
        self.accepted += accepted
        for s, n in statuses.items():
            self.status[s] += n
        self.response_days.merge(response_days)
        self.waiting_days.merge(waiting_days)


ROLLUP_FIELDS = ("total", "answered", "accepted", "statuses", "response_days", "waiting_days")


def offer_districts() -> dict[int, int]:
    """Offer id → id of the Stadtteil it counts for (its first location's)."""
    through = Referral._meta.get_field("offer").related_model.locations.through
    out: dict[int, int] = {}
    for offer_id, district_id in through.objects.order_by("location_id").values_list(
        "offer_id", "location__district_id"
    ):
        out.setdefault(offer_id, district_id)
    return out


def referral_records(qs, *, today: datetime.date | None = None):
    """One dict per referral of ``qs`` (no person data: status, day sent, category name ("" for
    none), provider, the two Stadtteile, working days to the first response, days on the
    waiting list up to ``today``)."""
    by_offer = offer_districts()
    today = today or timezone.localdate()
    workdays: dict = {}
    for r in qs.values(
        "status",
        "created_at",
        "responded_at",
        "waiting_since",
        "status_changed_at",
        "offer_id",
        "offer__category__name",
        "recipient__name",
        "profile",
        "person__district_id",
    ).iterator(chunk_size=5000):
        offer_district = by_offer.get(r["offer_id"]) if r["offer_id"] else None
        person_district = (r["profile"] or {}).get("district_id") or r["person__district_id"]
        waiting = None
        if r["waiting_since"]:
            if r["status"] == S.WAITING:
                end_day = today
            else:
                end_day = timezone.localtime(r["status_changed_at"]).date()
            waiting = (end_day - r["waiting_since"]).days
        sent = timezone.localtime(r["created_at"]).date()
        response = None
        if r["responded_at"]:
            span = (sent, timezone.localtime(r["responded_at"]).date())
            if span not in workdays:
                workdays[span] = working_days_between(*span)
            response = workdays[span]
        yield {
            "status": r["status"],
            "day": sent,
            "category": r["offer__category__name"] or "",
            "provider": r["recipient__name"],
            "offer_district": offer_district,
            "person_district": person_district,
            "response_days": response,
            "waiting_days": waiting,
        }


def referral_rows(scope: Scope) -> list[dict]:
    """One dict per referral in the period and scope (see :func:`referral_records`)."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(scope.start, datetime.time.min, tz)
    end = datetime.datetime.combine(scope.end + datetime.timedelta(days=1), datetime.time.min, tz)
    return list(
        referral_records(Referral.objects.filter(created_at__gte=start, created_at__lt=end))
    )


def count_referral(b: Bucket, r: dict) -> None:
    """Count one referral record into a bucket (pages from raw rows and the rollup alike)."""
    b.total += 1
    b.status[r["status"]] += 1
    if r["response_days"] is not None:
        b.answered += 1
        b.response_days.add(r["response_days"])
    if r["status"] in ACCEPTED:
        b.accepted += 1
    if r["waiting_days"] is not None:
        b.waiting_days.add(r["waiting_days"])


def _columns() -> list[Column]:
    return [
        Column("total", _("Referrals"), COUNT),
        Column("answered", "", COUNT, shown=False),
        Column("accepted", "", COUNT, shown=False),
        Column(
            "acceptance",
            _("Accepted (share of answered)"),
            SHARE,
            part="accepted",
            whole="answered",
            base="total",
        ),
        Column(
            "response",
            _("Working days to first response (median)"),
            MEDIAN,
            part="response_days",
            base="total",
        ),
        Column(
            "waiting",
            _("Days on the waiting list (median)"),
            MEDIAN,
            part="waiting_days",
            base="total",
        ),
        Column(
            "waiting_p75",
            _("Days on the waiting list (75th percentile)"),
            P75,
            part="waiting_days",
            base="total",
        ),
    ]


@dataclass
class Buckets:
    """The referrals of a page, counted: in total, per category, provider, Stadtteil (in
    scope, ``OUTSIDE`` or ``UNKNOWN``) and Bezirk of the offer and of the person."""

    total: Bucket = field(default_factory=Bucket)
    by_category: dict = field(default_factory=lambda: defaultdict(Bucket))
    by_provider: dict = field(default_factory=lambda: defaultdict(Bucket))
    by_place: dict = field(
        default_factory=lambda: {"offer": defaultdict(Bucket), "person": defaultdict(Bucket)}
    )
    by_borough: dict = field(
        default_factory=lambda: {"offer": defaultdict(Bucket), "person": defaultdict(Bucket)}
    )


def _place(d, wanted):
    if d in wanted:
        return d
    return UNKNOWN if d is None else OUTSIDE


def rollup_area(scope: Scope) -> tuple[str, int | None] | None:
    """The one rollup area whose rows a page of ``scope`` reads (None: several Bezirke of a
    coordinator, which the rollups do not add up for referrals)."""
    from teilhabe.steering.models import Level

    if scope.district is not None:
        return Level.DISTRICT, scope.district.pk
    if scope.whole_city:
        return Level.CITY, None
    if scope.borough is not None:
        return Level.BOROUGH, scope.borough.pk
    if len(scope.boroughs) == 1:
        return Level.BOROUGH, scope.boroughs[0].pk
    return None


def _buckets_raw(scope: Scope, district_borough: dict) -> Buckets:
    wanted = scope.district_ids
    out = Buckets()
    no_offer = _("no offer named")
    for r in referral_rows(scope):
        if not (
            scope.whole_city or any(r[k] in wanted for k in ("offer_district", "person_district"))
        ):
            continue
        count_referral(out.total, r)
        count_referral(out.by_category[r["category"] or no_offer], r)
        count_referral(out.by_provider[r["provider"]], r)
        for side in ("offer", "person"):
            d = r[f"{side}_district"]
            count_referral(out.by_place[side][_place(d, wanted)], r)
            count_referral(out.by_borough[side][district_borough.get(d) or UNKNOWN], r)
    return out


def _buckets_from_rollup(scope: Scope, area, district_borough: dict) -> Buckets:
    """The same counts from the ``referrals`` rollup (months of the period, one area)."""
    from teilhabe.steering.models import ReferralMonth

    wanted = scope.district_ids
    out = Buckets()
    no_offer = _("no offer named")
    level, area_id = area
    for dimension, key, *row in (
        ReferralMonth.objects.filter(
            level=level, area_id=area_id, month__gte=scope.start, month__lte=scope.end
        )
        .order_by("month", "dimension", "key")
        .values_list("dimension", "key", *ROLLUP_FIELDS)
    ):
        if dimension == "total":
            out.total.add_rollup(row)
        elif dimension == "category":
            out.by_category[key or no_offer].add_rollup(row)
        elif dimension == "provider":
            out.by_provider[key].add_rollup(row)
        else:
            d = int(key) if key.isdigit() else None
            out.by_place[dimension][_place(d, wanted)].add_rollup(row)
            out.by_borough[dimension][district_borough.get(d) or UNKNOWN].add_rollup(row)
    return out


def referral_page(scope: Scope, *, url=None, raw: bool = False) -> Page:
    """The referral figures of ``scope`` as one page of resolved tables: from the
    ``referrals`` rollup when it answers the period (whole months, or up to the last refreshed
    day) and the area, else (``raw=True``, no rollup yet) from the referrals — the same
    figures."""
    from teilhabe.steering.rollups import month_aligned

    districts = {
        d.pk: d
        for d in District.objects.select_related("borough").defer("geometry", "borough__geometry")
    }
    district_borough = {pk: d.borough_id for pk, d in districts.items()}
    wanted = scope.district_ids
    rollup = None if raw else scope.rollup("referrals")
    area = rollup_area(scope)
    if (
        rollup is not None
        and area is not None
        and month_aligned(scope.start, scope.end, rollup.covers_until)
    ):
        buckets = _buckets_from_rollup(scope, area, district_borough)
    else:
        buckets = _buckets_raw(scope, district_borough)
    total = buckets.total
    by_category, by_provider = buckets.by_category, buckets.by_provider
    by_place, by_borough = buckets.by_place, buckets.by_borough

    page = Page()
    total_row = Row("all", _("All referrals"), total.values())
    cols = _columns()
    status_labels = dict(S.choices)
    funnel_cols = [Column("total", _("Referrals"), COUNT)] + [
        Column(f"status_{s}", str(status_labels[s]), COUNT) for s in FUNNEL
    ]
    page.add(
        Table(
            "funnel",
            _("Funnel by category of the offer (current status)"),
            funnel_cols,
            [Row(k, k, v.values()) for k, v in sorted(by_category.items())],
            total=Row("all", _("All referrals"), total.values()),
            summary=_(
                "Each referral in the period, by the category of its offer and its current status."
            ),
            row_sums={"total": [f"status_{s}" for s in FUNNEL]},
        )
    )
    page.add(
        Table(
            "categories",
            _("By category of the offer"),
            cols,
            [Row(k, k, v.values()) for k, v in sorted(by_category.items())],
            total=total_row,
            summary=_("Referrals, acceptance and waiting times by category of the offer."),
        )
    )
    page.add(
        Table(
            "providers",
            _("By provider (receiving organisation)"),
            cols,
            [Row(k, k, v.values()) for k, v in sorted(by_provider.items())],
            total=total_row,
            summary=_("Referrals, acceptance and waiting times by receiving organisation."),
        )
    )
    in_scope_districts = [districts[pk] for pk in sorted(wanted, key=lambda pk: districts[pk].name)]
    for side, title, summary in (
        (
            "offer",
            _("By Stadtteil of the offer"),
            _("Counted in the Stadtteil of the offer's (first) location."),
        ),
        (
            "person",
            _("By Stadtteil where the person lives"),
            _("Counted in the Stadtteil the person lived in when the referral was sent."),
        ),
    ):
        buckets = by_place[side]
        place_rows = [
            Row(
                str(d.code),
                d.name,
                buckets[d.pk].values() if d.pk in buckets else Bucket().values(),
                url=url(district=d) if url else "",
            )
            for d in in_scope_districts
        ]
        if not scope.whole_city and OUTSIDE in buckets:
            place_rows.append(Row(OUTSIDE, _("outside the selection"), buckets[OUTSIDE].values()))
        if UNKNOWN in buckets:
            place_rows.append(Row(UNKNOWN, _("Stadtteil unknown"), buckets[UNKNOWN].values()))
        page.add(
            Table(
                f"districts_{side}",
                title,
                cols,
                place_rows,
                total=total_row,
                summary=summary,
            )
        )
        if scope.whole_city:
            boroughs = list(Borough.objects.defer("geometry").order_by("number"))
            b_rows = [
                Row(
                    str(b.code),
                    str(b),
                    by_borough[side][b.pk].values()
                    if b.pk in by_borough[side]
                    else Bucket().values(),
                    url=url(borough=b) if url else "",
                )
                for b in boroughs
            ]
            if UNKNOWN in by_borough[side]:
                b_rows.append(Row(UNKNOWN, _("Bezirk unknown"), by_borough[side][UNKNOWN].values()))
            page.add(
                Table(
                    f"boroughs_{side}",
                    _("By Bezirk of the offer")
                    if side == "offer"
                    else _("By Bezirk of the person"),
                    cols,
                    b_rows,
                    total=total_row,
                    summary=summary,
                )
            )
            # A Bezirk is the sum of its Stadtteile (the two tables must not be differenced).
            for b in boroughs:
                parts = [
                    (f"districts_{side}", str(d.code), "total")
                    for d in in_scope_districts
                    if d.borough_id == b.pk
                ]
                page.sum_of((f"boroughs_{side}", str(b.code), "total"), parts)
    # The same total appears in every table.
    keys = [t.key for t in page.tables]
    for a, b in itertools.pairwise(keys):
        page.same((a, "all", "total"), (b, "all", "total"))
    return page.resolve()
