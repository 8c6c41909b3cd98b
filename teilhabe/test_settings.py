"""Settings for the test suite: the real settings with safe defaults for the environment."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("TASKS_BACKEND", "immediate")
# Playwright's synchronous API (browser tests) keeps an event loop in the test process; the
# database tests that run after it on the same worker are still synchronous. This is the
# documented setting for pytest-django with Playwright; it applies to the test suite only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from teilhabe.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - keeps WhiteNoise quiet
