"""The query parameters of the HSDS API, read strictly: a value that is not what the parameter
takes is a 400 in the API's error shape (``{"<parameter>": ["<German message>"]}``); an empty
value means "not given"."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError

from teilhabe.offers.filters import FALSE_WORDS, TRUE_WORDS, OfferFilterSet
from teilhabe.offers.models import PUBLIC_LANGUAGE_CODES

FORMATS = ("json", "ndjson")
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50
MAX_PAGE = 100_000
MAX_PROXIMITY = 50_000  # metres; a large city is about 20–40 km across


def _refuse(name: str, message: str):
    raise ValidationError({name: [message]})


class Params:
    def __init__(self, request):
        self.request = request
        self.data = request.query_params

    def _value(self, name: str) -> str:
        """The value without surrounding spaces; control characters are refused (Python's
        ``strip`` would silently drop some of them, e.g. U+001E, and a flag would read as empty)."""
        value = self.data.get(name) or ""
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            _refuse(name, _("The value contains control characters."))
        return value.strip(" ")

    def integer(self, name: str, lo: int, hi: int, default: int) -> int:
        value = self._value(name)
        if not value:
            return default
        try:
            number = int(value)
        except ValueError:
            _refuse(name, _("“%(value)s” is not a whole number.") % {"value": value[:40]})
        if not lo <= number <= hi:
            _refuse(name, _("The value must be between %(lo)s and %(hi)s.") % {"lo": lo, "hi": hi})
        return number

    def page(self) -> tuple[int, int]:
        return (
            self.integer("page", 1, MAX_PAGE, 1),
            self.integer("per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE),
        )

    def flag(self, name: str) -> bool:
        value = self._value(name).lower()
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        return _refuse(name, _("Expected true or false."))

    def code(self, name: str) -> str | None:
        """An id (UUID) or None when not given."""
        value = self._value(name)
        if not value:
            return None
        try:
            return str(uuid.UUID(value))
        except ValueError:
            return _refuse(name, _("“%(value)s” is not a valid ID.") % {"value": value[:40]})

    def since(self, name: str) -> dt.datetime | None:
        """A date or a date and time (ISO 8601); without a zone, in TIME_ZONE."""
        value = self._value(name)
        if not value:
            return None
        # RFC 3339 allows a lower-case t/z and a leap second, Python does not.
        value = re.sub(r":60(?=\D|$)", ":59", value.upper())
        try:
            moment = parse_datetime(value)
            if moment is None:
                day = parse_date(value)
                moment = dt.datetime.combine(day, dt.time()) if day else None
        except ValueError:
            moment = None
        if moment is None:
            return _refuse(name, _("Expected a date or a date and time (ISO 8601)."))
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        try:  # in UTC: PostgreSQL refuses offsets beyond ±15:59
            return moment.astimezone(dt.UTC)
        except OverflowError:  # beyond year 1 or 9999 in UTC
            edge = dt.datetime.min if moment.year < 5000 else dt.datetime.max
            return edge.replace(tzinfo=dt.UTC)

    def search(self) -> str:
        """The search text, checked as the finder's search (length, no control characters)."""
        value = self._value("search")
        if not value:
            return ""
        form = OfferFilterSet({"q": value}).form
        if not form.is_valid() and "q" in form.errors:
            raise ValidationError({"search": form.errors["q"]})
        return value

    def text(self, name: str, max_length: int) -> str:
        value = self._value(name)
        if len(value) > max_length or any(ord(c) < 32 for c in value):
            _refuse(
                name,
                _("At most %(n)s characters, no control characters.") % {"n": max_length},
            )
        return value

    def format(self) -> str:
        value = self._value("format").lower() or "json"
        if value not in FORMATS:
            _refuse("format", _("Allowed: %(values)s.") % {"values": ", ".join(FORMATS)})
        return value

    def proximity(self) -> int | None:
        value = self._value("proximity")
        if not value:
            return None
        return self.integer("proximity", 1, MAX_PROXIMITY, 0)

    def lang(self) -> str:
        """``lang`` if given, else the first of Accept-Language the directory has, else German."""
        value = self._value("lang")
        if value:
            if value not in PUBLIC_LANGUAGE_CODES:
                _refuse(
                    "lang",
                    _("Unknown language; allowed: %(values)s.")
                    % {"values": ", ".join(PUBLIC_LANGUAGE_CODES)},
                )
            return value
        header = self.request.META.get("HTTP_ACCEPT_LANGUAGE", "")
        for code, _q in parse_accept_lang_header(header[:500]):
            base = code.split("-")[0].lower()
            if base in PUBLIC_LANGUAGE_CODES:
                return base
        return "de"
