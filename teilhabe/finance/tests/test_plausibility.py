"""Dates of district projects must make sense; years print as years."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from teilhabe.access import SYSTEM
from teilhabe.finance import services
from teilhabe.finance.models import Project, ProjectStatus
from teilhabe.finance.tests.test_projects import _apply


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def test_a_decision_dated_before_the_application_is_refused_in_service(cast):
    project = _apply(cast, submitted_on=dt.date(2017, 3, 20))
    with pytest.raises(ValidationError) as exc:
        services.project_decide(
            user=SYSTEM,
            project=project,
            approved_amount=Decimal("1000.00"),
            reason="",
            decided_on=dt.date(2010, 1, 1),
        )
    message = exc.value.message_dict["decided_on"][0]
    assert "01.01.2010" in message and "Antrag" in message and "20.03.2017" in message
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.SUBMITTED


def test_a_decision_dated_before_the_application_is_refused_in_the_form(client_as, cast):
    project = _apply(cast)  # submitted today
    client = client_as("borough_coordinator")
    response = client.post(
        reverse("finance:project", kwargs={"code": project.code}),
        {
            "step": "decide",
            "decide-outcome": "approve",
            "decide-approved_amount": "1.000,00",
            "decide-reason": "",
            "decide-decided_on": "2010-01-01",
        },
    )
    assert response.status_code == 400
    assert "vor dem Antrag" in response.context["forms"]["decide"].errors["decided_on"][0]
    assert Project.objects.get(pk=project.pk).decided_on is None


def test_a_decision_in_the_future_is_refused(cast):
    project = _apply(cast)
    with pytest.raises(ValidationError, match="Zukunft"):
        services.project_decide(
            user=SYSTEM,
            project=project,
            approved_amount=Decimal("1000.00"),
            reason="",
            decided_on=dt.date(2999, 1, 1),
        )


def test_the_fiscal_year_prints_as_a_year_without_a_thousands_separator(client_as, cast):
    client = client_as("finance_officer")
    line = cast.budget_line
    for url in (reverse("finance:overview"), reverse("finance:line", kwargs={"code": line.code})):
        body = client.get(url).content.decode()
        assert "2.017" not in body, url
        assert "2017" in body
