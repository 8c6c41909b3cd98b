"""Browser walk of the volunteer contact point, axe-core on every page:

the volunteer registers on a phone (390 px, German; the English page too), confirms by the
e-mail link; the coordinator records the first interview and the police certificate (an
old one is refused); a case worker sends a request; the coordinator asks the volunteer; the
volunteer accepts by link and logs hours; the coordinator prints the certificate."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _mails(e2e_server) -> str:
    folder = Path(e2e_server.env["TEILHABE_VAR_DIR"]) / "mail"
    if not folder.exists():
        return ""
    return "\n".join(p.read_text(errors="replace") for p in sorted(folder.glob("*")))


def _link(e2e_server, kind: str) -> str:
    found = re.findall(rf"http://[^/\s]+(/mitmachen/\w+/{kind}/[^/\s]+/)", _mails(e2e_server))
    assert found, f"no {kind} link in the mails"
    return found[-1]


def _logout(page):
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state("networkidle")


def test_a_volunteer_registers_is_matched_accepts_and_gets_a_certificate(page, e2e_server):
    e2e_server.python(
        "from teilhabe.volunteers.services import contact_points_ensure; contact_points_ensure()"
    )
    today = datetime.date.today()

    # The volunteer, on a phone: the English page, then the German one.
    page.set_viewport_size(PHONE)
    page.goto("/mitmachen/en/")
    assert page.get_by_role("heading", name="Become a volunteer").is_visible()
    assert_accessible(page, context="(registration, English, 390 px)")
    page.goto("/mitmachen/de/")
    assert_accessible(page, context="(registration, German, 390 px)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Vorname").fill("Samira")
    page.get_by_label("Nachname").fill("Haddad")
    page.get_by_label("E-Mail", exact=True).fill("samira@example.org")
    page.locator("#id_language_1").select_option("ar")
    page.locator("#id_level_1").select_option("4")
    page.locator("#id_language_2").select_option("de")
    page.locator("#id_level_2").select_option("3")
    page.get_by_label("Begleitung zu Ämtern und Ärzten").check()
    page.get_by_label("Altendorf", exact=True).check()
    page.get_by_label("Montag, vormittags").check()
    page.get_by_label("Ich bin einverstanden").check()
    page.wait_for_timeout(3200)  # the form refuses answers faster than a person types
    page.get_by_role("button", name="Anmeldung senden").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Vielen Dank für Ihre Anmeldung").is_visible()
    assert_accessible(page, context="(registered)")

    page.goto(_link(e2e_server, "bestaetigen"))
    assert_accessible(page, context="(confirm)")
    page.get_by_role("button", name="Ja, Anmeldung bestätigen").click()
    assert page.get_by_text("Ihre Anmeldung ist bestätigt").is_visible()
    assert_accessible(page, context="(confirmed)")

    # The coordinator: first interview, status, police certificate.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "ehrenamt@essen.teilhabe.example")
    page.goto("/")
    assert_accessible(page, context="(start page, coordinator)")
    page.get_by_role("link", name="Ehrenamtliche", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page, context="(volunteer list)")
    page.get_by_role("link", name="Samira Haddad").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Erweitertes Führungszeugnis fehlt.").is_visible()
    assert_accessible(page, context="(volunteer record)")
    page.get_by_role("link", name="Angaben bearbeiten").click()
    assert_accessible(page, context="(edit record)")
    page.locator("#id_status").select_option("active")
    page.locator("#id_interview_on").fill(today.isoformat())
    page.locator("form.app-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Einsichtnahme vermerken").click()
    assert_accessible(page, context="(requirement form)")
    page.locator("#id_issued_on").fill((today - datetime.timedelta(days=120)).isoformat())
    page.locator("#id_inspected_on").fill(today.isoformat())
    page.get_by_label("kein relevanter Eintrag").check()
    page.get_by_role("button", name="Einsichtnahme vermerken").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("mehr als 3 Monate alt").first.is_visible()
    assert_accessible(page, context="(requirement refused)")
    page.locator("#id_issued_on").fill((today - datetime.timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Einsichtnahme vermerken").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Kann vermittelt werden.").is_visible()
    _logout(page)

    # A case worker asks for a volunteer who speaks Arabic.
    login(page, "fachkraft@essen.teilhabe.example")
    page.goto("/ehrenamt/anfragen/neu/")
    assert_accessible(page, context="(request form)")
    page.locator("#id_title").fill("Begleitung zum Bürgeramt")
    page.locator("#id_district").select_option(label="Altendorf")
    page.locator("#id_starts_on").fill(
        (today + datetime.timedelta(days=(7 - today.weekday()) % 7 or 7)).isoformat()
    )
    page.locator("#id_time_from").fill("10:00")
    page.get_by_label("Arabisch").check()
    page.get_by_label("Begleitung zu Ämtern und Ärzten").check()
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Die Anfrage wurde an die Anlaufstelle gesendet.").is_visible()
    assert_accessible(page, context="(request, case worker)")
    request_url = page.url
    _logout(page)

    # The coordinator sees Samira ranked and explained, and asks her.
    login(page, "ehrenamt@essen.teilhabe.example")
    page.goto(request_url)
    assert page.get_by_text("spricht Arabisch (Muttersprache)").is_visible()
    assert_accessible(page, context="(matching)")
    page.get_by_label(re.compile("Samira Haddad")).check()
    page.get_by_role("button", name="Ausgewählte Ehrenamtliche fragen").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("wurde gefragt").first.is_visible()
    _logout(page)

    # Samira accepts by the link on her phone and logs her hours.
    page.set_viewport_size(PHONE)
    page.goto(_link(e2e_server, "antwort"))
    assert_accessible(page, context="(answer link)")
    page.get_by_role("button", name="Ja, ich helfe").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Sie haben zugesagt").is_visible()
    assert_accessible(page, context="(accepted)")
    page.goto("/mitmachen/de/antwort/gefaelscht/")
    assert page.get_by_text("Dieser Link ist ungültig").is_visible()

    # The coordinator logs hours (yesterday) and prints the certificate.
    page.set_viewport_size({"width": 1280, "height": 900})
    e2e_server.python(
        "import datetime\n"
        "from teilhabe.volunteers.models import Assignment\n"
        "Assignment.objects.update(starts_on=datetime.date.today() - datetime.timedelta(days=3))"
    )
    login(page, "ehrenamt@essen.teilhabe.example")
    page.goto("/ehrenamt/")
    page.get_by_role("link", name="Samira Haddad").click()
    page.wait_for_load_state("networkidle")
    page.locator("#id_worked_on").fill((today - datetime.timedelta(days=1)).isoformat())
    page.locator("#id_hours").fill("2")
    page.locator("#id_assignment").select_option(index=1)
    page.get_by_role("button", name="Stunden eintragen").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Die Stunden wurden eingetragen.").is_visible()
    assert_accessible(page, context="(record with hours)")
    href = page.get_by_role("link", name="Ehrenamtsnachweis (PDF)").get_attribute("href")
    pdf = page.request.get(href)
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    page.goto("/ehrenamt/kennzahlen/")
    assert_accessible(page, context="(figures)")
    page.goto("/ehrenamt/ehrenamtskarte/")
    assert_accessible(page, context="(Ehrenamtskarte)")
    page.goto("/ehrenamt/sprachmittlung/auszahlung/")
    assert_accessible(page, context="(payouts)")
