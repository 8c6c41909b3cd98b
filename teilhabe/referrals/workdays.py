"""Working days: response deadlines skip weekends and the public holidays of the federal state.

The state comes from the municipality (``teilhabe.geography.states``; from the scenario's data);
holidays and working-day arithmetic come from the ``holidays`` library, so Fronleichnam and
Allerheiligen count in Nordrhein-Westfalen but not in Berlin. Without ``state`` the
installation's municipality decides.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays

from teilhabe.geography.states import default_state_code


def _state(state: str | None) -> str:
    return state or default_state_code()


@functools.lru_cache(maxsize=32)
def _calendar(state: str) -> holidays.HolidayBase:
    # Years are added as they are asked for (the library's ``expand``).
    return holidays.country_holidays("DE", subdiv=state, language="de")


def holiday_name(day: date, *, state: str | None = None) -> str | None:
    """The German name of the public holiday on ``day`` in ``state``, or None."""
    return _calendar(_state(state)).get(day)


def is_working_day(day: date, *, state: str | None = None) -> bool:
    return _calendar(_state(state)).is_working_day(day)


def add_working_days(start: date, days: int, *, state: str | None = None) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count).

    ``add_working_days(Friday, 1)`` is the next Monday — or Tuesday when Monday is a holiday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    return _calendar(_state(state)).get_nth_working_day(start, days)


def working_days_between(start: date, end: date, *, state: str | None = None) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    return _calendar(_state(state)).get_working_days_count(start + timedelta(days=1), end)
