"""Django settings for Teilhabe, read from the environment (see .env.example)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from teilhabe.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("TEILHABE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105
elif len(SECRET_KEY) < 32 and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the host(s) the app is served on.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First, so that its templates (login, password reset) override those of the admin.
    "teilhabe.core",
    "teilhabe.core.apps.TeilhabeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    # Before django_tasks_db: its `db_worker` (heartbeat, lease, retries) replaces the library's.
    "teilhabe.jobs",
    "django_tasks_db",
    "teilhabe.access",
    "teilhabe.accounts",
    "teilhabe.geography",
    "teilhabe.organisations",
    "teilhabe.finance",
    "teilhabe.dashboard",
    "teilhabe.referrals",
    "teilhabe.housing",
    "teilhabe.reports",
    "teilhabe.scenario",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "teilhabe.offers",
    "teilhabe.public",
    "teilhabe.api",
    "teilhabe.api.controlling",
    "teilhabe.audit",
    "teilhabe.cases",
    "teilhabe.steering",
    "teilhabe.volunteers",
    "teilhabe.opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "teilhabe.core.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "teilhabe.core.middleware.SecurityHeadersMiddleware",
    # Last, so that it sees the authenticated user (django-axes requirement).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "teilhabe.urls"
WSGI_APPLICATION = "teilhabe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "teilhabe.core.context_processors.navigation",
                "teilhabe.scenario.city_texts",
            ],
        },
    },
]

# Django's form renderer with inputs and plain selects written in Python (same HTML, faster).
FORM_RENDERER = "teilhabe.core.renderers.PythonWidgetsRenderer"

# --- Database -------------------------------------------------------------------------------
_default_db = f"sqlite:///{VAR_DIR / 'teilhabe.sqlite3'}"
try:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL", _default_db),
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
            conn_health_checks=True,
        )
    }
except ValueError as exc:  # unknown scheme or malformed URL
    raise ImproperlyConfigured(f"DATABASE_URL is not valid: {exc}") from None
if DATABASES["default"]["ENGINE"] not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    raise ImproperlyConfigured("DATABASE_URL must point to SQLite or PostgreSQL.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the worker and the web process use the file at the same time.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "teilhabe.access.backends.PolicyBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:start"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Idle timeout: the session ends after this many minutes without a request.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# The expiry slides with use, but the session row is written at most once a minute
# (teilhabe.core.middleware.IdleSessionMiddleware), not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes): lock a user name from one address after repeated failures.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Django's login form sends the e-mail address as "username"; count it case-insensitively.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "teilhabe.accounts.throttling.login_name"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# Each app keeps its own catalogue in <app>/locale (German; English is the source language).
LOCALE_PATHS: list[Path] = []
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["teilhabe.formats"]

# --- Static files and uploads ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end libraries come from the npm registry at set-up time (package.json) and are served
# from here; nothing is loaded from a CDN at run time.
_NODE = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/kern", _NODE / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", _NODE / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded documents live outside the web root and are served only through access checks.
MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
MEDIA_URL = "/private-media-is-not-served/"

# --- Background tasks -----------------------------------------------------------------------
TASKS_BACKEND = env_choice("TASKS_BACKEND", ("database", "immediate"), "database")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
# At-least-once delivery on top of django-tasks-db (teilhabe/jobs, docs/background-work.md):
# a worker writes a heartbeat every TASKS_LEASE_SECONDS / 4; a RUNNING task whose worker has
# not been seen for TASKS_LEASE_SECONDS is queued again. A failed attempt is retried after
# TASKS_RETRY_BASE_SECONDS * 2^(attempt-1), at most TASKS_RETRY_MAX_SECONDS, until
# TASKS_MAX_ATTEMPTS attempts have been made; then the task stays FAILED for an administrator.
TASKS_LEASE_SECONDS = env_int("TASKS_LEASE_SECONDS", 60, minimum=1)
TASKS_MAX_ATTEMPTS = env_int("TASKS_MAX_ATTEMPTS", 5, minimum=1)
TASKS_RETRY_BASE_SECONDS = env_int("TASKS_RETRY_BASE_SECONDS", 30, minimum=0)
TASKS_RETRY_MAX_SECONDS = env_int("TASKS_RETRY_MAX_SECONDS", 3600, minimum=0)
# Finished jobs (and their files) are kept this many days (`manage.py jobs_prune`).
JOBS_KEEP_DAYS = env_int("JOBS_KEEP_DAYS", 30, minimum=1)
# Most offers per import file (CSV/XLSX); a longer file is refused (docs/offers.md).
OFFERS_IMPORT_MAX_ROWS = env_int("OFFERS_IMPORT_MAX_ROWS", 2000, minimum=1)

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # Without a mail server, messages are written to var/mail (and never lost silently).
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "teilhabe@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
_https = env_bool("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _https)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if _https else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = False
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is a decision for each city

# Content-Security-Policy: no inline scripts, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Logging (no personal data: no request bodies, no user names) -----------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
    },
}

# --- Teilhabe ---------------------------------------------------------------------------------
# Groups smaller than this are shown as "< n" in every aggregate that steering sees.
SMALL_NUMBER_THRESHOLD = env_int("SMALL_NUMBER_THRESHOLD", 5, minimum=1)
# The scenario (a city's default data) that load_scenario, load_offers and load_demo_cases read:
# a folder name under teilhabe/scenario/data/ or a path (teilhabe.scenario.scenario_folder).
SCENARIO = env_str("TEILHABE_SCENARIO", "essen")
# Demo credentials are printed only when DEBUG is on.
DEMO_PASSWORD = "Teilhabe-Demo-2017"  # noqa: S105 - a documented demo password, DEBUG only
# Public address of this server for the IRIs in the open-data catalogue (docs/open-data.md),
# e.g. https://teilhabe.essen.de; empty: the address a request came to.
OPENDATA_BASE_URL = env_str("OPENDATA_BASE_URL", "")
if OPENDATA_BASE_URL and not re.match(r"^https?://[^/]+/?$", OPENDATA_BASE_URL):
    raise ImproperlyConfigured("OPENDATA_BASE_URL must look like https://host (no path).")

# --- Open API (teilhabe/api, docs/api.md) ------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_ANON_RATE", "120/minute"),
        # Controlling API (teilhabe/api/controlling): per token, member or address.
        "controlling": env_str("API_TOKEN_RATE", "600/minute"),
    },
    # Client address for the rate limit: the n-th address from the right of X-Forwarded-For.
    "NUM_PROXIES": env_int("TRUSTED_PROXY_COUNT", 0, minimum=0),
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Teilhabe-API",
    "DESCRIPTION": "Offene Schnittstelle des Angebotsverzeichnisses (Angebote, Organisationen, "
    "Orte, Kategorien), HSDS-3.0-API und Controlling-API (Haushalt, Stellen, Projekte, "
    "Kennzahlen; nur mit Token).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Registration requests through the public finder: at most this many per client address (counted
# in the cache below, like the API's limit; teilhabe/public/spam.py).
PUBLIC_REGISTRATION_RATE = env_str("PUBLIC_REGISTRATION_RATE", "5/hour")
# Anonymous API rate limits are counted in this cache. The local-memory default is right for
# one process; with several processes or hosts use Redis or the database cache (docs/api.md).
CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env_str("CACHE_LOCATION", "teilhabe"),
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 2000, minimum=100)},
    }
}
