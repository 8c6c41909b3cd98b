"""Pages link only to what the user may open: every link on every page a role can open leads
to a URL the role × URL matrix allows that role (navigation, sub-navigation, in-page links)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from teilhabe.access.roles import Role
from teilhabe.core.tests.test_url_matrix import CASES, all_rules, rule_for

HREF = re.compile(r'<a\b[^>]*\bhref="(/[^"]*)"')
SKIP = ("/static/", "/media/", "/admin/")


def _pages_for(role: str):
    return [
        (name, r)
        for name, r in CASES
        if role in r.allow
        and r.ok == 200
        and role not in r.as_role
        and not name.startswith("admin:")
    ]


def _name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMIN])
def test_no_page_links_a_role_to_a_page_it_cannot_open(client, shared_records, cast, role):
    rules = all_rules()
    client.force_login(cast.user(role))
    dead = set()
    for name, r in _pages_for(role):
        url = reverse(name, kwargs=r.kwargs(cast) if r.kwargs else {})
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for href in set(HREF.findall(html)):
            path = urlsplit(href.replace("&amp;", "&")).path
            if path.startswith(SKIP):
                continue
            target = _name(path)
            target_rule = rule_for(target, rules) if target else None
            if target_rule is None:
                continue
            if role not in target_rule.allow and role not in target_rule.as_role:
                dead.add(f"{url} → {path} ({target})")
    assert not dead, f"{role} is shown links it cannot open:\n" + "\n".join(sorted(dead))


def test_the_may_tag_answers_with_the_access_module(rf, cast):
    from django.template import Context, Template

    tpl = Template('{% load teilhabe %}{% may "ALLOCATE_PLACES" as ok %}{{ ok }}')
    request = rf.get("/")
    request.user = cast.case_worker
    assert tpl.render(Context({"request": request})) == "False"
    request.user = cast.user("team_lead")
    assert tpl.render(Context({"request": request})) == "True"
