"""Background work of referrals: e-mail for notifications, daily digests, overdue reminders.

Run daily by the operator's scheduler (cron or a systemd timer): ``manage.py referrals_daily``
enqueues reminders and digests; the worker (``manage.py db_worker``) sends the mail. The mail
tasks live with the notifications (:mod:`teilhabe.referrals.notifications`).
"""

from __future__ import annotations

from django_tasks import task

from teilhabe.referrals.notifications import deliver_notifications, send_digests
from teilhabe.referrals.services import referrals_remind_overdue

__all__ = ["deliver_notifications", "remind_overdue", "send_digests"]


@task()
def remind_overdue() -> dict:
    result = referrals_remind_overdue()
    return {"reminded": result.reminded, "escalated": result.escalated}
