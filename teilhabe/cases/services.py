"""Writes of case management. Keyword-only, one transaction each, every change audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, can, check, organisations_where
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record
from teilhabe.cases.documents import check_upload
from teilhabe.cases.models import (
    Appointment,
    Case,
    CaseKind,
    Consent,
    ContactNote,
    Deadline,
    Document,
    Household,
    Milestone,
    MilestoneStatus,
    MilestoneType,
    Person,
    SharingGrant,
)
from teilhabe.cases.names import first_key, name_key, search_text
from teilhabe.organisations.models import Organisation

# Other apps react to a changed milestone inside the same transaction (for example housing:
# a job may lift a residence obligation). Registered in their AppConfig.ready; called with
# ``user`` and ``milestone``.
MILESTONE_HOOKS: list = []


def birth_date_check(year: int | None, month: int | None, day: int | None) -> None:
    """A date of birth may be partial (year only, year and month) but never impossible."""
    today = timezone.localdate()
    if (month or day) and not year:
        raise ValidationError(_("Enter the year of birth when a month or day is given."))
    if day and not month:
        raise ValidationError(_("Enter the month of birth when a day is given."))
    if year and not (today.year - 120 <= year <= today.year):
        raise ValidationError(_("The year of birth must lie within the last 120 years."))
    if month and not 1 <= month <= 12:
        raise ValidationError(_("The month of birth must be between 1 and 12."))
    if day:
        try:
            born = datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(_("This date of birth does not exist.")) from None
        if born > today:
            raise ValidationError(_("The date of birth lies in the future."))


def _derive_keys(person: Person) -> None:
    names = [f"{person.given_names} {person.family_name}", *person.spellings]
    person.search_name = " | ".join(search_text(n) for n in names)[:600]
    person.family_key = name_key(person.family_name)
    person.given_key = first_key(person.given_names)


@transaction.atomic
def household_register(
    *,
    user: Any,
    organisation: Organisation,
    name: str,
    head: dict[str, Any],
    kind: CaseKind,
    team=None,
) -> Case:
    """Register a household with its first member and open a case for it."""
    if organisation.pk not in organisations_where(user, Action.EDIT_CASES):
        raise PermissionDenied
    household = Household.objects.create(organisation=organisation, name=name)
    audit_record(user=user, action=AuditAction.CREATE, obj=household)
    person_create(user=user, household=household, data=head)
    return case_open(user=user, household=household, kind=kind, responsible=user, team=team)


@transaction.atomic
def person_create(*, user: Any, household: Household, data: dict[str, Any]) -> Person:
    check(user, Action.EDIT_CASES, household)
    values = {k: v for k, v in data.items() if k in Person.EDITABLE_FIELDS}
    birth_date_check(values.get("birth_year"), values.get("birth_month"), values.get("birth_day"))
    person = Person(organisation_id=household.organisation_id, household=household, **values)
    person.full_clean(exclude=["organisation", "household"])
    _derive_keys(person)
    person.save()
    audit_record(user=user, action=AuditAction.CREATE, obj=person)
    return person


@transaction.atomic
def person_update(*, user: Any, person: Person, data: dict[str, Any]) -> Person:
    check(user, Action.EDIT_CASES, person)
    sensitive_ok = can(user, Action.VIEW_SENSITIVE, person)
    changed = []
    for k, v in data.items():
        if k not in Person.EDITABLE_FIELDS or (k in Person.SENSITIVE_FIELDS and not sensitive_ok):
            continue
        if getattr(person, k) != v:
            setattr(person, k, v)
            changed.append(k)
    birth_date_check(person.birth_year, person.birth_month, person.birth_day)
    person.full_clean(exclude=["organisation", "household"])
    _derive_keys(person)
    person.save()
    audit_record(
        user=user, action=AuditAction.UPDATE, obj=person, detail="fields: " + ", ".join(changed)
    )
    return person


@transaction.atomic
def case_open(
    *, user: Any, household: Household, kind: CaseKind, responsible: Any, team=None
) -> Case:
    check(user, Action.EDIT_CASES, household)
    case = Case.objects.create(
        organisation_id=household.organisation_id,
        household=household,
        kind=kind,
        responsible=responsible,
        team=team,
    )
    audit_record(user=user, action=AuditAction.CREATE, obj=case)
    return case


@transaction.atomic
def case_close(*, user: Any, case: Case, closed_on: datetime.date, reason: str) -> Case:
    check(user, Action.EDIT_CASES, case)
    if case.organisation_id not in organisations_where(user, Action.EDIT_CASES):
        raise PermissionDenied  # only the owning organisation closes its case
    if closed_on < case.opened_on:
        raise ValidationError(_("A case cannot close before it was opened."))
    case.closed_on, case.close_reason = closed_on, reason
    case.save(update_fields=["closed_on", "close_reason"])
    audit_record(user=user, action=AuditAction.UPDATE, obj=case, detail="closed")
    return case


@transaction.atomic
def note_add(*, user: Any, case: Case, data: dict[str, Any]) -> ContactNote:
    check(user, Action.EDIT_CASES, case)
    note = ContactNote.objects.create(case=case, created_by=user, **data)
    audit_record(user=user, action=AuditAction.CREATE, obj=note)
    return note


@transaction.atomic
def deadline_add(*, user: Any, case: Case, data: dict[str, Any]) -> Deadline:
    check(user, Action.EDIT_CASES, case)
    deadline = Deadline.objects.create(case=case, created_by=user, **data)
    audit_record(user=user, action=AuditAction.CREATE, obj=deadline)
    return deadline


@transaction.atomic
def deadline_done(*, user: Any, deadline: Deadline) -> Deadline:
    check(user, Action.EDIT_CASES, deadline)
    deadline.done_on = timezone.localdate()
    deadline.save(update_fields=["done_on"])
    audit_record(user=user, action=AuditAction.UPDATE, obj=deadline, detail="done")
    return deadline


@transaction.atomic
def appointment_add(*, user: Any, case: Case, data: dict[str, Any]) -> Appointment:
    check(user, Action.EDIT_CASES, case)
    if data["ends_at"] < data["starts_at"]:
        raise ValidationError(_("An appointment cannot end before it starts."))
    appointment = Appointment.objects.create(case=case, created_by=user, **data)
    audit_record(user=user, action=AuditAction.CREATE, obj=appointment)
    return appointment


@transaction.atomic
def document_add(
    *, user: Any, case: Case, title: str, upload, person: Person | None = None
) -> Document:
    """Store an upload (checked by :func:`teilhabe.cases.documents.check_upload`)."""
    check(user, Action.EDIT_CASES, case)
    content_type = check_upload(upload)
    document = Document(
        case=case,
        person=person,
        created_by=user,
        title=title,
        original_name=upload.name[:200],
        content_type=content_type,
        size=upload.size,
    )
    document.file.save("upload", upload, save=False)
    document.save()
    audit_record(user=user, action=AuditAction.CREATE, obj=document)
    return document


@transaction.atomic
def milestone_set(
    *,
    user: Any,
    person: Person,
    type: MilestoneType,
    status: str,
    planned_on: datetime.date | None = None,
    achieved_on: datetime.date | None = None,
    note: str = "",
    weekly_hours: int | None = None,
) -> Milestone:
    check(user, Action.EDIT_CASES, person)
    if status == MilestoneStatus.ACHIEVED and achieved_on is None:
        achieved_on = timezone.localdate()
    if achieved_on and achieved_on > timezone.localdate():
        raise ValidationError(_("A milestone cannot be achieved in the future."))
    milestone, created = Milestone.objects.get_or_create(person=person, type=type)
    milestone.status = status
    milestone.planned_on = planned_on or milestone.planned_on
    if status == MilestoneStatus.IN_PROGRESS and milestone.started_on is None:
        milestone.started_on = timezone.localdate()
    milestone.achieved_on = achieved_on if status == MilestoneStatus.ACHIEVED else None
    milestone.note = note
    milestone.weekly_hours = weekly_hours
    milestone.save()
    for hook in MILESTONE_HOOKS:
        hook(user=user, milestone=milestone)
    audit_record(
        user=user,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=milestone,
        detail=f"{type.key}: {status}",
    )
    return milestone


@transaction.atomic
def consent_record(
    *,
    user: Any,
    person: Person,
    purpose: str,
    recipients: list[Organisation],
    given_on: datetime.date,
    method: str,
    form_document: Document | None = None,
    signed_form=None,
) -> Consent:
    """Record a person's consent to share with ``recipients``; a scanned ``signed_form``
    (upload) is stored as a document of the person's latest case and linked."""
    check(user, Action.SHARE_CASES, person)
    if given_on > timezone.localdate():
        raise ValidationError(_("A consent cannot be given in the future."))
    if signed_form is not None:
        case = Case.objects.filter(household=person.household_id).order_by("-opened_on").first()
        form_document = document_add(
            user=user,
            case=case,
            person=person,
            title=_("Signed consent form"),
            upload=signed_form,
        )
    consent = Consent.objects.create(
        person=person,
        purpose=purpose,
        given_on=given_on,
        method=method,
        form_document=form_document,
        recorded_by=user,
    )
    consent.recipients.set(recipients)
    audit_record(user=user, action=AuditAction.CREATE, obj=consent)
    return consent


@transaction.atomic
def consent_revoke(*, user: Any, consent: Consent) -> Consent:
    check(user, Action.SHARE_CASES, consent)
    consent.revoked_at = timezone.now()
    consent.save(update_fields=["revoked_at"])
    audit_record(user=user, action=AuditAction.REVOKE, obj=consent)
    # Receivers of referrals made under this consent lose what was shared with them.
    from teilhabe.referrals.services import referrals_for_revoked_consent

    referrals_for_revoked_consent(user=user, consent=consent)
    return consent


@transaction.atomic
def grant_create(
    *,
    user: Any,
    case: Case,
    recipient: Organisation,
    consent: Consent,
    scope: str,
    reason: str,
    valid_until: datetime.datetime | None = None,
) -> SharingGrant:
    """Hand a case over to (or share it with) another organisation, backed by a consent of a
    member of the case's household that names the recipient."""
    check(user, Action.SHARE_CASES, case)
    if case.organisation_id not in organisations_where(user, Action.SHARE_CASES):
        raise PermissionDenied  # only the owning organisation shares its case
    if recipient.pk == case.organisation_id:
        raise ValidationError(_("A case cannot be shared with its own organisation."))
    if consent.person.household_id != case.household_id:
        raise ValidationError(_("The consent must come from a member of this household."))
    if consent.revoked_at is not None:
        raise ValidationError(_("This consent has been revoked."))
    if not consent.recipients.filter(pk=recipient.pk).exists():
        raise ValidationError(_("The consent does not name this recipient."))
    if valid_until is not None and valid_until <= timezone.now():
        raise ValidationError(_("The end of the sharing must lie in the future."))
    grant = SharingGrant.objects.create(
        case=case,
        recipient=recipient,
        consent=consent,
        scope=scope,
        reason=reason,
        valid_until=valid_until,
        granted_by=user,
    )
    audit_record(
        user=user, action=AuditAction.SHARE, obj=grant, detail=f"to {recipient.key}, {scope}"
    )
    return grant


@transaction.atomic
def grant_revoke(*, user: Any, grant: SharingGrant) -> SharingGrant:
    check(user, Action.SHARE_CASES, grant)
    grant.revoked_at, grant.revoked_by = timezone.now(), user
    grant.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(user=user, action=AuditAction.REVOKE, obj=grant)
    return grant


@transaction.atomic
def persons_merge(*, user: Any, keep: Person, drop: Person) -> Person:
    """Merge ``drop`` into ``keep``: everything of ``drop`` moves over, its names become known
    spellings, and ``drop`` remains as an empty record pointing to ``keep``."""
    check(user, Action.MERGE_PERSONS, keep)
    check(user, Action.MERGE_PERSONS, drop)
    if keep.pk == drop.pk or keep.organisation_id != drop.organisation_id:
        raise ValidationError(
            _("Only two different persons of the same organisation can be merged.")
        )
    for model in (ContactNote, Deadline, Appointment, Document):
        model.objects.filter(person=drop).update(person=keep)
    Consent.objects.filter(person=drop).update(person=keep)
    have = set(keep.milestones.values_list("type_id", flat=True))
    drop.milestones.exclude(type_id__in=have).update(person=keep)
    spellings = [*keep.spellings, drop.full_name, *drop.spellings]
    keep.other_spellings = "\n".join(dict.fromkeys(s for s in spellings if s != keep.full_name))
    for field in Person.EDITABLE_FIELDS:
        if (
            field not in ("other_spellings",)
            and getattr(keep, field) in ("", None)
            and getattr(drop, field) not in ("", None)
        ):
            setattr(keep, field, getattr(drop, field))
    _derive_keys(keep)
    keep.save()
    drop.merged_into = keep
    drop.save(update_fields=["merged_into"])
    audit_record(user=user, action=AuditAction.MERGE, obj=keep, detail=f"merged {drop.code}")
    audit_record(user=user, action=AuditAction.MERGE, obj=drop, detail=f"into {keep.code}")
    return keep
