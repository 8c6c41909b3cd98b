"""Reads of housing support and asylum-procedure counselling."""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from teilhabe.access import Action, visible
from teilhabe.cases.models import Person
from teilhabe.housing import rules
from teilhabe.housing.models import (
    Accommodation,
    AsylumProcedure,
    BenefitPeriod,
    ResidenceObligation,
    ResidenceTitle,
    Stay,
)
from teilhabe.housing.services import current_title


def accommodations_for(user: Any) -> QuerySet[Accommodation]:
    return visible(user, Action.VIEW_ACCOMMODATION, Accommodation).select_related(
        "operator", "district", "district__borough"
    )


def occupancy_today(accommodations: list[Accommodation], day: datetime.date | None = None):
    """``{accommodation id: persons}`` on ``day`` in one query."""
    day = day or timezone.localdate()
    rows = (
        Stay.objects.filter(accommodation__in=accommodations, moved_in__lte=day)
        .filter(Q(moved_out__isnull=True) | Q(moved_out__gt=day))
        .values("accommodation_id")
        .annotate(n=Count("id"))
    )
    return {r["accommodation_id"]: r["n"] for r in rows}


_EVENTS_SQL = """
SELECT accommodation_id, GREATEST(moved_in - %(start)s::date, 0), moved_out - %(start)s::date
FROM housing_stay
WHERE accommodation_id = ANY(%(ids)s) AND moved_in <= %(end)s
  AND (moved_out IS NULL OR moved_out > %(start)s)
"""


def occupancy_series(
    accommodation_ids: list[int], start: datetime.date, end: datetime.date
) -> dict[int, list[int]]:
    """Persons per accommodation for every day of [start, end].

    Counted from move-in and move-out events (a running sum over one query's rows), never by
    testing every stay on every day (see bench/housing.py: ×50 faster than that in SQL)."""
    if not accommodation_ids:
        return {}
    days = (end - start).days + 1
    deltas: dict[int, list[int]] = {a: [0] * (days + 1) for a in accommodation_ids}
    if connection.vendor == "postgresql":
        # Day offsets computed by the database: integers convert faster than dates.
        with connection.cursor() as cursor:
            cursor.execute(
                _EVENTS_SQL, {"ids": list(accommodation_ids), "start": start, "end": end}
            )
            rows = cursor.fetchall()
    else:
        rows = [
            (acc, max((moved_in - start).days, 0), (moved_out - start).days if moved_out else None)
            for acc, moved_in, moved_out in Stay.objects.filter(
                accommodation_id__in=accommodation_ids, moved_in__lte=end
            )
            .filter(Q(moved_out__isnull=True) | Q(moved_out__gt=start))
            .values_list("accommodation_id", "moved_in", "moved_out")
        ]
    for acc, first, out in rows:
        delta = deltas[acc]
        delta[first] += 1
        if out is not None and out < days:
            delta[out] -= 1
    return {acc: list(itertools.accumulate(delta[:days])) for acc, delta in deltas.items()}


@dataclass
class TitleView:
    title: ResidenceTitle
    state: str  # "expired", "expiring" or ""
    current: bool


def person_housing(user: Any, person: Person) -> dict:
    """Everything the person's housing and residence page shows (access checked by caller)."""
    today = timezone.localdate()
    titles = list(
        visible(user, Action.VIEW_CASES, ResidenceTitle)
        .filter(person=person)
        .select_related("legal_basis")
    )
    current = current_title(titles, today)
    title_rows = [
        TitleView(t, rules.expiry_state(t.valid_until, today) if t is current else "", t is current)
        for t in titles
    ]
    benefits = list(visible(user, Action.VIEW_CASES, BenefitPeriod).filter(person=person))
    current_benefit = next(
        (b for b in benefits if b.starts_on <= today and (b.ends_on is None or b.ends_on >= today)),
        None,
    )
    first_24 = first_paragraph_24(person)
    transitions = [
        t
        for t in rules.transitions()
        if t.affects(first_24, current_benefit.system if current_benefit else None)
    ]
    return {
        "titles": title_rows,
        "current_title": current,
        "title_state": rules.expiry_state(current.valid_until, today) if current else "",
        "benefits": benefits,
        "current_benefit": current_benefit,
        "first_paragraph_24": first_24,
        "transitions": transitions,
        "obligations": list(
            visible(user, Action.VIEW_CASES, ResidenceObligation).filter(person=person)
        ),
        "procedures": list(visible(user, Action.VIEW_CASES, AsylumProcedure).filter(person=person)),
        "stays": list(
            visible(user, Action.VIEW_CASES, Stay)
            .filter(person=person)
            .select_related("accommodation", "district")
        ),
        "obligation_rule": rules.obligation_rule(),
    }


def first_paragraph_24(person: Person) -> datetime.date | None:
    return ResidenceTitle.objects.filter(
        person=person, legal_basis__temporary_protection=True
    ).aggregate(first=Min("issued_on"))["first"]


def residence_warnings(persons: list[Person], today: datetime.date | None = None) -> list[dict]:
    """Warnings for person and case pages: expired or soon expiring titles (from the person's
    current status, which the timeline keeps), and residence obligations that may be lifted."""
    today = today or timezone.localdate()
    warnings = []
    for person in persons:
        state = rules.expiry_state(person.residence_valid_until, today)
        if state:
            warnings.append(
                {"person": person, "state": state, "until": person.residence_valid_until}
            )
    flagged = ResidenceObligation.objects.filter(
        person__in=persons, lifted_on__isnull=True, may_be_lifted_since__isnull=False
    ).select_related("person")
    for obligation in flagged:
        warnings.append({"person": obligation.person, "state": "obligation", "until": None})
    return warnings


@dataclass
class ReviewRow:
    person: Person
    reason: str
    detail: str
    due: datetime.date | None


def review_list(user: Any, today: datetime.date | None = None) -> list[ReviewRow]:
    """Persons a rule affects, for the case worker to act on: titles expiring within the
    warning period or expired, § 12a obligations that may be lifted, and persons a benefit
    transition rule applies to. Only persons the user may see."""
    from django.utils.translation import gettext as _

    today = today or timezone.localdate()
    persons = visible(user, Action.VIEW_CASES, Person).filter(anonymised_at__isnull=True)
    horizon = today + datetime.timedelta(days=rules.rules()["residence"]["warning_days"])
    rows: list[ReviewRow] = []
    for person in persons.filter(residence_valid_until__lte=horizon).order_by(
        "residence_valid_until"
    )[:500]:
        expired = person.residence_valid_until < today
        rows.append(
            ReviewRow(
                person,
                _("Residence title expired") if expired else _("Residence title expires soon"),
                person.get_residence_status_display(),
                person.residence_valid_until,
            )
        )
    for obligation in (
        ResidenceObligation.objects.filter(
            person__in=persons, lifted_on__isnull=True, may_be_lifted_since__isnull=False
        )
        .select_related("person", "application_deadline")
        .order_by("may_be_lifted_since")[:500]
    ):
        rows.append(
            ReviewRow(
                obligation.person,
                _("Residence obligation (§ 12a) may be lifted"),
                obligation.place,
                obligation.application_deadline.due_on if obligation.application_deadline else None,
            )
        )
    for transition in rules.transitions():
        first_24 = (
            ResidenceTitle.objects.filter(legal_basis__temporary_protection=True)
            .values("person_id")
            .annotate(first=Min("issued_on"))
            .filter(first__gt=transition.first_permit_after)
            .values("person_id")
        )
        current = BenefitPeriod.objects.filter(
            system__in=transition.from_systems, starts_on__lte=today
        ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        affected = persons.filter(pk__in=first_24).filter(pk__in=current.values("person_id"))
        for person in affected.order_by("family_name")[:500]:
            rows.append(ReviewRow(person, transition.name, transition.source, None))
    return rows


def occupancy_naive_sql(start: datetime.date, end: datetime.date) -> list[tuple]:
    """The same occupancy counted the obvious way (every day × every stay), for the benchmark
    to compare against and to check the figures."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT s.accommodation_id, d::date, count(*)
            FROM generate_series(%s::date, %s::date, interval '1 day') AS d
            JOIN housing_stay s ON s.moved_in <= d::date
                AND (s.moved_out IS NULL OR s.moved_out > d::date)
            WHERE s.accommodation_id IS NOT NULL
            GROUP BY 1, 2
            """,
            [start, end],
        )
        return cursor.fetchall()


def group_by_borough(accommodations: list[Accommodation]) -> dict:
    groups: dict = defaultdict(list)
    for a in accommodations:
        groups[a.district.borough].append(a)
    return dict(sorted(groups.items(), key=lambda kv: kv[0].number))


def person_export_sections(user: Any, person: Person) -> list[dict]:
    """Art. 15 export: the person's housing, residence and asylum data with display values
    (no internal ids), for :data:`teilhabe.cases.export.EXPORT_SECTIONS`."""
    data = person_housing(user, person)

    def day(value):
        return value.isoformat() if value else None

    return [
        *(
            {
                "section": "residence_title",
                "legal_basis": str(r.title.legal_basis),
                "issued_on": day(r.title.issued_on),
                "valid_until": day(r.title.valid_until),
                "authority": r.title.authority,
            }
            for r in data["titles"]
        ),
        *(
            {
                "section": "benefit_system",
                "system": b.get_system_display(),
                "from": day(b.starts_on),
                "until": day(b.ends_on),
            }
            for b in data["benefits"]
        ),
        *(
            {
                "section": "residence_obligation",
                "place": o.place,
                "from": day(o.starts_on),
                "until": day(o.ends_on),
                "lifted_on": day(o.lifted_on),
            }
            for o in data["obligations"]
        ),
        *(
            {
                "section": "asylum_procedure",
                "applied_on": day(p.applied_on),
                "file_number": p.file_number,
                "interview": p.interview_at.isoformat() if p.interview_at else None,
                "decision": p.get_decision_kind_display() if p.decision_kind else None,
                "decision_on": day(p.decision_on),
                "delivered_on": day(p.delivered_on),
                "legal_remedy_until": day(p.remedy_until),
            }
            for p in data["procedures"]
        ),
        *(
            {
                "section": "housing",
                "kind": s.get_kind_display(),
                "place": s.place,
                "district": s.district.name if s.district else None,
                "moved_in": day(s.moved_in),
                "moved_out": day(s.moved_out),
            }
            for s in data["stays"]
        ),
    ]
