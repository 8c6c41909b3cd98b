import io
from decimal import Decimal

import pytest
from django.urls import reverse

from teilhabe.finance.models import BudgetLine, Commitment, Project

D = Decimal


def test_finance_officer_sees_the_decision_and_the_budget_in_german_format(client_as):
    response = client_as("finance_officer").get(reverse("finance:overview"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "3.516.729,00\u00a0€" in body
    assert "654.561,00\u00a0€" in body
    assert "4.171.290,00\u00a0€" in body
    assert body.count("Integrationsbudget Bezirksstelle") >= 9


def test_borough_coordinator_sees_only_the_own_borough_budget(client_as, cast):
    response = client_as("borough_coordinator").get(reverse("finance:overview"))
    lines = response.context["lines"]
    assert [line.borough.number for line in lines] == [1]
    other = BudgetLine.objects.get(kind="integration_budget", borough__number=2)
    assert (
        client_as("borough_coordinator").get(reverse("finance:line", args=[other.code])).status_code
        == 404
    )


def test_overview_query_count_is_fixed(client_as, django_assert_num_queries):
    client = client_as("finance_officer")
    client.get(reverse("finance:overview"))
    with django_assert_num_queries(14):
        client.get(reverse("finance:overview"))


def test_position_plan_query_count_is_fixed(client_as, django_assert_num_queries):
    client = client_as("city_steering")
    client.get(reverse("finance:positions"))
    with django_assert_num_queries(7):
        response = client.get(reverse("finance:positions"))
    assert len(response.context["rows"]) == 44
    assert response.context["vacant"] == 4


def test_projects_list_query_count_is_fixed(client_as, django_assert_num_queries):
    client = client_as("finance_officer")
    client.get(reverse("finance:projects"))
    with django_assert_num_queries(4):
        response = client.get(reverse("finance:projects"))
    assert len(response.context["projects"]) == 3


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("case_worker", {"Sprachcafé Altendorf", "Begegnungsfest Stadtmitte"}),  # Caritas
        ("team_lead", {"Sprachcafé Altendorf", "Begegnungsfest Stadtmitte"}),  # Caritas
        ("borough_coordinator", {"Begegnungsfest Stadtmitte"}),  # borough I
        ("provider_editor", set()),  # VHS has no projects
        ("finance_officer", {"Sprachcafé Altendorf", "Begegnungsfest Stadtmitte",
                             "Schwimmkurse für geflüchtete Kinder"}),
    ],
)  # fmt: skip
def test_who_sees_which_district_projects(client_as, role, visible):
    response = client_as(role).get(reverse("finance:projects"))
    assert {p.title for p in response.context["projects"]} == visible


def test_case_workers_see_their_own_organisations_grants_and_nothing_else(client, cast):
    own = cast.commitment
    foreign = Project.objects.get(key="demo-schwimmkurs-katernberg")
    client.force_login(cast.case_worker)
    assert client.get(reverse("finance:commitment", args=[own.code])).status_code == 200
    assert client.get(reverse("finance:project", args=[foreign.code])).status_code == 404
    for name in ("finance:overview", "finance:positions", "finance:export"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("finance:line", args=[own.line.code])).status_code == 403
    client.force_login(cast.foreign_case_worker)
    assert client.get(reverse("finance:commitment", args=[own.code])).status_code == 404
    assert client.get(reverse("finance:project", args=[foreign.code])).status_code == 200


def test_a_commitment_above_the_available_amount_shows_a_german_error_and_saves_nothing(
    client_as, cast
):
    line = cast.budget_line
    count = Commitment.objects.count()
    response = client_as("finance_officer").post(
        reverse("finance:line", args=[line.code]),
        {
            "form": "commit",
            "commit-organisation": cast.home_org.code,
            "commit-purpose": "Zu viel",
            "commit-amount": str(line.available + D("0.01")).replace(".", ","),
            "commit-committed_on": "2017-06-01",
        },
    )
    assert response.status_code == 400
    assert "verfügbar" in response.content.decode()
    assert Commitment.objects.count() == count


def test_a_negative_payment_is_refused_with_a_german_message(client_as, cast):
    commitment = Commitment.objects.get(project__key="demo-sprachcafe-altendorf")
    response = client_as("finance_officer").post(
        reverse("finance:commitment", args=[commitment.code]),
        {"kind": "payment", "amount": "-10,00", "booked_on": "2017-07-01", "note": ""},
    )
    assert response.status_code == 400
    assert "größer als null" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.paid == D("2000.00")


def test_only_the_finance_officer_may_book(client_as, cast):
    response = client_as("city_steering").post(
        reverse("finance:commitment", args=[cast.commitment.code]),
        {"kind": "payment", "amount": "1,00", "booked_on": "2017-07-01"},
    )
    assert response.status_code == 403


def test_the_xlsx_export_has_four_sheets_with_exact_amounts(client_as):
    from openpyxl import load_workbook

    response = client_as("finance_officer").get(reverse("finance:export"))
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Haushalt", "Bewilligungen", "Stellenplan", "Stadtteilprojekte"]
    amounts = [row[6] for row in wb["Haushalt"].iter_rows(min_row=2, values_only=True)]
    assert sum(D(str(a)) for a in amounts) == D("4171290.00")
    assert wb["Stellenplan"].max_row == 45


def test_the_decision_letter_opens_as_pdf_for_the_applicant(client, cast):
    client.force_login(cast.case_worker)
    response = client.get(reverse("finance:project_letter", args=[cast.project.code]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_document_is_attached_and_downloaded_only_by_those_who_see_the_project(client, cast):
    client.force_login(cast.user("team_lead"))
    response = client.post(
        reverse("finance:project", args=[cast.project.code]),
        {
            "step": "document",
            "document-title": "Belege",
            "document-file": io.BytesIO(PDF),
        },
    )
    assert response.status_code == 302
    document = cast.project.documents.get(title="Belege")
    download = client.get(reverse("finance:document", args=[document.code]))
    assert download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    client.force_login(cast.foreign_case_worker)
    assert client.get(reverse("finance:document", args=[document.code])).status_code == 404


def test_the_finance_officer_commits_and_changes_a_budget_in_german_number_format(client_as, cast):
    line = cast.budget_line
    client = client_as("finance_officer")
    response = client.post(
        reverse("finance:line", args=[line.code]),
        {
            "form": "commit",
            "commit-organisation": cast.home_org.code,
            "commit-purpose": "Sprachkurs",
            "commit-amount": "1.234,56",
            "commit-committed_on": "2017-06-01",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("finance:line", args=[line.code]),
        {
            "form": "change",
            "change-kind": "other",
            "change-amount": "-100,00",
            "change-changed_on": "2017-10-01",
            "change-note": "Umschichtung",
        },
    )
    assert response.status_code == 302
    before = line.amount
    line.refresh_from_db()
    assert line.amount == before - D("100.00")
    assert line.committed >= D("1234.56")


def test_start_pages_show_money_to_finance_and_the_own_borough_to_coordinators(client_as):
    body = client_as("finance_officer").get(reverse("dashboard:start")).content.decode()
    assert "4.171.290,00\u00a0€" in body
    assert "von 44 Stellen unbesetzt" in body
    body = client_as("borough_coordinator").get(reverse("dashboard:start")).content.decode()
    assert "40.000,00\u00a0€" in body
    assert "4.171.290,00" not in body
    body = client_as("case_worker").get(reverse("dashboard:start")).content.decode()
    assert "Haushalt und Bewilligungen" not in body


def test_a_document_of_another_type_is_refused_and_nothing_is_attached(client, cast):
    client.force_login(cast.user("team_lead"))
    before = cast.project.documents.count()
    fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "beleg.pdf"
    response = client.post(
        reverse("finance:project", args=[cast.project.code]),
        {"step": "document", "document-title": "Belege", "document-file": fake},
    )
    assert "Nur PDF-, JPEG-, PNG- und XLSX-Dateien" in response.content.decode() or (
        response.status_code == 302
    )
    assert cast.project.documents.count() == before
