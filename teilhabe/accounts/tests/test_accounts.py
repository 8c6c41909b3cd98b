"""Log in by e-mail, change and reset the password — in German."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from teilhabe.accounts.models import User

pytestmark = pytest.mark.django_db


def test_users_are_identified_by_e_mail_address():
    assert User.USERNAME_FIELD == "email"
    with pytest.raises(ValueError):
        User.objects.create_user("", "some-long-password-123")


def test_a_password_reset_mail_is_sent_in_german_through_the_task_queue(
    client, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:password_reset"), {"email": cast.case_worker.email}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [cast.case_worker.email]
    assert "Passwort" in mail.outbox[0].subject + mail.outbox[0].body


def test_a_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_password_change_needs_the_old_password_and_a_strong_new_one(client, cast):
    client.force_login(cast.case_worker)
    url = reverse("accounts:password_change")
    weak = client.post(
        url,
        {
            "old_password": settings.DEMO_PASSWORD,
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )
    assert weak.status_code == 200
    assert "mindestens 12 Zeichen" in weak.content.decode()
    ok = client.post(
        url,
        {
            "old_password": settings.DEMO_PASSWORD,
            "new_password1": "Ein-langes-neues-Passwort-2026",
            "new_password2": "Ein-langes-neues-Passwort-2026",
        },
    )
    assert ok.status_code == 302
    cast.case_worker.refresh_from_db()
    assert cast.case_worker.check_password("Ein-langes-neues-Passwort-2026")


def test_logout_is_a_post_and_ends_the_session(client, cast):
    client.force_login(cast.case_worker)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session
