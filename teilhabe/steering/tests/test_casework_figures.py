"""Case-work and milestone indicators against a small data set counted by hand."""

from __future__ import annotations

import datetime

import pytest

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
from teilhabe.steering.casework import casework_page, milestone_page
from teilhabe.steering.scope import scope_for
from teilhabe.steering.testing import district

D = datetime.date
PERIOD = {"von": "2025-01-01", "bis": "2025-12-31"}
TODAY = D(2026, 12, 2)


def _household(cast, name, members, *, opened, closed=None):
    org = cast.home_org
    hh = Household.objects.create(organisation=org, name=name)
    people = []
    for i, place in enumerate(members):
        people.append(
            Person.objects.create(
                organisation=org,
                household=hh,
                household_role="head" if i == 0 else "child",
                family_name=name,
                given_names=f"P{i}",
                district=district(place),
            )
        )
    Case.objects.create(
        organisation=org,
        household=hh,
        kind=CaseKind.objects.first(),
        responsible=cast.case_worker,
        opened_on=opened,
        closed_on=closed,
    )
    return people


@pytest.fixture
def town(cast):
    a = _household(cast, "A", ["Altendorf"] * 6, opened=D(2025, 3, 10))
    b = _household(cast, "B", ["Altendorf"] * 2, opened=D(2025, 5, 2), closed=D(2025, 8, 20))
    c = _household(cast, "C", ["Frohnhausen"] * 5, opened=D(2025, 3, 15))
    return a, b, c


def _cells(page, table, key):
    t = page.table(table)
    for row, cells in [*t.body(), *([t.footer()] if t.footer() else [])]:
        if key in (row.key, row.label):
            return dict(zip([c.key for c in t.shown_columns], cells, strict=True))
    raise AssertionError(key)


def test_persons_households_and_cases_per_month_as_counted_by_hand(cast, town, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1  # nothing hidden: check the counting itself
    page = casework_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    altendorf = str(district("Altendorf").code)
    frohnhausen = str(district("Frohnhausen").code)
    assert _cells(page, "places", altendorf)["persons"].value == 6  # B closed in August
    assert _cells(page, "places", altendorf)["households"].value == 1
    assert _cells(page, "places", frohnhausen)["persons"].value == 5
    months = page.table("months")
    by_month = {
        r.key: dict(zip(["opened", "closed", "persons"], [c.value for c in cells], strict=True))
        for r, cells in months.body()
    }
    assert by_month["2025-03-01"] == {"opened": 2, "closed": 0, "persons": 11}
    assert by_month["2025-05-01"] == {"opened": 1, "closed": 0, "persons": 13}
    assert by_month["2025-08-01"] == {"opened": 0, "closed": 1, "persons": 11}
    assert by_month["2025-02-01"]["persons"] == 0


def test_the_borough_sees_its_stadtteile_and_they_match_the_city(cast, town, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1
    bezirk = district("Altendorf").borough
    city = casework_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    borough = casework_page(
        scope_for(cast.user(Role.CITY_STEERING), {**PERIOD, "bezirk": str(bezirk.code)})
    )
    key = str(district("Altendorf").code)
    assert (
        _cells(city, "places", key)["persons"].value
        == _cells(borough, "places", key)["persons"].value
    )
    assert (
        _cells(city, "places_boroughs", str(bezirk.code))["persons"].value
        == _cells(borough, "places", "all")["persons"].value
    )


def test_small_groups_of_persons_are_hidden_with_their_complement(cast, town):
    page = casework_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD))
    altendorf = _cells(page, "places", str(district("Altendorf").code))
    assert altendorf["households"].hidden  # one household
    assert altendorf["persons"].value == 6


def test_time_to_each_milestone_per_cohort_as_counted_by_hand(cast, town, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1
    a, _b, _c = town
    course = MilestoneType.objects.order_by("position").first()
    for person, day in ((a[0], D(2025, 6, 10)), (a[1], D(2025, 9, 10)), (a[2], D(2025, 3, 1))):
        Milestone.objects.create(
            person=person, type=course, status=MilestoneStatus.ACHIEVED, achieved_on=day
        )
    Milestone.objects.create(person=a[3], type=course, status=MilestoneStatus.PLANNED)
    page = milestone_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD), today=TODAY)
    q1 = _cells(page, f"cohorts_{course.key}", "2025-01-01")
    assert q1["n"].value == 11  # A (6) and C (5): first contact in March
    assert q1["reached"].value == 3
    assert q1["median"].value == 92  # 0, 92, 184 days
    assert q1["p75"].value == 184
    assert q1["share_6"].text == "27 %"  # 3 of 11 (10 September is within six months)
    assert q1["share_12"].text == "27 %"
    assert q1["share_24"].value is None  # the cohort has not had 24 months yet
    q2 = _cells(page, f"cohorts_{course.key}", "2025-04-01")
    assert q2["n"].value == 2 and q2["reached"].value == 0


def test_a_milestone_figure_from_few_persons_is_hidden(cast, town):
    a, _b, _c = town
    course = MilestoneType.objects.order_by("position").first()
    Milestone.objects.create(
        person=a[0], type=course, status=MilestoneStatus.ACHIEVED, achieved_on=D(2025, 6, 10)
    )
    page = milestone_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD), today=TODAY)
    q1 = _cells(page, f"cohorts_{course.key}", "2025-01-01")
    assert q1["reached"].hidden and q1["median"].value is None and q1["share_6"].value is None
    # Q2 has two persons (hidden); with all cohorts at 13, Q1's 11 would give it back.
    assert q1["n"].hidden
    assert _cells(page, f"cohorts_{course.key}", "all")["n"].value == 13
