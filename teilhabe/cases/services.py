"""Writes of case management. Keyword-only, one transaction each, every change audited."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
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
    SCOPE_NEEDS,
    Appointment,
    Case,
    CaseKind,
    Consent,
    ConsentPurpose,
    ContactNote,
    DataCategory,
    Deadline,
    Document,
    Household,
    Milestone,
    MilestoneStatus,
    MilestoneType,
    NoteKind,
    Person,
    SharingGrant,
    SharingScope,
)
from teilhabe.cases.names import person_keys, person_keys_refresh
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


POSTCODE = re.compile(r"\d{5}")


def _earliest_birth(year: int | None, month: int | None, day: int | None) -> datetime.date | None:
    """The earliest day a (possibly partial) date of birth can mean."""
    if not year:
        return None
    try:
        return datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None


def person_values_check(values: dict[str, Any]) -> None:
    """Dates and codes of a person that must make sense together; raises a ValidationError
    keyed by field (the forms show each message at its field)."""
    errors: dict[str, list[str]] = {}
    try:
        birth_date_check(
            values.get("birth_year"), values.get("birth_month"), values.get("birth_day")
        )
    except ValidationError as exc:
        errors["birth_year"] = list(exc.messages)
    today = timezone.localdate()
    born = _earliest_birth(
        values.get("birth_year"), values.get("birth_month"), values.get("birth_day")
    )
    germany, city = values.get("arrived_in_germany"), values.get("arrived_in_city")
    for name, value in (("arrived_in_germany", germany), ("arrived_in_city", city)):
        if value and value > today:
            errors.setdefault(name, []).append(_("The arrival cannot lie in the future."))
        elif value and born and value < born and "birth_year" not in errors:
            errors.setdefault(name, []).append(
                _("The arrival (%(arrival)s) cannot lie before the birth (%(born)s).")
                % {"arrival": f"{value:%d.%m.%Y}", "born": _birth_text(values)}
            )
    if germany and city and city < germany and "arrived_in_city" not in errors:
        errors["arrived_in_city"] = [
            _("The arrival in the city cannot precede the arrival in Germany.")
        ]
    postcode = (values.get("postcode") or "").strip()
    if postcode and not POSTCODE.fullmatch(postcode):
        errors["postcode"] = [_("A German postcode has five digits, e.g. 45127.")]
    if errors:
        raise ValidationError(errors)


def _birth_text(values: dict[str, Any]) -> str:
    y, m, d = values.get("birth_year"), values.get("birth_month"), values.get("birth_day")
    if d and m:
        return f"{d:02d}.{m:02d}.{y}"
    if m:
        return f"{m:02d}/{y}"
    return str(y)


def _derive_keys(person: Person) -> None:
    keys = person_keys(person.family_name, person.given_names, person.other_spellings)
    for field, value in keys.items():
        setattr(person, field, value)


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
    person_values_check(values)
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
    person_values_check({name: getattr(person, name) for name in Person.EDITABLE_FIELDS})
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
    if closed_on > timezone.localdate():
        raise ValidationError(
            _("A case cannot be closed on a future date; enter the day it actually ended.")
        )
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
def barrier_record(*, user: Any, case: Case, data: dict[str, Any]) -> ContactNote:
    """Record a structural barrier: a note of the kind "structural barrier" with the
    institution and the kind of barrier (both required; the day neither in the future nor
    before the case was opened)."""
    check(user, Action.EDIT_CASES, case)
    errors: dict[str, list[str]] = {}
    for name, message in (
        ("institution", _("Choose the institution.")),
        ("barrier_category", _("Choose the kind of barrier.")),
    ):
        if data.get(name) is None:
            errors[name] = [message]
    if not (data.get("text") or "").strip():
        errors["text"] = [_("Describe what happened.")]
    day = data.get("date") or timezone.localdate()
    if day > timezone.localdate():
        errors["date"] = [_("A contact cannot lie in the future.")]
    elif day < case.opened_on:
        errors["date"] = [_("The day lies before the case was opened.")]
    if errors:
        raise ValidationError(errors)
    note = ContactNote.objects.create(
        case=case,
        created_by=user,
        kind=NoteKind.BARRIER,
        date=day,
        text=data["text"].strip(),
        institution=data["institution"],
        barrier_category=data["barrier_category"],
        person=data.get("person"),
    )
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
        raise ValidationError(
            {"achieved_on": _("Enter the date on which the milestone was achieved.")}
        )
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
    purpose_kind: str = ConsentPurpose.OTHER,
    data_categories: Sequence[str] = (),
    form_document: Document | None = None,
    signed_form=None,
) -> Consent:
    """Record a consent: its purpose in words and as a kind (:class:`ConsentPurpose`), the
    recipients and the data it covers (:class:`DataCategory`); grants and referrals must fit
    within it."""
    check(user, Action.SHARE_CASES, person)
    if given_on > timezone.localdate():
        raise ValidationError(_("A consent cannot be given in the future."))
    if given_on < datetime.date(1900, 1, 1):
        raise ValidationError(_("Enter the date on which the consent was given."))
    if purpose_kind not in ConsentPurpose.values:
        raise ValidationError(_("Choose what the consent allows."))
    unknown = [c for c in data_categories if c not in DataCategory.values]
    if unknown:
        raise ValidationError(
            _("Unknown kinds of data: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}
        )
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
        purpose_kind=purpose_kind,
        data_categories=[c for c in DataCategory.values if c in set(data_categories)],
        given_on=given_on,
        method=method,
        form_document=form_document,
        recorded_by=user,
    )
    consent.recipients.set(recipients)
    audit_record(user=user, action=AuditAction.CREATE, obj=consent)
    return consent


def scope_not_covered_message(consent: Consent, scope: str) -> str:
    """Why ``consent`` does not allow a grant of ``scope``, in words for the case worker."""
    need = SCOPE_NEEDS[scope]
    scope_label = dict(SharingScope.choices)[scope]
    if consent.purpose_kind not in need["purposes"]:
        return _(
            "The consent “%(purpose)s” was given for “%(kind)s”; it does not allow sharing "
            "the case file (%(scope)s). Record a consent for joint case work or a handover."
        ) % {
            "purpose": consent.purpose,
            "kind": consent.get_purpose_kind_display(),
            "scope": scope_label,
        }
    labels = dict(DataCategory.choices)
    missing = [str(labels[c]) for c in need["categories"] if c not in consent.data_categories]
    return _(
        "The consent “%(purpose)s” does not cover all data of this scope (%(scope)s). "
        "Not covered: %(missing)s. Choose a smaller scope or record a consent that covers "
        "these data."
    ) % {"purpose": consent.purpose, "scope": scope_label, "missing": ", ".join(missing)}


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
    if not consent.covers_scope(scope):
        raise ValidationError(scope_not_covered_message(consent, scope))
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


@transaction.atomic
def person_keys_update(*, user) -> int:
    """Recompute the stored name keys of every person where they changed (after the key rules
    or the table of equivalent names changed); only the system may (``manage.py person_keys``).
    One audit entry for the run, with the number of persons changed. Returns that number."""
    check(user, Action.REFRESH_PERSON_KEYS)
    updated = person_keys_refresh(Person.objects.all())
    audit_record(
        user=user,
        action=AuditAction.UPDATE,
        record_type=Person._meta.label,
        detail=f"name keys recomputed: {updated} persons",
    )
    return updated
