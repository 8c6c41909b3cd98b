"""The security baseline: headers, cookies, password hashing, login throttling, health check."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

LOGIN = "/konto/anmelden/"


def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    response = client.get(LOGIN)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp


def test_pages_carry_the_secure_headers(client):
    response = client.get(LOGIN)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_of_logged_in_users_are_never_cached(client_as):
    response = client_as("case_worker").get("/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_passwords_are_hashed_with_argon2_in_production():
    from teilhabe import settings as real

    assert real.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sessions_end_after_the_idle_timeout():
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    assert settings.SESSION_TOUCH_SECONDS <= 60
    assert settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.django_db
def test_the_idle_timeout_slides_with_use_but_the_session_is_written_once_a_minute(
    client_as,
):
    """Each request more than a minute after the last write moves the session's expiry;
    requests within that minute do not write the session row; an idle session ends."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = client_as("case_worker")
    key = client.session.session_key
    start = time.time()
    with mock.patch("teilhabe.core.middleware.time.time", return_value=start):
        assert client.get("/").status_code == 200
    first = Session.objects.get(session_key=key).expire_date
    with (
        mock.patch("teilhabe.core.middleware.time.time", return_value=start + 30),
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get("/").status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert Session.objects.get(session_key=key).expire_date == first
    with mock.patch("teilhabe.core.middleware.time.time", return_value=start + 61):
        assert client.get("/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date > first
    # Idle for longer than the timeout: the session has ended and the next page asks to log in.
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    response = client.get("/")
    assert response.status_code == 302 and LOGIN in response["Location"]


def test_production_cookies_are_secure_by_default():
    from teilhabe.env import env_bool

    # HTTPS defaults to "on" whenever DEBUG is off (see settings.py).
    assert env_bool("UNSET_VARIABLE_FOR_TEST", not False) is True


@pytest.mark.django_db
def test_the_login_is_locked_after_repeated_failures(client, cast):
    email = cast.case_worker.email
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": email, "password": "wrong-password-123"})
    response = client.post(LOGIN, {"username": email, "password": settings.DEMO_PASSWORD})
    assert response.status_code == 429
    assert "gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_is_by_e_mail_address_in_any_case(client, cast):
    response = client.post(
        LOGIN, {"username": cast.case_worker.email.upper(), "password": settings.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:start")


@pytest.mark.django_db
def test_a_wrong_password_gets_a_german_message(client, cast):
    response = client.post(LOGIN, {"username": cast.case_worker.email, "password": "falsch"})
    assert response.status_code == 200
    assert "E-Mail-Adresse" in response.content.decode()
    assert response.context["form"].errors


@pytest.mark.django_db
def test_the_health_check_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_the_health_check_answers_503_when_the_database_is_down(client):
    with mock.patch("teilhabe.core.views.connection.cursor", side_effect=OSError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_the_admin_is_only_for_administrators(client_as):
    assert client_as("case_worker").get("/admin/").status_code in (302, 403)
    assert client_as("admin").get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_lock_counts_spellings_of_one_address_together_and_spares_other_users(client, cast):
    email = cast.case_worker.email
    for i in range(settings.AXES_FAILURE_LIMIT):
        spelled = email.upper() if i % 2 else email
        client.post(LOGIN, {"username": spelled, "password": "wrong-password-123"})
    locked = client.post(LOGIN, {"username": email, "password": settings.DEMO_PASSWORD})
    assert locked.status_code == 429
    other = client.post(
        LOGIN, {"username": cast.foreign_case_worker.email, "password": settings.DEMO_PASSWORD}
    )
    assert other.status_code == 302
