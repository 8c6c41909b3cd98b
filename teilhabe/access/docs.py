"""Renders the role → permission table as Markdown for docs/access-control.md."""

from __future__ import annotations

from teilhabe.access.policy import CITY_WIDE_ACTIONS, ROLE_PERMISSIONS, Action
from teilhabe.access.roles import ROLE_SCOPE, Role, Scope

BEGIN = "<!-- BEGIN GENERATED TABLE (manage.py access_table) -->"
END = "<!-- END GENERATED TABLE -->"

_SCOPE = {Scope.CITY: "city", Scope.BOROUGH: "borough", Scope.ORGANISATION: "organisation"}


def render_table() -> str:
    roles = list(Role)
    actions = sorted(v for k, v in vars(Action).items() if k.isupper())
    head = "| action | " + " | ".join(r.value for r in roles) + " |"
    sep = "|---|" + "---|" * len(roles)
    rows = [head, sep]
    rows.append("| *scope* | " + " | ".join(_SCOPE[ROLE_SCOPE[r]] for r in roles) + " |")
    for action in actions:
        marker = " (city-wide)" if action in CITY_WIDE_ACTIONS else ""
        cells = ["✔" if action in ROLE_PERMISSIONS[r] else "" for r in roles]
        rows.append(f"| `{action}`{marker} | " + " | ".join(cells) + " |")
    return "\n".join([BEGIN, *rows, END])
