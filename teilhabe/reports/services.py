"""Requesting and building council reports. The request is a service (access check, one
transaction: the report row, its job and the job's task commit together); the build runs in
the worker through :mod:`teilhabe.jobs` with visible progress."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, check
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record
from teilhabe.finance.models import FiscalYear, FundingSource
from teilhabe.jobs.services import job_start
from teilhabe.reports import figures as report_figures
from teilhabe.reports.models import Report, ReportKind
from teilhabe.reports.render import render

JOB_KIND = "reports.council"


@transaction.atomic
def status_report_request(
    *, user: Any, period_start: datetime.date, period_end: datetime.date
) -> Report:
    check(user, Action.MAKE_REPORTS)
    today = timezone.localdate()
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    if period_end > today:
        raise ValidationError({"period_end": _("The period cannot end in the future.")})
    if (period_end - period_start).days > 366 * 5:
        raise ValidationError({"period_start": _("A report covers at most five years.")})
    report = Report.objects.create(
        kind=ReportKind.STATUS,
        title=_("Status report on the integration of refugees, %(start)s to %(end)s")
        % {"start": f"{period_start:%d.%m.%Y}", "end": f"{period_end:%d.%m.%Y}"},
        period_start=period_start,
        period_end=period_end,
        created_by=user,
    )
    return _start(user, report)


@transaction.atomic
def use_of_funds_request(
    *, user: Any, funding_source: FundingSource, year: int, narrative: dict[str, str]
) -> Report:
    check(user, Action.MAKE_REPORTS)
    if not FiscalYear.objects.filter(year=year).exists():
        raise ValidationError({"year": _("There is no budget for this fiscal year.")})
    if year > timezone.localdate().year:
        raise ValidationError(
            {"year": _("A statement can only be made for a past or the current year.")}
        )
    report = Report.objects.create(
        kind=ReportKind.USE_OF_FUNDS,
        title=_("Statement of use of funds %(source)s %(year)s")
        % {"source": funding_source.name, "year": year},
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        funding_source=funding_source,
        fiscal_year=year,
        narrative={k: (v or "").strip() for k, v in narrative.items()},
        created_by=user,
    )
    return _start(user, report)


def _start(user: Any, report: Report) -> Report:
    report.job = job_start(
        user=user,
        kind=JOB_KIND,
        params={"report": str(report.code)},
        message=_("The report is waiting for the worker."),
    )
    report.save(update_fields=["job"])
    audit_record(user=user, action=AuditAction.CREATE, obj=report, detail=report.kind)
    return report


def report_build(report: Report, progress=None) -> Report:
    """Compute the figures, render PDF and DOCX, store them (called by the worker)."""
    progress = progress or (lambda done, total, message="": None)
    progress(1, 3, _("Computing the figures …"))
    if report.kind == ReportKind.STATUS:
        figures = report_figures.status_report_figures(report.period_start, report.period_end)
    else:
        figures = report_figures.use_of_funds_figures(report.funding_source, report.fiscal_year)
    progress(2, 3, _("Writing PDF and DOCX …"))
    pdf, docx = render(report, figures)
    name = f"{report.kind}-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}"
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.pdf:
            report.pdf.delete(save=False)
        if report.docx:
            report.docx.delete(save=False)
        report.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        report.docx.save(f"{name}.docx", ContentFile(docx), save=False)
        report.figures = figures
        report.digest = report_figures.digest(figures)
        report.finished_at = timezone.now()
        report.save()
    progress(3, 3, _("Report ready."))
    return report
