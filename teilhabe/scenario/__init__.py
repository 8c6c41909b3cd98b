"""Scenarios: a city's default data (geography, organisations, money, demo records) as files.

A scenario is a folder with ``scenario.toml`` and the files it names (see
``teilhabe/scenario/data/essen/``). The setting ``SCENARIO`` (environment ``TEILHABE_SCENARIO``)
names a folder under ``teilhabe/scenario/data/`` or gives a path to one; every loader
(``manage.py load_scenario``, ``load_offers``, ``load_demo_cases``) reads from it.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

DATA = Path(__file__).resolve().parent / "data"


def scenario_folder(name: str | None = None) -> Path:
    """The folder of scenario ``name`` (a folder name under ``data/`` or a path); default: the
    ``SCENARIO`` setting."""
    name = name or settings.SCENARIO
    return Path(name) if "/" in name else DATA / name
