"""The steering indicators per Stadtteil and month: counted as defined, suppressed across the
whole file (no cell below the threshold, no hidden cell recoverable)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from teilhabe.cases.models import Case, CaseKind, Household, Person
from teilhabe.opendata.figures import COLUMNS, INDICATORS, indicator_file, period
from teilhabe.steering.demo import steering_demo_load
from teilhabe.steering.suppression import determined, is_small
from teilhabe.steering.testing import district

D = datetime.date
TODAY = D(2026, 12, 2)
VALUES = [c for c, _k, _d in INDICATORS]

pytestmark = pytest.mark.django_db


def _household(cast, name, members, *, opened, closed=None):
    hh = Household.objects.create(organisation=cast.home_org, name=name)
    for i, place in enumerate(members):
        Person.objects.create(
            organisation=cast.home_org,
            household=hh,
            household_role="head" if i == 0 else "child",
            family_name=name,
            given_names=f"P{i}",
            district=district(place),
        )
    Case.objects.create(
        organisation=cast.home_org,
        household=hh,
        kind=CaseKind.objects.first(),
        responsible=cast.case_worker,
        opened_on=opened,
        closed_on=closed,
    )


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_period_is_the_twelve_complete_months_before_today():
    months = period(TODAY)
    assert months[0] == D(2025, 12, 1)
    assert months[-1] == D(2026, 11, 1)
    assert len(months) == 12


def test_figures_are_counted_as_the_indicators_define_them(cast, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1  # nothing hidden: check the counting itself
    _household(cast, "A", ["Altendorf"] * 6, opened=D(2026, 3, 10))
    _household(cast, "B", ["Altendorf", "Frohnhausen"], opened=D(2026, 5, 2), closed=D(2026, 8, 20))
    table = indicator_file(TODAY)
    rows = {(r["monat"], r["gebiet"]): r for r in _rows(table.csv_bytes())}
    june = rows[("2026-06", "Altendorf")]
    assert june["personen_in_fallarbeit"] == "7"  # A's six and B's head
    assert rows[("2026-06", "Frohnhausen")]["personen_in_fallarbeit"] == "1"
    assert rows[("2026-03", "Altendorf")]["eroeffnete_faelle"] == "1"
    assert rows[("2026-08", "Altendorf")]["abgeschlossene_faelle"] == "1"  # where B's head lives
    assert rows[("2026-09", "Altendorf")]["personen_in_fallarbeit"] == "6"
    borough = district("Altendorf").borough
    assert rows[("2026-06", str(borough))]["personen_in_fallarbeit"] == str(
        7 + (1 if district("Frohnhausen").borough_id == borough.pk else 0)
    )
    assert rows[("2026-06", "Gesamtstadt")]["personen_in_fallarbeit"] == "8"


def test_a_lone_small_figure_is_hidden_with_its_totals(cast):
    _household(cast, "A", ["Altendorf"] * 3, opened=D(2026, 3, 10))
    rows = {(r["monat"], r["gebiet"]): r for r in _rows(indicator_file(TODAY).csv_bytes())}
    borough = str(district("Altendorf").borough)
    for area in ("Altendorf", borough, "Gesamtstadt"):
        assert rows[("2026-06", area)]["personen_in_fallarbeit"] == ""
    assert rows[("2026-06", "Frohnhausen")]["personen_in_fallarbeit"] == "0"


@pytest.fixture
def history(db):
    steering_demo_load(today=TODAY)


def test_the_file_has_no_small_cell_and_no_recoverable_cell(history):
    table = indicator_file(TODAY)
    rows = _rows(table.csv_bytes())
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 12 * len(table.areas)
    shown = [int(r[c]) for r in rows for c in VALUES if r[c] != ""]
    hidden = [1 for r in rows for c in VALUES if r[c] == ""]
    assert shown and hidden  # the demo history has both
    assert not [n for n in shown if is_small(n, 5)]
    # Every hidden cell is one of the file's hidden keys and vice versa.
    assert len(hidden) == len(table.hidden)
    assert all(not is_small(table.values[k], 5) or k in table.hidden for k in table.values)
    # Nothing hidden follows from the shown cells and the sums the file states.
    assert determined(table.values, table.groups, table.hidden) == set()


def test_the_stated_sums_hold_for_the_true_figures(history):
    table = indicator_file(TODAY)
    for total, parts in table.groups:
        assert table.values[total] == sum(table.values[p] for p in parts)
    # Every area of every month belongs to the groups: nothing published stands outside them.
    keyed = {k for total, parts in table.groups for k in (total, *parts)}
    assert keyed == set(table.values)
