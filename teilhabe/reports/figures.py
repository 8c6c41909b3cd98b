"""The figures of a council report, computed from the database for a period.

Only aggregates; every count that could point to persons goes through the small-number rule
of :mod:`teilhabe.steering.suppression` (rows with their totals protected as one group). The
result is plain JSON (strings for figures, so "< 5" survives storage) and deterministic: the
same data and period give the same figures and the same digest.

Case work, milestones, referrals and structural barriers are read from the steering rollups
the worker keeps current (``casework``: persons at the end of the period, as of its last
refreshed day, cases opened and closed; ``daily``: the rest, per day) once they have been
built, else from the rows (``raw=True``) — the same figures.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum

from teilhabe.cases.models import Case, Milestone, MilestoneType, Person
from teilhabe.finance.models import (
    BudgetLine,
    FundingSource,
    Movement,
    Occupancy,
    Position,
    Project,
)
from teilhabe.geography.models import Borough, District
from teilhabe.steering.suppression import Figure, protect, suppress, suppress_row, threshold


def _money(value) -> str:
    value = Decimal(value or 0).quantize(Decimal("0.01"))
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text} €"


def _row(counts: dict) -> tuple[dict, str]:
    row = suppress_row(counts)
    return {str(k): str(v) for k, v in row.cells.items()}, str(row.total)


def _years(start: datetime.date, end: datetime.date) -> list[int]:
    return list(range(start.year, end.year + 1))


def money_section(start: datetime.date, end: datetime.date) -> dict:
    lines = BudgetLine.objects.filter(fiscal_year__year__in=_years(start, end))
    by_source = (
        lines.values("funding_source__name")
        .annotate(planned=Sum("planned"), amount=Sum("amount"), committed=Sum("committed"))
        .order_by("funding_source__name")
    )
    paid = dict(
        Movement.objects.filter(
            kind="payment",
            booked_on__gte=start,
            booked_on__lte=end,
            commitment__line__in=lines,
        )
        .values_list("commitment__line__funding_source__name")
        .annotate(s=Sum("amount"))
    )
    rows = [
        {
            "source": r["funding_source__name"] or "–",
            "planned": float(r["planned"] or 0),
            "amount": float(r["amount"] or 0),
            "committed": float(r["committed"] or 0),
            "paid": float(paid.get(r["funding_source__name"], 0) or 0),
        }
        for r in by_source
    ]
    totals = {k: sum(r[k] for r in rows) for k in ("planned", "amount", "committed", "paid")}
    return {"rows": rows, "totals": totals}


def positions_section(end: datetime.date) -> dict:
    held = Occupancy.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=end), starts_on__lte=end
    ).values("position")
    rows = []
    for r in (
        Position.objects.values("function")
        .annotate(
            n=Count("pk"),
            total_fte=Sum("fte"),
            filled=Count("pk", filter=Q(pk__in=held)),
            filled_fte=Sum("fte", filter=Q(pk__in=held)),
        )
        .order_by("function")
    ):
        rows.append(
            {
                "function": str(dict(Position._meta.get_field("function").choices)[r["function"]]),
                "positions": r["n"],
                "fte": float(r["total_fte"] or 0),
                "filled": r["filled"],
                "filled_fte": float(r["filled_fte"] or 0),
            }
        )
    return {"rows": rows}


def _daily(measure: str, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Key → count of the ``daily`` rollup's ``measure`` over the days of the period."""
    from teilhabe.steering.models import DailyCount

    return dict(
        DailyCount.objects.filter(measure=measure, day__gte=start, day__lte=end)
        .values_list("key")
        .annotate(n=Sum("count"))
        .order_by()
    )


def _rollup(name: str, raw: bool):
    from teilhabe.steering.rollups import state

    return None if raw else state(name)


def cases_section(start: datetime.date, end: datetime.date, *, raw: bool = False) -> dict:
    boroughs = list(Borough.objects.defer("geometry").order_by("number"))
    rollup = _rollup("casework", raw)
    if rollup is not None:
        from teilhabe.steering.models import CaseworkDay

        district_borough = dict(District.objects.values_list("pk", "borough__number").order_by())
        persons: dict = defaultdict(int)
        for district, n in CaseworkDay.objects.filter(
            day=min(end, rollup.covers_until), persons__gt=0
        ).values_list("district_id", "persons"):
            persons[district_borough.get(district)] += n
        sums = CaseworkDay.objects.filter(day__gte=start, day__lte=end).aggregate(
            opened=Sum("opened"), closed=Sum("closed")
        )
        cells, total = _row({b.number: persons.get(b.number, 0) for b in boroughs})
        return {
            "boroughs": [{"name": str(b), "persons": cells[str(b.number)]} for b in boroughs],
            "persons_total": total,
            "opened": str(suppress(sums["opened"] or 0)),
            "closed": str(suppress(sums["closed"] or 0)),
        }
    open_at_end = (
        Case.objects.filter(opened_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .values("household")
    )
    persons = dict(
        Person.objects.filter(household__in=open_at_end, anonymised_at__isnull=True)
        .values_list("district__borough__number")
        .annotate(n=Count("pk"))
    )
    cells, total = _row({b.number: persons.get(b.number, 0) for b in boroughs})
    opened = Case.objects.filter(opened_on__gte=start, opened_on__lte=end).count()
    closed = Case.objects.filter(closed_on__gte=start, closed_on__lte=end).count()
    return {
        "boroughs": [{"name": str(b), "persons": cells[str(b.number)]} for b in boroughs],
        "persons_total": total,
        "opened": str(suppress(opened)),
        "closed": str(suppress(closed)),
    }


def milestones_section(start: datetime.date, end: datetime.date, *, raw: bool = False) -> dict:
    if _rollup("daily", raw) is not None:
        achieved = _daily("milestone_achieved", start, end)
    else:
        achieved = dict(
            Milestone.objects.filter(
                status="achieved", achieved_on__gte=start, achieved_on__lte=end
            )
            .values_list("type__key")
            .annotate(n=Count("pk"))
        )
    types = list(MilestoneType.objects.filter(is_active=True))
    cells, total = _row({t.key: achieved.get(t.key, 0) for t in types})
    return {"rows": [{"name": t.name, "achieved": cells[t.key]} for t in types], "total": total}


def referrals_section(start: datetime.date, end: datetime.date, *, raw: bool = False) -> dict:
    from teilhabe.referrals.models import Referral, ReferralStatus

    if _rollup("daily", raw) is not None:
        counts = _daily("referral_sent", start, end)
    else:
        counts = dict(
            Referral.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
    cells, total = _row({s: counts.get(s, 0) for s in ReferralStatus.values})
    labels = dict(ReferralStatus.choices)
    return {
        "rows": [{"status": str(labels[s]), "count": cells[s]} for s in ReferralStatus.values],
        "total": total,
    }


def coverage_section() -> dict:
    from teilhabe.offers.models import Offer

    rows = (
        Offer.objects.filter(status="published")
        .values("category__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "category__name")
    )
    return {"rows": [{"category": r["category__name"] or "–", "offers": r["n"]} for r in rows]}


def projects_section(start: datetime.date, end: datetime.date) -> dict:
    projects = Project.objects.filter(starts_on__lte=end, ends_on__gte=start)
    by_status: dict[str, dict] = defaultdict(lambda: {"count": 0, "cost": Decimal(0)})
    labels = dict(Project._meta.get_field("status").choices)
    for status, cost in projects.values_list("status", "total_cost"):
        by_status[status]["count"] += 1
        by_status[status]["cost"] += cost or 0
    return {
        "rows": [
            {"status": str(labels.get(s, s)), "count": v["count"], "cost": _money(v["cost"])}
            for s, v in sorted(by_status.items())
        ]
    }


def housing_section(start: datetime.date, end: datetime.date) -> dict:
    from teilhabe.housing.models import Stay

    in_shelters = (
        Stay.objects.filter(kind="accommodation", moved_in__lte=end)
        .filter(Q(moved_out__isnull=True) | Q(moved_out__gt=end))
        .count()
    )
    moves = Stay.objects.filter(kind="flat", moved_in__gte=start, moved_in__lte=end).count()
    return {"in_shelters": str(suppress(in_shelters)), "moves": str(suppress(moves))}


def barriers_section(start: datetime.date, end: datetime.date, *, raw: bool = False) -> dict:
    """Structural barriers recorded in case notes in the period, per institution (and per
    kind of barrier), each list protected with its total as one group."""
    from teilhabe.cases.models import BarrierCategory, ContactNote, Institution, NoteKind

    if _rollup("daily", raw) is not None:
        per_institution = {
            int(k) if k else None: n for k, n in _daily("barrier_institution", start, end).items()
        }
        per_kind = {int(k) if k else None: n for k, n in _daily("barrier_kind", start, end).items()}
    else:
        notes = ContactNote.objects.filter(kind=NoteKind.BARRIER, date__gte=start, date__lte=end)
        per_institution = dict(notes.values_list("institution_id").annotate(n=Count("pk")))
        per_kind = dict(notes.values_list("barrier_category_id").annotate(n=Count("pk")))
    institutions = [
        i
        for i in Institution.objects.order_by("position", "name")
        if i.is_active or i.pk in per_institution
    ]
    kinds = [
        c
        for c in BarrierCategory.objects.order_by("position", "name")
        if c.is_active or c.pk in per_kind
    ]
    # Both lists share one total: protect them together.
    values = {("i", i.key): per_institution.get(i.pk, 0) for i in institutions}
    values |= {("k", c.key): per_kind.get(c.pk, 0) for c in kinds}
    values[("total",)] = sum(per_institution.values())
    hidden = protect(
        values,
        [
            (("total",), [("i", i.key) for i in institutions]),
            (("total",), [("k", c.key) for c in kinds]),
        ],
    )

    def shown(key) -> str:
        return str(Figure(None if key in hidden else values[key], threshold()))

    return {
        "rows": [
            {"institution": i.name, "count": shown(("i", i.key))}
            for i in institutions
            if per_institution.get(i.pk)
        ],
        "kinds": [
            {"kind": c.name, "count": shown(("k", c.key))} for c in kinds if per_kind.get(c.pk)
        ],
        "total": shown(("total",)),
    }


def status_report_figures(start: datetime.date, end: datetime.date, *, raw: bool = False) -> dict:
    figures = {
        "period": [start.isoformat(), end.isoformat()],
        "money": money_section(start, end),
        "positions": positions_section(end),
        "cases": cases_section(start, end, raw=raw),
        "milestones": milestones_section(start, end, raw=raw),
        "referrals": referrals_section(start, end, raw=raw),
        "coverage": coverage_section(),
        "projects": projects_section(start, end),
        "housing": housing_section(start, end),
        "barriers": barriers_section(start, end, raw=raw),
    }
    return figures


def use_of_funds_figures(source: FundingSource, year: int) -> dict:
    """Plan against actual per cost item (budget line) of one funding source and fiscal year."""
    lines = BudgetLine.objects.filter(funding_source=source, fiscal_year__year=year).order_by(
        "kind", "name"
    )
    paid = dict(
        Movement.objects.filter(kind="payment", commitment__line__in=lines, booked_on__year=year)
        .values_list("commitment__line")
        .annotate(s=Sum("amount"))
    )
    repaid = dict(
        Movement.objects.filter(kind="repayment", commitment__line__in=lines, booked_on__year=year)
        .values_list("commitment__line")
        .annotate(s=Sum("amount"))
    )
    rows = []
    for line in lines:
        actual = (paid.get(line.pk) or Decimal(0)) - (repaid.get(line.pk) or Decimal(0))
        rows.append(
            {
                "item": line.name,
                "kind": line.get_kind_display(),
                "planned": float(line.planned),
                "budget": float(line.amount),
                "actual": float(actual),
                "difference": float(line.amount - actual),
            }
        )
    totals = {k: sum(r[k] for r in rows) for k in ("planned", "budget", "actual", "difference")}
    return {"source": source.name, "year": year, "rows": rows, "totals": totals}


def digest(figures: dict) -> str:
    return hashlib.sha256(json.dumps(figures, sort_keys=True).encode()).hexdigest()
