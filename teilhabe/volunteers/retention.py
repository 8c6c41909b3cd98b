"""Retention of volunteer data (days; override with ``VOLUNTEERS_RETENTION_DAYS``):

================  =====  ===========================================================
category          days   what happens
================  =====  ===========================================================
``unconfirmed``     30   registrations never confirmed by e-mail are deleted
``requirements``    —    certificate records of volunteers who left are deleted after
                         the requirement kind's ``keep_days_after_leaving`` (90: 3 months)
``volunteers``     365   volunteers who left are anonymised (name, contact, notes,
                         languages); hours and assignments stay, unnamed, for figures
================  =====  ===========================================================

:func:`retention_report` lists what has expired without changing anything;
:func:`retention_apply` does exactly that, one audit entry per record. They run with the
project's retention job (``manage.py retention`` and the task ``retention_run``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from teilhabe.access import Action, acting_person, check
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record
from teilhabe.volunteers.models import Requirement, Volunteer, VolunteerStatus
from teilhabe.volunteers.services import volunteer_refresh_placeable

DEFAULT_RETENTION_DAYS = {"unconfirmed": 30, "volunteers": 365}


def retention_days() -> dict[str, int]:
    return {**DEFAULT_RETENTION_DAYS, **getattr(settings, "VOLUNTEERS_RETENTION_DAYS", {})}


@dataclass
class VolunteerRetentionReport:
    today: datetime.date
    expired: dict[str, list[int]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {f"volunteers.{k}": len(v) for k, v in self.expired.items()}


def retention_report(*, today: datetime.date | None = None) -> VolunteerRetentionReport:
    today = today or timezone.localdate()
    days = retention_days()
    report = VolunteerRetentionReport(today)
    cutoff = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=days["unconfirmed"]), datetime.time()
        )
    )
    report.expired["unconfirmed"] = list(
        Volunteer.objects.filter(confirmed_at__isnull=True, registered_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    left = Volunteer.objects.filter(status=VolunteerStatus.LEFT, left_on__isnull=False)
    report.expired["requirements"] = [
        r.pk
        for r in Requirement.objects.filter(volunteer__in=left)
        .select_related("kind", "volunteer")
        .order_by("pk")
        if r.volunteer.left_on + datetime.timedelta(days=r.kind.keep_days_after_leaving) <= today
    ]
    report.expired["volunteers"] = list(
        left.filter(
            anonymised_at__isnull=True,
            left_on__lte=today - datetime.timedelta(days=days["volunteers"]),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return report


@transaction.atomic
def retention_apply(*, user, report: VolunteerRetentionReport) -> dict[str, int]:
    """Delete or anonymise exactly what ``report`` found; one audit entry per record."""
    check(user, Action.APPLY_RETENTION)
    actor = acting_person(user)
    done = {}
    unconfirmed = list(Volunteer.objects.filter(pk__in=report.expired.get("unconfirmed", [])))
    for v in unconfirmed:
        audit_record(user=actor, action=AuditAction.DELETE, obj=v, detail="retention: unconfirmed")
        v.districts.clear()
        v.delete()
    done["volunteers.unconfirmed"] = len(unconfirmed)
    requirements = list(
        Requirement.objects.filter(pk__in=report.expired.get("requirements", [])).select_related(
            "volunteer__contact_point"
        )
    )
    for r in requirements:
        audit_record(user=actor, action=AuditAction.DELETE, obj=r, detail="retention")
    Requirement.objects.filter(pk__in=[r.pk for r in requirements]).delete()
    volunteer_refresh_placeable(volunteer_ids=sorted({r.volunteer_id for r in requirements}))
    done["volunteers.requirements"] = len(requirements)
    volunteers = list(
        Volunteer.objects.filter(pk__in=report.expired.get("volunteers", [])).select_related(
            "contact_point"
        )
    )
    now = timezone.now()
    for v in volunteers:
        v.first_name, v.last_name = "anonymisiert", ""
        v.email, v.phone = "", ""
        v.motivation = v.interview_notes = v.insurance_note = ""
        v.languages = {}
        v.anonymised_at = now
        v.set_derived()
        v.save()
        v.trainings.all().delete()
        v.requirements.all().delete()
        audit_record(user=actor, action=AuditAction.ANONYMISE, obj=v, detail="retention")
    done["volunteers.volunteers"] = len(volunteers)
    return done
