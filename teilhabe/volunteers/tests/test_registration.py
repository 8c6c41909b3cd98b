"""Public registration without an account: double opt-in, spam protection, languages."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from teilhabe.audit.models import AuditEntry
from teilhabe.geography.models import District
from teilhabe.volunteers import tokens
from teilhabe.volunteers.models import Volunteer, VolunteerStatus
from teilhabe.volunteers.testing import demo_contact_point

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def point(cast):
    return demo_contact_point()


def _data(**overrides):
    district = District.objects.order_by("name").first()
    data = {
        "first_name": "Amal",
        "last_name": "Beispiel",
        "email": "Amal@Example.org",
        "phone": "",
        "language_1": "ar",
        "level_1": "4",
        "language_2": "de",
        "level_2": "3",
        "skills": ["accompanying", "homework"],
        "districts": [str(district.pk)],
        "availability": ["0-0", "2-1"],
        "privacy": "on",
        "started": tokens.form_token(time.time() - 30),
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _post(client, lang="de", **overrides):
    return client.post(reverse("volunteering:register", args=[lang]), _data(**overrides))


def test_the_registration_page_works_in_german_and_english(client, point):
    de = client.get(reverse("volunteering:register", args=["de"]))
    en = client.get(reverse("volunteering:register", args=["en"]))
    assert "Ehrenamtlich mitmachen" in de.content.decode()
    assert "Become a volunteer" in en.content.decode()
    assert en["Content-Language"] == "en"
    assert client.get("/mitmachen/xx/").status_code == 404


def test_a_registration_is_stored_unconfirmed_and_a_confirmation_mail_is_sent(
    client, point, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, lang="en")
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(email="amal@example.org")
    assert volunteer.status == VolunteerStatus.UNCONFIRMED
    assert volunteer.languages == {"ar": 4, "de": 3}
    assert volunteer.language_index == "|ar:4|de:3|"
    assert volunteer.correspondence_language == "en"
    assert volunteer.privacy_consent_at is not None
    assert len(mail.outbox) == 1
    assert "confirm" in mail.outbox[0].subject.lower()
    link = re.search(r"http://testserver(/mitmachen/en/bestaetigen/[^/\s]+/)", mail.outbox[0].body)
    assert link

    page = client.get(link.group(1))
    assert page.status_code == 200
    volunteer.refresh_from_db()
    assert volunteer.confirmed_at is None  # opening the link confirms nothing
    client.post(link.group(1))
    volunteer.refresh_from_db()
    assert volunteer.confirmed_at is not None
    assert volunteer.status == VolunteerStatus.INTERESTED


def test_a_forged_confirmation_link_is_refused_in_german(client, point):
    response = client.post(reverse("volunteering:confirm", args=["de", "forged"]))
    assert response.status_code == 400
    assert "Dieser Bestätigungslink ist ungültig oder abgelaufen" in response.content.decode()


def test_the_honeypot_field_refuses_the_registration_and_keeps_the_input(client, point):
    response = _post(client, website="http://spam.example")
    assert response.status_code == 200
    assert not Volunteer.objects.exists()
    assert 'value="Amal"' in response.content.decode()


def test_a_form_sent_back_within_seconds_is_refused(client, point):
    response = _post(client, started=tokens.form_token())
    assert "Das ging sehr schnell" in response.content.decode()
    assert not Volunteer.objects.exists()


def test_a_forged_form_token_is_refused(client, point):
    response = _post(client, started="123")
    assert "Das Formular ist abgelaufen oder beschädigt" in response.content.decode()
    assert not Volunteer.objects.exists()


def test_the_rate_limit_stops_the_sixth_registration_from_one_address(client, point):
    for i in range(5):
        assert _post(client, email=f"p{i}@example.org").status_code == 302
    response = _post(client, email="p6@example.org")
    assert "Zu viele Anmeldungen" in response.content.decode()
    assert Volunteer.objects.count() == 5


def test_a_language_without_level_is_marked_at_the_field(client, point):
    response = _post(client, level_1="")
    body = response.content.decode()
    assert 'id="id_level_1_error"' in body
    assert "Bitte geben Sie an, wie gut Sie diese Sprache sprechen." in body
    assert not Volunteer.objects.exists()


def test_registration_without_privacy_consent_is_refused(client, point):
    response = _post(client, privacy=None)
    assert response.status_code == 200
    assert not Volunteer.objects.exists()


def test_a_registration_is_audited_without_a_user(client, point):
    _post(client)
    volunteer = Volunteer.objects.get()
    entry = AuditEntry.objects.get(record_code=str(volunteer.code))
    assert entry.user is None and entry.action == "create"
