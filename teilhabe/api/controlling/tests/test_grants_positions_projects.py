"""Commitments, payments, positions and district projects through the controlling API: the
screens' rules (own organisation / own borough / city; another's object 404), the screens'
figures, filters validated, query counts pinned."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from teilhabe.access import visible
from teilhabe.access.roles import Role
from teilhabe.api.controlling.testing import bearer, issue_token
from teilhabe.finance import selectors as finance
from teilhabe.finance.models import Commitment, Movement, Position, Project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _get(client, name, raw, params=None, **kwargs):
    return client.get(
        reverse(f"controlling:{name}", kwargs=kwargs or None), params or {}, **bearer(raw)
    )


def test_an_organisations_token_sees_its_own_grants_and_404_for_anothers(client, cast):
    _t, raw = issue_token(Role.TEAM_LEAD, "caritas-essen")
    data = _get(client, "commitments", raw).json()
    assert data["count"] >= 1
    assert {r["organisation"]["id"] for r in data["results"]} == {str(cast.home_org.code)}
    assert _get(client, "commitment", raw, id=cast.commitment.code).status_code == 200
    foreign = Commitment.objects.exclude(organisation=cast.home_org).first()
    if foreign is not None:
        assert _get(client, "commitment", raw, id=foreign.code).status_code == 404
    # a token of another organisation: the Caritas project is not found
    _t, other = issue_token(Role.TEAM_LEAD, "diakoniewerk-essen")
    assert _get(client, "project", other, id=cast.project.code).status_code == 404
    assert _get(client, "commitment", other, id=cast.commitment.code).status_code == 404
    # budgets and positions are not for a team lead at all
    assert _get(client, "positions", raw).status_code == 403


def test_payments_and_sums_are_those_of_the_finance_page(client, cast):
    _t, raw = issue_token(Role.FINANCE_OFFICER, "stadt-essen-gb5")
    payments = _get(client, "payments", raw, {"page_size": 1000}).json()
    assert payments["count"] == Movement.objects.count()
    summary = _get(client, "commitment-summary", raw).json()
    expected = finance.commitments_by_organisation(Commitment.objects.all())
    assert [(r["label"], r["amount"], r["paid"]) for r in summary["by_organisation"]] == [
        (r.label, f"{r.amount:.2f}", f"{r.paid:.2f}") for r in expected
    ]
    months = finance.money_by_month(Commitment.objects.all())
    assert [m["paid"] for m in summary["by_month"]] == [f"{m.paid:.2f}" for m in months]


def test_the_period_filter_narrows_and_a_reversed_period_is_empty(client):
    _t, raw = issue_token(Role.FINANCE_OFFICER, "stadt-essen-gb5")
    everything = _get(client, "commitments", raw).json()["count"]
    none = _get(client, "commitments", raw, {"von": "1999-01-01", "bis": "1999-12-31"}).json()
    assert none["count"] == 0 <= everything
    reversed_period = {"von": "2017-12-31", "bis": "2017-01-01"}
    assert _get(client, "payments", raw, reversed_period).json()["count"] == 0
    bad = _get(client, "commitments", raw, {"von": "31.12.2017"})
    assert bad.status_code == 400 and list(bad.json()) == ["von"]
    for not_rfc3339 in ("20171231", "2017-W52-7", "2017-1-1"):  # date.fromisoformat takes some
        bad = _get(client, "payments", raw, {"bis": not_rfc3339})
        assert bad.status_code == 400 and list(bad.json()) == ["bis"]
    bad = _get(client, "projects", raw, {"status": "fertig"})
    assert bad.status_code == 400 and list(bad.json()) == ["status"]


def test_positions_say_filled_or_vacant_without_names(client, cast):
    _t, raw = issue_token(Role.BOROUGH_COORDINATOR, "bezirksstelle-1")
    data = _get(client, "positions", raw).json()
    coordinator = cast.user(Role.BOROUGH_COORDINATOR)
    expected = visible(coordinator, "finance.view_positions", Position).count()
    assert data["count"] == expected >= 1
    assert all(r["borough"] and r["borough"]["number"] == 1 for r in data["results"])
    assert "holder" not in data["results"][0]
    assert isinstance(data["results"][0]["filled"], bool)
    summary = _get(client, "position-summary", raw).json()
    assert sum(g["count"] for g in summary["by_bezirk"]) == expected


def test_projects_of_the_own_borough(client, cast):
    _t, raw = issue_token(Role.BOROUGH_COORDINATOR, "bezirksstelle-1")
    data = _get(client, "projects", raw).json()
    assert data["count"] == Project.objects.filter(borough__number=1).count() >= 1
    assert _get(client, "project", raw, id=cast.project.code).json()["status"] == "closed"
    other = Project.objects.exclude(borough__number=1).first()
    if other is not None:
        assert _get(client, "project", raw, id=other.code).status_code == 404


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # token, count, rows, audit entry
        ("commitments", 4),
        ("payments", 4),
        ("projects", 4),
        # token, positions, occupancies, standard costs, audit entry
        ("positions", 5),
        ("position-summary", 5),
        # token, by organisation, commitments per month, movements per month, audit entry
        ("commitment-summary", 5),
    ],
)
def test_each_list_takes_a_fixed_number_of_queries(
    client, django_assert_num_queries, name, queries
):
    _t, raw = issue_token(Role.FINANCE_OFFICER, "stadt-essen-gb5")
    _get(client, name, raw)  # writes the last use
    with django_assert_num_queries(queries):
        assert _get(client, name, raw).status_code == 200
