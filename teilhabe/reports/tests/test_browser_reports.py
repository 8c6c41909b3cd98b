"""Browser walk: city steering prepares a Sachstandsbericht (a bad period first), follows the
job page and downloads the report — axe-core clean on every page."""

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_steering_prepares_and_downloads_a_status_report(page, e2e_server):
    login(page, "steuerung@essen.teilhabe.example")
    page.goto("/berichte/")
    assert_accessible(page, context="(reports)")
    form = page.locator("form[aria-labelledby='status-form']")
    form.get_by_label("Von").fill("2026-06-30")
    form.get_by_label("Bis").fill("2026-01-01")
    with page.expect_navigation():
        form.get_by_role("button", name="Sachstandsbericht erstellen").click()
    assert page.locator("#form-errors").is_visible()
    assert page.get_by_text("Der Zeitraum kann nicht vor seinem Beginn enden.").first.is_visible()
    assert_accessible(page, context="(reports, error)")

    form = page.locator("form[aria-labelledby='status-form']")
    form.get_by_label("Von").fill("2026-01-01")
    form.get_by_label("Bis").fill("2026-06-30")
    with page.expect_navigation():
        form.get_by_role("button", name="Sachstandsbericht erstellen").click()
    assert_accessible(page, context="(report job)")
    with page.expect_navigation():
        page.get_by_role("link", name="Zur Liste der Berichte (PDF und DOCX)").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
