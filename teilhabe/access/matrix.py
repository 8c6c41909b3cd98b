"""Declarations for the role × URL matrix test.

Every named URL of the project must be declared in the ``url_access.py`` module of its app
(``RULES``): which roles may open it, and how to build its arguments. The matrix test
(``teilhabe/core/tests/test_url_matrix.py``) requests every declared URL as every role and
fails for a URL nobody declared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from teilhabe.access.roles import Role

ANONYMOUS = "anonymous"
ALL_ROLES: frozenset[str] = frozenset(Role.values)
STAFF: frozenset[str] = ALL_ROLES
PUBLIC: frozenset[str] = ALL_ROLES | {ANONYMOUS}


@dataclass(frozen=True)
class Rule:
    """Who may open a URL with GET.

    ``allow`` roles get ``ok`` (200 unless said otherwise); everyone else gets 403/404, and
    anonymous visitors are sent to the login page. ``kwargs`` builds the URL arguments from
    the test cast (see ``conftest.py``). ``as_role`` overrides the status per role when a
    page answers differently (for example a login page redirecting logged-in users).
    """

    allow: frozenset[str]
    kwargs: Callable[[object], dict] | None = None
    ok: int = 200
    as_role: dict[str, int] = field(default_factory=dict)
    note: str = ""


def rule(
    allow,
    *,
    kwargs: Callable[[object], dict] | None = None,
    ok: int = 200,
    as_role: dict[str, int] | None = None,
    note: str = "",
) -> Rule:
    return Rule(frozenset(allow), kwargs, ok, as_role or {}, note)
