"""iCalendar export of a case worker's appointments (no names: household and title only)."""

from __future__ import annotations

from django.utils import timezone
from icalendar import Calendar, Event


def appointments_ics(appointments) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Teilhabe//Termine//DE")
    cal.add("version", "2.0")
    for a in appointments:
        event = Event()
        event.add("uid", f"{a.code}@teilhabe")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", a.starts_at)
        event.add("dtend", a.ends_at)
        event.add("summary", a.title)
        if a.location:
            event.add("location", a.location)
        cal.add_component(event)
    return cal.to_ical()
