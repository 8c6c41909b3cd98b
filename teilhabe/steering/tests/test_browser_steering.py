"""A walk through every steering page, as city steering and as a borough coordinator, at
desktop and phone width, with axe on each."""

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

PAGES = [
    "/steuerung/",
    "/steuerung/meilensteine/",
    "/steuerung/vermittlungen/",
    "/steuerung/angebote/",
    "/steuerung/geld/",
    "/steuerung/stellen/",
    "/steuerung/huerden/",
]


def _walk(page, who: str):
    for url in PAGES:
        page.goto(url)
        assert page.get_by_role("heading", level=1).is_visible()
        assert_accessible(page, context=f"({url}, {who})")


def test_city_steering_walks_every_figures_page(page):
    login(page, "steuerung@essen.teilhabe.example")
    page.get_by_role("link", name="Kennzahlen", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "/steuerung/" in page.url
    _walk(page, "steering")
    # Drill down: a Bezirk, then one of its Stadtteile.
    page.goto("/steuerung/vermittlungen/")
    page.locator("section[aria-labelledby='t-boroughs_offer'] tbody a").first.click()
    page.wait_for_load_state("networkidle")
    assert "bezirk=" in page.url
    assert_accessible(page, context="(Bezirk)")
    page.locator("section[aria-labelledby='t-districts_offer'] tbody a").first.click()
    page.wait_for_load_state("networkidle")
    assert "stadtteil=" in page.url
    assert_accessible(page, context="(Stadtteil)")
    page.set_viewport_size({"width": 390, "height": 844})
    _walk(page, "steering, phone")


def test_a_borough_coordinator_walks_the_figures_of_the_own_borough(page):
    login(page, "bezirk1@essen.teilhabe.example")
    _walk(page, "borough coordinator")


def test_a_bad_period_shows_the_error_at_the_top_and_at_the_field(page):
    login(page, "steuerung@essen.teilhabe.example")
    page.goto(PAGES[0] + "?von=2025-09-30&bis=2025-09-01")
    assert page.get_by_role("alert").first.is_visible()
    assert page.locator("#id_bis[aria-invalid=true]").count() == 1
    assert_accessible(page, context="(bad period)")


def test_a_case_worker_records_a_structural_barrier_and_steering_counts_it(page):
    login(page, "fachkraft@essen.teilhabe.example")
    page.goto("/faelle/neu/")
    page.get_by_label("Name des Haushalts").fill("Familie Hürde")
    page.get_by_label("Familienname (wie in den Dokumenten)").fill("Karimi")
    page.get_by_label("Vornamen (wie in den Dokumenten)").fill("Leyla")
    page.get_by_label("Geburtsjahr").fill("1990")
    page.get_by_role("button", name="Haushalt anlegen").click()
    page.wait_for_load_state("networkidle")
    page.locator("main a[href*='/faelle/fall/']").first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_text("Strukturelle Hürde erfassen").click()
    form = page.locator("form[action$='/huerde/']")
    form.get_by_role("button", name="Strukturelle Hürde speichern").click()  # nothing chosen
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("alert").first.is_visible()
    assert page.locator("#id_barrier-institution[aria-invalid=true]").count() == 1
    assert_accessible(page, context="(barrier form with errors)")
    form = page.locator("form[action$='/huerde/']")
    form.get_by_label("Institution").select_option(label="Ausländerbehörde")
    form.get_by_label("Art der Hürde").select_option(label="Unzumutbare Wartezeit oder kein Termin")
    form.get_by_label("Was ist passiert").fill("Kein Termin vor Ablauf der Fiktionsbescheinigung.")
    form.get_by_role("button", name="Strukturelle Hürde speichern").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Die strukturelle Hürde wurde erfasst.").is_visible()
    assert_accessible(page, context="(case page with a barrier)")
    page.context.clear_cookies()
    login(page, "steuerung@essen.teilhabe.example")
    page.goto("/steuerung/huerden/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("section[aria-labelledby='t-institutions'] tbody").count() == 1
    assert_accessible(page, context="(structural barriers)")
