"""Reads of case management. Every list starts from ``teilhabe.access.visible``."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from teilhabe.access import Action, visible
from teilhabe.cases.models import (
    Appointment,
    Case,
    Consent,
    ContactNote,
    Deadline,
    Document,
    Household,
    Milestone,
    Person,
    SharingGrant,
)
from teilhabe.cases.names import name_key, search_text

DUE_SOON_DAYS = 14
# A single name is looked up by its key only when the key says enough ("Ali" → "l" would
# match half the caseload); shorter ones rely on the written form.
MIN_SINGLE_KEY = 3


def _register_trigram_lookup() -> None:
    from django.contrib.postgres.lookups import TrigramWordSimilar

    Person._meta.get_field("search_name").register_lookup(TrigramWordSimilar)


_register_trigram_lookup()


def persons_for(
    user: Any,
    *,
    q: str = "",
    birth_year: int | None = None,
    file_number: str = "",
    district=None,
) -> QuerySet[Person]:
    """Search persons by name (fuzzy on PostgreSQL), year of birth, BAMF file number and
    district."""
    qs = visible(user, Action.VIEW_CASES, Person).filter(
        merged_into__isnull=True, anonymised_at__isnull=True
    )
    text = search_text(q)
    if text:
        # Transliterations first: family name and first given name both among the keys of the
        # entered words (an indexed lookup); otherwise fuzzy (trigram) search on the names.
        keys = list(dict.fromkeys(k for k in (name_key(w) for w in text.split()) if k))
        by_key = qs.filter(family_key__in=keys, given_key__in=keys) if len(keys) > 1 else None
        if by_key is not None and by_key.exists():
            qs = by_key
        else:
            if connection.vendor == "postgresql":
                match = Q(search_name__trigram_word_similar=text)
            else:
                match = Q()
                for word in text.split():
                    match &= Q(search_name__contains=word)
            if len(keys) == 1 and len(keys[0]) >= MIN_SINGLE_KEY:
                # One name entered: any spelling of it (German "Kowalenko" finds
                # "Коваленко" / "Kovalenko"), as family name or first given name.
                match |= Q(family_key=keys[0]) | Q(given_key=keys[0])
            qs = qs.filter(match)
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import TrigramWordSimilarity

            qs = qs.annotate(similarity=TrigramWordSimilarity(text, "search_name")).order_by(
                "-similarity", "family_name", "given_names"
            )
        else:
            qs = qs.order_by("family_name", "given_names")
    else:
        qs = qs.order_by("family_name", "given_names")
    if birth_year:
        qs = qs.filter(birth_year=birth_year)
    if file_number:
        qs = qs.filter(bamf_file_number__iexact=file_number.strip())
    if district is not None:
        qs = qs.filter(district=district)
    return qs.select_related("household", "district")


def caseload_for(
    user: Any,
    *,
    responsible: Any = None,
    team=None,
    kind=None,
    status: str = "open",
) -> QuerySet[Case]:
    qs = visible(user, Action.VIEW_CASES, Case)
    if responsible is not None:
        qs = qs.filter(responsible=responsible)
    if team is not None:
        qs = qs.filter(team=team)
    if kind is not None:
        qs = qs.filter(kind=kind)
    if status == "open":
        qs = qs.filter(closed_on__isnull=True)
    elif status == "closed":
        qs = qs.filter(closed_on__isnull=False)
    today = timezone.localdate()
    return (
        qs.select_related("household", "kind", "responsible", "team", "organisation")
        .annotate(
            member_count=Count("household__members", distinct=True),
            due_count=Count(
                "deadlines",
                filter=Q(
                    deadlines__done_on__isnull=True,
                    deadlines__due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
                ),
                distinct=True,
            ),
        )
        .order_by("household__name", "-opened_on")
    )


def due_deadlines_for(user: Any, *, responsible: Any = None, days: int = DUE_SOON_DAYS):
    today = timezone.localdate()
    qs = visible(user, Action.VIEW_CASES, Deadline).filter(
        done_on__isnull=True,
        due_on__lte=today + datetime.timedelta(days=days),
        case__closed_on__isnull=True,
    )
    if responsible is not None:
        qs = qs.filter(case__responsible=responsible)
    return qs.select_related("case__household", "case__responsible", "person").order_by(
        "due_on", "id"
    )


def appointments_for(user: Any, *, responsible: Any) -> QuerySet[Appointment]:
    return (
        visible(user, Action.VIEW_CASES, Appointment)
        .filter(case__responsible=responsible)
        .select_related("case__household")
        .order_by("starts_at")
    )


def household_page(user: Any, household: Household) -> dict:
    members = list(
        visible(user, Action.VIEW_CASES, Person)
        .filter(household=household, merged_into__isnull=True)
        .select_related("district")
        .order_by("household_role", "family_name")
    )
    cases = list(
        visible(user, Action.VIEW_CASES, Case)
        .filter(household=household)
        .select_related("kind", "responsible", "organisation")
    )
    timeline = []
    for case in cases:
        timeline += [dict(e, case=case) for e in case_file(user, case)["timeline"]]
    timeline.sort(key=lambda e: e["at"], reverse=True)
    return {"members": members, "cases": cases, "timeline": timeline}


def case_file(user: Any, case: Case) -> dict:
    """Everything of one case the user may see, and a timeline of it."""
    notes = list(
        visible(user, Action.VIEW_CASES, ContactNote)
        .filter(case=case)
        .select_related("created_by", "person", "institution", "barrier_category")
    )
    deadlines = list(
        visible(user, Action.VIEW_CASES, Deadline).filter(case=case).select_related("person")
    )
    appointments = list(visible(user, Action.VIEW_CASES, Appointment).filter(case=case))
    documents = list(
        visible(user, Action.VIEW_CASES, Document).filter(case=case).select_related("created_by")
    )
    grants = list(
        visible(user, Action.VIEW_CASES, SharingGrant)
        .filter(case=case)
        .select_related("recipient", "consent__person", "granted_by")
    )
    members = list(
        visible(user, Action.VIEW_CASES, Person)
        .filter(household=case.household_id, merged_into__isnull=True)
        .prefetch_related(
            Prefetch(
                "consents",
                queryset=Consent.objects.filter(revoked_at__isnull=True).prefetch_related(
                    "recipients"
                ),
            )
        )
    )
    from teilhabe.referrals.models import Referral, ReferralEvent  # referrals build on cases

    referrals = list(
        visible(user, Action.VIEW_REFERRALS, Referral)
        .filter(case=case)
        .select_related("recipient", "offer", "consent", "person")
        .order_by("created_at", "pk")
    )

    referral_events = list(
        visible(user, Action.VIEW_REFERRALS, ReferralEvent)
        .filter(referral__case=case)
        .select_related("referral__recipient", "referral__offer")
    )
    timeline = sorted(
        [
            *({"at": n.date, "kind": "note", "obj": n} for n in notes),
            *(
                {"at": timezone.localtime(e.at).date(), "kind": "referral", "obj": e}
                for e in referral_events
            ),
            *({"at": d.due_on, "kind": "deadline", "obj": d} for d in deadlines),
            *({"at": a.starts_at.date(), "kind": "appointment", "obj": a} for a in appointments),
            *({"at": d.created_at.date(), "kind": "document", "obj": d} for d in documents),
            *({"at": g.valid_from.date(), "kind": "grant", "obj": g} for g in grants),
            {"at": case.opened_on, "kind": "opened", "obj": case},
            *([{"at": case.closed_on, "kind": "closed", "obj": case}] if case.closed_on else []),
        ],
        key=lambda e: e["at"],
        reverse=True,
    )
    return {
        "notes": notes,
        "deadlines": deadlines,
        "appointments": appointments,
        "documents": documents,
        "grants": grants,
        "sharings": sharings_of(grants, referrals),
        "members": members,
        "timeline": timeline,
    }


def sharings_of(grants: list[SharingGrant], referrals: list) -> list[dict[str, Any]]:
    """Every passing-on of the case's data, oldest first: grants and handovers (access to the
    case file within a scope) and referrals (a snapshot of chosen fields sent to the receiver).
    Each with recipient, what was passed on, the consent behind it and whether it still holds."""
    from teilhabe.referrals.models import SharedField

    labels = dict(SharedField.choices)
    rows: list[dict[str, Any]] = [
        {
            "kind": "grant",
            "at": g.valid_from,
            "recipient": g.recipient,
            "what": g.get_scope_display(),
            "consent": g.consent,
            "until": g.valid_until,
            "in_force": g.in_force(),
            "obj": g,
        }
        for g in grants
    ]
    for r in referrals:
        shared = [str(labels.get(f, f)) for f in r.shared_fields or []] if r.shared else []
        rows.append(
            {
                "kind": "referral",
                "at": r.created_at,
                "recipient": r.recipient,
                "offer": r.offer,
                "what": ", ".join(shared),
                "anonymous": r.is_anonymous,
                "cleared": not r.is_anonymous and not r.shared,
                "consent": r.consent,
                "person": r.person,
                "obj": r,
            }
        )
    return sorted(rows, key=lambda row: row["at"])


def milestones_of(user: Any, person: Person) -> list[Milestone]:
    return list(
        visible(user, Action.VIEW_CASES, Milestone)
        .filter(person=person)
        .select_related("type", "person")
    )


def caseload_panel(user: Any) -> dict[str, int]:
    """Counts for the start page: the user's open cases and their deadlines due soon."""
    today = timezone.localdate()
    open_cases = (
        visible(user, Action.VIEW_CASES, Case)
        .filter(responsible=user, closed_on__isnull=True)
        .count()
    )
    due = due_deadlines_for(user, responsible=user).aggregate(
        due=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))
    )
    return {"open_cases": open_cases, "due": due["due"], "overdue": due["overdue"]}
