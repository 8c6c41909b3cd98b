"""Browser walk: register a household (duplicate warning for a planted variant), add a note, a
deadline and a milestone, hand the case over to another organisation with consent — with no
axe-core violations on any page visited."""

import datetime

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def _register(page, household, family, given, year, month, day):
    page.goto("/faelle/neu/")
    page.get_by_label("Name des Haushalts").fill(household)
    page.get_by_label("Familienname (wie in den Dokumenten)").fill(family)
    page.get_by_label("Vornamen (wie in den Dokumenten)").fill(given)
    page.get_by_label("Geburtsjahr").fill(str(year))
    page.get_by_label("Geburtsmonat").fill(str(month))
    page.get_by_label("Geburtstag").fill(str(day))
    with page.expect_navigation():
        page.get_by_role("button", name="Haushalt anlegen").click()


def test_case_worker_registers_works_on_and_hands_over_a_household(page):
    login(page, "fachkraft@essen.teilhabe.example")
    page.goto("/faelle/neu/")
    assert_accessible(page, context="(register form)")

    # The planted record, then a registration under another transliteration.
    _register(page, "Familie Haddad", "Haddad", "Mohammed", 1985, 3, 14)
    assert page.get_by_role("heading", level=1).inner_text() == "Familie Haddad"
    assert_accessible(page, context="(household page)")
    household_url = page.url

    _register(page, "Familie Hadad", "Hadad", "Muhammad", 1985, 3, 14)
    warning = page.locator("#duplicates")
    assert warning.is_visible()
    assert "Haddad, Mohammed" in warning.inner_text()
    assert_accessible(page, context="(duplicate warning)")

    # The case file: a quick note and a deadline.
    page.goto(household_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Wohnungsbetreuung / Unterstützung beim Wohnen").click()
    assert_accessible(page, context="(case page)")
    case_url = page.url
    note = page.locator("form[action$='/notiz/']")
    note.get_by_label("Kontaktart").select_option(label="persönlich")
    note.get_by_label("Notiz").fill("Erstgespräch zur Wohnungssuche")
    with page.expect_navigation():
        note.get_by_role("button", name="Notiz speichern").click()
    assert page.get_by_text("Die Notiz wurde gespeichert.").is_visible()
    assert page.get_by_text("Erstgespräch zur Wohnungssuche").is_visible()

    page.get_by_text("Frist hinzufügen").click()
    deadline = page.locator("form[action$='/frist/']")
    deadline.get_by_label("Art").select_option(label="Ablauf des Aufenthaltstitels")
    deadline.get_by_label("Was").fill("Verlängerung beantragen")
    due = datetime.date.today() + datetime.timedelta(days=10)
    deadline.get_by_label("fällig am").fill(due.isoformat())
    with page.expect_navigation():
        deadline.get_by_role("button", name="Frist speichern").click()
    assert page.get_by_text("Die Frist wurde gespeichert.").is_visible()
    assert_accessible(page, context="(case page with note and deadline)")

    page.goto("/faelle/fristen/")
    assert page.get_by_text("Verlängerung beantragen").first.is_visible()
    assert_accessible(page, context="(deadlines due soon)")

    # The integration plan and the consent on the person's page.
    page.goto(household_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Haddad, Mohammed").click()
    assert_accessible(page, context="(person page)")
    page.get_by_label("Meilenstein", exact=True).select_option(
        label="Jobcenter / Agentur für Arbeit"
    )
    page.get_by_label("Status").select_option(label="in Arbeit")
    with page.expect_navigation():
        page.get_by_role("button", name="Meilenstein speichern").click()
    assert page.get_by_text("Der Integrationsplan wurde aktualisiert.").is_visible()

    with page.expect_navigation():
        page.get_by_role("link", name="Einwilligung erfassen").click()
    assert_accessible(page, context="(consent form)")
    page.get_by_label("Zweck", exact=True).fill("Übergabe an die Asylverfahrensberatung")
    # What the consent allows and which data it covers: a handover with the basic scope.
    page.get_by_label("Übergabe des Falls an den Empfänger").check()
    for category in (
        "identity",
        "contact",
        "languages",
        "residence",
        "background",
        "deadlines",
        "plan",
    ):
        page.locator(f"input[name$='data_categories'][value='{category}']").check()
    page.get_by_label("Diakoniewerk Essen", exact=False).first.check()
    page.get_by_label("Wie erteilt").select_option(
        label="mündlich, mit Sprachmittlung, dokumentiert"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Einwilligung speichern").click()
    assert page.get_by_text("Die Einwilligung wurde erfasst.").is_visible()

    # The handover.
    page.goto(case_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Fall weitergeben oder übergeben").click()
    assert_accessible(page, context="(sharing form)")
    page.get_by_label("Umfang").select_option(value="basic")
    page.get_by_label("Begründung").fill("Asylverfahrensberatung übernimmt")
    until = datetime.date.today() + datetime.timedelta(days=90)
    page.get_by_label("Gültig bis").fill(until.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Weitergeben").click()
    assert page.get_by_text("Der Fall wurde weitergegeben.").is_visible()
    assert_accessible(page, context="(case page after handover)")

    # The receiving organisation now opens the case.
    page.context.clear_cookies()
    login(page, "fachkraft.diakonie@essen.teilhabe.example")
    page.goto(case_url)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Familie Haddad")
    assert_accessible(page, context="(case page, receiving organisation)")
