"""Read-only queries about decisions and positions (a fixed number of queries each)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from teilhabe.access import Action, visible
from teilhabe.finance.models import CouncilDecision, DecisionAmount, Position
from teilhabe.organisations.models import OrganisationKind


def council_decisions_for(user) -> QuerySet[CouncilDecision]:
    return visible(user, Action.VIEW_FINANCE, CouncilDecision).prefetch_related(
        Prefetch(
            "amounts",
            queryset=DecisionAmount.objects.select_related("funding_source").order_by("position"),
        )
    )


@dataclass(frozen=True)
class PositionTotals:
    total: int
    city: int
    welfare: int
    other: int
    fte: Decimal


def position_totals(positions: QuerySet[Position]) -> PositionTotals:
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


_CITY_KINDS = [OrganisationKind.CITY_DEPARTMENT, OrganisationKind.BOROUGH_OFFICE]


def positions_for(user) -> QuerySet[Position]:
    return visible(user, Action.VIEW_POSITIONS, Position)
