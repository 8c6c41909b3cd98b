"""Helpers for tests of the controlling API: tokens issued through the service."""

from __future__ import annotations

from teilhabe.access import SYSTEM
from teilhabe.access.roles import Role
from teilhabe.api.controlling.services import api_token_create
from teilhabe.organisations.models import Organisation


def issue_token(
    role: str = Role.BOROUGH_COORDINATOR,
    organisation_key: str = "bezirksstelle-1",
    *,
    days: int = 90,
    name: str = "Test",
):
    organisation = Organisation.objects.get(key=organisation_key)
    return api_token_create(SYSTEM, organisation=organisation, role=role, name=name, days=days)


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
