"""Writes for organisations: keyword-only functions with ``user`` first, access checked through
:mod:`teilhabe.access`, one transaction each.

Organisations are master data: people keep them in the admin site (``Action.USE_ADMIN_SITE``);
importers and loaders write them as :data:`~teilhabe.access.SYSTEM`.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction

from teilhabe.access import Action, check
from teilhabe.organisations.models import Organisation, OrganisationKind


@transaction.atomic
def organisation_from_directory(
    *, user: Any, code: uuid.UUID | str, name: str, kind: str = OrganisationKind.PROVIDER
) -> Organisation:
    """The organisation a directory feed (HSDS) names by its id: the known one with that code,
    else the one imported earlier under the key ``hsds-<id>``, else a new one."""
    check(user, Action.USE_ADMIN_SITE)
    org = Organisation.objects.filter(code=code).first()
    if org is None:
        org, _created = Organisation.objects.get_or_create(
            key=f"hsds-{code}", defaults={"name": name[:200], "kind": kind, "code": code}
        )
    return org
