"""Response deadlines count working days: no weekends, no public holidays of NRW."""

from datetime import date

import pytest

from teilhabe.referrals.workdays import (
    add_working_days,
    holiday_name,
    is_working_day,
    working_days_between,
)


def test_five_working_days_from_a_monday_end_on_the_next_monday():
    assert add_working_days(date(2026, 11, 23), 5, state="NW") == date(2026, 11, 30)


def test_a_deadline_set_on_friday_skips_the_weekend():
    assert add_working_days(date(2026, 11, 27), 1, state="NW") == date(2026, 11, 30)


def test_easter_holidays_in_nrw_are_skipped():
    # Karfreitag 26.03.2027 and Ostermontag 29.03.2027
    assert holiday_name(date(2027, 3, 26), state="NW") == "Karfreitag"
    assert add_working_days(date(2027, 3, 25), 1, state="NW") == date(2027, 3, 30)


@pytest.mark.parametrize(
    ("day", "nrw", "berlin"),
    [
        (date(2027, 5, 27), False, True),  # Fronleichnam: holiday in NRW, not in Berlin
        (date(2026, 11, 2), True, True),  # Monday after Allerheiligen (Sunday)
        (date(2027, 11, 1), False, True),  # Allerheiligen on a Monday: NRW only
        (date(2027, 3, 8), True, False),  # Internationaler Frauentag: Berlin only
    ],
)
def test_holidays_follow_the_federal_state(day, nrw, berlin):
    assert is_working_day(day, state="NW") is nrw
    assert is_working_day(day, state="BE") is berlin


def test_christmas_and_new_year_are_skipped():
    assert add_working_days(date(2026, 12, 23), 3, state="NW") == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 31), 1, state="NW") == date(2027, 1, 4)


def test_working_days_between_counts_what_add_working_days_adds():
    start = date(2027, 3, 20)
    for n in range(0, 15):
        assert working_days_between(start, add_working_days(start, n, state="NW"), state="NW") == n


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), -1, state="NW")


@pytest.mark.django_db
def test_without_a_state_the_municipalitys_state_decides():
    from teilhabe.geography.states import default_state_code, state_code

    default_state_code.cache_clear()
    assert default_state_code() == "NW"  # Essen: "Nordrhein-Westfalen" in the scenario data
    assert is_working_day(date(2027, 5, 27)) is False  # Fronleichnam
    assert state_code("Berlin") == "BE" and state_code("by") == "BY"


def test_an_unknown_state_fails_loudly():
    from django.core.exceptions import ImproperlyConfigured

    from teilhabe.geography.states import state_code

    with pytest.raises(ImproperlyConfigured, match="Unknown federal state"):
        state_code("Westfalen")
