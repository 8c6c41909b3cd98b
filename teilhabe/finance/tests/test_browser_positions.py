"""Browser walk: a filled position shows the commitment of its standard costs, the commitment
links back, and ending the occupancy refuses a bad date at the top and at the field — with
axe on every page."""

from urllib.parse import urlparse

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_a_finance_officer_sees_and_releases_the_standard_costs_of_a_position(page):
    login(page, "finanzen@essen.teilhabe.example")
    page.goto("/finanzen/stellen/")
    with page.expect_navigation():
        page.locator("main table a[href*='/finanzen/stellen/']").first.click()
    assert page.get_by_role("heading", name="Gebundene Standardkosten").is_visible()
    assert_accessible(page, context="(position with its commitment)")
    position_url = page.url
    with page.expect_navigation():
        page.locator("main a[href*='/finanzen/bewilligungen/']").first.click()
    path = urlparse(position_url).path
    assert page.locator(f"main a[href='{path}']").count() == 1
    assert_accessible(page, context="(commitment of a position)")
    page.goto(position_url)
    page.locator("summary", has_text="verlässt die Stelle").click()
    form = page.locator("form[action$='/ende/']")
    form.get_by_label("Letzter Tag auf der Stelle").fill("2000-01-01")
    with page.expect_navigation():
        form.get_by_role("button", name="Besetzung beenden").click()
    assert page.get_by_role("alert").first.is_visible()
    assert page.locator("#id_end-ends_on[aria-invalid=true]").count() == 1
    assert_accessible(page, context="(ending an occupancy: bad date)")
