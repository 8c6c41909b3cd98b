"""Background work of referrals: e-mail for notifications, daily digests, overdue reminders.

Run daily by the operator's scheduler (cron or a systemd timer): ``manage.py referrals_daily``
enqueues reminders and digests; the worker (``manage.py db_worker``) sends the mail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from teilhabe.jobs.services import mail_key, mail_send_once
from teilhabe.referrals.models import DeliveryMode, Notification


def _mode(user) -> str:
    pref = getattr(user, "notification_preference", None)
    return pref.mode if pref is not None else DeliveryMode.IMMEDIATE


@task()
def deliver_notifications(*, codes: list[str]) -> int:
    """E-mail each new notification to users who want every one immediately."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for n in Notification.objects.filter(
            code__in=codes, emailed_at__isnull=True
        ).select_related("user", "user__notification_preference"):
            if _mode(n.user) != DeliveryMode.IMMEDIATE or not n.user.email:
                continue
            # The sent-mail key and the notification's marker commit together: a task run
            # again after a lost worker does not mail the same notification twice.
            with transaction.atomic():
                if mail_send_once(
                    key=mail_key("notification", n.code),
                    subject=_("Teilhabe: %(text)s") % {"text": n.text[:120]},
                    body=n.text + "\n\n" + _("Details after logging in to Teilhabe."),
                    to=[n.user.email],
                ):
                    sent += 1
                Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
    return sent


@task()
def send_digests() -> int:
    """One e-mail per digest user with every notification not yet e-mailed."""
    sent = 0
    pending: dict = {}
    for n in (
        Notification.objects.filter(
            emailed_at__isnull=True, user__notification_preference__mode=DeliveryMode.DIGEST
        )
        .select_related("user")
        .order_by("created_at")
    ):
        pending.setdefault(n.user, []).append(n)
    with translation.override(settings.LANGUAGE_CODE):
        for user, items in pending.items():
            # One digest per user and set of notifications; key and markers commit together.
            with transaction.atomic():
                if user.email and mail_send_once(
                    key=mail_key("digest", user.pk, *sorted(str(n.code) for n in items)),
                    subject=_("Teilhabe: %(n)d new notifications") % {"n": len(items)},
                    body="\n".join(f"- {n.text}" for n in items)
                    + "\n\n"
                    + _("Details after logging in to Teilhabe."),
                    to=[user.email],
                ):
                    sent += 1
                Notification.objects.filter(pk__in=[n.pk for n in items]).update(
                    emailed_at=timezone.now()
                )
    return sent


@task()
def remind_overdue() -> dict:
    from teilhabe.referrals.services import referrals_remind_overdue

    result = referrals_remind_overdue()
    return {"reminded": result.reminded, "escalated": result.escalated}
