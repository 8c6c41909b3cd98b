import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from teilhabe.access import SYSTEM
from teilhabe.finance import services
from teilhabe.finance.models import BudgetLine, Commitment, Movement
from teilhabe.finance.tests.factories import a_line
from teilhabe.organisations.models import Organisation

D = Decimal


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.fixture
def caritas(db):
    return Organisation.objects.get(key="caritas-essen")


def _commit(line, org, amount, day=dt.date(2030, 3, 1)):
    return services.commitment_create(
        user=SYSTEM, line=line, organisation=org, amount=amount, committed_on=day, purpose="Test"
    )


def _snapshot(line):
    line.refresh_from_db()
    return (line.amount, line.committed, line.paid, Commitment.objects.count(),
            Movement.objects.count())  # fmt: skip


def test_a_commitment_binds_money_and_the_rest_stays_available(caritas):
    line = a_line()
    c = _commit(line, caritas, D("400.00"))
    line.refresh_from_db()
    assert (line.committed, line.available) == (D("400.00"), D("600.00"))
    assert c.number.startswith("Z-2030-")


def test_committing_more_than_is_available_is_refused_in_german_and_changes_nothing(caritas):
    line = a_line()
    _commit(line, caritas, D("900.00"))
    before = _snapshot(line)
    with pytest.raises(ValidationError) as exc:
        _commit(line, caritas, D("100.01"))
    assert "Nur noch 100,00 € verfügbar" in str(exc.value)
    assert _snapshot(line) == before


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (D("-5.00"), "größer als null"),
        (D("0"), "größer als null"),
        (D("1.005"), "auf den Cent genau"),
    ],
)
def test_negative_zero_or_sub_cent_amounts_are_refused(caritas, amount, message):
    line = a_line()
    before = _snapshot(line)
    with pytest.raises(ValidationError) as exc:
        _commit(line, caritas, amount)
    assert message in str(exc.value)
    assert _snapshot(line) == before


def test_a_commitment_on_a_closed_year_is_refused(caritas):
    line = a_line(year=2031, closed=True, key="closed")
    before = _snapshot(line)
    with pytest.raises(ValidationError) as exc:
        _commit(line, caritas, D("10.00"), day=dt.date(2031, 5, 1))
    assert "Haushaltsjahr 2031 ist abgeschlossen" in str(exc.value)
    assert _snapshot(line) == before


def test_a_commitment_dated_outside_the_fiscal_year_is_refused(caritas):
    line = a_line()
    before = _snapshot(line)
    with pytest.raises(ValidationError) as exc:
        _commit(line, caritas, D("10.00"), day=dt.date(2029, 12, 31))
    assert "31.12.2029 liegt außerhalb des Haushaltsjahres 2030" in str(exc.value)
    assert _snapshot(line) == before


def test_a_payment_above_the_commitment_is_refused(caritas):
    line = a_line()
    c = _commit(line, caritas, D("300.00"))
    services.movement_book(
        user=SYSTEM, kind="payment", commitment=c, amount=D("200.00"), booked_on=dt.date(2030, 4, 1)
    )
    before = _snapshot(line)
    with pytest.raises(ValidationError) as exc:
        services.movement_book(
            user=SYSTEM,
            kind="payment",
            commitment=c,
            amount=D("100.01"),
            booked_on=dt.date(2030, 4, 2),
        )
    assert "übersteigt die Bewilligung" in str(exc.value)
    assert _snapshot(line) == before
    c.refresh_from_db()
    assert (c.paid, c.open_amount) == (D("200.00"), D("100.00"))


def test_a_payment_outside_the_year_or_before_the_commitment_is_refused(caritas):
    line = a_line()
    c = _commit(line, caritas, D("300.00"), day=dt.date(2030, 6, 1))
    before = _snapshot(line)
    for day in (dt.date(2031, 1, 2), dt.date(2030, 5, 31)):
        with pytest.raises(ValidationError):
            services.movement_book(
                user=SYSTEM, kind="payment", commitment=c, amount=D("1.00"), booked_on=day
            )
    assert _snapshot(line) == before


def test_cancellation_releases_money_and_repayment_reduces_what_is_paid(caritas):
    line = a_line()
    c = _commit(line, caritas, D("500.00"))
    services.movement_book(
        user=SYSTEM, kind="payment", commitment=c, amount=D("300.00"), booked_on=dt.date(2030, 4, 1)
    )
    with pytest.raises(ValidationError):  # only the unpaid part can be cancelled
        services.movement_book(
            user=SYSTEM,
            kind="cancellation",
            commitment=c,
            amount=D("200.01"),
            booked_on=dt.date(2030, 5, 1),
        )
    services.movement_book(
        user=SYSTEM,
        kind="cancellation",
        commitment=c,
        amount=D("200.00"),
        booked_on=dt.date(2030, 5, 1),
    )
    services.movement_book(
        user=SYSTEM,
        kind="repayment",
        commitment=c,
        amount=D("50.00"),
        booked_on=dt.date(2030, 6, 1),
    )
    with pytest.raises(ValidationError):
        services.movement_book(
            user=SYSTEM,
            kind="repayment",
            commitment=c,
            amount=D("250.01"),
            booked_on=dt.date(2030, 6, 1),
        )
    c.refresh_from_db()
    line.refresh_from_db()
    assert (c.original_amount, c.amount, c.paid) == (D("500.00"), D("300.00"), D("250.00"))
    assert (line.committed, line.paid, line.available) == (D("300.00"), D("250.00"), D("700.00"))


def test_the_budget_cannot_be_cut_below_what_is_committed(caritas):
    line = a_line()
    _commit(line, caritas, D("800.00"))
    with pytest.raises(ValidationError) as exc:
        services.budget_change_add(
            user=SYSTEM,
            line=line,
            amount=D("-200.01"),
            changed_on=dt.date(2030, 7, 1),
            kind="other",
        )
    assert "800,00 €" in str(exc.value)
    services.budget_change_add(
        user=SYSTEM, line=line, amount=D("-200.00"), changed_on=dt.date(2030, 7, 1), kind="other"
    )
    line.refresh_from_db()
    assert line.available == D("0.00")


def test_the_database_itself_refuses_an_over_committed_line(caritas):
    line = a_line()
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(pk=line.pk).update(committed=D("1000.01"))
    line.refresh_from_db()
    assert line.committed == D("0.00")


def test_the_database_refuses_a_payment_above_the_commitment(caritas):
    line = a_line()
    c = _commit(line, caritas, D("100.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=c.pk).update(paid=D("100.01"))


def test_occupancies_of_one_position_never_overlap(db):
    from teilhabe.finance.models import Position

    position = Position.objects.get(key="ik-1")
    with pytest.raises(ValidationError) as exc:
        services.occupancy_add(
            user=SYSTEM, position=position, holder="Neu", starts_on=dt.date(2020, 1, 1)
        )
    assert "bereits" in str(exc.value)
    with pytest.raises(ValidationError):
        services.occupancy_add(
            user=SYSTEM,
            position=position,
            holder="Neu",
            starts_on=dt.date(2016, 1, 1),
            ends_on=dt.date(2015, 1, 1),
        )


def test_the_services_check_access_themselves_and_refuse_a_case_worker(cast):
    from django.core.exceptions import PermissionDenied

    worker = cast.case_worker
    line = cast.budget_line
    before = _snapshot(line)
    with pytest.raises(PermissionDenied):
        services.commitment_create(
            user=worker,
            line=line,
            organisation=line.organisation,
            amount=D("1.00"),
            committed_on=dt.date(2017, 9, 1),
            purpose="Test",
        )
    with pytest.raises(PermissionDenied):
        services.movement_book(
            user=worker,
            commitment=cast.commitment,
            kind="repayment",
            amount=D("1.00"),
            booked_on=dt.date(2017, 12, 1),
        )
    assert _snapshot(line) == before


def test_payments_repayments_and_cancellations_are_one_booking_with_rules_per_kind(caritas):
    line = a_line()
    c = _commit(line, caritas, D("100.00"))
    with pytest.raises(ValidationError) as exc:
        services.movement_book(
            user=SYSTEM, commitment=c, kind="gift", amount=D("1.00"), booked_on=dt.date(2030, 4, 1)
        )
    assert "kind" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:  # nothing before the commitment's date
        services.movement_book(
            user=SYSTEM,
            commitment=c,
            kind="repayment",
            amount=D("1.00"),
            booked_on=dt.date(2030, 2, 28),
        )
    assert "booked_on" in exc.value.error_dict
    assert set(services.BOOKINGS) == {"payment", "repayment", "cancellation"}
