"""Validation against the HSDS 3.0 schemas copied into ``schema/`` (compiled, dereferenced)."""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


@functools.lru_cache(maxsize=4)
def schema(name: str, *, strict: bool = False) -> dict:
    data = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return forbid_additional(data) if strict else data


def forbid_additional(node):
    """A copy of a schema with ``additionalProperties: false`` on every object (upstream check)."""
    node = copy.deepcopy(node)

    def walk(n):
        if isinstance(n, dict):
            if n.get("type") == "object" or "properties" in n:
                n["additionalProperties"] = False
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)

    walk(node)
    return node


def errors(document: dict, name: str = "service", *, strict: bool = True) -> list[str]:
    validator = Draft202012Validator(schema(name, strict=strict), format_checker=FormatChecker())
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(Wurzel)'}: {e.message}"
        for e in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]
