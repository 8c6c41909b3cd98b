"""Legal periods and transition rules, computed from the data in ``data/rules.toml``.

Pure functions (dates in, dates out) so that the rule tests can walk weekends and holidays
without a database. The federal state for public holidays comes from the municipality (see
:mod:`teilhabe.referrals.workdays`).
"""

from __future__ import annotations

import datetime
import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from teilhabe.referrals.workdays import is_working_day

DEFAULT_RULES = Path(__file__).resolve().parent / "data" / "rules.toml"


@functools.cache
def _load(path: str) -> dict:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


def rules() -> dict:
    return _load(str(getattr(settings, "HOUSING_RULES_FILE", "") or DEFAULT_RULES))


# --- Periods ---------------------------------------------------------------------------------


def next_working_day(day: datetime.date, *, state: str | None = None) -> datetime.date:
    """``day`` itself when it is a working day, else the next one (§ 222 Abs. 2 ZPO)."""
    while not is_working_day(day, state=state):
        day += datetime.timedelta(days=1)
    return day


def previous_working_day(day: datetime.date, *, state: str | None = None) -> datetime.date:
    """``day`` itself when it is a working day, else the one before (for own deadlines, which
    must fall before the legal date, never after)."""
    while not is_working_day(day, state=state):
        day -= datetime.timedelta(days=1)
    return day


def subtract_working_days(day: datetime.date, n: int, *, state: str | None = None) -> datetime.date:
    current = day
    while n > 0:
        current -= datetime.timedelta(days=1)
        if is_working_day(current, state=state):
            n -= 1
    return current


def period_end(
    start: datetime.date, *, weeks: int = 0, days: int = 0, state: str | None = None
) -> datetime.date:
    """End of a period that starts with an event on ``start`` (the event day does not count,
    § 187 Abs. 1 BGB; a period of weeks ends on the same weekday, § 188 Abs. 2 BGB; an end on a
    Saturday, Sunday or public holiday moves to the next working day, § 222 Abs. 2 ZPO)."""
    return next_working_day(start + datetime.timedelta(weeks=weeks, days=days), state=state)


# --- Asylum procedure ------------------------------------------------------------------------


@dataclass(frozen=True)
class Remedy:
    until: datetime.date
    name: str
    source: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.source})"


def remedy_for(
    decision_kind: str, delivered_on: datetime.date | None, *, state: str | None = None
) -> Remedy | None:
    """The legal-remedy deadline for a decision delivered on ``delivered_on``, or None when the
    decision grants full protection (or is not delivered yet)."""
    if not decision_kind or delivered_on is None:
        return None
    for rule in rules()["asylum"].get("remedy", []):
        if decision_kind in rule["decisions"]:
            until = period_end(
                delivered_on, weeks=rule.get("weeks", 0), days=rule.get("days", 0), state=state
            )
            return Remedy(until, rule["name"], f"{rule['source']}; {rules()['periods']['source']}")
    return None


def interview_preparation_due(
    interview_on: datetime.date, *, state: str | None = None
) -> datetime.date:
    n = rules()["asylum"]["interview_preparation_working_days"]
    return subtract_working_days(interview_on, n, state=state)


def remedy_needs_escalation(
    until: datetime.date, today: datetime.date, *, state: str | None = None
) -> bool:
    """True when the deadline ends within the configured number of working days from today
    (today counted; an already passed deadline is not escalated any more)."""
    if until < today:
        return False
    n = rules()["asylum"]["escalate_working_days"]
    remaining = 0
    day = today
    while day < until:
        day += datetime.timedelta(days=1)
        if is_working_day(day, state=state):
            remaining += 1
    return remaining <= n


# --- Residence titles ------------------------------------------------------------------------


def expiry_deadline(valid_until: datetime.date, *, state: str | None = None) -> datetime.date:
    """The own deadline to apply for an extension: a configured number of days before the
    title expires, on the working day before when that day is not one."""
    days = rules()["residence"]["deadline_days_before"]
    return previous_working_day(valid_until - datetime.timedelta(days=days), state=state)


def expiry_state(valid_until: datetime.date | None, today: datetime.date) -> str:
    """``"expired"``, ``"expiring"`` (within the warning period) or ``""``."""
    if valid_until is None:
        return ""
    if valid_until < today:
        return "expired"
    if valid_until <= today + datetime.timedelta(days=rules()["residence"]["warning_days"]):
        return "expiring"
    return ""


# --- § 12a AufenthG --------------------------------------------------------------------------


def obligation_rule() -> dict:
    return rules()["obligation"]


def lifts_obligation(milestone_key: str, weekly_hours: int | None) -> bool:
    rule = obligation_rule()
    if milestone_key in rule["training_milestones"]:
        return True
    if milestone_key in rule["job_milestones"]:
        return weekly_hours is not None and weekly_hours >= rule["min_weekly_hours"]
    return False


def obligation_application_due(
    flagged_on: datetime.date, *, state: str | None = None
) -> datetime.date:
    return period_end(flagged_on, days=obligation_rule()["apply_within_days"], state=state)


# --- Benefit systems -------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    key: str
    name: str
    first_permit_after: datetime.date
    from_systems: tuple[str, ...]
    to_system: str
    source: str

    def affects(self, first_permit_on: datetime.date | None, current_system: str | None) -> bool:
        return (
            first_permit_on is not None
            and first_permit_on > self.first_permit_after
            and current_system in self.from_systems
        )


def transitions() -> list[Transition]:
    return [
        Transition(
            key=t["key"],
            name=t["name"],
            first_permit_after=t["first_permit_after"],
            from_systems=tuple(t["from_systems"]),
            to_system=t["to_system"],
            source=t["source"],
        )
        for t in rules().get("benefits", {}).get("transition", [])
    ]
