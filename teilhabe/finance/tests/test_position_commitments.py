"""Filled positions commit their standard costs against their budget line (annual cost × FTE ×
days held / days of the year), once and idempotently; a vacancy releases the rest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teilhabe.access import SYSTEM
from teilhabe.access.roles import Role
from teilhabe.finance import services
from teilhabe.finance.models import (
    BudgetLine,
    Commitment,
    Movement,
    MovementKind,
    Position,
    StandardCost,
)
from teilhabe.finance.tests.factories import a_line
from teilhabe.organisations.models import Organisation

D = Decimal


@pytest.fixture
def post(db):
    """A half-time post (TVöD EG 11, 73.000,00 € a year in 2030) on a line of 100.000,00 €."""
    line = a_line(year=2030, amount="100000.00", key="personal-2030")
    StandardCost.objects.create(fiscal_year=line.fiscal_year, pay_group="EG 11", annual_cost=73000)
    position = Position.objects.create(
        key="test-post",
        title="Integrationsmanagement Test",
        function=Position.objects.first().function,
        organisation=Organisation.objects.first(),
        fte=D("0.50"),
        pay_group="EG 11",
        budget_line=line,
    )
    return position, line


def _line(line) -> BudgetLine:
    return BudgetLine.objects.get(pk=line.pk)


def test_a_filled_position_commits_its_standard_costs_for_the_days_held(post):
    position, line = post
    # 1 July to 31 December 2030: 184 of 365 days; 73.000 × 0,5 × 184 / 365 = 18.400,00 €.
    services.occupancy_add(
        user=SYSTEM, position=position, holder="A. Test", starts_on=dt.date(2030, 7, 1)
    )
    commitment = Commitment.objects.get(position=position)
    assert commitment.amount == D("18400.00")
    assert commitment.line == line and commitment.committed_on == dt.date(2030, 7, 1)
    assert commitment.organisation == position.organisation
    assert _line(line).committed == D("18400.00")
    assert _line(line).available == D("81600.00")


def test_the_sync_is_idempotent(post):
    position, line = post
    services.occupancy_add(
        user=SYSTEM, position=position, holder="A. Test", starts_on=dt.date(2030, 1, 1)
    )
    for _ in range(3):
        services.position_commitment_sync(user=SYSTEM, position=position)
    assert Commitment.objects.filter(position=position).count() == 1
    assert Commitment.objects.get(position=position).amount == D("36500.00")  # the whole year
    assert _line(line).committed == D("36500.00")
    assert not Movement.objects.filter(commitment__position=position).exists()


def test_a_vacancy_releases_the_standard_costs_of_the_days_after_it(post):
    position, line = post
    occupancy = services.occupancy_add(
        user=SYSTEM, position=position, holder="A. Test", starts_on=dt.date(2030, 1, 1)
    )
    # Leaves on 31 March: 90 days held; 73.000 × 0,5 × 90 / 365 = 9.000,00 €.
    services.occupancy_end(user=SYSTEM, occupancy=occupancy, ends_on=dt.date(2030, 3, 31))
    commitment = Commitment.objects.get(position=position)
    assert commitment.amount == D("9000.00")
    assert commitment.original_amount == D("36500.00")
    cancel = Movement.objects.get(commitment=commitment)
    assert (cancel.kind, cancel.amount) == (MovementKind.CANCELLATION, D("27500.00"))
    assert _line(line).committed == D("9000.00")
    # Filled again from 1 October (92 days): 9.000 + 73.000 × 0,5 × 92 / 365 = 18.200,00 €.
    services.occupancy_add(
        user=SYSTEM, position=position, holder="B. Test", starts_on=dt.date(2030, 10, 1)
    )
    commitment.refresh_from_db()
    assert commitment.amount == D("18200.00")
    assert _line(line).committed == D("18200.00")


def test_a_position_the_line_cannot_pay_is_refused_and_nothing_is_saved(post):
    position, line = post
    BudgetLine.objects.filter(pk=line.pk).update(amount=D("1000.00"))
    with pytest.raises(ValidationError) as exc:
        services.occupancy_add(
            user=SYSTEM, position=position, holder="A. Test", starts_on=dt.date(2030, 1, 1)
        )
    assert "Nur noch 1.000,00 € verfügbar" in str(exc.value)
    assert not position.occupancies.exists()
    assert not Commitment.objects.filter(position=position).exists()


def test_the_essen_positions_commit_their_standard_costs(db):
    held = Position.objects.filter(occupancies__isnull=False, budget_line__isnull=False).distinct()
    assert held.count() >= 40
    in_2017 = held.filter(occupancies__starts_on__lte=dt.date(2017, 12, 31)).distinct()
    committed = Commitment.objects.filter(position__isnull=False)
    assert committed.count() == in_2017.count() >= 30
    personnel = BudgetLine.objects.get(key="2017-personal-gb5")
    assert personnel.committed > D("100000.00")
    assert personnel.committed == sum(c.amount for c in personnel.commitments.all())


def test_the_position_page_links_its_commitment_and_ends_an_occupancy(client_as, cast):
    position = cast.position
    commitment = Commitment.objects.get(position=position)
    client = client_as(Role.FINANCE_OFFICER)
    page = client.get(reverse("finance:position", kwargs={"code": position.code}))
    html = page.content.decode()
    assert reverse("finance:commitment", kwargs={"code": commitment.code}) in html
    detail = client.get(reverse("finance:commitment", kwargs={"code": commitment.code}))
    assert reverse("finance:position", kwargs={"code": position.code}) in detail.content.decode()
    current = position.occupancies.get(ends_on__isnull=True)
    url = reverse("finance:occupancy_end", kwargs={"code": current.code})
    bad = client.post(url, {"end-ends_on": "2000-01-01"})
    assert bad.status_code == 400
    assert 'href="#id_end-ends_on"' in bad.content.decode()
    before = commitment.amount
    ok = client.post(url, {"end-ends_on": current.starts_on.isoformat()})
    assert ok.status_code == 302
    commitment.refresh_from_db()
    assert commitment.amount < before
