"""Role × URL matrix: every URL pattern of the project is declared, and answers as declared.

A new URL without a declaration in its app's ``url_access.py`` fails
``test_every_url_pattern_is_declared``.

The demo records the declarations point at (case, consent, grant, referral, project document)
are built once for this module (``shared_records``), not once per request; so is everything
else the declarations' ``kwargs`` build (reports, housing and volunteer records, published open
data …) and one logged-in session per role (``matrix_world``): each request of the matrix then
finds them, inside its own savepoint that is rolled back after it. The matrix is split by
subject into ``xdist_group``s so that ``make test`` spreads it over the workers.
"""

from __future__ import annotations

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from teilhabe.access.matrix import ANONYMOUS, Rule
from teilhabe.access.roles import Role
from teilhabe.core.testing.cast import Cast
from teilhabe.core.testing.shared import kept_until_exit


def _walk(patterns, namespace="", prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            if p.name:
                name = f"{namespace}{p.name}"
            else:
                name = f"{namespace}<unnamed>" if namespace else None
            yield name, prefix + str(p.pattern), p


def all_patterns():
    return list(_walk(get_resolver().url_patterns))


def all_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("teilhabe."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.url_access")
        except ModuleNotFoundError:
            continue
        for name, r in module.RULES.items():
            assert name not in rules, f"{name} declared twice"
            rules[name] = r
    return rules


def rule_for(name: str | None, rules: dict[str, Rule]) -> Rule | None:
    if name is None:
        return None
    if name in rules:
        return rules[name]
    namespace = name.split(":", 1)[0] + ":*"
    return rules.get(namespace) if ":" in name else None


def test_every_url_pattern_is_declared():
    rules = all_rules()
    undeclared = [
        f"{name or '(unnamed)'} → /{route}"
        for name, route, _ in all_patterns()
        if rule_for(name, rules) is None
    ]
    assert not undeclared, (
        "URLs without an access declaration (add them to url_access.py):\n" + "\n".join(undeclared)
    )


def test_no_declaration_is_stale():
    names = {name for name, _, _ in all_patterns() if name and not name.endswith("<unnamed>")}
    namespaces = {n.split(":", 1)[0] for n in names if ":" in n}
    stale = [
        n for n in all_rules() if not (n in names or (n.endswith(":*") and n[:-2] in namespaces))
    ]
    assert not stale, f"declared but no such URL: {stale}"


def _cases():
    cases = []
    rules = all_rules()
    for name, _route, pattern in all_patterns():
        r = rule_for(name, rules)
        if r is None:
            continue
        takes_args = bool(pattern.pattern.regex.groupindex) or "<" in str(pattern.pattern)
        if name.endswith("<unnamed>"):
            continue  # e.g. the admin's redirects; covered by the namespace rule
        if name.startswith("admin:") and (takes_args or name in {"admin:view_on_site"}):
            continue  # parameterised admin views: covered by the admin family rule
        cases.append((name, r))
    return cases


CASES = _cases()
SUBJECTS = [ANONYMOUS, *Role.values]


@pytest.fixture(scope="module")
def matrix_world(shared_records, django_db_blocker) -> dict[str, str]:
    """Built once for the module, on top of ``shared_records`` and rolled back after its last
    test: every declaration's ``kwargs`` called once (each builds its object through the
    services only when the database lacks it, so the requests find them), and a session of
    each role's demo user, logged in through Django's own ``force_login``. Returns role →
    session key. The sessions outlive the module however long it runs (expiry a day ahead;
    each request's session save is rolled back with the test)."""
    from django.contrib.sessions.models import Session

    with kept_until_exit(django_db_blocker):
        with django_db_blocker.unblock():
            cast = Cast()
            for _name, r in CASES:
                if r.kwargs:
                    r.kwargs(cast)
            sessions = {}
            for role in Role.values:
                login = Client()
                login.force_login(cast.user(role))
                sessions[role] = login.cookies[settings.SESSION_COOKIE_NAME].value
            Session.objects.filter(session_key__in=sessions.values()).update(
                expire_date=timezone.now() + datetime.timedelta(days=1)
            )
        yield sessions


@pytest.mark.parametrize(
    "subject", [pytest.param(s, marks=pytest.mark.xdist_group(f"url-matrix-{s}")) for s in SUBJECTS]
)
@pytest.mark.parametrize(("name", "r"), CASES, ids=[c[0] for c in CASES])
def test_matrix(client, matrix_world, cast, name, r: Rule, subject):
    kwargs = r.kwargs(cast) if r.kwargs else {}
    url = reverse(name, kwargs=kwargs)
    if subject != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = matrix_world[subject]
    response = client.get(url)
    if subject in r.as_role:
        expected = r.as_role[subject]
        assert response.status_code == expected, f"{subject} {url}: {response.status_code}"
    elif subject in r.allow:
        assert response.status_code == r.ok, f"{subject} may open {url}: got {response.status_code}"
    elif subject == ANONYMOUS:
        assert response.status_code == 302, f"anonymous {url}: {response.status_code}"
        assert re.search(r"/konto/anmelden/", response["Location"]), response["Location"]
    else:
        assert response.status_code in (403, 404), (
            f"{subject} must not open {url}: got {response.status_code}"
        )
