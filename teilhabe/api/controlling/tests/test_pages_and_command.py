"""/api-zugaenge/ and ``manage.py api_token``: issue (shown once), list, revoke."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from teilhabe.access.roles import Role
from teilhabe.api.controlling.models import ApiToken, token_hash
from teilhabe.api.controlling.testing import bearer, issue_token
from teilhabe.audit.models import AuditEntry
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db

PAGE = reverse("api_tokens:list")


def _form(**changes):
    data = {
        "name": "Excel Bezirk I",
        "organisation": Organisation.objects.get(key="bezirksstelle-1").pk,
        "role": Role.BOROUGH_COORDINATOR,
        "days": "90",
    }
    data.update(changes)
    return data


def test_an_administrator_issues_a_token_and_sees_it_once(client_as):
    client = client_as(Role.ADMIN)
    response = client.post(PAGE, _form())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(name="Excel Bezirk I")
    raw = response.context["raw"]
    assert token.key_hash == token_hash(raw)
    assert raw in response.content.decode()
    assert AuditEntry.objects.filter(record_code=str(token.code), action="create").exists()
    listing = client.get(PAGE).content.decode()
    assert "Excel Bezirk I" in listing and token.prefix in listing and raw not in listing
    assert client.get(reverse("controlling:budget-lines"), **bearer(raw)).status_code == 200


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"days": "366"}, "days"),
        ({"days": "0"}, "days"),
        ({"name": ""}, "name"),
        ({"role": "data_protection_officer"}, "role"),
        ({"organisation": ""}, "organisation"),
    ],
)
def test_bad_input_shows_the_error_summary_keeps_the_input_and_writes_nothing(
    client_as, changes, field
):
    client = client_as(Role.ADMIN)
    before = ApiToken.objects.count()
    response = client.post(PAGE, _form(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "kern-alert--danger" in html or "error-summary" in html
    assert f'href="#id_{field}"' in html
    assert response.context["form"].errors[field]
    assert ApiToken.objects.count() == before
    if field != "name":
        assert 'value="Excel Bezirk I"' in html


def test_revoking_asks_for_confirmation_and_ends_access_at_once(client_as, client):
    token, raw = issue_token()
    admin = client_as(Role.ADMIN)
    page = admin.get(PAGE).content.decode()
    assert "app-confirm" in page and reverse("api_tokens:revoke", args=[token.code]) in page
    response = admin.post(reverse("api_tokens:revoke", args=[token.code]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(reverse("controlling:budget-lines"), **bearer(raw)).status_code == 401


def test_other_roles_may_not_issue_tokens(client_as):
    client = client_as(Role.FINANCE_OFFICER)
    assert client.post(PAGE, _form()).status_code == 403
    assert not ApiToken.objects.exists()


def _run(*args) -> str:
    out = io.StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue()


def test_the_command_issues_lists_and_revokes_in_german():
    out = _run(
        "create",
        "--organisation",
        "bezirksstelle-1",
        "--role",
        "borough_coordinator",
        "--name",
        "Skript",
        "--days",
        "30",
    )
    assert "ausgestellt" in out and "nur jetzt angezeigt" in out
    raw = out.strip().splitlines()[-1]
    token = ApiToken.objects.get(key_hash=token_hash(raw))
    assert str(token.code) in _run("list")
    assert "widerrufen" in _run("revoke", str(token.code))
    assert str(token.code) not in _run("list")
    assert "widerrufen" in _run("list", "--all")
    with pytest.raises(CommandError, match="höchstens 365 Tage"):
        _run(
            "create",
            "--organisation",
            "bezirksstelle-1",
            "--role",
            "city_steering",
            "--name",
            "x",
            "--days",
            "400",
        )
    with pytest.raises(CommandError, match="Keine Organisation"):
        _run("create", "--organisation", "gibt-es-nicht", "--role", "city_steering", "--name", "x")
    with pytest.raises(CommandError, match="Kein Token"):
        _run("revoke", "kein-code")
