import re

import pytest
from django.core import mail
from django.urls import reverse

from teilhabe.audit.models import AuditEntry
from teilhabe.offers.models import Offer, RegistrationRequest, RegistrationStatus
from teilhabe.offers.tasks import notify_registration_request
from teilhabe.public import spam

pytestmark = pytest.mark.django_db


@pytest.fixture
def finder_offer():
    return Offer.objects.get(key="vhs-alphabetisierung-steele")


@pytest.fixture
def instant(monkeypatch):
    """No waiting for the minimum time between serving and sending the form."""
    monkeypatch.setattr(spam, "MIN_SECONDS", 0)


def _form(client, offer, lang="de"):
    url = reverse("public:register", args=[lang, offer.code])
    page = client.get(url)
    assert page.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    return url, token


def _data(token, **changes):
    data = {
        "name": "Olena Kowalenko",
        "email": "olena@example.org",
        "phone": "",
        "participants": "2",
        "message": "Wir sprechen etwas Deutsch.",
        "consent": "on",
        "token": token,
        "website": "",
    }
    data.update(changes)
    return data


def test_a_person_registers_without_an_account_and_the_provider_gets_a_mail(
    client, finder_offer, instant
):
    url, token = _form(client, finder_offer, "uk")
    response = client.post(url, _data(token))
    assert response.status_code == 302
    assert response["Location"].endswith("?gesendet=1")
    assert not response.cookies  # no session, no CSRF cookie
    request = RegistrationRequest.objects.get(offer=finder_offer)
    assert (request.name, request.participants, request.language) == ("Olena Kowalenko", 2, "uk")
    assert finder_offer.organisation.name in request.consent_text
    assert AuditEntry.objects.filter(record_code=str(request.code), action="create").exists()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to  # the offer's contact, the organisation, or its provider editors
    assert "Olena" not in sent.body  # no personal data by mail: the link needs a login
    assert reverse("offers:registrations") in sent.body
    # The worker may run the task again (lost worker): the mail is not sent twice.
    notify_registration_request.call(code=str(request.code))
    assert len(mail.outbox) == 1
    thanks = client.get(response["Location"]).content.decode()
    assert "kern-alert--success" in thanks


def test_a_request_without_a_way_to_reach_the_person_is_refused_with_the_input_kept(
    client, finder_offer, instant
):
    url, token = _form(client, finder_offer)
    response = client.post(url, _data(token, email="", phone="", consent=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte korrigieren Sie" in html
    assert 'href="#id_email"' in html and 'href="#id_consent"' in html
    assert 'value="Olena Kowalenko"' in html
    assert not RegistrationRequest.objects.exists()


def test_a_filled_honeypot_stores_nothing_but_looks_like_success(client, finder_offer, instant):
    url, token = _form(client, finder_offer)
    response = client.post(url, _data(token, website="http://spam.example"))
    assert response.status_code == 302
    assert not RegistrationRequest.objects.exists()
    assert not mail.outbox


def test_a_form_sent_too_quickly_or_with_a_forged_token_is_refused(client, finder_offer):
    url, token = _form(client, finder_offer)
    too_quick = client.post(url, _data(token)).content.decode()
    assert "zu schnell" in too_quick
    forged = client.post(url, _data(token[:-2] + "xx")).content.decode()
    assert "zu schnell" in forged
    other = Offer.objects.get(key="vhs-berufssprachkurs-b2")
    assert not spam.token_ok(token, other.code, now=10**10)
    assert not RegistrationRequest.objects.exists()


def test_requests_are_limited_per_address(client, finder_offer, instant, settings):
    settings.PUBLIC_REGISTRATION_RATE = "2/hour"
    url, token = _form(client, finder_offer)
    codes = [client.post(url, _data(token, name=f"Person {i}")).status_code for i in range(3)]
    assert codes == [302, 302, 200]
    assert RegistrationRequest.objects.count() == 2


def test_an_offer_without_finder_registration_has_no_form(client):
    offer = Offer.objects.get(key="vhs-integrationskurs-a1")
    assert not offer.registration_via_finder
    assert client.get(reverse("public:register", args=["de", offer.code])).status_code == 404


def test_the_provider_answers_a_request_and_every_read_is_audited(
    client_as, cast, client, finder_offer, instant
):
    url, token = _form(client, finder_offer)
    client.post(url, _data(token))
    request = RegistrationRequest.objects.get()
    editor = client_as("provider_editor")
    page = editor.get(reverse("offers:registrations")).content.decode()
    assert "Olena Kowalenko" in page and "olena@example.org" in page
    assert AuditEntry.objects.filter(record_code=str(request.code), action="read").exists()
    response = editor.post(
        reverse("offers:registration_status", args=[request.code]),
        {"status": RegistrationStatus.ACCEPTED},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RegistrationStatus.ACCEPTED and request.handled_by is not None
    assert AuditEntry.objects.filter(record_code=str(request.code), action="update").exists()


def test_no_one_else_sees_the_requests(client_as, client, finder_offer, instant):
    url, token = _form(client, finder_offer)
    client.post(url, _data(token))
    request = RegistrationRequest.objects.get()
    for role in ("admin", "city_steering", "borough_coordinator", "case_worker"):
        other = client_as(role)
        assert other.get(reverse("offers:registrations")).status_code == 403
        answer = other.post(
            reverse("offers:registration_status", args=[request.code]), {"status": "accepted"}
        )
        assert answer.status_code == 403
    request.refresh_from_db()
    assert request.status == RegistrationStatus.NEW


def test_requests_are_deleted_half_a_year_after_the_answer_or_a_year_after_silence(finder_offer):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    now = timezone.now()

    def request(name, *, received_days_ago, answered_days_ago=None):
        r = RegistrationRequest.objects.create(
            offer=finder_offer, name=name, phone="0201 1", consent_text="ja"
        )
        handled = None
        if answered_days_ago is not None:
            handled = now - datetime.timedelta(days=answered_days_ago)
        RegistrationRequest.objects.filter(pk=r.pk).update(
            created_at=now - datetime.timedelta(days=received_days_ago),
            handled_at=handled,
            status=RegistrationStatus.CONTACTED if handled else RegistrationStatus.NEW,
        )
        return r

    old_answer = request("Alt beantwortet", received_days_ago=200, answered_days_ago=181)
    recent_answer = request("Neu beantwortet", received_days_ago=200, answered_days_ago=100)
    silent_long = request("Lange unbeantwortet", received_days_ago=366)
    silent_short = request("Kurz unbeantwortet", received_days_ago=200)
    call_command("retention", "--apply")
    left = set(RegistrationRequest.objects.values_list("pk", flat=True))
    assert left == {recent_answer.pk, silent_short.pk}
    for gone in (old_answer, silent_long):
        entry = AuditEntry.objects.get(record_code=str(gone.code), action="delete")
        assert entry.detail == "retention: registrations" and entry.user is None
