"""Login throttling (django-axes): which name a login attempt counts against."""

from __future__ import annotations


def login_name(request, credentials: dict | None = None) -> str | None:
    """The e-mail address of the attempt, lower-cased, so that "A@x" and "a@x" share one
    failure counter. Django's login form passes it as ``username``; the admin's login as well."""
    source = credentials if credentials else getattr(request, "POST", {})
    value = (source.get("username") or source.get("email")) if source else None
    return value.strip().lower() if isinstance(value, str) else None
