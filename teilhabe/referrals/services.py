"""Writes for referrals: send, answer, message, allocate places, remind, notify.

Every function checks access through :mod:`teilhabe.access`, validates before it writes,
writes in one transaction, audits what touches personal data, and sends e-mail only after
commit (through the task queue).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, can, check, grants, visible
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record
from teilhabe.cases.models import Case, Consent, Milestone, MilestoneStatus, MilestoneType, Person
from teilhabe.geography.states import organisation_state_code
from teilhabe.offers.models import Offer, OfferStatus
from teilhabe.organisations.models import Organisation
from teilhabe.referrals.models import (
    HOLDS_PLACE,
    SHARED_FIELD_CATEGORY,
    TRANSITIONS,
    EventKind,
    Referral,
    ReferralEvent,
    ReferralStatus,
    SharedField,
)
from teilhabe.referrals.notifications import notify
from teilhabe.referrals.workdays import add_working_days, working_days_between

# Working days the receiver has to answer; a reminder goes out when the deadline passes and
# the team lead is told after ESCALATE_AFTER further working days (docs/referrals.md).
RESPONSE_WORKING_DAYS = 5
ESCALATE_AFTER = 2

S = ReferralStatus


def _state_of(organisation: Organisation) -> str:
    return organisation_state_code(organisation)


def _age(person: Person, today: datetime.date) -> int | None:
    if not person.birth_year:
        return None
    age = today.year - person.birth_year
    if person.birth_month and (today.month, today.day) < (
        person.birth_month,
        person.birth_day or 1,
    ):
        age -= 1
    return age


def _languages(person: Person) -> list[str]:
    return [part.strip() for part in person.languages.replace(";", ",").split(",") if part.strip()]


def _snapshot(person: Person, fields: Iterable[str]) -> dict[str, Any]:
    """The shared copy of a person: only the chosen fields, as plain text."""
    fields = set(fields)
    data: dict[str, Any] = {}
    if SharedField.NAME in fields:
        data["name"] = f"{person.given_names} {person.family_name}".strip()
    if SharedField.BIRTH in fields:
        parts = [
            f"{person.birth_day:02d}." if person.birth_day else "",
            f"{person.birth_month:02d}." if person.birth_month else "",
            str(person.birth_year or ""),
        ]
        data["birth"] = "".join(parts) or _("unknown")
    if SharedField.CONTACT in fields:
        data["contact"] = ", ".join(x for x in (person.phone, person.email) if x)
    if SharedField.ADDRESS in fields:
        district = person.district.name if person.district_id else ""
        data["address"] = ", ".join(x for x in (person.street, person.postcode, district) if x)
    if SharedField.LANGUAGES in fields:
        data["languages"] = person.languages + (
            f" ({_('needs an interpreter')})" if person.needs_interpreter else ""
        )
    if SharedField.RESIDENCE in fields:
        data["residence"] = person.get_residence_status_display() + (
            f" ({_('valid until')} {person.residence_valid_until:%d.%m.%Y})"
            if person.residence_valid_until
            else ""
        )
    if SharedField.BACKGROUND in fields:
        data["background"] = "\n".join(
            x for x in (person.school_background, person.work_background) if x
        )
    return data


def _profile(person: Person | None, given: dict[str, Any], today: datetime.date) -> dict:
    """What allocation needs, without identifying anybody."""
    if person is None:
        return {
            "age": given.get("age"),
            "is_woman": bool(given.get("is_woman")),
            "languages": list(given.get("languages", [])),
            "district_id": given.get("district_id"),
            "needs_childcare": bool(given.get("needs_childcare")),
        }
    return {
        "age": _age(person, today),
        "is_woman": person.gender == "f",
        "languages": _languages(person),
        "district_id": person.district_id,
        "needs_childcare": bool(given.get("needs_childcare")),
    }


def _event(referral: Referral, user: Any, kind: str, text: str = "", **status) -> ReferralEvent:
    org_id = None
    if user is not None:
        org_id = referral.recipient_id if _is_receiver(user, referral) else referral.sender_id
    return ReferralEvent.objects.create(
        referral=referral, user=user, organisation_id=org_id, kind=kind, text=text, **status
    )


def _is_sender(user: Any, referral: Referral) -> bool:
    return any(g.organisation_id == referral.sender_id for g in grants(user))


def _is_receiver(user: Any, referral: Referral) -> bool:
    return any(g.organisation_id == referral.recipient_id for g in grants(user))


@transaction.atomic
def referral_send(
    *,
    user: Any,
    case: Case,
    offer: Offer | None = None,
    recipient: Organisation | None = None,
    person: Person | None = None,
    consent: Consent | None = None,
    shared_fields: Sequence[str] = (),
    anonymous: bool = False,
    anonymous_profile: dict[str, Any] | None = None,
    message: str = "",
    urgency: Sequence[str] = (),
    needs_childcare: bool = False,
    milestone_type: MilestoneType | None = None,
) -> Referral:
    """Refer a person of ``case`` (or, anonymously, a request) to an offer or organisation."""
    check(user, Action.SEND_REFERRALS, case)
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if offer is not None:
        if offer.status != OfferStatus.PUBLISHED:
            errors.setdefault("offer", []).append(
                _("This offer is not published (draft or archived); nobody can be referred to it.")
            )
        recipient = offer.organisation
    if recipient is None:
        errors.setdefault("offer", []).append(_("Choose an offer or an organisation."))
    elif recipient.pk == case.organisation_id:
        errors.setdefault("offer", []).append(
            _("A referral goes to another organisation, not to the own one.")
        )
    unknown = set(shared_fields) - set(SharedField.values)
    if unknown:
        errors.setdefault("shared_fields", []).append(_("Unknown field to share."))
    if anonymous:
        if person is not None or consent is not None or shared_fields:
            errors.setdefault("shared_fields", []).append(
                _("An anonymous request shares no personal data and needs no person or consent.")
            )
    else:
        if person is None or person.household_id != case.household_id:
            errors.setdefault("person", []).append(_("Choose a person of this case's household."))
        if consent is None:
            errors.setdefault("consent", []).append(
                _(
                    "Without a consent only an anonymous request can be sent. Record the "
                    "person's consent to pass data to the receiving organisation first."
                )
            )
        elif (
            person is not None
            and recipient is not None
            and (
                consent.person_id != person.pk
                or consent.revoked_at is not None
                or not consent.recipients.filter(pk=recipient.pk).exists()
            )
        ):
            errors.setdefault("consent", []).append(
                _(
                    "This consent does not cover passing data of this person to "
                    "%(recipient)s (other person, other recipients, or revoked)."
                )
                % {"recipient": recipient}
            )
        elif consent.data_categories and (
            missing := [
                f
                for f in SharedField.values
                if f in shared_fields and SHARED_FIELD_CATEGORY[f] not in consent.data_categories
            ]
        ):
            labels = dict(SharedField.choices)
            errors.setdefault("shared_fields", []).append(
                _(
                    "The consent “%(purpose)s” does not cover passing on: %(fields)s. Share "
                    "less or record a consent that covers these data."
                )
                % {"purpose": consent.purpose, "fields": ", ".join(str(labels[f]) for f in missing)}
            )
        if not shared_fields:
            errors.setdefault("shared_fields", []).append(
                _("Choose what is shared (at least the name).")
            )
    if errors:
        raise ValidationError(errors)

    referral = Referral.objects.create(
        sender_id=case.organisation_id,
        sender_user=user,
        recipient=recipient,
        offer=offer,
        case=case,
        person=None if anonymous else person,
        consent=None if anonymous else consent,
        milestone_type=milestone_type,
        is_anonymous=anonymous,
        shared_fields=[] if anonymous else sorted(set(shared_fields)),
        shared={} if anonymous else _snapshot(person, shared_fields),
        profile=_profile(
            None if anonymous else person,
            {**(anonymous_profile or {}), "needs_childcare": needs_childcare},
            today,
        ),
        urgency=sorted(set(urgency)),
        message=message.strip(),
        response_due=add_working_days(today, RESPONSE_WORKING_DAYS, state=_state_of(recipient)),
    )
    _event(referral, user, EventKind.STATUS, to_status=S.SENT, text=message.strip())
    if not anonymous:
        audit_record(
            user=user,
            action=AuditAction.SHARE,
            obj=referral,
            detail=f"→ {recipient}: {', '.join(referral.shared_fields)}",
        )
    target = offer.title if offer else str(recipient)
    notify(
        referral,
        recipient,
        Action.RESPOND_REFERRALS,
        _("New referral from %(sender)s: %(target)s")
        % {"sender": case.organisation, "target": target},
    )
    return referral


def _lock(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("offer", "recipient", "sender")
        .get(pk=referral.pk)
    )


def _take_place(referral: Referral) -> None:
    """Book one of the offer's places; refused when none is free (row lock, then a
    conditional update so that no place is ever given twice)."""
    if referral.offer_id is None:
        return
    offer = Offer.objects.select_for_update().get(pk=referral.offer_id)
    if offer.free_places is None:
        return  # the offer does not count places
    updated = Offer.objects.filter(pk=offer.pk, free_places__gt=0).update(
        free_places=F("free_places") - 1
    )
    if not updated:
        raise ValidationError(
            _("“%(offer)s” has no free place left. Put the referral on the waiting list.")
            % {"offer": offer.title}
        )


def _release_place(referral: Referral) -> None:
    if referral.offer_id is None:
        return
    offer = Offer.objects.select_for_update().get(pk=referral.offer_id)
    if offer.free_places is None:
        return
    limit = offer.capacity if offer.capacity is not None else offer.free_places + 1
    Offer.objects.filter(pk=offer.pk).update(free_places=min(limit, offer.free_places + 1))


def _milestone_effect(referral: Referral, status: str, user: Any) -> None:
    """A referral into a standard system moves the person's milestone: started → in progress,
    completed → achieved. The sender chose the standard system with the person's consent."""
    if referral.person_id is None or referral.milestone_type_id is None:
        return
    if status not in (S.STARTED, S.COMPLETED):
        return
    today = timezone.localdate()
    milestone, created = Milestone.objects.get_or_create(
        person_id=referral.person_id, type_id=referral.milestone_type_id
    )
    if milestone.status == MilestoneStatus.ACHIEVED:
        return
    if status == S.STARTED:
        milestone.status = MilestoneStatus.IN_PROGRESS
        milestone.started_on = milestone.started_on or today
    else:
        milestone.status = MilestoneStatus.ACHIEVED
        milestone.started_on = milestone.started_on or today
        milestone.achieved_on = today
    milestone.note = (_("via referral to %(org)s") % {"org": referral.recipient})[:200]
    milestone.save()
    audit_record(
        user=user,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=milestone,
        detail=f"{milestone.type.key}: {milestone.status} (referral {referral.code})",
    )


@transaction.atomic
def referral_transition(
    *, user: Any, referral: Referral, to: str, reason: str = "", text: str = ""
) -> Referral:
    """Move a referral to status ``to``; checks who may, books or frees places, records it."""
    referral = _lock(referral)
    check(user, Action.VIEW_REFERRALS, referral)
    allowed = TRANSITIONS.get(referral.status, {})
    side = allowed.get(to)
    if side is None:
        raise ValidationError(
            _("A referral that is “%(now)s” cannot become “%(to)s”.")
            % {"now": referral.get_status_display(), "to": ReferralStatus(to).label}
        )
    if side == "receiver":
        if not (_is_receiver(user, referral) and can(user, Action.RESPOND_REFERRALS, referral)):
            raise PermissionDenied
    elif not (_is_sender(user, referral) and can(user, Action.SEND_REFERRALS, referral)):
        raise PermissionDenied
    if to == S.DECLINED and not reason.strip():
        raise ValidationError({"reason": [_("Give a reason for declining.")]})

    before = referral.status
    if to == S.ACCEPTED:
        _take_place(referral)
    elif before in HOLDS_PLACE and to not in HOLDS_PLACE:
        _release_place(referral)
    now = timezone.now()
    referral.status = to
    referral.status_changed_at = now
    if to == S.WAITING and referral.waiting_since is None:
        referral.waiting_since = timezone.localdate()
    if to == S.DECLINED:
        referral.decline_reason = reason.strip()[:300]
    if side == "receiver" and referral.responded_at is None:
        referral.responded_at = now
    referral.save()
    _event(
        referral,
        user,
        EventKind.STATUS,
        from_status=before,
        to_status=to,
        text=(reason or text).strip(),
    )
    _milestone_effect(referral, to, user)
    label = ReferralStatus(to).label
    if side == "receiver":
        notify(
            referral,
            referral.sender,
            Action.SEND_REFERRALS,
            _("Referral to %(target)s: %(status)s")
            % {
                "target": referral.offer.title if referral.offer else referral.recipient,
                "status": label,
            },
        )
    else:
        notify(
            referral,
            referral.recipient,
            Action.RESPOND_REFERRALS,
            _("Referral from %(sender)s: %(status)s")
            % {"sender": referral.sender, "status": label},
        )
    return referral


@transaction.atomic
def referral_message(*, user: Any, referral: Referral, text: str) -> ReferralEvent:
    check(user, Action.VIEW_REFERRALS, referral)
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write a message.")]})
    if len(text) > 2000:
        raise ValidationError({"text": [_("A message may have at most 2,000 characters.")]})
    event = _event(referral, user, EventKind.MESSAGE, text=text)
    other = referral.recipient if _is_sender(user, referral) else referral.sender
    action = Action.RESPOND_REFERRALS if other == referral.recipient else Action.SEND_REFERRALS
    notify(
        referral,
        other,
        action,
        _("New message on a referral (%(org)s)") % {"org": event.organisation},
    )
    return event


@transaction.atomic
def referrals_for_revoked_consent(*, user: Any, consent: Consent) -> int:
    """When a consent is revoked, the receivers lose what was shared under it."""
    count = 0
    for referral in Referral.objects.select_for_update().filter(consent=consent).exclude(shared={}):
        referral.shared = {}
        referral.shared_fields = []
        referral.save(update_fields=["shared", "shared_fields"])
        _event(referral, user, EventKind.CONSENT, text=_("Consent revoked: shared data removed."))
        audit_record(
            user=user, action=AuditAction.REVOKE, obj=referral, detail="shared data removed"
        )
        count += 1
    return count


@dataclass(frozen=True)
class ReminderResult:
    reminded: int
    escalated: int


@transaction.atomic
def referrals_remind_overdue(*, today: datetime.date | None = None) -> ReminderResult:
    """Remind receivers of referrals past their response deadline; tell the team lead when
    they stay unanswered for ESCALATE_AFTER more working days. Idempotent per referral."""
    today = today or timezone.localdate()
    now = timezone.now()
    reminded = escalated = 0
    overdue = (
        Referral.objects.select_for_update(of=("self",))
        .filter(status=S.SENT, responded_at__isnull=True, response_due__lt=today)
        .select_related("recipient", "offer")
    )
    for referral in overdue:
        target = referral.offer.title if referral.offer else str(referral.recipient)
        if referral.reminded_at is None:
            referral.reminded_at = now
            referral.save(update_fields=["reminded_at"])
            _event(referral, None, EventKind.REMINDER, text=_("Response deadline passed."))
            notify(
                referral,
                referral.recipient,
                Action.RESPOND_REFERRALS,
                _("Overdue: please answer the referral to %(target)s (due %(due)s).")
                % {"target": target, "due": f"{referral.response_due:%d.%m.%Y}"},
            )
            reminded += 1
        if (
            referral.escalated_at is None
            and working_days_between(referral.response_due, today) > ESCALATE_AFTER
        ):
            referral.escalated_at = now
            referral.save(update_fields=["escalated_at"])
            _event(referral, None, EventKind.ESCALATION, text=_("Escalated to the team lead."))
            notify(
                referral,
                referral.recipient,
                Action.ALLOCATE_PLACES,  # team leads and provider editors
                _("Escalation: the referral to %(target)s has been unanswered since %(due)s.")
                % {"target": target, "due": f"{referral.response_due:%d.%m.%Y}"},
            )
            escalated += 1
    return ReminderResult(reminded, escalated)


@transaction.atomic
def allocation_confirm(*, user: Any, pairs: Sequence[tuple[str, str]]) -> list[Referral]:
    """Book a confirmed proposal: ``pairs`` of (referral code, offer code). All or nothing:
    every referral must still wait for that offer and every place must still be free."""
    check(user, Action.ALLOCATE_PLACES)
    codes = [r for r, _o in pairs]
    referrals = {
        str(r.code): r
        for r in visible(user, Action.ALLOCATE_PLACES, Referral)
        .select_for_update(of=("self",))
        .filter(code__in=codes)
        .select_related("offer")
        .order_by("pk")
    }
    accepted = []
    for referral_code, offer_code in pairs:
        referral = referrals.get(referral_code)
        if (
            referral is None
            or referral.offer is None
            or str(referral.offer.code) != offer_code
            or referral.status not in (S.SENT, S.WAITING)
            or not _is_receiver(user, referral)
        ):
            raise ValidationError(
                _("The proposal is out of date (a referral changed meanwhile). Make a new one.")
            )
        accepted.append(
            referral_transition(
                user=user,
                referral=referral,
                to=S.ACCEPTED,
                text=_("Place allocated from the waiting list."),
            )
        )
    return accepted
