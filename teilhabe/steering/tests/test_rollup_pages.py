"""The milestone, referral and coverage pages and the council report read rollups and give
exactly the figures of the raw rows (a small hand-made set and the demo history); every
steering page takes a fixed number of queries, however many rows the city has."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from teilhabe.access.roles import Role
from teilhabe.cases.models import (
    Case,
    CaseKind,
    Household,
    Milestone,
    MilestoneStatus,
    MilestoneType,
    Person,
)
from teilhabe.organisations.models import Organisation
from teilhabe.referrals.models import Referral
from teilhabe.referrals.models import ReferralStatus as S
from teilhabe.reports.figures import status_report_figures
from teilhabe.steering.casework import coverage_page, milestone_page
from teilhabe.steering.models import Level, MilestoneMonth, ReferralMonth
from teilhabe.steering.referrals import referral_page
from teilhabe.steering.rollups import (
    _milestone_rows_python,
    _milestone_rows_sql,
    rollups_refresh,
)
from teilhabe.steering.scope import scope_for
from teilhabe.steering.testing import category, district, offer_in, referrals

D = datetime.date


def _household(cast, name, members, cases):
    hh = Household.objects.create(organisation=cast.home_org, name=name)
    people = [
        Person.objects.create(
            organisation=cast.home_org,
            household=hh,
            household_role="head" if i == 0 else "child",
            family_name=name,
            given_names=f"P{i}",
            district=district(place) if place else None,
        )
        for i, place in enumerate(members)
    ]
    for opened, closed in cases:
        Case.objects.create(
            organisation=cast.home_org,
            household=hh,
            kind=CaseKind.objects.first(),
            responsible=cast.case_worker,
            opened_on=opened,
            closed_on=closed,
        )
    return people


def _reach(person, type_, day):
    Milestone.objects.create(
        person=person, type=type_, status=MilestoneStatus.ACHIEVED, achieved_on=day
    )


@pytest.fixture
def town(cast):
    a = _household(cast, "A", ["Altendorf"] * 6, [(D(2025, 3, 10), None)])
    _household(cast, "B", ["Altendorf"] * 2, [(D(2025, 5, 2), D(2025, 8, 20))])
    c = _household(cast, "C", ["Frohnhausen"] * 5, [(D(2025, 3, 15), None)])
    # First contact in December 2024; a second case later does not move it.
    d = _household(
        cast,
        "D",
        ["Stadtkern", "Stadtkern", "Stadtkern", None],
        [(D(2024, 12, 20), D(2025, 4, 1)), (D(2025, 6, 1), None)],
    )
    e = _household(cast, "E", ["Kray"] * 4, [(D(2025, 2, 28), None)])
    course, second = list(MilestoneType.objects.order_by("position"))[:2]
    _reach(a[0], course, D(2025, 6, 10))
    _reach(a[1], course, D(2025, 9, 10))
    _reach(a[2], course, D(2025, 3, 1))  # before the first contact: 0 days
    _reach(a[0], second, D(2026, 1, 5))
    Milestone.objects.create(person=a[3], type=course, status=MilestoneStatus.PLANNED)
    for i, day in enumerate([D(2025, 4, 1), D(2025, 9, 15), D(2026, 3, 15), D(2027, 4, 1)]):
        _reach(c[i], second, day)
    for person, day in zip(
        d, [D(2025, 6, 20), D(2025, 6, 20), D(2026, 2, 1), D(2025, 1, 2)], strict=True
    ):
        _reach(person, course, day)
    # 28 February + 6 months = 28 August: the 31st is not within six months.
    for person, day in zip(
        e, [D(2025, 8, 28), D(2025, 8, 31), D(2026, 2, 28), D(2027, 3, 1)], strict=True
    ):
        _reach(person, course, day)
    # Referrals: offers in two Stadtteile, persons from others, all statuses, waiting lists.
    provider = Organisation.objects.get(key="diakoniewerk-essen")
    language = category("t-sprache", "Sprache (Test)")
    work = category("t-arbeit", "Arbeit (Test)")
    in_stadtkern = offer_in("Stadtkern", provider=provider, cat=language)
    in_kray = offer_in("Kray", provider=provider, cat=work)

    def send(n, offer, lives_in, sent_on, **kw):
        return referrals(
            n,
            offer=offer,
            sender=cast.home_org,
            sender_user=cast.case_worker,
            lives_in=lives_in,
            sent_on=sent_on,
            recipient=provider if offer is None else None,
            **kw,
        )

    send(6, in_stadtkern, "Altendorf", D(2025, 3, 3), status=S.ACCEPTED, responded_after_days=1)
    send(3, in_stadtkern, "Stadtkern", D(2025, 4, 7), status=S.DECLINED, responded_after_days=8)
    send(7, in_kray, "Kray", D(2025, 6, 2), status=S.COMPLETED, responded_after_days=2)
    send(2, in_kray, None, D(2025, 9, 1))
    send(4, None, "Frohnhausen", D(2025, 10, 6), status=S.DROPPED_OUT, responded_after_days=3)
    waiting = send(6, in_kray, "Altendorf", D(2025, 11, 3), status=S.WAITING)
    for i, r in enumerate(waiting):
        Referral.objects.filter(pk=r.pk).update(waiting_since=D(2025, 11, 3 + i))
    done = send(5, in_stadtkern, "Kray", D(2025, 12, 1), status=S.STARTED)
    for i, r in enumerate(done):
        Referral.objects.filter(pk=r.pk).update(
            waiting_since=D(2025, 12, 1),
            status_changed_at=timezone.make_aware(datetime.datetime(2025, 12, 10 + i, 12)),
        )
    return {"a": a, "course": course, "second": second}


def _cells(page):
    return {
        (t.key, row.key, i): (cell.text, cell.hidden)
        for t in page.tables
        for row, cells in [*t.body(), *([t.footer()] if t.footer() else [])]
        for i, cell in enumerate(cells)
    }


PERIODS = [
    {"von": "2025-01-01", "bis": "2025-12-31"},
    {"von": "2024-12-01", "bis": "2025-08-31"},  # quarters cut at both ends
    {"von": "2025-02-01", "bis": "2027-12-31"},
    {"von": "2025-03-05", "bis": "2025-10-20"},  # not whole months: read from the rows
    {},  # the default period of each page
]


def _scopes(user):
    altendorf = district("Altendorf")
    stadtkern = district("Stadtkern")
    return [
        {},
        {"bezirk": str(altendorf.borough.code)},
        {"bezirk": str(stadtkern.borough.code)},
        {"stadtteil": str(stadtkern.code)},
        {"stadtteil": str(district("Kray").code)},
    ]


def _same_pages(user, period):
    for area in _scopes(user):
        params = {**period, **area}
        for build in (milestone_page, referral_page, coverage_page):
            months = 36 if build is milestone_page else 12
            scope = scope_for(user, params, months=months)
            assert _cells(build(scope)) == _cells(build(scope, raw=True)), (build, params)


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("limit", [1, 5])
def test_the_rollups_give_the_pages_exactly_the_figures_of_the_raw_rows(
    cast, town, settings, period, limit
):
    settings.SMALL_NUMBER_THRESHOLD = limit
    rollups_refresh()
    _same_pages(cast.user(Role.CITY_STEERING), period)


def test_a_borough_coordinator_sees_the_same_figures_from_the_rollups(cast, town, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1
    rollups_refresh()
    user = cast.user(Role.BOROUGH_COORDINATOR)
    for page in (milestone_page, referral_page, coverage_page):
        scope = scope_for(user, {"von": "2025-01-01", "bis": "2025-12-31"})
        assert _cells(page(scope)) == _cells(page(scope, raw=True))


def test_the_milestone_rollup_as_counted_by_hand(cast, town):
    rollups_refresh()
    course = town["course"]
    city = MilestoneMonth.objects.filter(level=Level.CITY, span=1)
    # Persons by month of first contact: A (6) and C (5) in March, D (4) in December 2024.
    persons = {r.month: r.count for r in city.filter(type_id=None)}
    assert persons[D(2025, 3, 1)] == 11
    assert persons[D(2024, 12, 1)] == 4
    march = city.get(month=D(2025, 3, 1), type_id=course.pk)
    assert march.count == 3
    assert march.days == [[0, 92, 184], [1, 1, 1]]
    assert (march.within_6, march.within_12, march.within_24) == (3, 3, 3)
    february = city.get(month=D(2025, 2, 1), type_id=course.pk)  # E: 28 February
    assert (february.count, february.within_6, february.within_12) == (4, 1, 3)
    # The person of D without an address counts for the city only.
    altstadt = district("Stadtkern")
    kern = MilestoneMonth.objects.get(
        level=Level.DISTRICT,
        area_id=altstadt.pk,
        month=D(2024, 12, 1),
        span=1,
        type_id=course.pk,
    )
    assert kern.count == 3 and kern.days == [[182, 408], [2, 1]]
    whole = city.get(month=D(2024, 12, 1), type_id=course.pk)
    assert whole.count == 4 and whole.days == [[13, 182, 408], [1, 2, 1]]
    # The first quarter of 2025 adds up February (E) and March (A, C).
    quarters = MilestoneMonth.objects.filter(level=Level.CITY, span=3, month=D(2025, 1, 1))
    assert quarters.get(type_id=None).count == 15
    q1 = quarters.get(type_id=course.pk)
    assert q1.days == [[0, 92, 181, 184, 365, 731], [1, 1, 1, 2, 1, 1]]
    assert (q1.count, q1.within_6, q1.within_12, q1.within_24) == (7, 4, 6, 6)


@pytest.mark.parametrize("today", [D(2025, 8, 31), D(2026, 2, 28), None])
def test_postgresql_counts_the_milestone_rollup_as_python_does(cast, town, today):
    if connection.vendor != "postgresql":
        pytest.skip("the rollup is counted in SQL on PostgreSQL only")
    today = today or timezone.localdate()

    def rows(build):
        fields = ("month", "span", "level", "area_id", "type_id", "count")
        within = ("within_6", "within_12", "within_24", "days")
        return sorted(
            (tuple(getattr(r, f) for f in fields + within) for r in build(today)), key=str
        )

    assert rows(_milestone_rows_sql) == rows(_milestone_rows_python)


def test_the_referral_rollup_as_counted_by_hand(cast, town):
    rollups_refresh()
    kray, stadtkern = district("Kray"), district("Stadtkern")
    # Offer in Stadtkern, person in Kray (December): counted for both Stadtteile and Bezirke.
    for area in (kray.pk, stadtkern.pk):
        total = ReferralMonth.objects.get(
            level=Level.DISTRICT, area_id=area, month=D(2025, 12, 1), dimension="total"
        )
        assert total.total == 5 and total.statuses == {S.STARTED: 5}
        assert total.waiting_days == {"9": 1, "10": 1, "11": 1, "12": 1, "13": 1}
    march = ReferralMonth.objects.get(
        level=Level.CITY, month=D(2025, 3, 1), dimension="provider", key="Diakoniewerk Essen"
    )
    assert (march.total, march.answered, march.accepted) == (6, 6, 6)
    assert march.response_days == {"1": 6}
    no_offer = ReferralMonth.objects.get(
        level=Level.CITY, month=D(2025, 10, 1), dimension="category"
    )
    assert no_offer.key == "" and no_offer.total == 4


@pytest.mark.parametrize(
    "period",
    [(D(2025, 1, 1), D(2025, 12, 31)), (D(2025, 3, 5), D(2025, 10, 20)), (D(2024, 1, 1), None)],
)
def test_the_report_reads_the_rollups_with_the_same_figures(cast, town, period):
    start, end = period
    end = end or timezone.localdate()
    rollups_refresh()
    assert status_report_figures(start, end) == status_report_figures(start, end, raw=True)


def test_the_demo_history_gives_the_same_figures_from_the_rollups(cast):
    from teilhabe.referrals.testing import demo_offer
    from teilhabe.steering.demo import steering_demo_load

    demo_offer()
    steering_demo_load()
    rollups_refresh()
    user = cast.user(Role.CITY_STEERING)
    _same_pages(user, {})
    today = timezone.localdate()
    # Ending with last month (the current quarter cut before the last refreshed day) and
    # starting in the middle of a quarter: quarter rows in between, month rows at both ends.
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    start = (last_month - datetime.timedelta(days=400)).replace(day=1)
    if start.month % 3 == 1:
        start = (start + datetime.timedelta(days=32)).replace(day=1)
    _same_pages(user, {"von": start.isoformat(), "bis": last_month.isoformat()})
    year = (today.replace(day=1) - datetime.timedelta(days=365), today)
    assert status_report_figures(*year) == status_report_figures(*year, raw=True)


# Queries of each page (city, Bezirk) once the process has the map's shapes: session and user,
# access, scope (Stadtteile with their Bezirke), rollup state (once a page), the rollup rows, small
# reference tables (types, categories, institutions, offers, budget lines, positions). The
# session is written at most once a minute (teilhabe.core.middleware.IdleSessionMiddleware).
QUERIES = {
    "steering:overview": (9, 8),
    "steering:milestones": (7, 7),
    "steering:referrals": (9, 7),
    "steering:coverage": (10, 10),
    "steering:money": (5, 5),
    "steering:positions": (6, 6),
    "steering:barriers": (7, 7),
}


def test_every_page_takes_a_fixed_number_of_queries(
    cast, town, client_as, django_assert_num_queries
):
    """Pinned per page; more persons, cases, milestones and referrals do not add queries: the
    pages read rollups, not rows per person."""
    rollups_refresh()
    client = client_as(Role.CITY_STEERING)
    bezirk = district("Altendorf").borough.code

    def check():
        for name, counts in QUERIES.items():
            for suffix, n in zip(("", f"?bezirk={bezirk}"), counts, strict=True):
                url = reverse(name) + suffix
                client.get(url)  # warm: the map's shapes, the session
                with django_assert_num_queries(n):
                    assert client.get(url).status_code == 200

    check()
    _household(cast, "G", ["Altendorf"] * 7, [(D(2025, 4, 1), None)])
    referrals(
        9,
        offer=None,
        sender=cast.home_org,
        sender_user=cast.case_worker,
        lives_in="Altendorf",
        recipient=Organisation.objects.get(key="diakoniewerk-essen"),
    )
    rollups_refresh()
    check()
