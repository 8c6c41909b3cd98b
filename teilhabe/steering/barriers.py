"""Structural barriers: how often case workers recorded that a standard system failed a
person, per institution and quarter (and per kind of barrier).

A barrier is a case note of the kind "structural barrier" (``ContactNote.kind == "barrier"``),
counted in the quarter of its date and in the Stadtteil of the case's household (see
:func:`teilhabe.steering.casework.household_places`). Counts are about persons: the page-wide
small-number rule applies (quarters add up to the row total, institutions and kinds to the
same total).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Sum, Value
from django.utils.translation import gettext as _

from teilhabe.cases.models import BarrierCategory, ContactNote, Institution, NoteKind
from teilhabe.steering.casework import add_months, household_places, quarter, quarter_label
from teilhabe.steering.scope import Scope
from teilhabe.steering.tables import COUNT, Column, Page, Row, Table


def quarters(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """First days of the quarters that overlap ``start`` … ``end``."""
    out, q = [], quarter(start)
    while q <= end:
        out.append(q)
        q = add_months(q, 3)
    return out


def barrier_counts(scope: Scope, *, raw: bool = False) -> dict[tuple[int, int, datetime.date], int]:
    """(institution id, kind-of-barrier id, quarter) → barriers recorded in the period, in
    the scope's Stadtteile: from the ``barriers`` rollup (the rows of the scope's level — city,
    Bezirk or Stadtteil — added up per quarter in SQL) when it answers the period exactly, else
    from the case notes."""
    from teilhabe.steering.models import BarrierMonth, Level
    from teilhabe.steering.rollups import month_aligned

    rollup = None if raw else scope.rollup("barriers")
    if rollup is not None and month_aligned(scope.start, scope.end, rollup.covers_until):
        qs = BarrierMonth.objects.filter(month__gte=scope.start, month__lte=scope.end)
        if scope.district is not None:
            qs = qs.filter(level=Level.DISTRICT, area_id=scope.district.pk)
        elif scope.whole_city:
            qs = qs.filter(level=Level.CITY)
        else:  # one Bezirk, or the Bezirke of a borough coordinator
            qs = qs.filter(level=Level.BOROUGH, area_id__in=scope.borough_ids)
        return {
            (institution, category, q): n
            for q, institution, category, n in qs.values_list(
                "quarter", "institution_id", "category_id"
            )
            .annotate(n=Sum("count"))
            .order_by()
        }
    places = household_places() if not scope.whole_city else {}
    wanted = scope.district_ids
    counts: dict = defaultdict(int)
    for household, institution, category, day in ContactNote.objects.filter(
        kind=NoteKind.BARRIER, date__gte=scope.start, date__lte=scope.end
    ).values_list("case__household_id", "institution_id", "barrier_category_id", "date"):
        if scope.whole_city or places.get(household) in wanted:
            counts[(institution, category, quarter(day))] += 1
    return dict(counts)


def barriers_page(scope: Scope, *, url=None, counts=None) -> Page:
    counts = barrier_counts(scope) if counts is None else counts
    qs = quarters(scope.start, scope.end)
    by_institution: dict = defaultdict(lambda: defaultdict(int))
    by_category: dict = defaultdict(int)
    for (institution, category, q), n in counts.items():
        by_institution[institution][q.isoformat()] += n
        by_institution[institution]["total"] += n
        by_category[category] += n
    # Both catalogues in one query (``which``: 0 institution, 1 kind), each in its own order.
    fields = ("pk", "key", "name", "is_active", "position", "which")
    catalogues = (
        Institution.objects.order_by()
        .annotate(which=Value(0))
        .values_list(*fields)
        .union(
            BarrierCategory.objects.order_by().annotate(which=Value(1)).values_list(*fields),
            all=True,
        )
        .order_by("which", "position", "name")
    )
    institutions, categories = [], []
    for pk, key, name, active, _position, which in catalogues:
        counted = by_category if which else by_institution
        if active or pk in counted:
            (categories if which else institutions).append((pk, key, name))
    quarter_keys = [q.isoformat() for q in qs]
    columns = [Column(k, quarter_label(q), COUNT) for k, q in zip(quarter_keys, qs, strict=True)]
    columns.append(Column("total", _("Period"), COUNT))
    total = {k: sum(v.get(k, 0) for v in by_institution.values()) for k in quarter_keys}
    total["total"] = sum(by_category.values())
    page = Page()
    page.add(
        Table(
            "institutions",
            _("Structural barriers per institution and quarter"),
            columns,
            [Row(key, name, dict(by_institution.get(pk, {}))) for pk, key, name in institutions],
            total=Row("all", _("Total"), total),
            summary=_(
                "Case notes of the kind “structural barrier” dated in the period, by the "
                "institution and the quarter they were recorded for."
            ),
            row_sums={"total": quarter_keys},
        )
    )
    page.add(
        Table(
            "categories",
            _("Structural barriers per kind"),
            [Column("total", _("Structural barriers"), COUNT)],
            [Row(key, name, {"total": by_category.get(pk, 0)}) for pk, key, name in categories],
            total=Row("all", _("Total"), {"total": total["total"]}),
            summary=_("The same barriers by what kind of barrier was met."),
        )
    )
    page.same(("institutions", "all", "total"), ("categories", "all", "total"))
    return page.resolve()
