from decimal import Decimal

from django.db.models import Sum
from django.utils import translation

from teilhabe.core.templatetags.teilhabe import euro
from teilhabe.finance.models import (
    BudgetLine,
    BudgetLineKind,
    CouncilDecision,
    Occupancy,
    Position,
    Project,
)
from teilhabe.finance.selectors import decision_coverage
from teilhabe.organisations.models import OrganisationKind
from teilhabe.scenario.loading import scenario_load
from teilhabe.steering.money import position_totals


def test_the_essen_decision_of_24_may_2017_has_the_exact_amounts_and_lvr_coverage(db):
    decision = CouncilDecision.objects.get(decided_on="2017-05-24")
    amounts = [a.amount for a in decision.amounts.order_by("position")]
    assert amounts == [Decimal("3516729.00"), Decimal("654561.00")]
    assert {a.funding_source.kind for a in decision.amounts.all()} == {"refund"}
    assert "LVR" in decision.amounts.first().funding_source.name
    with translation.override("de"):
        assert [euro(a) for a in amounts] == ["3.516.729,00\u00a0€", "654.561,00\u00a0€"]


def test_every_decided_euro_reaches_a_budget_line_exactly(db):
    decision = CouncilDecision.objects.get(decided_on="2017-05-24")
    for row in decision_coverage(decision):
        assert row["booked"] == row["amount"].amount, row
        assert row["rest"] == Decimal("0.00")
    total = BudgetLine.objects.filter(fiscal_year__year=2017).aggregate(s=Sum("amount"))["s"]
    assert total == Decimal("4171290.00")


def test_the_scenario_has_9_city_and_35_welfare_positions_all_funded_by_a_line(db):
    totals = position_totals(Position.objects.all())
    assert (totals.total, totals.city, totals.welfare) == (44, 9, 35)
    assert not Position.objects.filter(budget_line__isnull=True).exists()
    city = Position.objects.filter(
        organisation__kind__in=[OrganisationKind.CITY_DEPARTMENT, OrganisationKind.BOROUGH_OFFICE]
    )
    assert {p.budget_line.kind for p in city} == {BudgetLineKind.PERSONNEL}


def test_there_are_nine_borough_integration_budgets(db):
    lines = BudgetLine.objects.filter(kind=BudgetLineKind.INTEGRATION_BUDGET)
    assert sorted(line.borough.number for line in lines) == list(range(1, 10))
    assert all(line.organisation.kind == "borough_office" for line in lines)


def test_loading_the_scenario_twice_changes_nothing(db):
    before = (
        list(BudgetLine.objects.order_by("key").values_list("key", "amount", "committed", "paid")),
        Occupancy.objects.count(),
        Project.objects.count(),
    )
    scenario_load()
    after = (
        list(BudgetLine.objects.order_by("key").values_list("key", "amount", "committed", "paid")),
        Occupancy.objects.count(),
        Project.objects.count(),
    )
    assert before == after
