import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from teilhabe.access import SYSTEM
from teilhabe.finance import services
from teilhabe.finance.models import (
    ApplicationRound,
    BudgetLine,
    Project,
    ProjectEvent,
    ProjectStatus,
)
from teilhabe.geography.models import Borough, District
from teilhabe.organisations.models import Organisation

D = Decimal


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def _apply(cast, **overrides):
    borough = Borough.objects.get(number=1)
    values = {
        "organisation": Organisation.objects.get(key="caritas-essen"),
        "round": ApplicationRound.objects.get(key="2017-laufendes-jahr"),
        "borough": borough,
        "districts": District.objects.filter(borough=borough)[:2],
        "title": "Elterncafé",
        "goals": "Eltern vernetzen",
        "target_group": "Eltern",
        "starts_on": dt.date(2017, 9, 1),
        "ends_on": dt.date(2017, 12, 31),
        "cost_plan": "Honorare: 1.000,00 €",
        "total_cost": D("1200.00"),
        "own_funds": D("200.00"),
        "requested": D("1000.00"),
        "user": cast.user("team_lead"),
    }
    values.update(overrides)
    return services.project_apply(**values)


def test_a_project_goes_from_application_to_closing_and_every_step_is_audited(cast):
    finance = cast.user("finance_officer")
    coordinator = cast.user("borough_coordinator")
    line = BudgetLine.objects.get(kind="integration_budget", borough__number=1)
    before = line.committed
    project = _apply(cast)
    services.project_decide(
        project=project,
        approved_amount=D("800.00"),
        reason="Nur Honorare",
        decided_on=dt.date(2017, 8, 1),
        user=coordinator,
    )
    services.project_commit(project=project, committed_on=dt.date(2017, 8, 2), user=finance)
    services.project_pay(
        user=finance, project=project, amount=D("500.00"), booked_on=dt.date(2017, 9, 1)
    )
    services.project_report(
        project=project,
        actual_cost=D("1000.00"),
        participants=31,
        outcomes="Zwölf Treffen",
        reported_on=dt.date(2017, 12, 20),
        user=cast.user("team_lead"),
    )
    services.project_close(project=project, closed_on=dt.date(2017, 12, 28), user=coordinator)
    project.refresh_from_db()
    line.refresh_from_db()
    assert project.status == ProjectStatus.CLOSED
    # The unpaid 300,00 € went back to the integration budget at closing.
    assert project.commitment.amount == D("500.00")
    assert line.committed == before + D("500.00")
    steps = list(ProjectEvent.objects.filter(project=project).values_list("step", "by"))
    assert [s for s, _ in steps] == [
        "submitted", "partly_approved", "committed", "paid", "reported", "closed",
    ]  # fmt: skip
    assert steps[1][1] == coordinator.pk


def test_an_unbalanced_financing_plan_is_refused_and_nothing_is_saved(cast):
    count = Project.objects.count()
    with pytest.raises(ValidationError) as exc:
        _apply(cast, own_funds=D("100.00"))
    assert "Finanzierungsplan ist nicht ausgeglichen" in str(exc.value)
    assert Project.objects.count() == count


def test_a_project_period_outside_the_fiscal_year_is_refused(cast):
    with pytest.raises(ValidationError) as exc:
        _apply(cast, ends_on=dt.date(2018, 1, 31))
    assert "Haushaltsjahres 2017" in str(exc.value)


def test_a_rejection_needs_a_reason_and_cannot_then_be_committed(cast):
    project = _apply(cast)
    with pytest.raises(ValidationError):
        services.project_decide(
            user=SYSTEM,
            project=project,
            approved_amount=None,
            reason=" ",
            decided_on=dt.date(2017, 8, 1),
        )
    services.project_decide(
        user=SYSTEM,
        project=project,
        approved_amount=None,
        reason="Kein Bezug",
        decided_on=dt.date(2017, 8, 1),
    )
    with pytest.raises(ValidationError) as exc:
        services.project_commit(user=SYSTEM, project=project, committed_on=dt.date(2017, 8, 2))
    assert "Abgelehnt" in str(exc.value)


def test_more_than_requested_cannot_be_approved(cast):
    project = _apply(cast)
    with pytest.raises(ValidationError):
        services.project_decide(
            user=SYSTEM,
            project=project,
            approved_amount=D("1000.01"),
            reason="",
            decided_on=dt.date(2017, 8, 1),
        )
    project.refresh_from_db()
    assert project.status == ProjectStatus.SUBMITTED


def test_the_decision_letter_is_a_pdf_with_the_amount_in_german_format(cast):
    from teilhabe.finance.exports import decision_letter

    pdf = decision_letter(cast.project)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000


def test_the_decision_letter_names_the_granting_authority_and_place_from_the_data(cast):
    from teilhabe.finance.selectors import letter_sender

    assert letter_sender(cast.project) == (
        "Stadt Essen – Geschäftsbereich Jugend, Bildung und Soziales",
        "Essen",
    )
