"""/api-zugaenge/ in a real browser: issue with an error first, the token shown once, revoke
after confirmation; axe-core on every state, and at 390 px."""

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

ADMIN = "admin@essen.teilhabe.example"


def _main(page) -> str:
    return page.locator("main").inner_text().replace("\xa0", " ")


def test_an_administrator_issues_and_revokes_a_token_without_accessibility_violations(
    page, e2e_server
):
    login(page, ADMIN)
    page.goto("/api-zugaenge/")
    assert page.get_by_role("heading", level=1).inner_text() == "API-Zugänge"
    assert_accessible(page, context="(API access)")
    page.get_by_label("Name").fill("Excel Bezirk I")
    option = page.locator("#id_organisation option", has_text="Sozialen Dienste I –")
    page.get_by_label("Organisation").select_option(value=option.get_attribute("value"))
    page.get_by_label("Rolle").select_option(label="Integrationskoordination im Bezirk")
    page.get_by_label("Gültig für (Tage)").fill("400")
    page.get_by_role("button", name="Token ausstellen").click()
    page.wait_for_load_state("networkidle")
    summary = page.locator(".app-error-summary")
    assert summary.is_visible()
    assert "365" in _main(page)
    assert page.get_by_label("Name").input_value() == "Excel Bezirk I"  # input kept
    assert_accessible(page, context="(API access, bad input)")
    page.get_by_label("Gültig für (Tage)").fill("90")
    page.get_by_role("button", name="Token ausstellen").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text() == "Token ausgestellt"
    raw = page.locator("#token").input_value()
    assert raw.startswith("thk_")
    assert_accessible(page, context="(token issued)")
    page.get_by_role("link", name="Zurück zu den API-Zugängen").click()
    assert raw not in page.content()
    row = page.locator("tr", has_text="Excel Bezirk I")
    row.locator("summary").click()
    assert_accessible(page, context="(API access, revoke confirmation open)")
    row.get_by_role("button", name="Token widerrufen").click()
    page.wait_for_load_state("networkidle")
    assert "wurde widerrufen" in _main(page)
    assert_accessible(page, context="(API access, token revoked)")


def test_the_api_access_page_fits_a_phone(page, e2e_server):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, ADMIN)
    page.goto("/api-zugaenge/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page, context="(API access, 390 px)")
