import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_case_worker_logs_in_and_sees_the_start_page_without_accessibility_violations(page):
    page.goto("/")
    assert "/konto/anmelden/" in page.url
    assert_accessible(page, context="(login page)")

    login(page, "fachkraft@essen.teilhabe.example")

    assert page.url.endswith("/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Willkommen")
    assert page.get_by_text("Caritasverband für die Stadt Essen e. V.").first.is_visible()
    assert_accessible(page, context="(start page, case worker)")


def test_steering_start_page_shows_the_council_decision_and_the_city(page):
    login(page, "steuerung@essen.teilhabe.example")
    body = page.locator("main").inner_text().replace("\xa0", " ")  # amounts use a no-break space
    assert "3.516.729,00 €" in body
    assert "654.561,00 €" in body
    for figure in ("9\nStadtbezirke", "50\nStadtteile", "44\nPlanstellen"):
        assert figure in body
    assert_accessible(page, context="(start page, steering)")


def test_login_with_a_wrong_password_shows_a_german_message(page):
    login(page, "fachkraft@essen.teilhabe.example", password="falsch-falsch-falsch")
    assert "/konto/anmelden/" in page.url
    assert page.get_by_role("alert").first.is_visible()
    assert_accessible(page, context="(login error)")
