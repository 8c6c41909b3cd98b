"""The official HSDS 3.0 API description and its schemas, read from ``spec/`` (copied unchanged
from openreferral/specification 3.0, CC BY-SA 4.0; see ``spec/LICENSE``).

* :func:`schema` — one of the official schemas with its references to other schema files
  resolved locally (the originals point to raw.githubusercontent.com), optionally ``strict``
  (``additionalProperties: false`` on every object, as the upstream validator checks).
* :func:`document` — the official ``openapi.json`` as this server serves it at
  ``/api/v1/hsds/openapi.json``: the same operations, parameters and response schemas, with
  only these additions: ``info`` and ``servers`` filled in, the external schema references
  inlined, the optional ``lang`` parameter, and the error answers (304, 400, 404, 429 in the
  API's one error shape) the official document leaves out.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from urllib.parse import urljoin

from jsonschema import Draft202012Validator, FormatChecker

from teilhabe.api.schema import DESCRIPTIONS, DETAIL_ERROR, VALIDATION_ERROR
from teilhabe.offers.hsds.validation import forbid_additional
from teilhabe.offers.models import PUBLIC_LANGUAGE_CODES

SPEC_DIR = Path(__file__).resolve().parent / "spec"
UPSTREAM = "https://raw.githubusercontent.com/openreferral/specification/3.0/"
BASE_PATH = "/api/v1/hsds"
NDJSON = "application/x-ndjson"
LANG_PARAMETER = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "Sprache der Texte (Teilhabe-Erweiterung). Ohne Angabe gilt der Header "
    "Accept-Language, sonst Deutsch. Unübersetzte Felder sind deutsch und markiert.",
    "schema": {"type": "string", "enum": PUBLIC_LANGUAGE_CODES},
}


def _read(relative: str) -> dict:
    return json.loads((SPEC_DIR / relative).read_text(encoding="utf-8"))


def _inline(node, base: str):
    """``node`` with every reference to another file replaced by that file's content."""
    if isinstance(node, list):
        return [_inline(n, base) for n in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#"):
        url = urljoin(base, ref)
        if not url.startswith(UPSTREAM):
            raise ValueError(f"unexpected reference {url}")
        target = _inline(_read(url[len(UPSTREAM) :]), url)
        siblings = {k: _inline(v, base) for k, v in node.items() if k != "$ref"}
        return {**target, **siblings}
    return {k: _inline(v, base) for k, v in node.items()}


@functools.lru_cache(maxsize=16)
def _schema(name: str, strict: bool) -> dict:
    relative = f"schema/{name}.json"
    data = _inline(_read(relative), UPSTREAM + relative)
    return forbid_additional(data) if strict else data


def schema(name: str, *, strict: bool = False) -> dict:
    """An official schema by its path below ``schema/``, e.g. ``compiled/service_list``."""
    return copy.deepcopy(_schema(name, strict))


def errors(document, name: str, *, strict: bool = True) -> list[str]:
    validator = Draft202012Validator(_schema(name, strict), format_checker=FormatChecker())
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(Wurzel)'}: {e.message}"
        for e in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


def official() -> dict:
    """The official ``openapi.json``, unchanged."""
    return _read("openapi.json")


def _error(status: str, schema: dict) -> dict:
    return {
        "description": DESCRIPTIONS[status],
        "content": {"application/json": {"schema": schema}},
    }


@functools.lru_cache(maxsize=1)
def _document() -> dict:
    doc = _inline(official(), UPSTREAM + "openapi.json")
    doc["info"] = {
        "title": "Teilhabe – HSDS-3.0-Schnittstelle",
        "version": "3.0",
        "summary": "Das Angebotsverzeichnis nach Open Referral HSDS 3.0.",
        "description": "Die Operationen, Parameter und Antwortschemas sind die der offiziellen "
        "HSDS-3.0-API-Beschreibung (openreferral/specification 3.0). Ergänzt sind nur der "
        "Parameter lang, die Fehlerantworten und das Format ndjson der Listen.",
        "license": {
            "name": "CC BY-SA 4.0 (API-Beschreibung: Open Referral)",
            "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        },
    }
    doc["servers"] = [{"url": BASE_PATH}]
    for path, item in doc["paths"].items():
        operation = item["get"]
        operation.setdefault("parameters", []).append(LANG_PARAMETER)
        responses = operation["responses"]
        responses["304"] = {"description": DESCRIPTIONS["304"]}
        responses["400"] = _error("400", VALIDATION_ERROR)
        if "{id}" in path:
            responses["404"] = _error("404", DETAIL_ERROR)
        responses["429"] = _error("429", DETAIL_ERROR)
        names = {
            p.get("name") or p.get("$ref", "").rsplit("/", 1)[-1] for p in operation["parameters"]
        }
        if "format" in names:
            responses["200"]["content"][NDJSON] = {
                "schema": {"type": "string", "description": "Ein JSON-Objekt je Zeile."}
            }
    return doc


def document() -> dict:
    return copy.deepcopy(_document())
