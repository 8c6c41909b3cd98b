"""Dates of offers: public and school holidays of the municipality's state, next dates, iCalendar (RFC 5545)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from teilhabe.geography.states import default_state_code
from teilhabe.offers.models import ICAL_DAYS, Offer, Schedule

# How far ahead recurrences are expanded when a weekly schedule has no end date.
HORIZON_DAYS = 365


@functools.lru_cache(maxsize=16)
def _public(state: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DE", subdiv=state, years=year))


@functools.lru_cache(maxsize=16)
def _school(state: str, year: int) -> frozenset[date]:
    return frozenset(
        holidays.country_holidays("DE", subdiv=state, years=year, categories=("school",))
    )


def is_public_holiday(day: date) -> bool:
    return day in _public(default_state_code(), day.year)


def is_school_holiday(day: date) -> bool:
    return day in _school(default_state_code(), day.year)


def _skipped(schedule: Schedule, day: date) -> bool:
    return is_public_holiday(day) or (schedule.pauses_in_school_holidays and is_school_holiday(day))


def _window(schedule: Schedule, start: date) -> tuple[date, date]:
    first = max(start, schedule.valid_from or start)
    last = schedule.valid_until or first + timedelta(days=HORIZON_DAYS)
    return first, last


def occurrences(schedule: Schedule, *, start: date, limit: int = 5) -> list[date]:
    """The next ``limit`` days from ``start`` on which the schedule takes place."""
    if schedule.date is not None:
        return [] if schedule.date < start else [schedule.date]
    first, last = _window(schedule, start)
    day = first + timedelta(days=(schedule.weekday - first.weekday()) % 7)
    found: list[date] = []
    while day <= last and len(found) < limit:
        if not _skipped(schedule, day):
            found.append(day)
        day += timedelta(days=7)
    return found


def next_dates(offer: Offer, *, start: date | None = None, limit: int = 5) -> list[dict]:
    start = start or timezone.localdate()
    rows = [
        {"date": d, "starts_at": s.starts_at, "ends_at": s.ends_at}
        for s in offer.schedules.all()
        for d in occurrences(s, start=start, limit=limit)
    ]
    return sorted(rows, key=lambda r: (r["date"], r["starts_at"]))[:limit]


def _events(offer: Offer, *, title: str, summary: str, url: str, start: date) -> Iterable[Event]:
    tz = ZoneInfo(settings.TIME_ZONE)
    place = "; ".join(loc.address for loc in offer.locations.all())
    for s in offer.schedules.all():
        event = Event()
        event.add("uid", f"{s.code}@teilhabe")
        event.add("dtstamp", offer.updated_at)
        event.add("summary", title)
        if summary:
            event.add("description", f"{summary}\n{url}".strip())
        if place:
            event.add("location", place)
        if url:
            event.add("url", url)
        if s.date is not None:
            event.add("dtstart", datetime.combine(s.date, s.starts_at, tz))
            event.add("dtend", datetime.combine(s.date, s.ends_at, tz))
            yield event
            continue
        first, last = _window(s, start)
        day = first + timedelta(days=(s.weekday - first.weekday()) % 7)
        if day > last:
            continue
        event.add("dtstart", datetime.combine(day, s.starts_at, tz))
        event.add("dtend", datetime.combine(day, s.ends_at, tz))
        until = datetime.combine(last, s.ends_at, tz).astimezone(ZoneInfo("UTC"))
        event.add(
            "rrule", vRecur({"FREQ": "WEEKLY", "BYDAY": ICAL_DAYS[s.weekday], "UNTIL": until})
        )
        skipped = []
        d = day
        while d <= last:
            if _skipped(s, d):
                skipped.append(datetime.combine(d, s.starts_at, tz))
            d += timedelta(days=7)
        if skipped:
            event.add("exdate", skipped)
        yield event


def offers_calendar(
    entries: Iterable[tuple[Offer, str, str, str]], *, start: date | None = None
) -> bytes:
    """An iCalendar file for offers; ``entries`` are (offer, title, summary, url)."""
    start = start or timezone.localdate()
    cal = Calendar()
    cal.add("prodid", "-//Teilhabe//Angebote//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for offer, title, summary, url in entries:
        for event in _events(offer, title=title, summary=summary, url=url, start=start):
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
