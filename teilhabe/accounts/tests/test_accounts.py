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


def test_the_reset_task_holds_identifiers_only_and_writes_the_mail_itself(
    client, cast, django_capture_on_commit_callbacks
):
    from unittest import mock

    from teilhabe.accounts import tasks

    user = cast.case_worker
    with (
        mock.patch("teilhabe.accounts.forms.send_password_reset") as queued,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("accounts:password_reset"), {"email": user.email})
    arguments = queued.enqueue.call_args.kwargs
    assert arguments["user_id"] == user.pk
    stored = repr(arguments)
    assert user.email not in stored and "Passwort" not in stored and "://" not in stored
    assert mail.outbox == []
    # The worker renders the mail, with a working link, from the identifiers.
    assert tasks.send_password_reset.call(**arguments) is True
    body = mail.outbox[0].body
    assert mail.outbox[0].to == [user.email] and "Passwort" in body
    link = next(w for w in body.split() if "/passwort/" in w and w.startswith("http"))
    page = client.get(link, follow=True)
    assert page.status_code == 200 and "new_password1" in page.content.decode()


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
