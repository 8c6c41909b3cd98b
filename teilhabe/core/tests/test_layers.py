"""One rule per layer, checked in the source (what ``git grep`` would find):

* only :mod:`teilhabe.access` reads the role table, and no business code names roles (callers
  ask ``access.roles_with(action)``);
* views never write: no ``.save()``, ``.delete()``, ``.create()`` or queryset ``.update()`` in
  a ``views.py`` — a view calls one service.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.conf import settings

from teilhabe.access.roles import Role

PACKAGE = Path(settings.BASE_DIR) / "teilhabe"
WRITES = {"save", "delete", "create", "bulk_create", "bulk_update", "get_or_create"}
WRITES |= {"update_or_create"}
# Loaders, demo data and test helpers set up memberships by role name: that is data.
NOT_BUSINESS = ("tests", "migrations", "testing")
NOT_BUSINESS_FILES = {"loading.py", "demo.py", "testing.py", "conftest.py"}


def _business_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if parts[0] == "access" or any(p in NOT_BUSINESS for p in parts):
            continue
        if path.name in NOT_BUSINESS_FILES:
            continue
        yield path


def test_no_module_outside_access_reads_the_role_table_or_names_a_role():
    roles = {r.value for r in Role if "_" in r.value}  # "admin" is also a URL name
    found = []
    for path in _business_modules():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and any(
                a.name == "ROLE_PERMISSIONS" for a in node.names
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} imports ROLE_PERMISSIONS")
            if isinstance(node, ast.Attribute) and node.attr == "ROLE_PERMISSIONS":
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} reads ROLE_PERMISSIONS")
            if isinstance(node, ast.Constant) and node.value in roles:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} names {node.value!r}")
    assert found == []


def _is_queryset_update(node: ast.Call, source: str) -> bool:
    receiver = ast.get_source_segment(source, node.func.value) or ""
    return "objects" in receiver or ".filter(" in receiver or ".all()" in receiver


def test_no_view_writes_itself():
    found = []
    for path in sorted(PACKAGE.rglob("views*.py")):
        if "tests" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            name = node.func.attr
            receiver = ast.get_source_segment(source, node.func.value) or ""
            if receiver.startswith(("services", "messages")) or receiver.endswith("services"):
                continue
            if name in WRITES or (name == "update" and _is_queryset_update(node, source)):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {receiver}.{name}()")
    assert found == []


def test_no_city_is_named_in_code_or_templates_only_in_scenario_data():
    """City words live in ``teilhabe/scenario/data/<city>/`` (read through the scenario); code
    and templates stay the same for every city. Loaders and their commands may name their
    scenario."""
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in {".py", ".html", ".txt"}:
            continue
        parts = path.relative_to(PACKAGE).parts
        if any(p in NOT_BUSINESS or p == "data" for p in parts) or path.name in NOT_BUSINESS_FILES:
            continue
        if path.name.startswith("load_"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bEssen\b", line):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()[:80]}")
    assert found == []


def test_the_finder_title_and_map_source_come_from_the_scenario(db, client, settings, tmp_path):
    (tmp_path / "scenario.toml").write_text(
        '[texts.finder_title]\nde = "Angebote in Musterstadt"\nuk = "Пропозиції в Музтерштадті"\n'
        '[texts.map_source]\nde = "© OpenStreetMap, Musterstadt"\n',
        encoding="utf-8",
    )
    from django.core.cache import cache

    settings.SCENARIO = str(tmp_path)
    cache.clear()  # the finder caches whole pages
    try:
        html = client.get("/angebote/de/").content.decode()
        assert "Angebote in Musterstadt" in html and "© OpenStreetMap, Musterstadt" in html
        assert "Essen" not in html.split("<main")[0]
        assert "Пропозиції в Музтерштадті" in client.get("/angebote/uk/").content.decode()
        assert "Angebote in Musterstadt" in client.get("/angebote/tr/").content.decode()
    finally:
        cache.clear()  # no page of this city for the tests after this one
