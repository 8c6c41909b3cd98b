"""Browser walk of housing support and asylum-procedure counselling: a case worker records an
asylum decision and sees the legal-remedy deadline, records a title that expires in six weeks
and sees the warning, submits a bad date and sees the error at the top and at the field, and
moves a family from a shelter into a flat — axe-core clean on every page, at desktop and phone
width."""

import datetime
import json

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

SETUP = """
import datetime, json
from django.utils import timezone
from teilhabe.accounts.models import User
from teilhabe.cases import services as cs
from teilhabe.cases.testing import demo_case
from teilhabe.housing import services
from teilhabe.housing.testing import demo_accommodation
from teilhabe.organisations.models import Organisation
worker = User.objects.get(email="fachkraft@essen.teilhabe.example")
case = demo_case(worker, Organisation.objects.get(key="caritas-essen"))
head = case.household.members.order_by("pk").first()
partner = cs.person_create(user=worker, household=case.household,
    data={"household_role": "partner", "family_name": "Haddad", "given_names": "Amira"})
shelter = demo_accommodation(places=10)
for p in (head, partner):
    services.stay_add(user=worker, person=p, data={"kind": "accommodation",
        "accommodation": shelter, "moved_in": timezone.localdate() - datetime.timedelta(days=90)})
print(json.dumps({"person": str(head.code), "household": str(case.household.code),
                  "shelter": str(shelter.code)}))
"""


def _fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_case_worker_records_asylum_residence_and_a_move_into_a_flat(page, e2e_server):
    data = json.loads(e2e_server.python(SETUP).strip().splitlines()[-1])
    today = datetime.date.today()
    login(page, "fachkraft@essen.teilhabe.example")
    person_url = f"/wohnen/person/{data['person']}/"
    page.goto(person_url)
    assert_accessible(page, context="(housing page)")

    # The asylum decision: rejected, delivered three days ago → the remedy deadline shows.
    page.get_by_text("Asylverfahren erfassen").click()
    form = page.locator("form[action$='/asylverfahren/']")
    form.get_by_label("Antrag gestellt am").fill("2016-03-01")
    form.get_by_label("Bescheid vom").fill((today - datetime.timedelta(days=5)).isoformat())
    form.get_by_label("Art der Entscheidung").select_option(label="abgelehnt (unbegründet)")
    form.get_by_label("Bescheid zugestellt am").fill(
        (today - datetime.timedelta(days=3)).isoformat()
    )
    with page.expect_navigation():
        form.get_by_role("button", name="Asylverfahren speichern").click()
    assert page.get_by_text("Rechtsbehelf möglich bis").first.is_visible()
    assert page.get_by_text("§ 74 Abs. 1 Halbsatz 1 AsylG", exact=False).is_visible()
    assert_accessible(page, context="(asylum decision)")

    # A bad date: the title would expire before it was issued.
    form = page.locator("form[action$='/titel/']")
    form.get_by_label("Rechtsgrundlage").select_option(
        label="§ 24 AufenthG – Vorübergehender Schutz"
    )
    form.get_by_label("Erteilt am").fill("2025-06-01")
    form.get_by_label("Gültig bis").fill("2025-01-01")
    form.get_by_label("Ausstellende Behörde").fill("Ausländerbehörde Essen")
    with page.expect_navigation():
        form.get_by_role("button", name="Aufenthaltstitel speichern").click()
    summary = page.locator("#form-errors")
    assert summary.is_visible()
    assert page.get_by_text(
        "Ein Titel kann nicht vor seiner Erteilung ablaufen."
    ).first.is_visible()
    assert page.locator("form[action$='/titel/']").get_by_label(
        "Ausstellende Behörde"
    ).input_value() == ("Ausländerbehörde Essen")
    assert_accessible(page, context="(title error)")

    # A title that expires in six weeks: warning on the housing and the person page.
    page.goto(person_url)
    form = page.locator("form[action$='/titel/']")
    form.get_by_label("Rechtsgrundlage").select_option(
        label="§ 24 AufenthG – Vorübergehender Schutz"
    )
    form.get_by_label("Erteilt am").fill((today - datetime.timedelta(days=300)).isoformat())
    form.get_by_label("Gültig bis").fill((today + datetime.timedelta(days=42)).isoformat())
    form.get_by_label("Ausstellende Behörde").fill("Ausländerbehörde Essen")
    with page.expect_navigation():
        form.get_by_role("button", name="Aufenthaltstitel speichern").click()
    assert page.get_by_text("Der Aufenthaltstitel läuft am").first.is_visible()
    page.goto(f"/faelle/person/{data['person']}/")
    assert page.get_by_text("Der Aufenthaltstitel läuft am").first.is_visible()
    assert_accessible(page, context="(person page with warning)")

    # Move the family from the shelter into a flat.
    page.goto(f"/wohnen/haushalt/{data['household']}/umzug/")
    assert_accessible(page, context="(move form)")
    page.get_by_label("Mietbeginn").fill((today - datetime.timedelta(days=2)).isoformat())
    page.get_by_label("Straße und Hausnummer").fill("Neue Straße 5")
    page.get_by_label("Postleitzahl").fill("45127")
    page.get_by_label("Stadtteil").select_option(label="Stadtkern")
    with page.expect_navigation():
        page.get_by_role("button", name="Umzug erfassen").click()
    assert page.get_by_text("Personen sind in die Wohnung gezogen").is_visible()
    page.goto(f"/faelle/person/{data['person']}/")
    row = page.get_by_role("row", name="Eigene Wohnung (Mietvertrag)")
    assert "erreicht" in row.inner_text()
    page.goto(f"/wohnen/unterkuenfte/{data['shelter']}/")
    assert "0 belegt" in page.locator("main").inner_text()
    assert_accessible(page, context="(shelter page)")

    # Phone width: the housing pages fit.
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (
        person_url,
        "/wohnen/unterkuenfte/",
        f"/wohnen/haushalt/{data['household']}/wohnungssuche/",
    ):
        page.goto(url)
        assert _fits_phone(page), url
        assert_accessible(page, context=f"(phone {url})")


def test_steering_sees_housing_figures_without_persons(page, e2e_server):
    login(page, "steuerung@essen.teilhabe.example")
    page.goto("/wohnen/kennzahlen/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kennzahlen Wohnen"
    assert "Haddad" not in page.locator("main").inner_text()
    assert_accessible(page, context="(housing figures)")
    page.goto("/wohnen/unterkuenfte/")
    assert_accessible(page, context="(register, steering)")
