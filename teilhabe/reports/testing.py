"""A finished demo report for tests (built synchronously, without the worker)."""

from __future__ import annotations

import datetime

from teilhabe.reports.models import Report, ReportKind
from teilhabe.reports.services import report_build


def demo_report(cast) -> Report:
    found = Report.objects.filter(title="Testbericht").exclude(pdf="").first()
    if found is not None:
        return found
    report = Report.objects.create(
        kind=ReportKind.STATUS,
        title="Testbericht",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        created_by=cast.user("city_steering"),
    )
    return report_build(report)
