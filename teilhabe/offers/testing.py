"""Test fixtures of the offers directory, shared by the offers, public and api test packages."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def offers_directory(django_db_setup):
    """The load result of the Essen demo directory (with Kitas and schools). The directory is
    part of the shared world, loaded once per test database (teilhabe/core/testing/shared.py)."""
    from teilhabe.core.testing.shared import world_load

    return world_load.directory


@pytest.fixture(autouse=True)
def _directory(offers_directory, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_VERSION_SECONDS = 0  # every request sees the latest change
    return offers_directory
