import pytest


@pytest.fixture
def storage(settings):
    """A fresh, empty default storage for the test (the files of other tests are not seen)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    from django.core.files.storage import default_storage

    return default_storage
