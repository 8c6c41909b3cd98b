"""The organisation directory: everyone on staff finds organisations; members stay internal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from teilhabe.access.roles import Role

pytestmark = pytest.mark.django_db


def test_the_directory_lists_organisations_and_filters_by_kind(client_as):
    client = client_as(Role.CASE_WORKER)
    page = client.get(
        reverse("organisations:list"), {"kind": "welfare_association"}
    ).content.decode()
    assert "Caritasverband" in page
    assert "Jobcenter" not in page


def test_the_directory_runs_a_fixed_number_of_queries(client_as, django_assert_max_num_queries):
    client = client_as(Role.CASE_WORKER)
    client.get(reverse("organisations:list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("organisations:list"))


def test_members_show_only_to_members_of_the_same_organisation(client_as, cast):
    own = client_as(Role.CASE_WORKER).get(
        reverse("organisations:detail", kwargs={"code": cast.home_org.code})
    )
    assert cast.case_worker.full_name in own.content.decode()
    foreign = client_as(Role.CASE_WORKER).get(
        reverse("organisations:detail", kwargs={"code": cast.foreign_org.code})
    )
    assert foreign.status_code == 200
    assert cast.foreign_case_worker.full_name not in foreign.content.decode()


def test_an_unknown_organisation_is_a_german_404(client_as):
    response = client_as(Role.CASE_WORKER).get(
        "/organisationen/00000000-0000-0000-0000-000000000000/"
    )
    assert response.status_code == 404
    assert "nicht gefunden" in response.content.decode().lower()
