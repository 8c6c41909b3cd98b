"""Tasks run at least once, so a task that runs again must not send the same mail twice:
password-reset mails, referral notifications and digests."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult, get_date_max

from teilhabe.access.roles import Role
from teilhabe.jobs.worker import LeasedWorker
from teilhabe.referrals.models import DeliveryMode, Notification, NotificationPreference
from teilhabe.referrals.tasks import deliver_notifications, send_digests

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=DATABASE_TASKS)
def test_a_mail_task_delivered_twice_sends_one_mail():
    row = DBTaskResult.objects.create(
        task_path="teilhabe.core.tasks.send_email",
        args_kwargs={"args": [], "kwargs": {"subject": "S", "body": "B", "to": ["a@example.org"]}},
        backend_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )
    worker = LeasedWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="w",
        excluded_queue_names=[],
    )
    for _ in range(2):  # e.g. the first worker sent the mail and was killed before finishing
        DBTaskResult.objects.filter(id=row.id).update(status="READY")
        row.refresh_from_db()
        row.claim("w")
        worker.run_task(row)
    assert len(mail.outbox) == 1


def test_a_password_reset_mail_is_sent_once_per_request_even_if_its_task_runs_twice(
    client, cast, django_capture_on_commit_callbacks
):
    from teilhabe.core.tasks import send_email

    user = cast.user(Role.CASE_WORKER)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    # The same event again (what a second run of the task does): nothing more is sent.
    callbacks[0]()
    assert len(mail.outbox) == 1
    # A different event (another key) is sent.
    send_email.enqueue(subject="S", body="B", to=[user.email], key="other")
    assert len(mail.outbox) == 2
    # A second reset request is a new event: its own mail.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mail.outbox) == 3


def _notification(user, **values):
    return Notification.objects.create(user=user, text="Neue Vermittlung an die VHS", **values)


def test_a_notification_whose_marker_was_lost_is_not_mailed_again(cast):
    user = cast.user(Role.PROVIDER_EDITOR)
    n = _notification(user)
    deliver_notifications.enqueue(codes=[str(n.code)])
    assert len(mail.outbox) == 1
    # Two runs of the task read the notification before either marked it as e-mailed.
    Notification.objects.filter(pk=n.pk).update(emailed_at=None)
    deliver_notifications.enqueue(codes=[str(n.code)])
    assert len(mail.outbox) == 1
    n.refresh_from_db()
    assert n.emailed_at is not None


def test_a_digest_is_not_mailed_twice_for_the_same_notifications(cast):
    user = cast.user(Role.PROVIDER_EDITOR)
    NotificationPreference.objects.update_or_create(
        user=user, defaults={"mode": DeliveryMode.DIGEST}
    )
    first, second = _notification(user), _notification(user)
    send_digests.enqueue()
    assert len(mail.outbox) == 1
    Notification.objects.filter(pk__in=[first.pk, second.pk]).update(emailed_at=None)
    send_digests.enqueue()
    assert len(mail.outbox) == 1
    _notification(user)  # a new notification is a new digest
    Notification.objects.filter(pk__in=[first.pk, second.pk]).update(emailed_at=None)
    send_digests.enqueue()
    assert len(mail.outbox) == 2
