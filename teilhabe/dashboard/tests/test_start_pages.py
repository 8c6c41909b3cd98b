"""Each role has its start page; steering sees the seed's figures in German formats."""

from __future__ import annotations

import pytest
from django.urls import reverse

from teilhabe.access.roles import Role

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_city_steering_sees_the_council_decision_the_city_and_the_positions(client_as):
    page = _text(client_as(Role.CITY_STEERING).get(reverse("dashboard:start")))
    assert "3.516.729,00 €" in page
    assert "654.561,00 €" in page
    assert "24.05.2017" in page
    for figure, label in (("9", "Stadtbezirke"), ("50", "Stadtteile"), ("44", "Planstellen")):
        assert figure in page and label in page


@pytest.mark.parametrize("role", Role.values)
def test_every_role_gets_a_german_start_page_with_its_navigation(client_as, role):
    response = client_as(role).get(reverse("dashboard:start"))
    assert response.status_code == 200
    page = _text(response)
    assert '<html lang="de"' in page
    assert "Willkommen" in page
    assert "Abmelden" in page


def test_the_start_page_runs_a_fixed_number_of_queries(client_as, django_assert_max_num_queries):
    client = client_as(Role.CITY_STEERING)
    client.get(reverse("dashboard:start"))  # warm caches
    with django_assert_max_num_queries(25):
        client.get(reverse("dashboard:start"))


def test_the_english_interface_is_available(client_as):
    client = client_as(Role.CASE_WORKER)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = _text(client.get(reverse("dashboard:start")))
    assert '<html lang="en"' in page
    assert "Welcome" in page


def test_a_case_worker_sees_the_own_caseload_and_deadlines_on_the_start_page(client_as, cast):
    from teilhabe.cases.testing import demo_case

    demo_case(cast.case_worker, cast.home_org)  # one open case with a deadline in 7 days
    page = _text(client_as(Role.CASE_WORKER).get(reverse("dashboard:start")))
    assert "Meine Fälle" in page and "Fristen in den nächsten 14 Tagen" in page
    assert "Offene eingegangene Vermittlungen" in page


def test_steering_gets_no_caseload_panel(client_as):
    page = _text(client_as(Role.CITY_STEERING).get(reverse("dashboard:start")))
    assert "Meine Fälle" not in page
