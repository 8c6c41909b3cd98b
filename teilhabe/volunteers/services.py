"""Writes of the volunteer contact point. Each is one transaction, checks access first (public
ones excepted: registration, confirmation and answers by signed link) and is audited."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, can, check, organisations_where, roles_with
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record
from teilhabe.volunteers import tokens
from teilhabe.volunteers.channels import sms_backend
from teilhabe.volunteers.models import (
    Answer,
    Assignment,
    Channel,
    ContactPoint,
    HoursEntry,
    Inquiry,
    InterpretingMode,
    RequestKind,
    RequestStatus,
    Requirement,
    RequirementKind,
    Training,
    Volunteer,
    VolunteerRequest,
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
    volunteer.set_districts(districts)
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
    volunteer_refresh_placeable(volunteer_ids=[volunteer.pk])
    audit_record(user=user, action=AuditAction.CREATE, obj=requirement)
    return requirement


def placeable_until_of(kinds: list[int], due: dict[int, datetime.date]) -> datetime.date | None:
    """The latest due date of a clean record per blocking kind, the earliest of those."""
    if not kinds:
        return datetime.date.max
    return min(due[k] for k in kinds) if all(k in due for k in kinds) else None


def volunteer_refresh_placeable(*, volunteer_ids: list[int] | None = None) -> int:
    """Recompute ``placeable_until`` (of all volunteers, or of the ones given) from the records
    of the requirements that block placement — the same rule as ``selectors.placeable_q``.
    Runs inside the calling service's transaction."""
    from django.db.models import Max

    kinds = list(RequirementKind.objects.filter(blocks_placement=True).values_list("pk", flat=True))
    records = Requirement.objects.filter(kind_id__in=kinds, no_relevant_entry=True)
    volunteers = Volunteer.objects.all()
    if volunteer_ids is not None:
        records = records.filter(volunteer_id__in=volunteer_ids)
        volunteers = volunteers.filter(pk__in=volunteer_ids)
    due: dict[int, dict[int, datetime.date]] = {}
    for vid, kind_id, day in (
        records.values("volunteer_id", "kind_id")
        .annotate(day=Max("due_on"))
        .values_list("volunteer_id", "kind_id", "day")
    ):
        due.setdefault(vid, {})[kind_id] = day
    changed = []
    for v in volunteers.only("pk", "placeable_until"):
        value = placeable_until_of(kinds, due.get(v.pk, {}))
        if v.placeable_until != value:
            v.placeable_until = value
            changed.append(v)
    Volunteer.objects.bulk_update(changed, ["placeable_until"], batch_size=2000)
    return len(changed)


# --- Requests (Einsatzanfragen) and interpreter bookings --------------------------------------

ANSWER_HOURS = 72


def _answer_hours() -> int:
    return getattr(settings, "VOLUNTEERS_ANSWER_HOURS", ANSWER_HOURS)


def _shared_snapshot(person, fields: list[str]) -> dict:
    from teilhabe.volunteers.models import SharedField

    values = {
        SharedField.FIRST_NAME: person.given_names,
        SharedField.LANGUAGES: person.languages,
        SharedField.HOUSEHOLD: str(person.household.members.count()),
        SharedField.PHONE: person.phone,
    }
    return {str(k): v for k, v in values.items() if k in fields and v}


@transaction.atomic
def request_create(
    *,
    user: Any,
    requester,
    contact_point: ContactPoint,
    title: str,
    starts_on: datetime.date | None,
    kind: str = "volunteering",
    description: str = "",
    district=None,
    place: str = "",
    recurrence: str = "once",
    ends_on: datetime.date | None = None,
    time_from: datetime.time | None = None,
    time_until: datetime.time | None = None,
    languages: list[str] = (),
    skills: list[str] = (),
    needed: int = 1,
    case=None,
    person=None,
    consent=None,
    shared_fields: list[str] = (),
    mode: str = "",
    topic: str = "",
    legal_consequences: bool = False,
    medical: bool = False,
) -> VolunteerRequest:
    """A request to a contact point (or an interpreter booking). A request about a person
    passes data only under the person's consent that names the contact point's organisation,
    and only the fields chosen."""
    action = (
        Action.BOOK_INTERPRETERS if kind == RequestKind.INTERPRETING else Action.REQUEST_VOLUNTEERS
    )
    check(user, action)
    if requester.pk not in organisations_where(user, action):
        raise PermissionDenied
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if starts_on is None:
        errors["starts_on"] = [_("Please enter the date.")]
    elif starts_on < today:
        errors["starts_on"] = [_("The date cannot lie in the past.")]
    elif starts_on > today + datetime.timedelta(days=2 * 365):
        errors["starts_on"] = [_("Please enter a date within the next two years.")]
    if ends_on and starts_on and ends_on < starts_on:
        errors["ends_on"] = [_("The last date must not lie before the first date.")]
    if time_from and time_until and time_until <= time_from:
        errors["time_until"] = [_("The end time must be after the start time.")]
    if not 1 <= needed <= 50:
        errors["needed"] = [_("Please enter a number between 1 and 50.")]
    if kind == RequestKind.INTERPRETING:
        if not languages:
            errors["languages"] = [_("Please choose the language to interpret.")]
        if not mode:
            errors["mode"] = [_("Please say whether on site, by phone or by video.")]
        if legal_consequences and not contact_point.allows_legal_interpreting:
            errors["legal_consequences"] = [
                _(
                    "Lay interpreters of this pool do not interpret conversations with legal "
                    "consequences. Please book a sworn interpreter."
                )
            ]
        if medical and not contact_point.allows_medical_interpreting:
            errors["medical"] = [
                _(
                    "Lay interpreters of this pool do not interpret in medical settings. "
                    "Please book a professional interpreter."
                )
            ]
    if (kind != RequestKind.INTERPRETING or mode == InterpretingMode.IN_PERSON) and not (
        district or place
    ):
        errors["district"] = [_("Please name the Stadtteil or the place.")]
    shared: dict = {}
    if person is not None:
        if case is None or person.household_id != case.household_id:
            raise ValidationError(_("The person must belong to the case."))
        check(user, Action.VIEW_CASES, case)
        if (
            consent is None
            or consent.person_id != person.pk
            or consent.revoked_at is not None
            or not consent.recipients.filter(pk=contact_point.organisation_id).exists()
        ):
            errors["consent"] = [
                _(
                    "Data about the person can only be passed on with a consent of the person "
                    "that names %(organisation)s. Record it first, or send the request without "
                    "the person."
                )
                % {"organisation": contact_point.organisation.name}
            ]
        else:
            shared = _shared_snapshot(person, list(shared_fields))
    if errors:
        raise ValidationError(errors)
    request = VolunteerRequest.objects.create(
        kind=kind,
        contact_point=contact_point,
        requester=requester,
        requested_by=user,
        title=title.strip(),
        description=description.strip(),
        district=district,
        place=place.strip(),
        recurrence=recurrence,
        starts_on=starts_on,
        ends_on=ends_on,
        time_from=time_from,
        time_until=time_until,
        languages=list(languages),
        skills=list(skills),
        needed=needed,
        case=case if person is not None else None,
        person=person,
        consent=consent if person is not None else None,
        shared=shared,
        mode=mode,
        topic=topic.strip(),
        legal_consequences=legal_consequences,
        medical=medical,
    )
    audit_record(user=user, action=AuditAction.CREATE, obj=request)
    if shared:
        audit_record(
            user=user,
            action=AuditAction.SHARE,
            obj=request,
            detail=f"shared with {contact_point.organisation_id}: {', '.join(sorted(shared))}",
        )
    return request


@transaction.atomic
def request_cancel(*, user: Any, request: VolunteerRequest) -> VolunteerRequest:
    """The requester or the coordinator withdraws a request; open inquiries end."""
    if not (
        can(user, Action.MANAGE_VOLUNTEERS, request)
        or request.requester_id in organisations_where(user, Action.REQUEST_VOLUNTEERS)
        or request.requester_id in organisations_where(user, Action.BOOK_INTERPRETERS)
    ):
        raise PermissionDenied
    request = VolunteerRequest.objects.select_for_update().get(pk=request.pk)
    if request.status in (RequestStatus.CANCELLED, RequestStatus.CLOSED):
        return request
    request.status = RequestStatus.CANCELLED
    request.save(update_fields=["status"])
    request.inquiries.filter(answer=Answer.PENDING).update(
        answer=Answer.WITHDRAWN, answered_at=timezone.now()
    )
    audit_record(user=user, action=AuditAction.UPDATE, obj=request, detail="cancelled")
    return request


@transaction.atomic
def inquiries_send(
    *, user: Any, request: VolunteerRequest, volunteers: list[Volunteer], base_url: str = ""
) -> list[Inquiry]:
    """Ask several volunteers at once; each gets an e-mail (and an SMS, when that channel is
    switched on) with a signed, expiring link to accept or decline. Nobody is asked twice."""
    check(user, Action.MANAGE_VOLUNTEERS, request)
    request = VolunteerRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("This request is no longer open."))
    if not volunteers:
        raise ValidationError(_("Please choose at least one volunteer."))
    from teilhabe.volunteers.selectors import placement_blockers

    asked = dict(request.inquiries.values_list("volunteer_id", "answer"))
    errors = []
    for v in volunteers:
        if v.contact_point_id != request.contact_point_id:
            raise PermissionDenied
        if v.pk in asked:
            if asked[v.pk] == Answer.DECLINED:
                errors.append(
                    _("%(name)s has declined this request and is not asked again.")
                    % {"name": v.full_name}
                )
            else:
                errors.append(_("%(name)s has already been asked.") % {"name": v.full_name})
            continue
        blockers = placement_blockers(v, request.starts_on)
        if blockers:
            errors.append(
                _("%(name)s cannot be placed: %(reasons)s")
                % {"name": v.full_name, "reasons": " ".join(blockers)}
            )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    last_moment = timezone.make_aware(
        datetime.datetime.combine(request.starts_on, datetime.time(23, 59))
    )
    expires = min(now + datetime.timedelta(hours=_answer_hours()), last_moment)
    sms = sms_backend() is not None
    created = [
        Inquiry.objects.create(
            request=request,
            volunteer=v,
            channel=Channel.SMS if sms and v.phone else Channel.EMAIL,
            asked_by=user,
            asked_at=now,
            expires_at=expires,
        )
        for v in volunteers
    ]
    for inquiry in created:
        audit_record(user=user, action=AuditAction.SHARE, obj=inquiry, detail="asked")
    from teilhabe.volunteers.tasks import send_inquiries

    codes = [str(i.code) for i in created]
    transaction.on_commit(lambda: send_inquiries.enqueue(codes=codes, base_url=base_url))
    return created


def invalid_answer_message() -> str:
    return _("This link is not valid. Please use the link from your e-mail.")


@transaction.atomic
def inquiry_answer(*, user: Any = None, token: str, accept: bool) -> Inquiry:
    """A volunteer answers by the signed link (no login). Accepting creates the assignment;
    once enough have accepted, the request is filled and nobody else is asked."""
    try:
        code = tokens.read_answer_token(token)
    except tokens.TokenError:
        raise ValidationError(invalid_answer_message()) from None
    inquiry = (
        Inquiry.objects.select_for_update()
        .select_related("request", "volunteer")
        .filter(code=code)
        .first()
    )
    if inquiry is None:
        raise ValidationError(invalid_answer_message())
    request = VolunteerRequest.objects.select_for_update().get(pk=inquiry.request_id)
    wanted = Answer.ACCEPTED if accept else Answer.DECLINED
    if inquiry.answer == wanted:
        return inquiry  # the same click twice
    if inquiry.answer == Answer.WITHDRAWN or request.status != RequestStatus.OPEN:
        raise ValidationError(
            _("Thank you! This request has been filled or withdrawn; you are not needed for it.")
        )
    if inquiry.answer != Answer.PENDING:
        raise ValidationError(
            _("You have already answered. Please contact the contact point to change it.")
        )
    if inquiry.expires_at <= timezone.now():
        raise ValidationError(
            _("This link has expired. Please contact the contact point if you still want to help.")
        )
    now = timezone.now()
    if accept:
        from teilhabe.volunteers.selectors import placement_blockers

        if placement_blockers(inquiry.volunteer, request.starts_on):
            raise ValidationError(
                _("We cannot place you at the moment. Please contact the contact point.")
            )
        Assignment.objects.create(
            request=request,
            volunteer=inquiry.volunteer,
            starts_on=request.starts_on,
            ends_on=request.ends_on,
        )
    inquiry.answer, inquiry.answered_at = wanted, now
    inquiry.save(update_fields=["answer", "answered_at"])
    audit_record(user=user, action=AuditAction.UPDATE, obj=inquiry, detail=f"answer {wanted}")
    if accept and request.inquiries.filter(answer=Answer.ACCEPTED).count() >= request.needed:
        request.status = RequestStatus.FILLED
        request.filled_at = now
        request.save(update_fields=["status", "filled_at"])
        request.inquiries.filter(answer=Answer.PENDING).update(
            answer=Answer.WITHDRAWN, answered_at=now
        )
        audit_record(user=user, action=AuditAction.UPDATE, obj=request, detail="filled")
    return inquiry


@transaction.atomic
def booking_confirm(*, user: Any, request: VolunteerRequest) -> VolunteerRequest:
    """The coordinator confirms an interpreter booking once an interpreter has accepted."""
    check(user, Action.MANAGE_VOLUNTEERS, request)
    request = VolunteerRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.FILLED:
        raise ValidationError(_("Only a booking an interpreter has accepted can be confirmed."))
    request.status = RequestStatus.CONFIRMED
    request.confirmed_at = timezone.now()
    request.save(update_fields=["status", "confirmed_at"])
    audit_record(user=user, action=AuditAction.UPDATE, obj=request, detail="confirmed")
    return request


# --- Hours ------------------------------------------------------------------------------------


def _check_hours(
    *, worked_on: datetime.date | None, hours, travel_cost, assignment: Assignment | None
) -> None:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if worked_on is None:
        errors["worked_on"] = [_("Please enter the date.")]
    elif worked_on > today:
        errors["worked_on"] = [_("Hours cannot be logged for a day in the future.")]
    elif worked_on < today - datetime.timedelta(days=2 * 365):
        errors["worked_on"] = [_("Hours can be logged for the last two years only.")]
    elif assignment is not None and worked_on < assignment.starts_on:
        errors["worked_on"] = [
            _("The assignment only started on %(date)s.")
            % {"date": assignment.starts_on.strftime("%d.%m.%Y")}
        ]
    if hours is None or hours <= 0 or hours > 24:
        errors["hours"] = [_("Please enter between 0.25 and 24 hours.")]
    if travel_cost is not None and (travel_cost < 0 or travel_cost > 500):
        errors["travel_cost"] = [_("Please enter travel costs between 0 and 500 €.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def hours_log(
    *,
    user: Any,
    volunteer: Volunteer,
    worked_on: datetime.date | None,
    hours: Decimal | None,
    assignment: Assignment | None = None,
    travel_cost: Decimal | None = None,
    other_organisation: str = "",
    note: str = "",
) -> HoursEntry:
    """The coordinator logs hours (also hours for another organisation, which count towards
    the Ehrenamtskarte)."""
    check(user, Action.MANAGE_VOLUNTEERS, volunteer)
    if assignment is not None and assignment.volunteer_id != volunteer.pk:
        raise PermissionDenied
    _check_hours(worked_on=worked_on, hours=hours, travel_cost=travel_cost, assignment=assignment)
    entry = HoursEntry.objects.create(
        volunteer=volunteer,
        assignment=assignment,
        worked_on=worked_on,
        hours=hours,
        travel_cost=travel_cost or 0,
        other_organisation=other_organisation.strip(),
        note=note.strip(),
        logged_by=user,
    )
    audit_record(user=user, action=AuditAction.CREATE, obj=entry)
    return entry


def invalid_hours_link_message() -> str:
    return _("This link is not valid. Please ask the contact point for a new one.")


@transaction.atomic
def hours_log_by_link(
    *,
    user: Any = None,
    token: str,
    worked_on: datetime.date | None,
    hours: Decimal | None,
    travel_cost: Decimal | None = None,
    note: str = "",
) -> HoursEntry:
    """The volunteer logs hours for an assignment with the signed link (no login)."""
    try:
        code = tokens.read_hours_token(token)
    except tokens.TokenError:
        raise ValidationError(invalid_hours_link_message()) from None
    assignment = (
        Assignment.objects.select_related("volunteer")
        .filter(code=code, volunteer__anonymised_at__isnull=True)
        .first()
    )
    if assignment is None:
        raise ValidationError(invalid_hours_link_message())
    _check_hours(worked_on=worked_on, hours=hours, travel_cost=travel_cost, assignment=assignment)
    entry = HoursEntry.objects.create(
        volunteer=assignment.volunteer,
        assignment=assignment,
        worked_on=worked_on,
        hours=hours,
        travel_cost=travel_cost or 0,
        note=note.strip(),
    )
    audit_record(user=user, action=AuditAction.CREATE, obj=entry, detail="logged by link")
    return entry
