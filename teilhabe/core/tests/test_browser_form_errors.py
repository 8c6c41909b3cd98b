"""Browser walk per role: one bad value into a form page of each role; the error summary is
visible at the top, has the focus, links to the marked field (opening a collapsed <details>),
the input is kept, and axe-core finds nothing on the page with the errors."""

from __future__ import annotations

import json

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

SETUP = """
import json
from teilhabe.accounts.models import User
from teilhabe.organisations.models import Organisation
from teilhabe.cases.testing import demo_case
from teilhabe.finance.models import BudgetLine
from teilhabe.offers.models import Offer

worker = User.objects.get(email="fachkraft@essen.teilhabe.example")
case = demo_case(worker, Organisation.objects.get(key="caritas-essen"))
line = BudgetLine.objects.filter(kind="integration_budget", borough__number=1).first()
print(json.dumps({"case": str(case.code), "line": str(line.code)}))
"""


def _summary_at_top(page, field_id: str, context: str) -> None:
    summary = page.locator("#form-errors")
    assert summary.is_visible(), context
    assert page.evaluate("document.activeElement && document.activeElement.id") == "form-errors"
    box = summary.bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"], context
    link = summary.locator(f'a[href="#{field_id}"]')
    assert link.count() == 1, context
    field = page.locator(f"#{field_id}")
    assert field.get_attribute("aria-invalid") == "true", context
    link.click()
    assert field.is_visible(), context
    assert page.evaluate("document.activeElement.id") == field_id, context
    assert_accessible(page, context=context)


def test_every_role_sees_its_errors_at_the_top(page, e2e_server):
    data = json.loads(e2e_server.python(SETUP).strip().splitlines()[-1])

    # Case worker: an appointment that ends before it starts (the form sits in a <details>).
    login(page, "fachkraft@essen.teilhabe.example")
    page.goto(f"/faelle/fall/{data['case']}/")
    page.get_by_text("Termin hinzufügen").click()
    page.locator("#id_appointment-title").fill("Termin beim Jobcenter")
    page.locator("#id_appointment-day").fill("2026-12-10")
    page.locator("#id_appointment-start").fill("10:00")
    page.locator("#id_appointment-end").fill("09:00")
    page.get_by_role("button", name="Termin speichern").click()
    page.wait_for_load_state("networkidle")
    _summary_at_top(page, "id_appointment-end", "(case worker, appointment)")
    assert page.locator("#id_appointment-title").input_value() == "Termin beim Jobcenter"
    page.context.clear_cookies()

    # Finance officer: a commitment with an amount of letters.
    login(page, "finanzen@essen.teilhabe.example")
    page.goto(f"/finanzen/haushalt/{data['line']}/")
    page.locator("#id_commit-purpose").fill("Sprachcafé")
    page.locator("#id_commit-amount").fill("viel")
    page.get_by_role("button", name="Bewilligen").click()
    page.wait_for_load_state("networkidle")
    _summary_at_top(page, "id_commit-amount", "(finance officer, commitment)")
    assert page.locator("#id_commit-purpose").input_value() == "Sprachcafé"
    page.context.clear_cookies()

    # Provider: a location without a name, on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "anbieter@essen.teilhabe.example")
    page.goto("/angebotsverwaltung/orte/neu/")
    page.locator("#id_street").fill("Burgplatz 1")
    page.locator("form[novalidate] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    _summary_at_top(page, "id_name", "(provider, location, 390 px)")
    assert page.locator("#id_street").input_value() == "Burgplatz 1"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width} px wide at 390 px"
    page.context.clear_cookies()

    # Data protection officer: an audit search with a date of letters.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "datenschutz@essen.teilhabe.example")
    page.goto("/protokoll/?date_from=gestern")
    page.wait_for_load_state("networkidle")
    _summary_at_top(page, "id_date_from", "(data protection officer, audit search)")
