"""Notifications of referrals: in the app for every member who may act, by e-mail immediately
or once a day as a digest (background tasks, run by ``manage.py db_worker``).

The referral services call :func:`notify`; this module imports no other service, so nothing
imports back. A user's own settings and read marks are written here too.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from teilhabe.access import Action, check, roles_with
from teilhabe.jobs.services import mail_key, mail_send_once
from teilhabe.organisations.models import Membership, Organisation
from teilhabe.referrals.models import (
    DeliveryMode,
    Notification,
    NotificationPreference,
    Referral,
)


@transaction.atomic
def notification_preference_set(*, user: Any, mode: str) -> NotificationPreference:
    """How the user wants to hear of new notifications (immediately, daily digest, in the app
    only); everyone decides only for themselves."""
    check(user, Action.USE_APP)
    pref, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"mode": mode}
    )
    return pref


@transaction.atomic
def notifications_mark_read(*, user: Any) -> int:
    """Mark the user's unread notifications as read (when their list is shown)."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notify(referral: Referral, organisation: Organisation, action: str, text: str) -> None:
    """In-app notification for every member of ``organisation`` who may ``action``; e-mail
    after commit for those who want it immediately (digests go out once a day)."""
    roles = roles_with(action)
    users = (
        Membership.objects.active()
        .filter(organisation=organisation, role__in=roles, user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    created = Notification.objects.bulk_create(
        Notification(user_id=uid, referral=referral, text=text[:300]) for uid in set(users)
    )
    codes = [str(n.code) for n in created]
    if codes:
        transaction.on_commit(lambda: deliver_notifications.enqueue(codes=codes))


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
