"""Test helpers of the open-data app."""

from __future__ import annotations

from django.core.files.storage import default_storage

from teilhabe.opendata.services import CATALOGUE, PREFIX, opendata_publish


def ensure_published() -> None:
    """Publish the files unless the (test) storage has them already."""
    if not default_storage.exists(PREFIX + CATALOGUE):
        opendata_publish()
