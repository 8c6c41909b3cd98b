"""A district project from the online application to the final report and its closing,
walked in a real browser by the four people involved; every page is checked with axe-core."""

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

TEAM_LEAD = "teamleitung@essen.teilhabe.example"  # Caritas
COORDINATOR = "bezirk1@essen.teilhabe.example"  # Bezirksstelle I
FINANCE = "finanzen@essen.teilhabe.example"  # Stadtkämmerei
TITLE = "Hausaufgabenhilfe Huttrop"


def _as(page, email):
    page.context.clear_cookies()
    login(page, email)


def _main(page) -> str:
    return page.locator("main").inner_text().replace("\xa0", " ")


def _submit(page, section_heading, button):
    section = page.locator("section", has=page.get_by_role("heading", name=section_heading))
    with page.expect_navigation():
        section.get_by_role("button", name=button).click()
    return section


def test_a_project_goes_from_application_to_final_report_without_accessibility_violations(
    page, e2e_server
):
    # 1. The Caritas team lead applies online.
    _as(page, TEAM_LEAD)
    page.goto("/finanzen/projekte/")
    assert_accessible(page, context="(projects, team lead)")
    with page.expect_navigation():
        page.get_by_role("link", name="Projekt beantragen").click()
    assert_accessible(page, context="(application form)")
    page.get_by_label("Antragsrunde").select_option(
        label="Antragsfrist 31.03.2017 für das laufende Haushaltsjahr 2017"
    )
    page.get_by_label("Stadtbezirk").select_option(label="I Stadtmitte/Frillendorf/Huttrop")
    page.get_by_label("Stadtteile").select_option(label="Huttrop")
    page.get_by_label("Titel des Projekts").fill(TITLE)
    page.get_by_label("Ziele").fill("Schulkinder beim Lernen begleiten.")
    page.get_by_label("Zielgruppe").fill("Kinder der Klassen 1 bis 6")
    page.get_by_label("Projektbeginn").fill("2017-09-01")
    page.get_by_label("Projektende").fill("2017-12-15")
    page.get_by_label("Kostenplan").fill("Honorare: 2.500,00 €")
    page.get_by_label("Gesamtkosten (€)").fill("2.500,00")
    page.get_by_label("Eigenmittel (€)").fill("500,00")
    # A financing plan that does not balance is refused in German and nothing is saved.
    page.get_by_label("Beantragter Betrag (€)").fill("1.500,00")
    with page.expect_navigation():
        page.get_by_role("button", name="Antrag einreichen").click()
    assert "Finanzierungsplan ist nicht ausgeglichen" in _main(page)
    assert_accessible(page, context="(application with errors)")
    page.get_by_label("Beantragter Betrag (€)").fill("2.000,00")
    with page.expect_navigation():
        page.get_by_role("button", name="Antrag einreichen").click()
    assert page.locator("#project-status").inner_text() == "Beantragt"
    project_url = page.url
    assert_accessible(page, context="(project submitted)")
    # The walk is a project of the 2017 round: it was applied for in August 2017 (the online
    # form always dates an application today; later steps may not precede it).
    e2e_server.python(
        "import datetime; from teilhabe.finance.models import Project; "
        f"Project.objects.filter(title={TITLE!r}).update(submitted_at=datetime.datetime(2017, 8, 1, 9, tzinfo=datetime.timezone.utc))"
    )

    # 2. The coordinator of borough I approves part of it.
    _as(page, COORDINATOR)
    page.goto(project_url)
    page.get_by_label("Entscheidung", exact=True).select_option(label="Bewilligen")
    page.get_by_label("Bewilligter Betrag (€)").fill("1.800,00")
    page.get_by_label("Begründung").fill("Material wird über die Schule gestellt.")
    page.get_by_label("Datum der Entscheidung").fill("2017-08-10")
    _submit(page, "Prüfen und entscheiden", "Entscheidung speichern")
    assert page.locator("#project-status").inner_text() == "Bewilligt"
    assert "1.800,00 €" in _main(page)
    assert_accessible(page, context="(project approved)")

    # 3. The finance officer commits the grant and pays a first instalment.
    _as(page, FINANCE)
    page.goto(project_url)
    page.locator("#id_commit-day").fill("2017-08-15")
    _submit(page, "Zuwendung bewilligen (Mittel binden)", "Bewilligen")
    assert page.locator("#project-status").inner_text() == "Zuwendung bewilligt (gebunden)"
    # Paying more than committed is refused.
    page.locator("#id_pay-amount").fill("1.800,01")
    page.locator("#id_pay-booked_on").fill("2017-09-01")
    _submit(page, "Auszahlung buchen", "Auszahlung buchen")
    assert "übersteigt die Bewilligung" in _main(page)
    assert_accessible(page, context="(payment refused)")
    page.locator("#id_pay-amount").fill("1.000,00")
    _submit(page, "Auszahlung buchen", "Auszahlung buchen")
    assert "1.000,00 € ausgezahlt" in _main(page)
    assert_accessible(page, context="(project paid)")

    # 4. The team lead submits the final report (Verwendungsnachweis).
    _as(page, TEAM_LEAD)
    page.goto(project_url)
    page.get_by_label("Tatsächliche Kosten (€)").fill("2.300,00")
    page.get_by_label("Teilnehmende").fill("24")
    page.get_by_label("Ergebnisse").fill("24 Kinder, 30 Termine, Noten verbessert.")
    page.get_by_label("Datum des Verwendungsnachweises").fill("2017-12-20")
    _submit(page, "Verwendungsnachweis einreichen", "Verwendungsnachweis einreichen")
    assert page.locator("#project-status").inner_text() == "Verwendungsnachweis eingegangen"
    assert_accessible(page, context="(final report)")

    # 5. The coordinator closes it; the unpaid 800,00 € return to the integration budget.
    _as(page, COORDINATOR)
    page.goto(project_url)
    page.locator("#id_close-day").fill("2017-12-28")
    _submit(page, "Projekt abschließen", "Abschließen")
    body = _main(page)
    assert page.locator("#project-status").inner_text() == "Abgeschlossen"
    assert "800,00 € nicht ausgezahlt" in body
    for step in (
        "Antrag eingereicht",
        "Teilweise bewilligt",
        "Auszahlung gebucht",
        "Verwendungsnachweis eingereicht",
        "Abgeschlossen",
    ):
        assert step in body
    assert_accessible(page, context="(project closed)")
    page.goto("/")
    assert_accessible(page, context="(start page, coordinator)")


def test_finance_pages_are_german_and_accessible_for_the_finance_officer(page):
    _as(page, FINANCE)
    with page.expect_navigation():
        page.get_by_role("link", name="Finanzen und Projekte").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Haushalt und Bewilligungen").first.click()
    body = _main(page)
    assert "3.516.729,00 €" in body and "654.561,00 €" in body and "4.171.290,00 €" in body
    assert "Rückerstattungen aus der Verbandsumlage" in body
    assert_accessible(page, context="(finance overview)")
    with page.expect_navigation():
        page.get_by_role("link", name="Integrationsbudget Bezirksstelle I", exact=True).click()
    assert "40.000,00 €" in _main(page)
    assert_accessible(page, context="(budget line with forms)")
    with page.expect_navigation():
        page.get_by_role("link", name="Z-2017-").first.click()
    assert "Auszahlungen und Aufhebungen" in _main(page)
    assert_accessible(page, context="(commitment)")
    page.goto("/finanzen/stellen/")
    body = _main(page)
    assert "44" in body and "Planstellen (9 Stadt, 35 Wohlfahrtsverbände)" in body
    assert_accessible(page, context="(position plan)")
    with page.expect_navigation():
        page.get_by_role("link", name="Integrationskoordination Stadtbezirk I", exact=True).click()
    assert "Besetzungsverlauf" in _main(page)
    assert_accessible(page, context="(position)")


def test_case_worker_sees_only_the_own_organisations_projects(page):
    _as(page, "fachkraft@essen.teilhabe.example")
    with page.expect_navigation():
        page.get_by_role("link", name="Finanzen und Projekte").click()
    body = _main(page)
    assert "Begegnungsfest Stadtmitte" in body
    assert "Schwimmkurse" not in body  # Diakoniewerk's project
    assert page.get_by_role("link", name="Haushalt und Bewilligungen").count() == 0
    assert_accessible(page, context="(projects, case worker)")
    with page.expect_navigation():
        page.get_by_role("link", name="Begegnungsfest Stadtmitte").click()
    assert "Verwendungsnachweis" in _main(page)
    assert_accessible(page, context="(closed project, case worker)")
