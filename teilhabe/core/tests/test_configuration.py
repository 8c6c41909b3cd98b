"""Configuration comes from the environment; wrong values stop the process with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from teilhabe.env import env_bool, env_choice, env_int, env_list, env_str


def _settings_in_subprocess(**env: str) -> subprocess.CompletedProcess:
    """Import the real settings module in a fresh interpreter with exactly these variables."""
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import teilhabe.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        env=clean,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_boolean_variable_with_a_typo_fails_loudly(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "jein")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG='jein' is not a boolean"):
        env_bool("SOME_FLAG")


def test_booleans_accept_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("On", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("SOME_FLAG", raw)
        assert env_bool("SOME_FLAG") is expected


def test_a_number_that_is_not_a_number_fails_loudly(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "zehn")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("SOME_NUMBER", 1)


def test_a_number_below_its_minimum_fails_loudly(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("SOME_NUMBER", 5, minimum=1)


def test_a_choice_outside_its_options_fails_loudly(monkeypatch):
    monkeypatch.setenv("SOME_CHOICE", "redis")
    with pytest.raises(ImproperlyConfigured, match="must be one of: database, immediate"):
        env_choice("SOME_CHOICE", ("database", "immediate"), "database")


def test_a_required_string_must_be_set(monkeypatch):
    monkeypatch.delenv("SOME_STRING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SOME_STRING must be set"):
        env_str("SOME_STRING", required=True)


def test_lists_are_split_at_commas_and_trimmed(monkeypatch):
    monkeypatch.setenv("SOME_LIST", " a.example , b.example,,")
    assert env_list("SOME_LIST") == ["a.example", "b.example"]


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _settings_in_subprocess(DEBUG="0", ALLOWED_HOSTS="teilhabe.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_settings_refuse_a_short_secret_key():
    result = _settings_in_subprocess(DEBUG="0", SECRET_KEY="short", ALLOWED_HOSTS="x.example")
    assert result.returncode != 0
    assert "at least 32 characters" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = _settings_in_subprocess(DEBUG="0", SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the host" in result.stderr


def test_an_unsupported_database_url_is_refused():
    result = _settings_in_subprocess(DEBUG="1", DATABASE_URL="mysql://root@localhost/teilhabe")
    assert result.returncode != 0
    assert "DATABASE_URL must point to SQLite or PostgreSQL" in result.stderr


def test_the_default_database_is_sqlite_and_postgresql_is_accepted(tmp_path):
    default = _settings_in_subprocess(DEBUG="1", TEILHABE_VAR_DIR=str(tmp_path))
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip() == "django.db.backends.sqlite3"
    pg = _settings_in_subprocess(DEBUG="1", DATABASE_URL="postgres://u@127.0.0.1:5432/t")
    assert pg.returncode == 0, pg.stderr
    assert pg.stdout.strip() == "django.db.backends.postgresql"


def test_the_time_zone_and_language_are_german_by_default():
    assert settings.TIME_ZONE == "Europe/Berlin"
    assert settings.LANGUAGE_CODE == "de"
    assert [code for code, _ in settings.LANGUAGES][:2] == ["de", "en"]


def test_the_deployment_check_is_clean_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env.update(
        DEBUG="0",
        SECRET_KEY="a-production-like-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="teilhabe.example.org",
        TEILHABE_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
