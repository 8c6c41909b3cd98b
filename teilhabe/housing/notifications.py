"""Escalation of close legal-remedy deadlines to the team lead (in-app notification and mail
through the notification machinery of referrals). Texts name no person: the team lead opens the
deadline list to see which case it is."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.access import Action, roles_with
from teilhabe.organisations.models import Membership
from teilhabe.referrals.models import Notification
from teilhabe.referrals.notifications import deliver_notifications


def notify_team_leads(case, organisation, until: datetime.date) -> int:
    members = Membership.objects.active().filter(
        organisation=organisation,
        role__in=roles_with(Action.VIEW_TEAM_CASES),
        user__is_active=True,
    )
    if case is not None and case.team_id:
        in_team = members.filter(team_id=case.team_id)
        if in_team.exists():
            members = in_team
    text = _(
        "Escalation: a legal-remedy deadline in an asylum procedure of your team ends on "
        "%(date)s and no lawsuit is recorded. See the deadline list."
    ) % {"date": f"{until:%d.%m.%Y}"}
    created = Notification.objects.bulk_create(
        Notification(user_id=uid, text=text[:300])
        for uid in set(members.values_list("user_id", flat=True))
    )
    codes = [str(n.code) for n in created]
    if codes:
        transaction.on_commit(lambda: deliver_notifications.enqueue(codes=codes))
    return len(codes)
