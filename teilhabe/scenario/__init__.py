"""Scenarios: a city's default data (geography, organisations, money, demo records) as files.

A scenario is a folder with ``scenario.toml`` and the files it names (see
``teilhabe/scenario/data/essen/``). The setting ``SCENARIO`` (environment ``TEILHABE_SCENARIO``)
names a folder under ``teilhabe/scenario/data/`` or gives a path to one; every loader
(``manage.py load_scenario``, ``load_offers``, ``load_demo_cases``) reads from it.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from django.conf import settings

DATA = Path(__file__).resolve().parent / "data"


def scenario_folder(name: str | None = None) -> Path:
    """The folder of scenario ``name`` (a folder name under ``data/`` or a path); default: the
    ``SCENARIO`` setting."""
    name = name or settings.SCENARIO
    return Path(name) if "/" in name else DATA / name


@functools.lru_cache(maxsize=8)
def _texts(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "scenario.toml"
    if not path.exists():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f).get("texts", {})


def scenario_text(key: str, language: str = "de") -> str:
    """The city's own words for the interface (``[texts.<key>]`` in ``scenario.toml``, one
    entry per language code), e.g. the finder's title or the map's source.
    Falls back to German, then to nothing: no city's name is written in the code."""
    texts = _texts(scenario_folder()).get(key, {})
    return texts.get(language) or texts.get((language or "de").split("-")[0]) or texts.get("de", "")


class ScenarioTexts:
    """``{{ city.finder_title }}`` in templates: :func:`scenario_text` in the active language."""

    def __getitem__(self, key: str) -> str:
        from django.utils import translation

        return scenario_text(key, translation.get_language() or "de")


def city_texts(request) -> dict:
    """Context processor: the scenario's texts as ``city``."""
    return {"city": ScenarioTexts()}
