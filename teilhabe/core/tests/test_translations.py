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


def test_one_english_text_has_one_german_text_across_apps():
    """Django merges the apps' catalogues into one (the first app in INSTALLED_APPS wins), so
    the same msgid translated differently in two apps shows the wrong word in one of them.
    Use the same German text, or a context (``pgettext``) where the meaning differs."""
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    clashes = []
    for path in CATALOGUES:
        app = path.parts[-5]
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgstr:
                continue
            key = (entry.msgctxt or "", entry.msgid)
            if key in seen and seen[key][1] != entry.msgstr:
                clashes.append(
                    f"{entry.msgid!r}: {seen[key][0]}={seen[key][1]!r}, {app}={entry.msgstr!r}"
                )
            seen.setdefault(key, (app, entry.msgstr))
    assert not clashes, "\n".join(clashes)
