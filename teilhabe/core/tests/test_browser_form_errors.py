"""Browser walk per role: one bad value into each of the role's main forms and list filters; the
error summary is visible at the top, has the focus, links to the marked field (opening a
collapsed <details>), the input is kept, and axe-core finds nothing on the page with the errors.

One browser session (a fresh context, one login) per role; the provider walks on a phone
(390 px wide).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

SETUP = """
import json
from django.urls import reverse
from teilhabe.accounts.models import User
from teilhabe.organisations.models import Organisation
from teilhabe.cases.testing import demo_case
from teilhabe.finance.models import BudgetLine
from teilhabe.offers.models import Offer

worker = User.objects.get(email="fachkraft@essen.teilhabe.example")
case = demo_case(worker, Organisation.objects.get(key="caritas-essen"))
line = BudgetLine.objects.filter(kind="integration_budget", borough__number=1).first()
if not Offer.objects.filter(key="vhs-integrationskurs-a1").exists():
    from teilhabe.offers.loading import offers_demo_load

    offers_demo_load(standard_system=False)
offer = Offer.objects.get(key="vhs-integrationskurs-a1")
names = [
    "cases:register", "cases:search", "cases:team", "referrals:list", "offers:list",
    "offers:registrations", "offers:coverage", "offers:location_create", "finance:overview",
    "volunteers:list", "volunteers:payouts", "volunteers:requests", "organisations:list",
    "audit:search",
]
urls = {n: reverse(n) for n in names}
urls["case"] = reverse("cases:case", args=[case.code])
urls["line"] = reverse("finance:line", args=[line.code])
urls["offer"] = reverse("offers:edit", args=[offer.code])
print(json.dumps(urls))
"""


@dataclass
class Step:
    """One bad value: a page (URL name or a query), what to type, the field to be marked."""

    what: str
    url: str
    field_id: str
    query: str = ""
    fill: dict[str, str] = field(default_factory=dict)
    kept: tuple[str, str] | None = None  # (field id, value shown again)


WALKS = {
    "case_worker": (
        "fachkraft@essen.teilhabe.example",
        [
            Step(
                "appointment ending before it starts (in a <details>)",
                "case",
                "id_appointment-end",
                fill={
                    "id_appointment-title": "Termin beim Jobcenter",
                    "id_appointment-day": "2026-12-10",
                    "id_appointment-start": "10:00",
                    "id_appointment-end": "09:00",
                },
                kept=("id_appointment-title", "Termin beim Jobcenter"),
            ),
            Step(
                "contact note dated in the future",
                "case",
                "id_note-date",
                fill={"id_note-date": "2999-01-01", "id_note-text": "Hausbesuch geplant"},
                kept=("id_note-text", "Hausbesuch geplant"),
            ),
            Step(
                "registering a household without family name",
                "cases:register",
                "id_family_name",
                fill={"id_household_name": "Familie Test", "id_given_names": "Amina"},
                kept=("id_household_name", "Familie Test"),
            ),
            Step(
                "person search by a year of letters",
                "cases:search",
                "id_birth_year",
                query="birth_year=neunzehn",
            ),
            Step(
                "referral list with an unknown status",
                "referrals:list",
                "id_status",
                query="status=irgendwas",
            ),
        ],
    ),
    "team_lead": (
        "teamleitung@essen.teilhabe.example",
        [
            Step(
                "team overview with an unknown status",
                "cases:team",
                "id_status",
                query="status=irgendwas",
            )
        ],
    ),
    "volunteer_coordinator": (
        "ehrenamt@essen.teilhabe.example",
        [
            Step(
                "payout list for month 13", "volunteers:payouts", "id_monat", query="monat=2026-13"
            ),
            Step(
                "volunteer list with an unknown status",
                "volunteers:list",
                "id_status",
                query="status=irgendwas",
            ),
            Step(
                "volunteer requests with an unknown status",
                "volunteers:requests",
                "id_status",
                query="status=irgendwas",
            ),
        ],
    ),
    "provider_editor": (
        "anbieter@essen.teilhabe.example",
        [
            Step(
                "location without a name",
                "offers:location_create",
                "id_name",
                fill={"id_street": "Burgplatz 1"},
                kept=("id_street", "Burgplatz 1"),
            ),
            Step("offer without a title", "offer", "id_title", fill={"id_title": ""}),
            Step(
                "offer list with an unknown status",
                "offers:list",
                "id_status",
                query="status=verschollen",
            ),
            Step(
                "registration requests with an unknown status",
                "offers:registrations",
                "id_status",
                query="status=irgendwas",
            ),
        ],
    ),
    "finance_officer": (
        "finanzen@essen.teilhabe.example",
        [
            Step(
                "commitment with an amount of letters",
                "line",
                "id_commit-amount",
                fill={"id_commit-purpose": "Sprachcafé", "id_commit-amount": "viel"},
                kept=("id_commit-purpose", "Sprachcafé"),
            ),
            Step(
                "overview of an unknown fiscal year",
                "finance:overview",
                "id_year",
                query="year=1850",
            ),
        ],
    ),
    "borough_coordinator": (
        "bezirk1@essen.teilhabe.example",
        [Step("coverage of an unknown borough", "offers:coverage", "id_bezirk", query="bezirk=99")],
    ),
    "city_steering": (
        "steuerung@essen.teilhabe.example",
        [
            Step(
                "organisations of an unknown borough",
                "organisations:list",
                "id_borough",
                query="borough=00000000-0000-0000-0000-000000000000",
            )
        ],
    ),
    "data_protection_officer": (
        "datenschutz@essen.teilhabe.example",
        [
            Step(
                "audit search with a date of letters",
                "audit:search",
                "id_date_from",
                query="date_from=gestern",
            )
        ],
    ),
}
PHONE = {"provider_editor"}


def _summary_at_top(page, field_id: str, context: str, *, script: bool = True) -> None:
    """``script``: staff pages move the focus (app.js); the public finder has no script."""
    summary = page.locator("#form-errors")
    assert summary.is_visible(), context
    if script:
        focused = page.evaluate("document.activeElement && document.activeElement.id")
        assert focused == "form-errors", context
    box = summary.bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"], context
    link = summary.locator(f'a[href="#{field_id}"]')
    assert link.count() == 1, context
    marked = page.locator(f"#{field_id}")
    assert marked.get_attribute("aria-invalid") == "true", context
    link.click()
    assert marked.is_visible(), context
    if script:
        assert page.evaluate("document.activeElement.id") == field_id, context
    assert_accessible(page, context=context)


def _submit(page, step: Step) -> None:
    """Type the values (opening collapsed <details> first) and send the field's form."""
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    for field_id, value in step.fill.items():
        page.locator(f"#{field_id}").fill(value)
    form = page.locator(f"form:has(#{step.field_id})")
    form.locator("button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


@pytest.fixture(scope="module")
def urls(e2e_server):
    return json.loads(e2e_server.python(SETUP).strip().splitlines()[-1])


@pytest.mark.parametrize("role", list(WALKS))
def test_every_role_sees_its_errors_at_the_top(page, urls, role):
    email, steps = WALKS[role]
    if role in PHONE:
        page.set_viewport_size({"width": 390, "height": 844})
    login(page, email)
    for step in steps:
        context = f"({role}, {step.what}{', 390 px' if role in PHONE else ''})"
        page.goto(urls[step.url] + (f"?{step.query}" if step.query else ""))
        if step.fill or not step.query:
            _submit(page, step)
        page.wait_for_load_state("networkidle")
        _summary_at_top(page, step.field_id, context)
        if step.kept:
            kept_id, value = step.kept
            assert page.locator(f"#{kept_id}").input_value() == value, context
        if role in PHONE:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{context}: page is {width} px wide"


def test_the_public_finder_shows_a_bad_filter_at_the_top_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/angebote/de/?alter=alt")
    page.wait_for_load_state("networkidle")
    _summary_at_top(page, "id_alter", "(public finder, age of letters, 390 px)", script=False)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"public finder: page is {width} px wide"
