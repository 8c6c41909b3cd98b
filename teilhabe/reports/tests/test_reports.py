"""Council reports: request through the page, build in the worker (immediate backend in
tests), figures suppressed and reproducible, bad input refused."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document as Docx

from teilhabe.finance.models import FundingSource
from teilhabe.reports.figures import status_report_figures, use_of_funds_figures
from teilhabe.reports.models import Report
from teilhabe.reports.services import report_build
from teilhabe.steering.suppression import threshold


def test_steering_requests_a_status_report_and_downloads_pdf_and_docx(client_as, cast):
    client = client_as("city_steering")
    response = client.post(
        reverse("reports:list"),
        {"status-period_start": "2026-01-01", "status-period_end": "2026-06-30"},
    )
    assert response.status_code == 302
    report = Report.objects.get(kind="status")
    if not report.pdf:  # database task backend in this run: build as the worker would
        report = report_build(report)
    assert report.created_by == cast.user("city_steering")
    pdf = client.get(reverse("reports:download", kwargs={"code": report.code, "fmt": "pdf"}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    docx = client.get(reverse("reports:download", kwargs={"code": report.code, "fmt": "docx"}))
    text = "\n".join(p.text for p in Docx(io.BytesIO(b"".join(docx.streaming_content))).paragraphs)
    assert "Berichtszeitraum 01.01.2026 bis 30.06.2026" in text
    assert "Strukturelle Hürden" in text


def test_the_same_inputs_give_the_same_figures(db):
    start, end = datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)
    assert status_report_figures(start, end) == status_report_figures(start, end)


def test_small_counts_are_suppressed_with_their_complement(db, cast):
    from teilhabe.cases.models import Milestone, MilestoneType
    from teilhabe.cases.testing import demo_case

    person = demo_case(cast.case_worker, cast.home_org).household.members.first()
    Milestone.objects.create(
        person=person,
        type=MilestoneType.objects.get(key="kita-platz"),
        status="achieved",
        achieved_on=datetime.date(2026, 3, 1),
    )
    f = status_report_figures(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    cells = [r["achieved"] for r in f["milestones"]["rows"]]
    assert f"< {threshold()}" in cells
    assert f["milestones"]["total"] == f"< {threshold()}"  # 1 = total would reveal it
    assert "1" not in cells


def test_use_of_funds_states_plan_against_actual_per_cost_item(db):
    source = FundingSource.objects.first()
    f = use_of_funds_figures(source, 2017)
    assert f["rows"], "the Essen scenario has budget lines in 2017"
    for row in f["rows"]:
        assert row["difference"] == pytest.approx(row["budget"] - row["actual"])


def test_bad_periods_are_refused_and_nothing_is_saved(client_as):
    client = client_as("finance_officer")
    response = client.post(
        reverse("reports:list"),
        {"status-period_start": "2026-06-30", "status-period_end": "2026-01-01"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Der Zeitraum kann nicht vor seinem Beginn enden." in page
    assert 'id="form-errors"' in page
    future = client.post(
        reverse("reports:list"),
        {"status-period_start": "2026-01-01", "status-period_end": "2099-01-01"},
    )
    assert future.status_code == 400
    assert not Report.objects.exists()


def test_case_workers_cannot_make_reports(client_as):
    assert client_as("case_worker").get(reverse("reports:list")).status_code == 403
