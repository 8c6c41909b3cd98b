"""Retention periods after a case closes, and the job that enforces them.

Defaults (days after the case closed; override with ``CASES_RETENTION_DAYS`` in settings):

=================  =====  =====================================================
category           days   what happens
=================  =====  =====================================================
``notes``          1095   contact notes deleted (3 years)
``appointments``    365   appointments deleted (1 year)
``deadlines``       365   deadlines deleted (1 year)
``documents``      1095   documents deleted, files removed (3 years)
``persons``        3650   persons and household anonymised when *all* cases of the
                          household closed this long ago (10 years); sharing grants
                          and consents of the household deleted
=================  =====  =====================================================

Other apps add their parts (registered once in their ``AppConfig.ready`` with
:func:`retention_part_register`), e.g. the offers directory's registration requests.

:func:`retention_report` lists what has expired without changing anything;
:func:`retention_apply` (a service: ``user`` must hold ``Action.APPLY_RETENTION``, which only
:data:`~teilhabe.access.SYSTEM` does) deletes or anonymises exactly that in one transaction and
writes one audit entry per record. The task :func:`retention_run` and ``manage.py retention``
run both as ``SYSTEM``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from teilhabe.access import Action, acting_person, check
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record
from teilhabe.cases.models import (
    Appointment,
    Consent,
    ContactNote,
    Deadline,
    Document,
    Household,
    Milestone,
    Person,
    SharingGrant,
)

DEFAULT_RETENTION_DAYS = {
    "notes": 3 * 365,
    "appointments": 365,
    "deadlines": 365,
    "documents": 3 * 365,
    "persons": 10 * 365,
}


def retention_days() -> dict[str, int]:
    return {**DEFAULT_RETENTION_DAYS, **getattr(settings, "CASES_RETENTION_DAYS", {})}


@dataclass(frozen=True)
class RetentionPart:
    """Another app's part of the retention job: ``expired(today)`` gives the primary keys whose
    period is over; ``apply(user=…, pks=…)`` deletes them (one audit entry each, detail
    ``"retention: <key>"``) inside the job's transaction and answers how many it deleted."""

    key: str
    expired: Callable[[datetime.date], list[int]]
    apply: Callable[..., int]


RETENTION_PARTS: list[RetentionPart] = []


def retention_part_register(part: RetentionPart) -> None:
    if all(p.key != part.key for p in RETENTION_PARTS):
        RETENTION_PARTS.append(part)


@dataclass
class RetentionReport:
    today: datetime.date
    expired: dict[str, list[int]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.expired.items()}


def _closed_before(days: int, today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=days)


def retention_report(*, today: datetime.date | None = None) -> RetentionReport:
    today = today or timezone.localdate()
    days = retention_days()
    report = RetentionReport(today)
    for key, model in (
        ("notes", ContactNote),
        ("appointments", Appointment),
        ("deadlines", Deadline),
        ("documents", Document),
    ):
        limit = _closed_before(days[key], today)
        report.expired[key] = list(
            model.objects.filter(case__closed_on__isnull=False, case__closed_on__lt=limit)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    limit = _closed_before(days["persons"], today)
    households = (
        Household.objects.filter(anonymised_at__isnull=True, cases__isnull=False)
        .annotate(last_closed=Max("cases__closed_on"))
        .exclude(cases__closed_on__isnull=True)
        .filter(last_closed__lt=limit)
        .order_by("pk")
    )
    report.expired["households"] = list(households.values_list("pk", flat=True).distinct())
    for part in RETENTION_PARTS:
        report.expired[part.key] = list(part.expired(today))
    return report


@transaction.atomic
def retention_apply(*, user, report: RetentionReport) -> dict[str, int]:
    """Delete or anonymise exactly what ``report`` found; one audit entry per record."""
    check(user, Action.APPLY_RETENTION)
    actor = acting_person(user)
    done: dict[str, int] = {}
    for key, model in (
        ("notes", ContactNote),
        ("appointments", Appointment),
        ("deadlines", Deadline),
        ("documents", Document),
    ):
        rows = list(
            model.objects.filter(pk__in=report.expired.get(key, [])).select_related(
                "case", "person"
            )
        )
        for row in rows:
            audit_record(user=actor, action=AuditAction.DELETE, obj=row, detail=f"retention: {key}")
            if key == "documents":
                row.file.delete(save=False)
            row.delete()
        done[key] = len(rows)
    households = list(Household.objects.filter(pk__in=report.expired.get("households", [])))
    now = timezone.now()
    anonymised = 0
    for household in households:
        persons = list(Person.objects.filter(household=household))
        grants = SharingGrant.objects.filter(case__household=household)
        for g in grants:
            audit_record(user=actor, action=AuditAction.DELETE, obj=g, detail="retention: persons")
        grants.delete()
        for consent in Consent.objects.filter(person__household=household):
            audit_record(
                user=actor, action=AuditAction.DELETE, obj=consent, detail="retention: persons"
            )
            consent.delete()
        for p in persons:
            _anonymise(p, now)
            audit_record(
                user=actor, action=AuditAction.ANONYMISE, obj=p, detail="retention: persons"
            )
        household.name = f"Haushalt {household.code.hex[:8]}"
        household.anonymised_at = now
        household.save(update_fields=["name", "anonymised_at"])
        audit_record(
            user=actor, action=AuditAction.ANONYMISE, obj=household, detail="retention: persons"
        )
        anonymised += len(persons)
    done["persons"] = anonymised
    done["households"] = len(households)
    for part in RETENTION_PARTS:
        done[part.key] = part.apply(user=user, pks=report.expired.get(part.key, []))
    return done


# Other apps blank their identifying fields of an anonymised person (registered in their
# AppConfig.ready; called with ``person``), e.g. housing: flat addresses, BAMF file numbers.
ANONYMISE_HOOKS: list = []


def _anonymise(person: Person, now) -> None:
    """Keep only what the statistics need: year of birth, gender, nationality, residence
    status, arrival dates and the integration plan (milestones with dates)."""
    blank = {
        "family_name": "anonymisiert",
        "given_names": "",
        "other_spellings": "",
        "birth_month": None,
        "birth_day": None,
        "bamf_file_number": "",
        "street": "",
        "postcode": "",
        "phone": "",
        "email": "",
        "school_background": "",
        "work_background": "",
        "unaccompanied_minor": False,
        "disability": False,
        "pregnancy": False,
        "single_parent": False,
        "trauma": False,
        "health_notes": "",
        "search_name": "",
        "family_key": "",
        "given_key": "",
        "anonymised_at": now,
    }
    for k, v in blank.items():
        setattr(person, k, v)
    person.save()
    Milestone.objects.filter(person=person).update(note="")
    for hook in ANONYMISE_HOOKS:
        hook(person=person)
