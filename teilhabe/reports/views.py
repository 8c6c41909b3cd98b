"""Council reports: request, list, download. Aggregates only (no person)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, require
from teilhabe.housing.forms import service_errors
from teilhabe.reports import services
from teilhabe.reports.forms import StatusReportForm, UseOfFundsForm
from teilhabe.reports.models import Report


def _page(request, status_form=None, funds_form=None, status=200):
    today = timezone.localdate()
    return render(
        request,
        "reports/list.html",
        {
            "reports": Report.objects.select_related("created_by", "job", "funding_source")[:100],
            "status_form": status_form
            or StatusReportForm(
                prefix="status",
                initial={"period_start": today.replace(month=1, day=1), "period_end": today},
            ),
            "funds_form": funds_form
            or UseOfFundsForm(prefix="funds", initial={"year": today.year - 1}),
            "error_form": next(
                (f for f in (status_form, funds_form) if f is not None and f.errors), None
            ),
        },
        status=status,
    )


@require(Action.MAKE_REPORTS)
def reports(request):
    if request.method != "POST":
        return _page(request)
    if "status-period_start" in request.POST:
        form = StatusReportForm(request.POST, prefix="status")
        if form.is_valid():
            try:
                report = services.status_report_request(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                service_errors(form, exc)
            else:
                messages.success(request, _("The report is being prepared."))
                return redirect("jobs:detail", report.job.code)
        return _page(request, status_form=form, status=400)
    form = UseOfFundsForm(request.POST, prefix="funds")
    if form.is_valid():
        try:
            report = services.use_of_funds_request(
                user=request.user,
                funding_source=form.cleaned_data["funding_source"],
                year=form.cleaned_data["year"],
                narrative=form.narrative(),
            )
        except ValidationError as exc:
            service_errors(form, exc)
        else:
            messages.success(request, _("The report is being prepared."))
            return redirect("jobs:detail", report.job.code)
    return _page(request, funds_form=form, status=400)


@require(Action.MAKE_REPORTS)
def download(request, code, fmt):
    report = Report.objects.filter(code=code).first()
    if report is None or fmt not in ("pdf", "docx"):
        raise Http404
    field = report.pdf if fmt == "pdf" else report.docx
    if not field:
        raise Http404
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=f"{report.title}.{fmt}".replace("/", "-"),
    )
