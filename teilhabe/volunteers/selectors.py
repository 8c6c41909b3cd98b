"""Reads of the volunteer contact point (always through ``teilhabe.access``)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, visible
from teilhabe.volunteers.models import (
    ContactPoint,
    Inquiry,
    RequestStatus,
    Requirement,
    RequirementKind,
    Volunteer,
    VolunteerRequest,
    VolunteerStatus,
)


def contact_points_public() -> QuerySet[ContactPoint]:
    return ContactPoint.objects.filter(accepts_registrations=True).order_by("name")


def contact_points_for(user) -> QuerySet[ContactPoint]:
    return visible(user, Action.MANAGE_VOLUNTEERS, ContactPoint).order_by("name")


def volunteers_for(user, *, status: str = "", query: str = "") -> QuerySet[Volunteer]:
    qs = visible(user, Action.MANAGE_VOLUNTEERS, Volunteer).filter(anonymised_at__isnull=True)
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )
    return qs.select_related("contact_point").order_by("last_name", "first_name", "id")


def blocking_kinds() -> list[RequirementKind]:
    return list(RequirementKind.objects.filter(blocks_placement=True).order_by("pk"))


def placeable_q(on: datetime.date | None = None, kinds=None) -> Q:
    """Volunteers with a valid record of every requirement that blocks placement."""
    on = on or timezone.localdate()
    q = Q()
    for kind in blocking_kinds() if kinds is None else kinds:
        q &= Q(
            Exists(
                Requirement.objects.filter(
                    volunteer=OuterRef("pk"),
                    kind=kind,
                    no_relevant_entry=True,
                    due_on__gt=on,
                )
            )
        )
    return q


def placement_blockers(volunteer: Volunteer, on: datetime.date | None = None) -> list[str]:
    """Why this volunteer cannot be placed now (empty: can be placed), in German."""
    on = on or timezone.localdate()
    reasons = []
    if volunteer.status not in (VolunteerStatus.ACTIVE, VolunteerStatus.INTERESTED):
        reasons.append(
            _("Status is “%(status)s”.") % {"status": VolunteerStatus(volunteer.status).label}
        )
    records = list(volunteer.requirements.all())
    for kind in blocking_kinds():
        mine = [r for r in records if r.kind_id == kind.pk]
        if not mine:
            reasons.append(_("%(kind)s is missing.") % {"kind": kind.name})
        elif not any(r.valid_on(on) for r in mine):
            latest = max(mine, key=lambda r: r.inspected_on)
            if not latest.no_relevant_entry:
                reasons.append(_("%(kind)s has a relevant entry.") % {"kind": kind.name})
            else:
                reasons.append(
                    _("%(kind)s expired on %(date)s.")
                    % {"kind": kind.name, "date": latest.due_on.strftime("%d.%m.%Y")}
                )
    return reasons


def volunteer_detail(volunteer: Volunteer) -> dict:
    hours = list(volunteer.hours.select_related("assignment__request")[:200])
    return {
        "assignments": list(volunteer.assignments.select_related("request")),
        "hours": hours,
        "hours_total": sum((h.hours for h in hours), 0),
        "trainings": list(volunteer.trainings.all()),
        "requirements": list(volunteer.requirements.select_related("kind")),
        "blockers": placement_blockers(volunteer),
        "districts": list(volunteer.districts.order_by("name")),
    }


def coordinator_panel(user) -> dict:
    qs = visible(user, Action.MANAGE_VOLUNTEERS, Volunteer).filter(anonymised_at__isnull=True)
    today = timezone.localdate()
    return {
        "new": qs.filter(status=VolunteerStatus.INTERESTED, interview_on__isnull=True).count(),
        "active": qs.filter(status=VolunteerStatus.ACTIVE).count(),
        "due_soon": visible(user, Action.MANAGE_VOLUNTEERS, Requirement)
        .filter(
            due_on__lte=today + datetime.timedelta(days=60),
            due_on__gt=today,
            volunteer__anonymised_at__isnull=True,
        )
        .count(),
    }


def requests_for(user, *, status: str = "") -> QuerySet[VolunteerRequest]:
    """Requests the user may see: a coordinator those of the contact point, requesters those
    of their organisation."""
    qs = VolunteerRequest.objects.none()
    for action in (Action.MANAGE_VOLUNTEERS, Action.REQUEST_VOLUNTEERS, Action.BOOK_INTERPRETERS):
        qs = qs | visible(user, action, VolunteerRequest)
    if status == "open":
        qs = qs.filter(status__in=[RequestStatus.OPEN, RequestStatus.FILLED])
    elif status:
        qs = qs.filter(status=status)
    return qs.select_related("contact_point", "requester", "district").order_by("starts_on", "-id")


def inquiry_public(code: str):
    """An inquiry for its answer page (reached only by a signed link)."""
    return (
        Inquiry.objects.select_related(
            "request",
            "request__district",
            "request__contact_point",
            "request__consent",
            "volunteer",
        )
        .filter(code=code, volunteer__anonymised_at__isnull=True)
        .first()
    )
