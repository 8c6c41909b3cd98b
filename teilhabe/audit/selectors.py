from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from teilhabe.access import Action, visible
from teilhabe.audit.models import AuditEntry


def date_range_check(date_from: datetime.date | None, date_to: datetime.date | None) -> None:
    """A date range must not end before it starts."""
    if date_from and date_to and date_to < date_from:
        raise ValidationError(
            _("The range ends (%(to)s) before it starts (%(from)s); swap the two dates.")
            % {"to": f"{date_to:%d.%m.%Y}", "from": f"{date_from:%d.%m.%Y}"}
        )


def entries_for(
    user: Any,
    *,
    who: str = "",
    record: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    date_range_check(date_from, date_to)
    qs = visible(user, Action.VIEW_AUDIT_LOG, AuditEntry)
    if who:
        qs = qs.filter(user_label__icontains=who)
    if record:
        qs = qs.filter(Q(record_code=record) | Q(person_code=record))
    if action:
        qs = qs.filter(action=action)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.select_related("organisation").order_by("-at", "-id")


def person_report(user: Any, person_code: str) -> QuerySet[AuditEntry]:
    """Every access to one person: entries naming the person, oldest first."""
    return (
        visible(user, Action.VIEW_AUDIT_LOG, AuditEntry)
        .filter(Q(person_code=person_code) | Q(record_code=person_code))
        .select_related("organisation")
        .order_by("at", "id")
    )
