"""Figures of the volunteer contact point for steering and the coordinators, with the
small-number rule of ``teilhabe.steering.suppression`` (primary and complementary).

Kept here rather than as a page of ``teilhabe/steering`` (which has no registry for other
apps' pages yet); the rule itself is the steering app's.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, can, visible
from teilhabe.steering.suppression import (
    Figure,
    rate_allowed,
    sample_allowed,
    suppress,
    suppress_row,
    threshold,
)
from teilhabe.steering.tables import median
from teilhabe.volunteers.models import (
    LANGUAGES,
    Assignment,
    HoursEntry,
    RequestKind,
    RequestStatus,
    Volunteer,
    VolunteerRequest,
    VolunteerStatus,
    add_months,
)


@dataclass
class Funnel:
    label: str
    first: Figure
    second: Figure
    share: str


def _scope(user):
    """City steering: every contact point; coordinators: their own."""
    if can(user, Action.VIEW_CITY_FIGURES):
        return Volunteer.objects.all(), VolunteerRequest.objects.all()
    return (
        visible(user, Action.MANAGE_VOLUNTEERS, Volunteer),
        visible(user, Action.MANAGE_VOLUNTEERS, VolunteerRequest).filter(
            contact_point__organisation_id__in=visible(
                user, Action.MANAGE_VOLUNTEERS, Volunteer
            ).values("contact_point__organisation_id")
        ),
    )


def _funnel(label, first: int, second: int) -> Funnel:
    row = suppress_row({"second": second, "rest": max(first - second, 0)})
    share = f"{round(100 * second / first)} %" if rate_allowed(second, first) else "–"
    return Funnel(label, suppress(first), row.cells["second"], share)


def volunteer_figures(user, *, start: datetime.date | None = None, end=None) -> dict:
    end = end or timezone.localdate()
    start = start or add_months(end, -12)
    volunteers, requests = _scope(user)
    volunteers = volunteers.filter(anonymised_at__isnull=True)
    enquiries = volunteers.filter(confirmed_at__date__gte=start, confirmed_at__date__lte=end)
    placed = enquiries.filter(assignments__isnull=False).distinct().count()
    reqs = requests.filter(created_at__date__gte=start, created_at__date__lte=end)
    filled_qs = reqs.filter(filled_at__isnull=False)
    days = [
        (f.filled_at - f.created_at).total_seconds() / 86400
        for f in filled_qs.only("filled_at", "created_at")
    ]
    time_to_fill = f"{median(days):.1f}".replace(".", ",") if sample_allowed(len(days)) else "–"
    funnels = [
        _funnel(_("Volunteer enquiries → placed"), enquiries.count(), placed),
        _funnel(_("Requests → filled"), reqs.count(), len(days)),
    ]
    # Active volunteers per Stadtteil (a volunteer counts in each Stadtteil named).
    per_district = Counter(
        dict(
            volunteers.filter(status=VolunteerStatus.ACTIVE)
            .values_list("districts__name")
            .annotate(n=Count("pk", distinct=True))
            .values_list("districts__name", "n")
        )
    )
    per_district.pop(None, None)
    district_row = suppress_row(dict(sorted(per_district.items())))
    # Hours per month: shown when at least threshold volunteers logged hours in the month.
    months = (
        HoursEntry.objects.filter(
            volunteer__in=volunteers, worked_on__gte=start, worked_on__lte=end
        )
        .annotate(month=TruncMonth("worked_on"))
        .values("month")
        .annotate(h=Sum("hours"), people=Count("volunteer", distinct=True))
        .order_by("month")
    )
    hours = [
        (
            m["month"],
            f"{m['h']:.0f}" if not 0 < m["people"] < threshold() else "–",
        )
        for m in months
    ]
    # Interpreter bookings per language.
    bookings = Counter()
    for langs in (
        reqs.filter(kind=RequestKind.INTERPRETING)
        .exclude(status=RequestStatus.CANCELLED)
        .values_list("languages", flat=True)
    ):
        for code in langs or []:
            bookings[str(LANGUAGES.get(code, code))] += 1
    booking_row = suppress_row(dict(sorted(bookings.items())))
    assignments = Assignment.objects.filter(volunteer__in=volunteers).count()
    return {
        "start": start,
        "end": end,
        "funnels": funnels,
        "time_to_fill": time_to_fill,
        "districts": district_row,
        "hours": hours,
        "bookings": booking_row,
        "assignments": suppress(assignments),
        "threshold": threshold(),
    }
