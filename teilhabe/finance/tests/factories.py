"""Small builders for finance tests (inside the test's transaction)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from teilhabe.access import SYSTEM
from teilhabe.finance.models import (
    AmountKind,
    BudgetLine,
    BudgetLineKind,
    FiscalYear,
    FundingSource,
)
from teilhabe.finance.services import budget_change_add


def a_line(*, year: int = 2030, amount: str = "1000.00", closed: bool = False, key="test-line"):
    fy, _ = FiscalYear.objects.get_or_create(year=year, defaults={"is_closed": False})
    line = BudgetLine.objects.create(
        key=key,
        fiscal_year=fy,
        kind=BudgetLineKind.OTHER,
        name=f"Testansatz {key}",
        funding_source=FundingSource.objects.first(),
    )
    budget_change_add(
        user=SYSTEM,
        line=line,
        amount=Decimal(amount),
        changed_on=dt.date(year, 1, 2),
        kind=AmountKind.PLANNED,
    )
    if closed:
        FiscalYear.objects.filter(pk=fy.pk).update(is_closed=True)
    line.refresh_from_db()
    return line
