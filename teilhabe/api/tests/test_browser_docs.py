"""The API docs page in a real browser: axe-clean with every endpoint, the schemas and a tried
request open, at desktop and phone width, nothing from other sites."""

import pytest

from teilhabe.core.testing.browser import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _directory():
    """Browser tests use the e2e server's own database, not the test database."""


def test_the_api_docs_page_passes_axe_with_everything_open(page):
    page.goto("/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-control")
    assert page.get_by_role("heading", level=1).inner_text() == "Teilhabe-API: Dokumentation"
    assert page.locator("html").get_attribute("lang") == "de"
    assert_accessible(page, context="(API docs, closed)")
    for control in page.locator(".opblock-summary-control").all():
        control.click()
    page.locator(".models-control").click()
    page.locator(".try-out__btn").first.click()
    page.locator(".btn.execute").first.click()
    page.wait_for_selector(".live-responses-table")
    assert_accessible(page, context="(API docs, all open, one request tried)")


def test_the_api_docs_page_fits_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-control")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page, context="(API docs, 390 px)")
