"""Settings for the test suite: the real settings with safe defaults for the environment."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("TASKS_BACKEND", "immediate")
# Every test client comes from 127.0.0.1 and the URL matrix opens each API URL once per role:
# the per-address API limit (120/minute) would answer 429. The limit has its own test
# (teilhabe/api/tests/test_api.py), which sets its own rate.
os.environ.setdefault("API_ANON_RATE", "100000/minute")
# Playwright's synchronous API (browser tests) keeps an event loop in the test process; the
# database tests that run after it on the same worker are still synchronous. This is the
# documented setting for pytest-django with Playwright; it applies to the test suite only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from teilhabe.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# No test writes under var/: uploads (case documents and the like) stay in memory, and the
# directories the settings name lie in a temporary directory of this test process, removed at
# its end. The root conftest fails the run when var/ changed (see docs/development.md).
STORAGES["default"] = {"BACKEND": "django.core.files.storage.InMemoryStorage"}  # noqa: F405
TEST_TMP_DIR = Path(tempfile.mkdtemp(prefix="teilhabe-test-"))
atexit.register(shutil.rmtree, TEST_TMP_DIR, ignore_errors=True)
MEDIA_ROOT = TEST_TMP_DIR / "private"
EMAIL_FILE_PATH = TEST_TMP_DIR / "mail"
STATIC_ROOT = TEST_TMP_DIR / "static"
STATIC_ROOT.mkdir()  # keeps WhiteNoise quiet

# PostgreSQL: a commit of the test database need not wait for the disk (the data is thrown
# away at the end anyway); the migrations and the world load commit hundreds of times.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
