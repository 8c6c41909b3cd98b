"""The open-data page in a real browser: before and after publishing, as a visitor and as an
administrator who publishes again, at desktop and phone width, with axe on each."""

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_visitor_finds_the_datasets_and_downloads_them(page, e2e_server):
    page.goto("/offene-daten/")
    assert page.get_by_role("heading", level=1).inner_text() == "Offene Daten"
    assert_accessible(page, context="(not yet published)")
    e2e_server.manage("opendata_publish")
    page.reload()
    assert page.get_by_role("heading", name="Fallarbeit je Stadtteil und Monat").is_visible()
    assert page.get_by_role("link", name="Katalog (DCAT-AP.de, JSON-LD)").is_visible()
    assert page.get_by_role("button", name="Jetzt veröffentlichen").count() == 0
    assert_accessible(page, context="(published)")
    with page.expect_download() as download:
        page.get_by_role("link", name="Kennzahlen je Stadtteil und Monat (CSV)").click()
    assert download.value.suggested_filename == "steuerungskennzahlen.csv"
    page.set_viewport_size({"width": 390, "height": 844})
    assert _fits(page)
    assert_accessible(page, context="(published, phone)")


def test_an_administrator_publishes_again_and_follows_the_job(page, e2e_server):
    login(page, "admin@essen.teilhabe.example")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/offene-daten/")
    assert _fits(page)
    assert_accessible(page, context="(administrator, phone)")
    page.get_by_role("button", name="Jetzt veröffentlichen").click()
    page.wait_for_load_state("networkidle")
    assert "/hintergrund/auftraege/" in page.url
    assert "Veröffentlicht" in page.locator("main").inner_text()
    assert_accessible(page, context="(job page)")
    page.get_by_role("link", name="Zu den offenen Daten").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Offene Daten"
