"""The German federal state of a municipality, as the ISO 3166-2 subdivision code that the
``holidays`` library uses for public and school holidays (``"NW"`` for Nordrhein-Westfalen).

The state is data (``Municipality.state``, from the scenario); nothing here names a city.
"""

from __future__ import annotations

import functools

from django.core.exceptions import ImproperlyConfigured

from teilhabe.geography.models import Municipality

# Name (as in the data) or code → ISO 3166-2:DE subdivision code.
_STATES = {
    "Baden-Württemberg": "BW",
    "Bayern": "BY",
    "Berlin": "BE",
    "Brandenburg": "BB",
    "Bremen": "HB",
    "Hamburg": "HH",
    "Hessen": "HE",
    "Mecklenburg-Vorpommern": "MV",
    "Niedersachsen": "NI",
    "Nordrhein-Westfalen": "NW",
    "Rheinland-Pfalz": "RP",
    "Saarland": "SL",
    "Sachsen": "SN",
    "Sachsen-Anhalt": "ST",
    "Schleswig-Holstein": "SH",
    "Thüringen": "TH",
}
_CODES = set(_STATES.values())


def state_code(state: str) -> str:
    """``"Nordrhein-Westfalen"`` or ``"NW"`` → ``"NW"``; anything else fails loudly."""
    value = (state or "").strip()
    if value.upper() in _CODES:
        return value.upper()
    try:
        return _STATES[value]
    except KeyError:
        raise ImproperlyConfigured(
            f"Unknown federal state {state!r}: use a German state's name or its code "
            f"({', '.join(sorted(_CODES))})."
        ) from None


@functools.lru_cache(maxsize=1)
def default_state_code() -> str:
    """The state of the installation's municipality (the first one loaded); cached per
    process, cleared when a geography is loaded."""
    state = (
        Municipality.objects.exclude(state="")
        .order_by("pk")
        .values_list("state", flat=True)
        .first()
    )
    if state is None:
        raise ImproperlyConfigured(
            "No municipality with a federal state is loaded (manage.py load_geography --state …)."
        )
    return state_code(state)


def organisation_state_code(organisation) -> str:
    """The state of the municipality an organisation's borough lies in, else the default."""
    borough = getattr(organisation, "borough", None)
    if borough is not None and borough.municipality.state:
        return state_code(borough.municipality.state)
    return default_state_code()
