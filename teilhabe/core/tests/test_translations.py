"""Every German catalogue is complete: no empty and no fuzzy entry (the UI is German first)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(
    (Path(settings.BASE_DIR) / "teilhabe").glob("*/locale/de/LC_MESSAGES/django.po")
)


def test_there_are_german_catalogues():
    assert len(CATALOGUES) >= 5


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_every_german_entry_is_translated_and_not_fuzzy(path):
    catalogue = polib.pofile(str(path))
    missing = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags and not e.obsolete]
    assert not missing, f"{path}: untranslated: {missing[:10]}"
    assert not fuzzy, f"{path}: fuzzy: {fuzzy[:10]}"
