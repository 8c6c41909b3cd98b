"""Browser walk of a whole referral between two organisations: the Caritas case worker sends
with consent → the VHS receives it → waiting list → a place frees up and is allocated →
started → completed → the person's milestone is achieved. No axe violations on any page;
the receiver never sees more than was shared."""

import json

import pytest

from teilhabe.core.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

SETUP = """
import json
from teilhabe.accounts.models import User
from teilhabe.organisations.models import Organisation
from teilhabe.cases.testing import demo_case
from teilhabe.offers.models import Offer
from teilhabe.referrals.testing import demo_consent, demo_offer

class Cast:
    case_worker = User.objects.get(email="fachkraft@essen.teilhabe.example")

case = demo_case(Cast.case_worker, Organisation.objects.get(key="caritas-essen"))
person = case.household.members.order_by("pk").first()
offer = demo_offer()
Offer.objects.filter(pk=offer.pk).update(free_places=0)
consent = demo_consent(Cast, person, offer.organisation)
print(json.dumps({"case": str(case.code), "person": str(person.code), "offer": offer.pk,
                  "person_pk": person.pk, "consent": consent.pk, "bamf": person.bamf_file_number}))
"""


def _logout(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Abmelden").click()


def test_a_referral_walks_from_sending_to_an_achieved_milestone(page, e2e_server):
    data = json.loads(e2e_server.python(SETUP).strip().splitlines()[-1])

    # Sender: the Caritas case worker refers the person, sharing name and languages only.
    login(page, "fachkraft@essen.teilhabe.example")
    page.goto(f"/vermittlungen/neu/{data['case']}/")
    assert_accessible(page, context="(send form)")
    page.locator("#id_offer").select_option(value=str(data["offer"]))
    page.locator("#id_person").select_option(value=str(data["person_pk"]))
    page.locator("#id_consent").select_option(value=str(data["consent"]))
    page.get_by_label("Name", exact=True).check()
    page.get_by_label("Sprachen und Bedarf an Sprachmittlung").check()
    page.get_by_label("Jobcenter-Auflage").check()
    page.locator("#id_milestone_type").select_option(
        label="Integrationskurs (BAMF, A1–B1, mit „Leben in Deutschland“)"
    )
    page.locator("#id_message").fill("Bitte um einen Platz am Vormittag.")
    with page.expect_navigation():
        page.get_by_role("button", name="Vermittlung senden").click()
    assert page.get_by_text("Die Vermittlung wurde gesendet.").is_visible()
    assert_accessible(page, context="(referral, sender)")
    referral_url = page.url
    _logout(page)

    # Receiver: the VHS sees the referral in its inbox, with only what was shared.
    login(page, "anbieter@essen.teilhabe.example")
    page.goto("/vermittlungen/?box=eingang")
    assert_accessible(page, context="(inbox)")
    with page.expect_navigation():
        page.get_by_role("link", name="Mohammed Haddad").first.click()
    body = page.locator("main").inner_text()
    assert "Mohammed Haddad" in body
    assert data["bamf"] not in body and "1985" not in body
    assert_accessible(page, context="(referral, receiver)")
    with page.expect_navigation():
        page.get_by_role("button", name="Auf die Warteliste setzen").click()
    assert "auf der Warteliste" in page.locator("main").inner_text()

    # A place frees up (somebody left the course); the provider allocates it.
    e2e_server.python(
        f"from teilhabe.offers.models import Offer; "
        f"Offer.objects.filter(pk={data['offer']}).update(free_places=1)"
    )
    page.goto("/vermittlungen/platzvergabe/")
    assert_accessible(page, context="(allocation proposal)")
    proposal = page.locator("main").inner_text()
    assert "Mohammed Haddad erhält einen Platz" in proposal
    assert "Dafür spricht:" in proposal and "Punkte" not in proposal
    with page.expect_navigation():
        page.get_by_role("button", name="Ausgewählte Plätze bestätigen").click()
    assert page.get_by_text("1 Platz vergeben.").is_visible()

    page.goto(referral_url)
    with page.expect_navigation():
        page.get_by_role("button", name="Beginn eintragen").click()
    # Completing cannot be undone: it asks for confirmation first.
    page.get_by_text("Abschluss eintragen …").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Bestätigen: Abschluss eintragen").click()
    assert "abgeschlossen" in page.locator("main").inner_text()
    assert_accessible(page, context="(referral completed)")
    page.goto("/vermittlungen/benachrichtigungen/")
    assert_accessible(page, context="(notifications)")
    _logout(page)

    # Steering sees the figures, never the person.
    login(page, "steuerung@essen.teilhabe.example")
    with page.expect_navigation():
        page.get_by_role("link", name="Kennzahlen", exact=True).click()
    assert "Haddad" not in page.locator("main").inner_text()
    assert "< 5" in page.locator("main").inner_text()
    assert_accessible(page, context="(referral figures)")
    _logout(page)

    # Sender again: the timeline shows every step; the milestone is achieved.
    login(page, "fachkraft@essen.teilhabe.example")
    page.goto(referral_url)
    timeline = page.locator(".app-timeline").inner_text()
    for step in ("auf der Warteliste", "angenommen, Platz vergeben", "begonnen", "abgeschlossen"):
        assert step in timeline
    page.goto(f"/faelle/person/{data['person']}/")
    milestones = page.locator("main").inner_text()
    assert "Integrationskurs" in milestones and "erreicht" in milestones
    assert_accessible(page, context="(person with achieved milestone)")
