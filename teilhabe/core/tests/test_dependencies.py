"""Production installs only what production runs (two lock files, see README)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return dict(re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", text, flags=re.M))


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower()


def test_the_runtime_lock_holds_no_development_tool_and_the_dev_lock_everything():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    runtime_names = {n.lower() for n in runtime}
    for requirement in project["optional-dependencies"]["dev"]:
        assert _name(requirement) not in runtime_names, requirement
        assert _name(requirement) in {n.lower() for n in dev}, requirement
    for requirement in project["dependencies"]:
        assert _name(requirement) in runtime_names, requirement
    # The same versions on a city server as in development.
    assert all(dev.get(name) == version for name, version in runtime.items())


def test_both_locks_say_how_they_were_made():
    assert "uv pip compile pyproject.toml -c requirements-dev.lock -o requirements.lock" in (
        ROOT / "requirements.lock"
    ).read_text(encoding="utf-8")
    assert "uv pip compile pyproject.toml --extra dev -o requirements-dev.lock" in (
        ROOT / "requirements-dev.lock"
    ).read_text(encoding="utf-8")
