"""Registration requests through the public finder: writes (one transaction each) and reads.

A person without an account asks to take part in an offer that allows it
(``Offer.registration_via_finder``); the provider is told by e-mail (in the worker, without
personal data in the mail) and answers the request on its offers pages. Every read and write of
a request is audited, like any personal data.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from teilhabe.access import Action, acting_person, check, visible
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record
from teilhabe.offers.models import Offer, OfferStatus, RegistrationRequest, RegistrationStatus
from teilhabe.offers.tasks import notify_registration_request

MAX_PARTICIPANTS = 10

# Retention (days; override with ``OFFERS_REGISTRATION_RETENTION_DAYS``): a request is deleted
# this long after the provider recorded an answer, or — never answered — after it came in.
DEFAULT_RETENTION_DAYS = {"handled": 180, "unanswered": 365}


class RegistrationError(ValueError):
    """The request cannot be taken; the message is German and says why."""


def registration_request_create(
    *,
    user,
    offer: Offer,
    name: str,
    email: str = "",
    phone: str = "",
    participants: int = 1,
    message: str = "",
    language: str = "de",
    consent_text: str,
    base_url: str = "",
) -> RegistrationRequest:
    """Take a registration request from the public finder (``user`` is anonymous).

    ``base_url`` (this server's address) lets the provider's mail link to the request list."""
    if offer.status != OfferStatus.PUBLISHED or not offer.registration_via_finder:
        raise RegistrationError("Für dieses Angebot ist keine Anmeldung über den Finder möglich.")
    name, email, phone = name.strip(), email.strip(), phone.strip()
    if not name:
        raise RegistrationError("Bitte geben Sie Ihren Namen an.")
    if not (email or phone):
        raise RegistrationError("Bitte geben Sie eine E-Mail-Adresse oder Telefonnummer an.")
    if not 1 <= participants <= MAX_PARTICIPANTS:
        raise RegistrationError(f"Es können 1 bis {MAX_PARTICIPANTS} Personen angemeldet werden.")
    with transaction.atomic():
        request = RegistrationRequest.objects.create(
            offer=offer,
            name=name,
            email=email,
            phone=phone,
            participants=participants,
            message=message.strip()[:500],
            language=language,
            consent_text=consent_text,
        )
        audit_record(
            user=user,
            action=AuditAction.CREATE,
            obj=request,
            detail="registration through the finder",
        )
        # The task row commits with the request (database backend), or neither does.
        notify_registration_request.enqueue(code=str(request.code), base_url=base_url)
    return request


def registration_request_set_status(
    *, user, request: RegistrationRequest, status: str
) -> RegistrationRequest:
    """The provider records how a request was answered."""
    check(user, Action.HANDLE_REGISTRATIONS, request)
    if status not in RegistrationStatus.values:
        raise RegistrationError("Unbekannter Status.")
    with transaction.atomic():
        request.status = status
        request.handled_at = timezone.now()
        request.handled_by = user
        request.save(update_fields=["status", "handled_at", "handled_by"])
        audit_record(user=user, action=AuditAction.UPDATE, obj=request, detail=f"status: {status}")
    return request


def registration_requests_for(user) -> QuerySet[RegistrationRequest]:
    """Requests to the offers of the user's organisations, newest first."""
    return visible(user, Action.HANDLE_REGISTRATIONS, RegistrationRequest).select_related(
        "offer", "offer__organisation"
    )


# --- Retention (a part of the retention job, registered in ``OffersConfig.ready``) -------------


def registration_retention_days() -> dict[str, int]:
    return {
        **DEFAULT_RETENTION_DAYS,
        **getattr(settings, "OFFERS_REGISTRATION_RETENTION_DAYS", {}),
    }


def registration_requests_expired(today: datetime.date) -> list[int]:
    """Requests answered more than ``handled`` days ago, or never answered and received more
    than ``unanswered`` days ago (ids, oldest first)."""
    days = registration_retention_days()

    def before(n: int) -> datetime.datetime:
        day = today - datetime.timedelta(days=n)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

    handled = RegistrationRequest.objects.filter(
        handled_at__isnull=False, handled_at__lt=before(days["handled"])
    )
    unanswered = RegistrationRequest.objects.filter(
        handled_at__isnull=True, created_at__lt=before(days["unanswered"])
    )
    return list((handled | unanswered).order_by("pk").values_list("pk", flat=True))


def registration_requests_delete(*, user, pks: list[int]) -> int:
    """Delete the expired requests ``pks`` (one audit entry each); only the retention job."""
    check(user, Action.APPLY_RETENTION)
    with transaction.atomic():
        rows = list(RegistrationRequest.objects.filter(pk__in=pks).select_related("offer"))
        for row in rows:
            audit_record(
                user=acting_person(user),
                action=AuditAction.DELETE,
                obj=row,
                detail="retention: registrations",
            )
            row.delete()
    return len(rows)
