"""Writes of the volunteer contact point. Each is one transaction, checks access first (public
ones excepted: registration, confirmation and answers by signed link) and is audited."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, check, roles_with
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record
from teilhabe.volunteers import tokens
from teilhabe.volunteers.models import (
    ContactPoint,
    Requirement,
    RequirementKind,
    Training,
    Volunteer,
    VolunteerStatus,
    add_months,
    slot_bit,
)

REGISTRATIONS_PER_HOUR = 5


def _registrations_per_hour() -> int:
    return getattr(settings, "VOLUNTEERS_REGISTRATIONS_PER_HOUR", REGISTRATIONS_PER_HOUR)


@transaction.atomic
def contact_points_ensure(*, user: Any = None) -> list[ContactPoint]:
    """One contact point for every organisation in which someone coordinates volunteers
    (idempotent; names and areas can be changed in the admin afterwards)."""
    from teilhabe.organisations.models import Membership, Organisation

    org_ids = (
        Membership.objects.active()
        .filter(role__in=roles_with(Action.MANAGE_VOLUNTEERS))
        .values_list("organisation_id", flat=True)
    )
    points = []
    for org in Organisation.objects.filter(pk__in=org_ids).order_by("name"):
        point, created = ContactPoint.objects.get_or_create(
            organisation=org,
            defaults={
                "name": f"Anlaufstelle für Ehrenamtliche – {org.short_name or org.name}",
                "runs_interpreter_pool": True,
            },
        )
        if created:
            audit_record(user=user, action=AuditAction.CREATE, obj=point)
        points.append(point)
    return points


def _client_key(client: str) -> str:
    return "volunteers:register:" + hashlib.sha256(client.encode()).hexdigest()[:32]


def _check_spam(*, started: str, website: str, client: str) -> None:
    """Honeypot, signed form start time and a rate limit per client (IP address)."""
    if website:
        raise ValidationError(_("Your registration could not be accepted. Please try again."))
    try:
        age = tokens.form_age(started)
    except tokens.TokenError:
        raise ValidationError(
            _("The form has expired or is damaged. Please reload the page and fill it in again.")
        ) from None
    if age < tokens.FORM_MIN_SECONDS:
        raise ValidationError(
            _("That was very fast. Please check your details and send the form again.")
        )
    if age > tokens.FORM_MAX_SECONDS:
        raise ValidationError(
            _("The form has expired. Please reload the page and fill it in again.")
        )
    if cache.get(_client_key(client), 0) >= _registrations_per_hour():
        raise ValidationError(
            _("Too many registrations from your connection. Please try again in an hour.")
        )


@transaction.atomic
def volunteer_register(
    *,
    user: Any = None,
    contact_point: ContactPoint,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    languages: dict[str, int],
    skills: list[str],
    districts: list,
    availability: list[str],
    available_from: datetime.date | None = None,
    available_until: datetime.date | None = None,
    motivation: str = "",
    privacy: bool,
    language: str = "de",
    started: str,
    website: str = "",
    client: str = "",
    base_url: str = "",
) -> Volunteer:
    """A public registration without account. The volunteer is stored unconfirmed; the
    confirmation e-mail (double opt-in) goes out through the task queue."""
    _check_spam(started=started, website=website, client=client)
    if not contact_point.accepts_registrations:
        raise ValidationError(_("This contact point does not take registrations at the moment."))
    if not privacy:
        raise ValidationError(_("Please agree to the storage of your details."))
    if not languages:
        raise ValidationError(_("Please name at least one language."))
    mask = 0
    for value in availability:
        day, slot = (int(x) for x in value.split("-"))
        mask |= slot_bit(day, slot)
    now = timezone.now()
    volunteer = Volunteer(
        contact_point=contact_point,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip().lower(),
        phone=phone.strip(),
        correspondence_language=language if language in ("de", "en") else "de",
        languages=languages,
        skills=list(skills),
        availability_mask=mask,
        available_from=available_from,
        available_until=available_until,
        motivation=motivation.strip(),
        registered_at=now,
        privacy_consent_at=now,
    )
    volunteer.set_derived()
    volunteer.save()
    volunteer.districts.set(districts)
    key = _client_key(client)
    cache.add(key, 0, 3600)
    try:
        cache.incr(key)
    except ValueError:  # pragma: no cover - evicted between add and incr
        cache.set(key, 1, 3600)
    audit_record(user=user, action=AuditAction.CREATE, obj=volunteer, detail="registration")
    from teilhabe.volunteers.tasks import send_confirmation

    code = str(volunteer.code)
    transaction.on_commit(lambda: send_confirmation.enqueue(code=code, base_url=base_url))
    return volunteer


def invalid_confirm_message() -> str:
    return _("This confirmation link is not valid or has expired. Please register again.")


@transaction.atomic
def volunteer_confirm(*, user: Any = None, token: str) -> Volunteer:
    """Double opt-in: the link from the e-mail confirms the address (idempotent)."""
    try:
        code = tokens.read_confirm_token(token)
    except tokens.TokenError:
        raise ValidationError(invalid_confirm_message()) from None
    volunteer = (
        Volunteer.objects.select_for_update().filter(code=code, anonymised_at__isnull=True).first()
    )
    if volunteer is None:
        raise ValidationError(invalid_confirm_message())
    if volunteer.confirmed_at is None:
        volunteer.confirmed_at = timezone.now()
        if volunteer.status == VolunteerStatus.UNCONFIRMED:
            volunteer.status = VolunteerStatus.INTERESTED
        volunteer.save(update_fields=["confirmed_at", "status"])
        audit_record(user=user, action=AuditAction.UPDATE, obj=volunteer, detail="confirmed")
    return volunteer


RECORD_FIELDS = (
    "status",
    "interview_on",
    "interview_notes",
    "insurance_note",
    "phone",
    "skills",
    "is_interpreter",
    "allowance_rate",
    "flat_rate_allowance",
    "left_on",
)


@transaction.atomic
def volunteer_update(*, user: Any, volunteer: Volunteer, **fields: Any) -> Volunteer:
    """The coordinator's record: first interview, status, insurance note, interpreter pool."""
    check(user, Action.MANAGE_VOLUNTEERS, volunteer)
    unknown = set(fields) - set(RECORD_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if fields.get("interview_on") and fields["interview_on"] > today:
        errors["interview_on"] = [_("The first interview cannot lie in the future.")]
    if fields.get("left_on") and fields["left_on"] > today:
        errors["left_on"] = [_("The leaving date cannot lie in the future.")]
    if fields.get("status") == VolunteerStatus.LEFT and not (
        fields.get("left_on") or volunteer.left_on
    ):
        fields["left_on"] = today
    if fields.get("is_interpreter") and fields.get("allowance_rate") is None:
        errors["allowance_rate"] = [_("Interpreters need an allowance rate (0 for none).")]
    rate = fields.get("allowance_rate")
    if rate is not None and (rate < 0 or rate > Decimal("200")):
        errors["allowance_rate"] = [_("Please enter an allowance between 0 and 200 €.")]
    if errors:
        raise ValidationError(errors)
    if fields.get("status") and fields["status"] != VolunteerStatus.LEFT:
        fields.setdefault("left_on", None)
    for name, value in fields.items():
        setattr(volunteer, name, value)
    volunteer.set_derived()
    volunteer.save()
    audit_record(user=user, action=AuditAction.UPDATE, obj=volunteer)
    return volunteer


@transaction.atomic
def training_add(
    *, user: Any, volunteer: Volunteer, title: str, held_on: datetime.date
) -> Training:
    check(user, Action.MANAGE_VOLUNTEERS, volunteer)
    if held_on > timezone.localdate() + datetime.timedelta(days=365):
        raise ValidationError({"held_on": [_("Please enter a date within the next year.")]})
    training = Training.objects.create(volunteer=volunteer, title=title.strip(), held_on=held_on)
    audit_record(user=user, action=AuditAction.UPDATE, obj=volunteer, detail="training added")
    return training


@transaction.atomic
def requirement_record(
    *,
    user: Any,
    volunteer: Volunteer,
    kind: RequirementKind,
    issued_on: datetime.date,
    inspected_on: datetime.date,
    no_relevant_entry: bool,
) -> Requirement:
    """Record that a certificate was inspected: dates, inspector and yes/no — never its
    content. It must not be older than the kind allows at inspection; it is due again after
    the kind's period."""
    check(user, Action.MANAGE_VOLUNTEERS, volunteer)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if inspected_on > today:
        errors["inspected_on"] = [_("The inspection cannot lie in the future.")]
    if issued_on > today:
        errors["issued_on"] = [_("The issue date cannot lie in the future.")]
    elif issued_on > inspected_on:
        errors["issued_on"] = [_("The certificate cannot be issued after it was inspected.")]
    elif (
        kind.max_age_months_at_inspection is not None
        and add_months(issued_on, kind.max_age_months_at_inspection) < inspected_on
    ):
        errors["issued_on"] = [
            _(
                "The certificate was more than %(months)d months old when it was inspected. "
                "Please ask for a new one."
            )
            % {"months": kind.max_age_months_at_inspection}
        ]
    if errors:
        raise ValidationError(errors)
    requirement = Requirement.objects.create(
        volunteer=volunteer,
        kind=kind,
        issued_on=issued_on,
        inspected_on=inspected_on,
        inspected_by=user,
        inspector_name=(getattr(user, "full_name", "") or user.get_username())[:200],
        no_relevant_entry=no_relevant_entry,
        due_on=add_months(issued_on, kind.valid_months),
    )
    audit_record(user=user, action=AuditAction.CREATE, obj=requirement)
    return requirement
