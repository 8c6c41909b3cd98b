"""The rollups give the pages exactly the figures of the raw rows, are rebuilt idempotently
(job, command) and the pages read them once they exist."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from teilhabe.access.roles import Role
from teilhabe.cases.models import (
    BarrierCategory,
    Case,
    CaseKind,
    ContactNote,
    Household,
    Institution,
    NoteKind,
    Person,
)
from teilhabe.steering.barriers import barrier_counts, barriers_page
from teilhabe.steering.casework import casework_page
from teilhabe.steering.models import BarrierMonth, CaseworkDay, Level, RollupState
from teilhabe.steering.rollups import rollups_refresh
from teilhabe.steering.scope import scope_for
from teilhabe.steering.testing import district

D = datetime.date
TODAY = D(2025, 12, 31)


def _household(cast, name, members, cases):
    hh = Household.objects.create(organisation=cast.home_org, name=name)
    for i, place in enumerate(members):
        Person.objects.create(
            organisation=cast.home_org,
            household=hh,
            household_role="head" if i == 0 else "child",
            family_name=name,
            given_names=f"P{i}",
            district=district(place) if place else None,
        )
    made = []
    for opened, closed in cases:
        made.append(
            Case.objects.create(
                organisation=cast.home_org,
                household=hh,
                kind=CaseKind.objects.first(),
                responsible=cast.case_worker,
                opened_on=opened,
                closed_on=closed,
            )
        )
    return made


@pytest.fixture
def town(cast):
    a = _household(cast, "A", ["Altendorf"] * 6, [(D(2025, 3, 10), None)])
    _household(cast, "B", ["Altendorf", "Stadtkern"], [(D(2025, 5, 2), D(2025, 8, 20))])
    _household(cast, "C", ["Frohnhausen"] * 5, [(D(2025, 3, 15), None)])
    # Two overlapping cases and a reopening on the day of closing: one open spell.
    e = _household(
        cast,
        "E",
        ["Stadtkern", "Stadtkern", None],
        [(D(2024, 11, 1), D(2025, 4, 1)), (D(2025, 2, 1), D(2025, 6, 1)), (D(2025, 6, 1), None)],
    )
    _household(cast, "F", ["Kray"] * 3, [(D(2025, 1, 5), D(2025, 1, 5))])  # closed at once
    h = _household(cast, "H", [None], [(D(2023, 1, 2), D(2023, 2, 1))])  # no Stadtteil
    for n, (case, inst, kind, day) in enumerate(
        [(a[0], "jobcenter", "wartezeit", D(2025, 2, 3))] * 6
        + [(a[0], "auslaenderbehoerde", "unterlagen", D(2025, 5, 9))] * 2
        + [(a[0], "schule", "wartezeit", D(2025, 11, 30))] * 5
        + [(e[0], "jobcenter", "wartezeit", D(2025, 3, 4))] * 3  # Stadtkern
        + [(h[0], "schule", "unterlagen", D(2025, 7, 1))] * 2  # the city only
    ):
        ContactNote.objects.create(
            case=case,
            created_by=cast.case_worker,
            kind=NoteKind.BARRIER,
            date=day,
            text=f"Hürde {n}",
            institution=Institution.objects.get(key=inst),
            barrier_category=BarrierCategory.objects.get(key=kind),
        )


def _cells(page):
    return {
        (t.key, row.key, i): (cell.text, cell.hidden)
        for t in page.tables
        for row, cells in [*t.body(), *([t.footer()] if t.footer() else [])]
        for i, cell in enumerate(cells)
    }


PERIODS = [
    {"von": "2025-01-01", "bis": "2025-12-31"},
    {"von": "2025-03-01", "bis": "2025-08-31"},
    {"von": "2024-10-01", "bis": "2025-06-15"},
]


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("limit", [1, 5])
def test_the_rollups_give_exactly_the_figures_of_the_raw_rows(cast, town, settings, period, limit):
    settings.SMALL_NUMBER_THRESHOLD = limit
    rollups_refresh(today=TODAY)
    user = cast.user(Role.CITY_STEERING)
    altendorf, stadtkern = district("Altendorf"), district("Stadtkern")
    areas = [
        {},
        {"bezirk": str(altendorf.borough.code)},
        {"bezirk": str(stadtkern.borough.code)},
        {"stadtteil": str(stadtkern.code)},
        {"stadtteil": str(altendorf.code)},
        {"stadtteil": str(district("Kray").code)},
    ]
    for area in areas:
        scope = scope_for(user, {**period, **area})
        assert _cells(casework_page(scope)) == _cells(casework_page(scope, raw=True))
        raw = barrier_counts(scope, raw=True)
        assert barrier_counts(scope) == raw, area
        assert _cells(barriers_page(scope)) == _cells(barriers_page(scope, counts=raw))
    scope = scope_for(cast.user(Role.BOROUGH_COORDINATOR), period)
    assert barrier_counts(scope) == barrier_counts(scope, raw=True)


def test_the_rollup_counts_as_counted_by_hand(cast, town):
    rollups_refresh(today=TODAY)
    stadtkern = district("Stadtkern").pk
    day = CaseworkDay.objects.get(day=D(2025, 6, 1), district_id=stadtkern)
    # E (two in Stadtkern, one without address) reopened that day; B's second member.
    assert (day.persons, day.households, day.persons_by_household) == (3, 1, 3)
    assert (day.opened, day.closed) == (1, 1)
    assert CaseworkDay.objects.get(day=D(2025, 6, 1), district_id=None).persons == 1
    kray = CaseworkDay.objects.get(day=D(2025, 1, 5), district_id=district("Kray").pk)
    assert (kray.persons, kray.opened, kray.closed) == (0, 1, 1)  # open for no whole day


def test_the_barrier_rollup_as_counted_by_hand(cast, town):
    rollups_refresh(today=TODAY)
    altendorf, stadtkern = district("Altendorf"), district("Stadtkern")

    def total(level, area=None):
        rows = BarrierMonth.objects.filter(level=level, area_id=area)
        return sum(rows.values_list("count", flat=True))

    # Every barrier counts for the city; for a Bezirk and a Stadtteil only where the
    # household's Stadtteil lies (H has none).
    assert total(Level.CITY) == 18
    assert total(Level.BOROUGH, altendorf.borough_id) == 13
    assert total(Level.DISTRICT, altendorf.pk) == 13
    assert total(Level.DISTRICT, stadtkern.pk) == 3
    assert total(Level.BOROUGH, stadtkern.borough_id) == 3
    feb = BarrierMonth.objects.get(level=Level.CITY, month=D(2025, 2, 1))
    assert (feb.institution_id, feb.count) == (Institution.objects.get(key="jobcenter").pk, 6)
    assert not BarrierMonth.objects.filter(level=Level.DISTRICT, area_id=None).exists()


def test_a_second_refresh_changes_nothing(cast, town):
    first = rollups_refresh(today=TODAY)
    fields = ("day", "district_id", "persons", "households", "opened")
    rows = sorted(CaseworkDay.objects.values_list(*fields), key=str)
    second = rollups_refresh(today=TODAY)
    assert {k: v["rows"] for k, v in first.items()} == {k: v["rows"] for k, v in second.items()}
    assert rows == sorted(CaseworkDay.objects.values_list(*fields), key=str)
    assert RollupState.objects.get(name="casework").covers_until == TODAY


def test_the_command_and_the_job_refresh_the_rollups(cast, town, capsys):
    call_command("steering_refresh")
    assert "casework:" in capsys.readouterr().out
    assert RollupState.objects.filter(name="barriers").exists()
    from teilhabe.jobs.models import Job
    from teilhabe.steering.rollups import rollups_refresh_start

    RollupState.objects.all().delete()
    job = rollups_refresh_start(user=cast.user(Role.ADMIN))  # immediate backend in tests
    job = Job.objects.get(pk=job.pk)
    assert job.status == "succeeded", job.message
    from teilhabe.steering.rollups import ROLLUPS

    assert RollupState.objects.count() == len(ROLLUPS)


def test_the_page_says_how_current_its_figures_are(client_as, town):
    rollups_refresh()
    html = client_as(Role.CITY_STEERING).get("/steuerung/").content.decode()
    assert "Stand der Zahlen" in html
