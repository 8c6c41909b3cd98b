"""Role × URL matrix: every URL pattern of the project is declared, and answers as declared.

A new URL without a declaration in its app's ``url_access.py`` fails
``test_every_url_pattern_is_declared``.

The demo records the declarations point at (case, consent, grant, referral, project document)
are built once for this module (``shared_records``), not once per request; the matrix is split
by subject into ``xdist_group``s so that ``make test`` spreads it over the workers.
"""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from teilhabe.access.matrix import ANONYMOUS, Rule
from teilhabe.access.roles import Role


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


@pytest.mark.parametrize(
    "subject", [pytest.param(s, marks=pytest.mark.xdist_group(f"url-matrix-{s}")) for s in SUBJECTS]
)
@pytest.mark.parametrize(("name", "r"), CASES, ids=[c[0] for c in CASES])
def test_matrix(client, shared_records, cast, name, r: Rule, subject):
    kwargs = r.kwargs(cast) if r.kwargs else {}
    url = reverse(name, kwargs=kwargs)
    if subject != ANONYMOUS:
        user = cast.user(subject)
        client.force_login(user)
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
