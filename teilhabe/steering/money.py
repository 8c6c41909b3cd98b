"""Figures about money and positions for the start pages of steering, boroughs and finance.

Money and positions are not about persons: these figures are never suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from teilhabe.access import Action, can
from teilhabe.finance.models import Occupancy, Position, ProjectStatus
from teilhabe.finance.selectors import (
    MoneyRow,
    budget_by_borough,
    budget_lines_for,
    budget_total,
    positions_for,
    projects_for,
)
from teilhabe.organisations.models import OrganisationKind

_CITY_KINDS = [OrganisationKind.CITY_DEPARTMENT, OrganisationKind.BOROUGH_OFFICE]


@dataclass(frozen=True)
class PositionTotals:
    total: int
    city: int
    welfare: int
    other: int
    fte: Decimal


def position_totals(positions: QuerySet[Position]) -> PositionTotals:
    """How many positions, at the city and at welfare associations, and their FTE."""
    row = positions.aggregate(
        total=Count("pk"),
        city=Count("pk", filter=Q(organisation__kind__in=_CITY_KINDS)),
        welfare=Count("pk", filter=Q(organisation__kind=OrganisationKind.WELFARE_ASSOCIATION)),
        fte=Sum("fte"),
    )
    return PositionTotals(
        total=row["total"],
        city=row["city"],
        welfare=row["welfare"],
        other=row["total"] - row["city"] - row["welfare"],
        fte=row["fte"] or Decimal("0.00"),
    )


@dataclass
class MoneyFigures:
    total: MoneyRow
    by_borough: list[MoneyRow]
    projects_open: int
    projects_total: int
    vacant: int
    positions: int


def money_figures(user, *, borough=None) -> MoneyFigures | None:
    """Money, projects and vacancies for the start page (city-wide or one borough); ``None``
    for users who see no budgets."""
    if not can(user, Action.VIEW_FINANCE):
        return None
    lines = budget_lines_for(user)
    projects = projects_for(user)
    positions = positions_for(user)
    if borough is not None:
        lines = lines.filter(borough=borough)
        projects = projects.filter(borough=borough)
        positions = positions.filter(borough=borough)
    today = timezone.localdate()
    held = Occupancy.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today
    ).values("position")
    counts = projects.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=~Q(status__in=[ProjectStatus.CLOSED, ProjectStatus.REJECTED])),
    )
    pos = positions.aggregate(total=Count("pk"), vacant=Count("pk", filter=~Q(pk__in=held)))
    return MoneyFigures(
        total=budget_total(lines),
        by_borough=budget_by_borough(lines) if borough is None else [],
        projects_open=counts["open"],
        projects_total=counts["total"],
        vacant=pos["vacant"],
        positions=pos["total"],
    )


# --- Steering pages: money over time, positions ----------------------------------------------


def _lines_in_scope(user, scope):
    lines = budget_lines_for(user).select_related("funding_source", "fiscal_year", "borough")
    if not scope.whole_city:
        lines = lines.filter(borough_id__in=scope.borough_ids)
    return lines.filter(
        fiscal_year__year__gte=scope.start.year, fiscal_year__year__lte=scope.end.year
    )


def money_page(user, scope, *, url=None, today=None):
    """Plan, committed and paid per budget line, per Bezirk and per month; paid by date
    against a linear plan (the year's budget spread evenly over its days)."""
    import datetime

    from django.utils.translation import gettext as _

    from teilhabe.finance.models import Commitment
    from teilhabe.finance.selectors import money_by_month
    from teilhabe.steering.casework import add_months, month_label, months
    from teilhabe.steering.tables import MONEY, Column, Page, Row, Table

    today = today or timezone.localdate()
    lines = list(_lines_in_scope(user, scope).defer("borough__geometry").order_by("key"))
    cols = [
        Column("planned", _("Originally planned"), MONEY),
        Column("amount", _("Current budget"), MONEY),
        Column("committed", _("Committed"), MONEY),
        Column("paid", _("Paid"), MONEY),
        Column("available", _("Available"), MONEY),
    ]

    def values(ls):
        v = {
            k: sum((getattr(line, k) for line in ls), Decimal("0.00"))
            for k in ("planned", "amount", "committed", "paid")
        }
        v["available"] = v["amount"] - v["committed"]
        return v

    page = Page()
    page.add(
        Table(
            "lines",
            _("Per budget line"),
            cols,
            [
                Row(line.key, f"{line.name} ({line.fiscal_year.year})", values([line]))
                for line in lines
            ],
            total=Row("all", _("Total"), values(lines)),
            summary=_("Budget lines of the fiscal years in the period."),
        )
    )
    by_borough: dict = {}
    for line in lines:
        by_borough.setdefault(line.borough, []).append(line)
    page.add(
        Table(
            "boroughs",
            _("Per Bezirk"),
            cols,
            [
                Row(
                    str(b.code) if b else "city",
                    str(b) if b else _("city-wide"),
                    values(ls),
                    url=url(borough=b) if (url and b) else "",
                )
                for b, ls in sorted(by_borough.items(), key=lambda kv: kv[0].number if kv[0] else 0)
            ],
            total=Row("all", _("Total"), values(lines)),
        )
    )
    commitments = Commitment.objects.filter(line__in=[line.pk for line in lines])
    per_month = {r.month: r for r in money_by_month(commitments)}
    year_budget = values([line for line in lines if line.fiscal_year.year == scope.end.year])[
        "amount"
    ]
    year_start = datetime.date(scope.end.year, 1, 1)
    year_days = (datetime.date(scope.end.year + 1, 1, 1) - year_start).days
    paid_before = sum(
        (
            r.paid - r.repaid
            for m, r in per_month.items()
            if year_start <= _d(m) < max(scope.start, year_start)
        ),
        Decimal("0.00"),
    )
    rows, cumulative = [], paid_before
    for m in months(scope.start, scope.end):
        r = per_month.get(m)
        m_end = min(add_months(m, 1) - datetime.timedelta(days=1), scope.end)
        paid = (r.paid - r.repaid) if r else Decimal("0.00")
        if m.year == scope.end.year:
            cumulative += paid
            elapsed = (m_end - year_start).days + 1
            plan = (year_budget * elapsed / year_days).quantize(Decimal("0.01"))
        else:
            plan = None
        rows.append(
            Row(
                m.isoformat(),
                month_label(m),
                {
                    "committed": r.committed if r else Decimal("0.00"),
                    "paid": paid,
                    "cumulative": cumulative if m.year == scope.end.year else None,
                    "plan": plan,
                },
            )
        )
    page.add(
        Table(
            "months",
            _("Per month"),
            [
                Column("committed", _("Newly committed"), MONEY),
                Column("paid", _("Paid (net of repayments)"), MONEY),
                Column("cumulative", _("Paid since 1 January"), MONEY),
                Column("plan", _("Linear plan to date"), MONEY),
            ],
            rows,
            additive=False,
            summary=_(
                "Paid since 1 January of the period's last year against its budget spread "
                "evenly over the year."
            ),
        )
    )
    return page.resolve()


def _d(m):
    return m.date() if hasattr(m, "date") and callable(m.date) else m


def positions_page(user, scope, *, url=None, today=None):
    """Funded against filled FTE per funding source and per organisation; vacancy months in
    the period (months a position was without holder, summed)."""
    from django.utils.translation import gettext as _

    from teilhabe.steering.tables import NUMBER, Column, Page, Row, Table

    positions = positions_for(user).select_related("organisation", "budget_line__funding_source")
    if not scope.whole_city:
        positions = positions.filter(borough_id__in=scope.borough_ids)
    positions = list(positions.defer("borough__geometry"))
    spans: dict = {}
    for pid, starts, ends in Occupancy.objects.filter(
        position__in=[p.pk for p in positions]
    ).values_list("position_id", "starts_on", "ends_on"):
        spans.setdefault(pid, []).append((starts, ends))
    days_in_period = (scope.end - scope.start).days + 1

    def held_on(pid, day):
        return any(s <= day and (e is None or e >= day) for s, e in spans.get(pid, []))

    def vacant_days(pid):
        held = set()
        for s, e in spans.get(pid, []):
            a, b = max(s, scope.start), min(e or scope.end, scope.end)
            if a <= b:
                held.update(range(a.toordinal(), b.toordinal() + 1))
        return days_in_period - len(held)

    def values(ps):
        funded = sum((p.fte for p in ps), Decimal("0.00"))
        filled = sum((p.fte for p in ps if held_on(p.pk, scope.end)), Decimal("0.00"))
        return {
            "positions": len(ps),
            "funded": funded,
            "filled": filled,
            "gap": funded - filled,
            "vacancy_months": round(sum(vacant_days(p.pk) for p in ps) / 30.44, 1),
        }

    cols = [
        Column("positions", _("Positions"), NUMBER),
        Column("funded", _("Funded FTE"), NUMBER),
        Column("filled", _("Filled FTE (end of period)"), NUMBER),
        Column("gap", _("Unfilled FTE"), NUMBER),
        Column("vacancy_months", _("Vacancy months in the period"), NUMBER),
    ]
    page = Page()
    for key, title, group in (
        (
            "sources",
            _("Per funding source"),
            lambda p: (
                p.budget_line.funding_source.name
                if p.budget_line and p.budget_line.funding_source
                else _("no funding source recorded")
            ),
        ),
        ("organisations", _("Per organisation"), lambda p: p.organisation.name),
    ):
        groups: dict = {}
        for p in positions:
            groups.setdefault(group(p), []).append(p)
        page.add(
            Table(
                key,
                title,
                cols,
                [Row(k, k, values(ps)) for k, ps in sorted(groups.items())],
                total=Row("all", _("Total"), values(positions)),
            )
        )
    return page.resolve()
