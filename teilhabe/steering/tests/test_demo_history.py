"""The demo history gives the charts a plausible year, and the pages still hide small groups."""

from __future__ import annotations

from django.urls import reverse

from teilhabe.access.roles import Role
from teilhabe.cases.models import Case, Household
from teilhabe.steering.casework import casework_page
from teilhabe.steering.demo import steering_demo_load
from teilhabe.steering.scope import scope_for


def test_the_demo_history_fills_every_month_and_loads_once(cast):
    from teilhabe.referrals.testing import demo_offer

    demo_offer()  # the demo directory (offers to refer to)
    created = steering_demo_load()
    assert created > 200
    assert steering_demo_load() == 0
    assert Household.objects.filter(name__startswith="Verlauf ").count() == created
    page = casework_page(scope_for(cast.user(Role.CITY_STEERING), {}))
    opened = [cells[0].value for _row, cells in page.table("months").body()]
    assert len(opened) == 12
    assert all(v is not None and v >= 5 for v in opened)
    assert Case.objects.filter(closed_on__isnull=False).exists()
    from teilhabe.cases.models import ContactNote

    assert ContactNote.objects.filter(kind="barrier").count() > 50  # structural barriers too
    for name in (
        "steering:overview",
        "steering:milestones",
        "steering:referrals",
        "steering:barriers",
    ):
        response = reverse(name)
        html = client_html(cast, response)
        assert "app-chart__line" in html or "app-chart__bar" in html


def client_html(cast, url):
    from django.test import Client

    client = Client()
    client.force_login(cast.user(Role.CITY_STEERING))
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()
