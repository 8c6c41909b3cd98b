"""The public finder in a real browser: right-to-left layout, accessibility, nothing external."""

import pytest

from teilhabe.core.testing.browser import ARTIFACTS, assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _directory():
    """Browser tests use the e2e server's own database, not the test database."""


@pytest.fixture(scope="module")
def directory(e2e_server):
    """The e2e server serves the world: the demo offers directory is loaded."""
    return e2e_server


def test_the_arabic_finder_is_laid_out_right_to_left(page, directory):
    page.set_viewport_size({"width": 412, "height": 915})  # a cheap phone
    page.goto("/angebote/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "ابحث عن العروض القريبة منك"
    brand = page.locator(".finder-brand").bounding_box()
    label = page.locator("label[for=id_q]").bounding_box()
    field = page.locator("#id_q").bounding_box()
    # Right to left: the brand and the labels start at the right edge.
    assert brand["x"] + brand["width"] > 412 - 40
    assert label["x"] + label["width"] > field["x"] + field["width"] - 5
    # On a phone the results come before the filters.
    results = page.locator("#results-title").bounding_box()
    filters = page.locator("#filters-title").bounding_box()
    assert results["y"] < filters["y"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "finder-ar-rtl.png"), full_page=True)
    assert_accessible(page, context="(finder, Arabic)")


def test_filtering_shows_results_and_the_offer_page_in_farsi(page, directory):
    page.goto("/angebote/fa/")
    page.get_by_label("دسته‌بندی").select_option("sprache-bildung")
    page.get_by_role("button", name="نمایش برنامه‌ها").click()
    assert "kategorie=sprache-bildung" in page.url
    assert_accessible(page, context="(results, Farsi)")
    page.get_by_role("link", name="کافه زبان آلتن‌اسن").click()
    assert page.get_by_role("heading", level=1).inner_text() == "کافه زبان آلتن‌اسن"
    assert_accessible(page, context="(offer page, Farsi)")


def test_german_finder_results_and_offer_page_have_no_accessibility_violations(page, directory):
    page.goto("/angebote/de/?kategorie=sport&kostenlos=on")
    assert_accessible(page, context="(results, German)")
    page.get_by_role("link", name="Willkommen im Handball – Schnuppertraining").click()
    assert "Sporthalle am Hallo" in page.locator("main").inner_text()
    assert_accessible(page, context="(offer page, German)")
    page.goto(page.url + "?druck=1")
    assert_accessible(page, context="(print view)")


def test_the_finder_works_without_javascript(browser, directory):
    context = browser.new_context(base_url=directory.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/angebote/de/")
    page.get_by_label("Kategorie").select_option("beratung")
    page.get_by_role("button", name="Angebote anzeigen").click()
    assert "Migrationsberatung für Erwachsene" in page.locator("main").inner_text()
    assert not context.cookies()
    context.close()


def test_a_registration_with_a_mistake_shows_the_error_at_the_top_and_at_the_field(page, directory):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/angebote/de/?q=Alphabetisierungskurs")
    page.get_by_role("link", name="Alphabetisierungskurs für Frauen").click()
    page.get_by_role("link", name="Jetzt anmelden (ohne Konto)").click()
    page.get_by_label("Ihr Name").fill("Amina")
    page.get_by_role("button", name="Anmeldung senden").click()
    summary = page.locator("#form-errors")
    assert "Bitte korrigieren Sie" in summary.inner_text()
    assert page.locator("#id_email_error").is_visible()
    assert page.get_by_label("Ihr Name").input_value() == "Amina"
    assert_accessible(page, context="(registration form with errors)")
    assert not page.context.cookies()
