"""Tokens of machine clients and the budget-line endpoints of the controlling API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from teilhabe.access import SYSTEM
from teilhabe.access.roles import Role
from teilhabe.api.controlling.models import ApiToken, token_hash
from teilhabe.api.controlling.services import api_token_revoke
from teilhabe.api.controlling.testing import bearer, issue_token
from teilhabe.audit.models import AuditEntry
from teilhabe.finance.models import BudgetLine

pytestmark = pytest.mark.django_db

LINES = reverse("controlling:budget-lines")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the rate limit counts in the cache


def _line(number: int) -> BudgetLine:
    return BudgetLine.objects.get(kind="integration_budget", borough__number=number)


def test_the_token_is_stored_only_as_its_hash_and_expires_after_90_days_by_default():
    token, raw = issue_token()
    assert raw.startswith("thk_") and len(raw) > 40
    assert token.key_hash == token_hash(raw) and raw not in token.key_hash
    assert not ApiToken.objects.filter(prefix=raw).exists()  # only the start is kept
    assert dt.timedelta(days=89) < token.expires_at - timezone.now() <= dt.timedelta(days=90)


@pytest.mark.parametrize("days", [0, 366])
def test_a_token_lives_at_least_a_day_and_at_most_a_year(days):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        issue_token(days=days)
    assert "days" in exc.value.message_dict


def test_a_token_cannot_act_with_a_role_that_sees_no_figures():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        issue_token(role=Role.DATA_PROTECTION_OFFICER)
    assert "role" in exc.value.message_dict


def test_only_administrators_issue_tokens(cast):
    from django.core.exceptions import PermissionDenied

    from teilhabe.api.controlling.services import api_token_create

    org = cast.home_org
    with pytest.raises(PermissionDenied):
        api_token_create(
            cast.user(Role.FINANCE_OFFICER), organisation=org, role=Role.CITY_STEERING, name="x"
        )
    token, _raw = api_token_create(
        cast.user(Role.ADMIN), organisation=org, role=Role.CITY_STEERING, name="BI"
    )
    assert token.created_by == cast.user(Role.ADMIN)


def test_a_controller_token_reads_its_own_budget_lines_and_gets_404_for_anothers(client):
    _token, raw = issue_token(Role.BOROUGH_COORDINATOR, "bezirksstelle-1")
    response = client.get(LINES, **bearer(raw))
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert [r["id"] for r in rows] == [str(_line(1).code)]
    assert rows[0]["borough"]["number"] == 1
    assert rows[0]["amount"] == "40000.00"
    own = client.get(reverse("controlling:budget-line", args=[_line(1).code]), **bearer(raw))
    assert own.status_code == 200
    assert own.json()["organisation"]["name"] == _line(1).organisation.name
    other = client.get(reverse("controlling:budget-line", args=[_line(2).code]), **bearer(raw))
    assert other.status_code == 404
    assert other.json() == {"detail": "Nicht gefunden."}


def test_a_city_steering_token_sees_every_line_and_the_same_sums_as_the_finance_page(client):
    _token, raw = issue_token(Role.CITY_STEERING, "stadt-essen-gb5")
    data = client.get(LINES, {"year": 2017}, **bearer(raw)).json()
    assert data["count"] == BudgetLine.objects.filter(fiscal_year__year=2017).count() >= 11
    summary = client.get(reverse("controlling:budget-summary"), **bearer(raw)).json()
    assert summary["total"]["amount"] == "4171290.00"  # 3.516.729,00 € + 654.561,00 €
    assert len(summary["by_bezirk"]) == 9
    assert all(r["amount"] == "40000.00" for r in summary["by_bezirk"])


def test_a_token_of_a_role_without_budgets_gets_403(client):
    _token, raw = issue_token(Role.CASE_WORKER, "caritas-essen")
    response = client.get(LINES, **bearer(raw))
    assert response.status_code == 403
    assert "detail" in response.json()


@pytest.mark.parametrize("how", ["revoked", "expired", "unknown", "none", "malformed"])
def test_a_revoked_expired_or_unknown_token_gets_401(client, how):
    token, raw = issue_token()
    headers = bearer(raw)
    if how == "revoked":
        api_token_revoke(SYSTEM, token)
    elif how == "expired":
        ApiToken.objects.filter(pk=token.pk).update(
            created_at=timezone.now() - dt.timedelta(days=91),
            expires_at=timezone.now() - dt.timedelta(seconds=1),
        )
    elif how == "unknown":
        headers = bearer(raw + "x")
    elif how == "none":
        headers = {}
    else:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw} extra"}
    response = client.get(LINES, **headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert set(response.json()) == {"detail"}


def test_every_use_of_a_token_is_in_the_audit_log_with_token_address_and_answer(client):
    token, raw = issue_token()
    before = AuditEntry.objects.count()
    client.get(LINES, {"year": 2017}, **bearer(raw))
    client.get(reverse("controlling:budget-line", args=[_line(2).code]), **bearer(raw))
    client.get(LINES, {"year": "zwei"}, **bearer(raw))
    api_token_revoke(SYSTEM, token)
    client.get(LINES, **bearer(raw))
    entries = list(
        AuditEntry.objects.filter(record_code=str(token.code), detail__startswith="api ")
        .order_by("id")
        .values_list("path", "detail", "user_label", "organisation_id")
    )
    assert [(p, d) for p, d, _l, _o in entries] == [
        (f"{LINES}?year=2017", "api 200"),
        (reverse("controlling:budget-line", args=[_line(2).code]), "api 404"),
        (f"{LINES}?year=zwei", "api 400"),
        (LINES, "api 401"),
    ]
    assert all(label == f"API-Token {token.prefix}" for _p, _d, label, _o in entries)
    assert all(org == token.organisation_id for *_x, org in entries)
    assert AuditEntry.objects.count() == before + 4 + 1  # the revocation is audited too
    entry = AuditEntry.objects.filter(detail="api 404").first()
    assert entry.detail_display == "API-Abruf, Antwort 404"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "2099"}, "year"),
        ({"year": "zwei"}, "year"),
        ({"funding_source": "gibt-es-nicht"}, "funding_source"),
        ({"bezirk": "77"}, "bezirk"),
        ({"bezirk": "0"}, "bezirk"),
        ({"kind": "x"}, "kind"),
        ({"page_size": "1001"}, "page_size"),
    ],
)
def test_bad_filters_get_a_400_in_the_apis_one_error_shape(client, params, field):
    _token, raw = issue_token(Role.CITY_STEERING, "stadt-essen-gb5")
    response = client.get(LINES, params, **bearer(raw))
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert isinstance(body[field], list) and all(isinstance(m, str) for m in body[field])


def test_filters_narrow_the_lines(client):
    _token, raw = issue_token(Role.CITY_STEERING, "stadt-essen-gb5")
    source = BudgetLine.objects.filter(borough__number=3).first().funding_source.key
    data = client.get(
        LINES, {"bezirk": 3, "funding_source": source, "year": "", "kind": ""}, **bearer(raw)
    ).json()
    assert [r["borough"]["number"] for r in data["results"]] == [3]


def test_a_member_with_a_session_sees_what_the_finance_page_shows(client, cast):
    client.force_login(cast.user(Role.BOROUGH_COORDINATOR))
    data = client.get(LINES).json()
    numbers = {r["borough"]["number"] for r in data["results"]}
    assert numbers == {
        cast.user(Role.BOROUGH_COORDINATOR).memberships.first().organisation.borough.number
    }


def test_the_budget_line_list_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    _token, raw = issue_token(Role.CITY_STEERING, "stadt-essen-gb5")
    client.get(LINES, **bearer(raw))  # last use written (at most every five minutes)
    # token, count, rows, audit entry
    with django_assert_num_queries(4):
        assert client.get(LINES, **bearer(raw)).status_code == 200
    with django_assert_num_queries(5):  # and the fiscal year of the filter
        assert client.get(LINES, {"year": 2017, "page_size": 3}, **bearer(raw)).status_code == 200
