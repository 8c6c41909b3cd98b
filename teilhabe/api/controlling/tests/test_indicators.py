"""Steering indicators through the controlling API: the page's tables with the page's
suppression (built by teilhabe.steering, never recomputed)."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from teilhabe.access.roles import Role
from teilhabe.api.controlling.testing import bearer, issue_token
from teilhabe.cases.models import Case, CaseKind, Household, Person
from teilhabe.steering.casework import casework_page
from teilhabe.steering.scope import scope_for
from teilhabe.steering.testing import district

pytestmark = pytest.mark.django_db

D = datetime.date
PERIOD = {"von": "2025-01-01", "bis": "2025-12-31"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _household(cast, name, members, *, opened):
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
    )


@pytest.fixture
def town(cast):
    _household(cast, "A", ["Altendorf"] * 6, opened=D(2025, 3, 10))
    _household(cast, "B", ["Altendorf"] * 2, opened=D(2025, 5, 2))
    _household(cast, "C", ["Frohnhausen"] * 5, opened=D(2025, 3, 15))


def _url(topic="casework"):
    return reverse("controlling:indicators", kwargs={"topic": topic})


def _row(data, table, key):
    t = next(t for t in data["tables"] if t["key"] == table)
    cols = [c["key"] for c in t["columns"]]
    for row in [*t["rows"], *([t["total"]] if t["total"] else [])]:
        if row["key"] == key:
            return dict(zip(cols, row["cells"], strict=True))
    raise AssertionError(key)


def test_small_numbers_are_hidden_exactly_as_on_the_page(client, cast, town):
    _t, raw = issue_token(Role.CITY_STEERING, "stadt-essen-gb5")
    data = client.get(_url(), PERIOD, **bearer(raw)).json()
    altendorf = _row(data, "places", str(district("Altendorf").code))
    assert altendorf["households"] == {"text": "< 5", "value": None, "hidden": True}
    assert altendorf["persons"]["value"] == 8 and not altendorf["persons"]["hidden"]
    assert data["threshold"] == 5
    # every cell of every table is the page's resolved cell
    page = casework_page(scope_for(cast.user(Role.CITY_STEERING), PERIOD), url=lambda **k: "")
    for table in page.tables:
        api = next(t for t in data["tables"] if t["key"] == table.key)
        for (row, cells), api_row in zip(table.body(), api["rows"], strict=True):
            assert api_row["key"] == str(row.key)
            assert [c["text"] for c in api_row["cells"]] == [c.text for c in cells]
            assert [c["hidden"] for c in api_row["cells"]] == [c.hidden for c in cells]
            for c, a in zip(cells, api_row["cells"], strict=True):
                if c.hidden:
                    assert a["value"] is None


def test_a_borough_token_sees_its_borough_and_404_for_another(client):
    _t, raw = issue_token(Role.BOROUGH_COORDINATOR, "bezirksstelle-1")
    own = client.get(_url(), {"bezirk": 1}, **bearer(raw))
    assert own.status_code == 200
    assert client.get(_url(), {"bezirk": 2}, **bearer(raw)).status_code == 404


def test_finance_roles_without_steering_figures_get_403_and_unknown_topics_404(client):
    _t, raw = issue_token(Role.FINANCE_OFFICER, "stadt-essen-gb5")
    assert client.get(_url(), **bearer(raw)).status_code == 403
    _t, raw = issue_token(Role.CITY_STEERING, "stadt-essen-gb5")
    assert client.get(_url("gibt-es-nicht"), **bearer(raw)).status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"von": "gestern"}, "von"),
        ({"bezirk": "77"}, "bezirk"),
        ({"von": "2025-12-31", "bis": "2025-01-01"}, "bis"),
        ({"von": "1900-01-01"}, "von"),
    ],
)
def test_bad_filters_get_a_400(client, params, field):
    _t, raw = issue_token(Role.CITY_STEERING, "stadt-essen-gb5")
    response = client.get(_url(), params, **bearer(raw))
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("topic", ["money", "positions"])
def test_money_topics_take_a_fixed_number_of_queries(client, django_assert_max_num_queries, topic):
    _t, raw = issue_token(Role.CITY_STEERING, "stadt-essen-gb5")
    client.get(_url(topic), **bearer(raw))
    with django_assert_max_num_queries(20):
        assert client.get(_url(topic), **bearer(raw)).status_code == 200
