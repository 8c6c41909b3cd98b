"""Test fixtures of the offers directory, shared by the offers, public and api test packages."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def offers_directory(django_db_setup, django_db_blocker):
    """The Essen demo directory (with Kitas and schools), loaded once per test database."""
    from teilhabe.offers.loading import offers_demo_load

    with django_db_blocker.unblock():
        return offers_demo_load()


@pytest.fixture(autouse=True)
def _directory(offers_directory, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_VERSION_SECONDS = 0  # every request sees the latest change
    return offers_directory
