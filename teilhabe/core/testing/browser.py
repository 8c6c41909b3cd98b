"""Browser-test harness: Playwright driving Debian's Chromium against a real server.

The ``e2e_server`` fixture prepares its own database with the world of the tests — the Essen
scenario with its demo users and the demo offers directory (``teilhabe/core/testing/shared.py``):
with xdist on PostgreSQL a copy of the run's template database (``<name>_e2e_<pid>``, the demo
users' password hashes replaced by one Argon2 hash, as production settings verify), else a
temporary SQLite file or PostgreSQL database that it migrates and loads. Before that it
collects static files and starts gunicorn on a free loopback port with production settings
(DEBUG off), in a thread, while the database is prepared.
Browser tests talk to it like a user would.

Every page a test visits can be checked with ``assert_accessible(page)`` (axe-core from
node_modules, WCAG 2.1 A/AA plus best practices). Requests to any other origin are blocked and
make the test fail (``page.external_requests``).

Without /usr/bin/chromium the tests are skipped with a visible message — except in CI
(``CI=true``), where a missing browser is an error.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

from teilhabe.core.testing import template
from teilhabe.core.testing.serve import wait_for_health

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
DEMO_PASSWORD = settings.DEMO_PASSWORD


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install chromium)."
    if os.environ.get("CI"):
        pytest.fail(message.replace("skipped", "cannot run in CI"), pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _e2e_database_name(tmp: Path) -> str:
    """The server's database URL: on PostgreSQL ``<name>_e2e_<pid>``, else a temporary SQLite
    file. Nothing is created yet (:func:`_e2e_database_prepare`)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parsed = urlparse(url)
        name = (parsed.path.lstrip("/") or "teilhabe") + f"_e2e_{os.getpid()}"
        # A commit need not wait for the disk: the database is dropped after the run.
        return parsed._replace(
            path=f"/{name}", query="options=-c%20synchronous_commit%3Doff"
        ).geturl()
    return f"sqlite:///{tmp / 'e2e.sqlite3'}"


def _e2e_database_prepare(url: str, request) -> bool:
    """Create the server's database; True if the world is in it already (on PostgreSQL with
    xdist a copy of the run's template, see template.py), else it still has to be migrated
    and loaded."""
    if not url.startswith(("postgres://", "postgresql://")):
        return False
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if template.available(request.config):
        request.getfixturevalue("django_db_setup")  # the template exists after it
        with request.getfixturevalue("django_db_blocker").unblock():
            copied = template.world_copy(name)
        if copied:
            _demo_passwords_for_production(url)
            return True
    admin = parsed._replace(path="/postgres", query="").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return False


def _demo_passwords_for_production(url: str) -> None:
    """The template's users have fast test hashes (test settings); the server runs with
    production settings, which verify Argon2: one Argon2 hash of the demo password for all."""
    import psycopg
    from django.contrib.auth.hashers import Argon2PasswordHasher

    # (not make_password: the test settings list only the fast hasher)
    argon2 = Argon2PasswordHasher()
    hashed = argon2.encode(DEMO_PASSWORD, argon2.salt())
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE accounts_user SET password = %s", [hashed])


def _drop_e2e_database(url: str) -> None:
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parsed = urlparse(url)
        admin = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}" WITH (FORCE)')


class E2EServer:
    def __init__(self, url: str, env: dict[str, str]):
        self.url = url
        self.env = env

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database (for setting up data)."""
        out = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout

    def python(self, code: str) -> str:
        """Run Python with Django set up against the server's database; returns stdout."""
        return self.manage("shell", "-c", code)


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "w"),
    )


@pytest.fixture(scope="session")
def e2e_server(request):
    _require_chromium()
    tmp = Path(tempfile.mkdtemp(prefix="teilhabe-e2e-"))
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "teilhabe.settings",
        "DEBUG": "0",
        "SECRET_KEY": "e2e-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "0",
        "DATABASE_URL": _e2e_database_name(tmp),
        "TEILHABE_VAR_DIR": str(tmp),
        "TASKS_BACKEND": "immediate",
        "LOGIN_FAILURE_LIMIT": "50",
    }
    server = E2EServer(f"http://127.0.0.1:{port}", env)
    # Static files are collected and the server starts while the database is prepared — while
    # this worker builds the template, or waits for another worker to build it. (The server
    # needs the collected files when it starts: WhiteNoise indexes them then; it opens
    # database connections only per request, and /healthz answers 200 only once the database
    # is there.)
    started: dict = {}

    def serve():
        static = _start(
            ["manage.py", "collectstatic", "--no-input", "-v0"], env, tmp / "static.log"
        )
        if static.wait() != 0:
            started["error"] = "collectstatic failed:\n" + (tmp / "static.log").read_text()
            return
        started["proc"] = _start(
            [
                "-m",
                "gunicorn",
                "teilhabe.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--access-logfile",
                "-",
                "--log-level",
                "warning",
            ],
            env,
            tmp / "server.log",
        )

    starting = threading.Thread(target=serve, name="e2e-server-start")
    starting.start()
    db_url = env["DATABASE_URL"]
    try:
        try:
            if not _e2e_database_prepare(db_url, request):
                server.python(
                    "from django.core.management import call_command;"
                    "from teilhabe.core.testing.shared import world_load;"
                    "call_command('migrate', interactive=False, verbosity=0);"
                    "world_load()"
                )
        finally:
            starting.join()
        if "error" in started:
            raise RuntimeError(started["error"])
        proc = started["proc"]
        if not wait_for_health(server.url, seconds=120, running=lambda: proc.poll() is None):
            raise RuntimeError("e2e server did not start:\n" + (tmp / "server.log").read_text())
        yield server
    finally:
        if "proc" in started:
            started["proc"].terminate()
            started["proc"].wait(timeout=10)
        _drop_e2e_database(db_url)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, e2e_server, request):
    """A fresh browser context (no cookies) whose requests must stay on the server's origin."""
    context = browser.new_context(
        base_url=e2e_server.url,
        locale="de-DE",
        bypass_csp=True,
        viewport={"width": 1280, "height": 900},
    )
    external: list[str] = []

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.external_requests = external
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not external, f"requests left the server's origin: {external}"


def login(page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()


def assert_accessible(page, *, context: str = "") -> None:
    """Run axe-core on the current page; fail with a readable list of violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations']
        })"""
    )
    violations = result["violations"]
    if violations:
        lines = [
            f"- {v['id']} ({v['impact']}): {v['help']} → "
            + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
            for v in violations
        ]
        raise AssertionError(
            f"axe-core found {len(violations)} violation(s) on {page.url} {context}:\n"
            + "\n".join(lines)
        )
