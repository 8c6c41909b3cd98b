"""Read-only queries about decisions and positions (a fixed number of queries each)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, visible
from teilhabe.finance.models import (
    BudgetLine,
    BudgetLineKind,
    Commitment,
    CouncilDecision,
    DecisionAmount,
    FiscalYear,
    Movement,
    MovementKind,
    Occupancy,
    Position,
    Project,
    StandardCost,
)


def council_decisions_for(user) -> QuerySet[CouncilDecision]:
    return visible(user, Action.VIEW_FINANCE, CouncilDecision).prefetch_related(
        Prefetch(
            "amounts",
            queryset=DecisionAmount.objects.select_related("funding_source").order_by("position"),
        )
    )


def positions_for(user) -> QuerySet[Position]:
    return visible(user, Action.VIEW_POSITIONS, Position)


# --- Budgets, commitments, payments -------------------------------------------------------

ZERO = Decimal("0.00")
# Borough shapes are large GeoJSON; lists never need them.
NO_SHAPES = ("borough__geometry",)


def fiscal_years() -> list:
    return list(FiscalYear.objects.order_by("-year"))


def budget_lines_for(user, *, year=None) -> QuerySet:
    qs = (
        visible(user, Action.VIEW_FINANCE, BudgetLine)
        .select_related("fiscal_year", "funding_source", "borough", "organisation")
        .defer(*NO_SHAPES)
    )
    if year is not None:
        qs = qs.filter(fiscal_year=year)
    return qs.order_by("fiscal_year__year", "kind", "borough__number", "name")


@dataclass(frozen=True)
class MoneyRow:
    label: str
    amount: Decimal
    committed: Decimal
    paid: Decimal
    code: object = None

    @property
    def available(self) -> Decimal:
        return self.amount - self.committed

    @property
    def open(self) -> Decimal:
        return self.committed - self.paid


def _row(label, r, code=None) -> MoneyRow:
    return MoneyRow(
        label=label,
        amount=r.get("amount") or ZERO,
        committed=r.get("committed") or ZERO,
        paid=r.get("paid") or ZERO,
        code=code,
    )


def budget_total(lines: QuerySet) -> MoneyRow:
    r = lines.aggregate(amount=Sum("amount"), committed=Sum("committed"), paid=Sum("paid"))
    return _row(_("Total"), r)


def budget_by_borough(lines: QuerySet) -> list[MoneyRow]:
    """Plan, committed, paid and available of the lines that belong to a borough."""
    rows = (
        lines.filter(borough__isnull=False)
        .values("borough__number", "borough__roman", "borough__name", "borough__code")
        .annotate(amount=Sum("amount"), committed=Sum("committed"), paid=Sum("paid"))
        .order_by("borough__number")
    )
    return [
        _row(f"{r['borough__roman'] or r['borough__number']} {r['borough__name']}", r) for r in rows
    ]


def budget_by_source(lines: QuerySet) -> list[MoneyRow]:
    """Plan, committed, paid and available per funding source (Deckung)."""
    rows = (
        lines.values("funding_source__name")
        .annotate(amount=Sum("amount"), committed=Sum("committed"), paid=Sum("paid"))
        .order_by("funding_source__name")
    )
    return [_row(r["funding_source__name"], r) for r in rows]


def commitments_for(user, *, year=None) -> QuerySet:
    qs = (
        visible(user, Action.VIEW_GRANTS, Commitment)
        .select_related("line__fiscal_year", "organisation", "borough")
        .defer(*NO_SHAPES)
    )
    if year is not None:
        qs = qs.filter(line__fiscal_year=year)
    return qs


def commitments_by_organisation(commitments: QuerySet) -> list[MoneyRow]:
    rows = (
        commitments.values("organisation__name", "organisation__code")
        .annotate(total=Sum("amount"), total_paid=Sum("paid"))
        .order_by("organisation__name")
    )
    return [
        MoneyRow(
            label=r["organisation__name"],
            amount=r["total"] or ZERO,
            committed=r["total"] or ZERO,
            paid=r["total_paid"] or ZERO,
            code=r["organisation__code"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class MonthRow:
    month: object
    committed: Decimal
    paid: Decimal
    repaid: Decimal
    cancelled: Decimal


def money_by_month(commitments: QuerySet) -> list[MonthRow]:
    """Per month: newly committed, paid, repaid and cancelled amounts (two queries)."""
    months: dict = {}
    for r in (
        commitments.annotate(month=TruncMonth("committed_on"))
        .values("month")
        .annotate(total=Sum("original_amount"))
        .order_by()
    ):
        months.setdefault(r["month"], {})["committed"] = r["total"]
    movements = Movement.objects.filter(commitment__in=commitments.values("pk"))
    for r in (
        movements.annotate(month=TruncMonth("booked_on"))
        .values("month", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        key = {
            MovementKind.PAYMENT: "paid",
            MovementKind.REPAYMENT: "repaid",
            MovementKind.CANCELLATION: "cancelled",
        }[r["kind"]]
        months.setdefault(r["month"], {})[key] = r["total"]
    return [
        MonthRow(
            month=m,
            committed=v.get("committed") or ZERO,
            paid=v.get("paid") or ZERO,
            repaid=v.get("repaid") or ZERO,
            cancelled=v.get("cancelled") or ZERO,
        )
        for m, v in sorted(months.items())
    ]


def decision_coverage(decision) -> list[dict]:
    """For each amount of a decision: how much of it reached budget lines."""
    rows = []
    for amount in decision.amounts.all():
        booked = sum((c.amount for c in amount.budget_changes.all()), ZERO)
        rows.append({"amount": amount, "booked": booked, "rest": amount.amount - booked})
    return rows


# --- Position plan --------------------------------------------------------------------------


@dataclass
class PositionRow:
    position: Position
    holder: str | None
    vacant_since: object
    vacant_days: int | None
    annual_cost: Decimal | None


def position_plan(positions: QuerySet[Position], *, on=None) -> list[PositionRow]:
    """Each position with its current holder, vacancy and annual cost (three queries)."""
    on = on or timezone.localdate()
    positions = list(
        positions.select_related("organisation", "borough", "budget_line")
        .defer(*NO_SHAPES)
        .prefetch_related(Prefetch("occupancies", queryset=Occupancy.objects.order_by("starts_on")))
    )
    costs: dict[str, Decimal] = {}
    for c in StandardCost.objects.select_related("fiscal_year").order_by("fiscal_year__year"):
        costs[c.pay_group] = c.annual_cost  # the latest year wins
    rows = []
    for p in positions:
        holder, last_end = None, None
        for o in p.occupancies.all():
            if o.starts_on <= on and (o.ends_on is None or o.ends_on >= on):
                holder = o.holder
            elif o.ends_on is not None and o.ends_on < on:
                last_end = o.ends_on
        since = None
        if holder is None:
            since = (last_end + dt.timedelta(days=1)) if last_end else None
        cost = costs.get(p.pay_group)
        rows.append(
            PositionRow(
                position=p,
                holder=holder,
                vacant_since=since,
                vacant_days=(on - since).days if since else None,
                annual_cost=(cost * p.fte).quantize(Decimal("0.01")) if cost is not None else None,
            )
        )
    return rows


@dataclass
class PositionGroupRow:
    label: str
    count: int = 0
    vacant: int = 0
    fte: Decimal = ZERO
    annual_cost: Decimal = ZERO


def position_groups(rows: list[PositionRow], *, by: str) -> list[PositionGroupRow]:
    """Counts, vacancies and annual cost per borough (``by="borough"``) or organisation."""
    groups: dict[object, PositionGroupRow] = {}
    for r in rows:
        p = r.position
        if by == "borough":
            key = p.borough.number if p.borough else 99
            label = str(p.borough) if p.borough else _("city-wide")
        else:
            key, label = p.organisation.name, p.organisation.name
        g = groups.setdefault(key, PositionGroupRow(label=label))
        g.count += 1
        g.vacant += r.holder is None
        g.fte += p.fte
        g.annual_cost += r.annual_cost or ZERO
    return [groups[k] for k in sorted(groups)]


# --- District projects ----------------------------------------------------------------------


def projects_for(user) -> QuerySet:
    return (
        visible(user, Action.VIEW_GRANTS, Project)
        .select_related("organisation", "borough", "round__fiscal_year", "commitment")
        .defer(*NO_SHAPES)
        .order_by("-submitted_at")
    )


def letter_sender(project: Project) -> tuple[str, str]:
    """Who issues a project's decision letter and where: the top of the hierarchy of the
    organisation that holds the borough's integration budget (data of the scenario), and the
    municipality's name."""
    line = (
        BudgetLine.objects.filter(
            fiscal_year_id=project.round.fiscal_year_id,
            kind=BudgetLineKind.INTEGRATION_BUDGET,
            borough_id=project.borough_id,
        )
        .select_related("organisation")
        .first()
    )
    organisation = line.organisation if line else None
    while organisation is not None and organisation.parent_id:
        organisation = organisation.parent
    place = project.borough.municipality.name
    return (organisation.name if organisation else place), place
