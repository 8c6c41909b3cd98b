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
