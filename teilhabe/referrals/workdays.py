"""Working days: response deadlines skip weekends and the public holidays of the federal state.

The state comes from the municipality (``teilhabe.geography.states``; Essen: ``"NW"``);
holidays come from the ``holidays`` library, so Fronleichnam and Allerheiligen count in NRW
but not in Berlin. Without ``state`` the installation's municipality decides.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays


def _state(state: str | None) -> str:
    if state:
        return state
    from teilhabe.geography.states import default_state_code

    return default_state_code()


@functools.lru_cache(maxsize=32)
def _holidays(state: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv=state, years=year, language="de")


def holiday_name(day: date, *, state: str | None = None) -> str | None:
    """The German name of the public holiday on ``day`` in ``state``, or None."""
    return _holidays(_state(state), day.year).get(day)


def is_working_day(day: date, *, state: str | None = None) -> bool:
    return day.weekday() < 5 and holiday_name(day, state=_state(state)) is None


def add_working_days(start: date, days: int, *, state: str | None = None) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count).

    ``add_working_days(Friday, 1)`` is the next Monday — or Tuesday when Monday is a holiday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    state = _state(state)
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current, state=state):
            remaining -= 1
    return current


def working_days_between(start: date, end: date, *, state: str | None = None) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    state = _state(state)
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current, state=state):
            count += 1
    return count
