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
from teilhabe.steering.tables import COUNT, MEDIAN, P75, SHARE, Column, Page, Row, Table

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
    response_days: list[int] = field(default_factory=list)
    waiting_days: list[int] = field(default_factory=list)

    def values(self) -> dict:
        return {
            "total": self.total,
            "answered": self.answered,
            "accepted": self.accepted,
            "response_days": self.response_days,
            "waiting_days": self.waiting_days,
            **{f"status_{s}": self.status.get(s, 0) for s in FUNNEL},
        }


def offer_districts() -> dict[int, int]:
    """Offer id → id of the Stadtteil it counts for (its first location's)."""
    through = Referral._meta.get_field("offer").related_model.locations.through
    out: dict[int, int] = {}
    for offer_id, district_id in through.objects.order_by("location_id").values_list(
        "offer_id", "location__district_id"
    ):
        out.setdefault(offer_id, district_id)
    return out


def referral_rows(scope: Scope) -> list[dict]:
    """One dict per referral in the period and scope (no person data: status, dates,
    category, provider, the two Stadtteile)."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(scope.start, datetime.time.min, tz)
    end = datetime.datetime.combine(scope.end + datetime.timedelta(days=1), datetime.time.min, tz)
    by_offer = offer_districts()
    rows = []
    today = timezone.localdate()
    for r in Referral.objects.filter(created_at__gte=start, created_at__lt=end).values(
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
    ):
        offer_district = by_offer.get(r["offer_id"]) if r["offer_id"] else None
        person_district = (r["profile"] or {}).get("district_id") or r["person__district_id"]
        waiting = None
        if r["waiting_since"]:
            if r["status"] == S.WAITING:
                end_day = today
            else:
                end_day = timezone.localtime(r["status_changed_at"]).date()
            waiting = (end_day - r["waiting_since"]).days
        rows.append(
            {
                "status": r["status"],
                "category": r["offer__category__name"] or _("no offer named"),
                "provider": r["recipient__name"],
                "offer_district": offer_district,
                "person_district": person_district,
                "response_days": working_days_between(
                    timezone.localtime(r["created_at"]).date(),
                    timezone.localtime(r["responded_at"]).date(),
                )
                if r["responded_at"]
                else None,
                "waiting_days": waiting,
            }
        )
    return rows


def _add(b: Bucket, r: dict) -> None:
    b.total += 1
    b.status[r["status"]] += 1
    if r["response_days"] is not None:
        b.answered += 1
        b.response_days.append(r["response_days"])
    if r["status"] in ACCEPTED:
        b.accepted += 1
    if r["waiting_days"] is not None:
        b.waiting_days.append(r["waiting_days"])


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


def referral_page(scope: Scope, *, url=None) -> Page:
    """The referral figures of ``scope`` as one page of resolved tables."""
    districts = {
        d.pk: d
        for d in District.objects.select_related("borough").defer("geometry", "borough__geometry")
    }
    district_borough = {pk: d.borough_id for pk, d in districts.items()}
    wanted = scope.district_ids
    rows = []
    for r in referral_rows(scope):
        in_scope = scope.whole_city or any(
            r[k] in wanted for k in ("offer_district", "person_district")
        )
        if in_scope:
            rows.append(r)

    total = Bucket()
    by_category: dict[str, Bucket] = defaultdict(Bucket)
    by_provider: dict[str, Bucket] = defaultdict(Bucket)
    by_place = {"offer": defaultdict(Bucket), "person": defaultdict(Bucket)}
    by_borough = {"offer": defaultdict(Bucket), "person": defaultdict(Bucket)}
    for r in rows:
        _add(total, r)
        _add(by_category[r["category"]], r)
        _add(by_provider[r["provider"]], r)
        for side in ("offer", "person"):
            d = r[f"{side}_district"]
            if d in wanted:
                place = d
            elif d is None:
                place = UNKNOWN
            else:
                place = OUTSIDE
            _add(by_place[side][place], r)
            _add(by_borough[side][district_borough.get(d) or UNKNOWN], r)

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
