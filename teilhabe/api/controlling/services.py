"""Issuing and revoking API tokens (each one transaction, access checked, audited)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, acting_person, check, roles_with
from teilhabe.api.controlling.models import (
    DEFAULT_DAYS,
    MAX_DAYS,
    TOKEN_PREFIX,
    ApiToken,
    token_hash,
)
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record

# What the controlling API shows; a token's role must grant at least one of these.
API_ACTIONS = (
    Action.VIEW_FINANCE,
    Action.VIEW_GRANTS,
    Action.VIEW_POSITIONS,
    Action.VIEW_CITY_FIGURES,
    Action.VIEW_BOROUGH_FIGURES,
)


def token_roles() -> list[str]:
    """The roles a token may act with: those that see something in the controlling API."""
    from teilhabe.access.roles import Role

    allowed = set().union(*(roles_with(a) for a in API_ACTIONS))
    return [r for r in Role.values if r in allowed]


def api_token_create(
    user, *, organisation, role: str, name: str, days: int = DEFAULT_DAYS
) -> tuple[ApiToken, str]:
    """Issue a token; returns the row and the token itself (shown once, never stored)."""
    check(user, Action.MANAGE_API_TOKENS)
    errors = {}
    if role not in token_roles():
        errors["role"] = _("A token can only act with a role that sees figures of the API.")
    if not 1 <= int(days) <= MAX_DAYS:
        errors["days"] = _("A token is valid for at least 1 and at most %(max)s days.") % {
            "max": MAX_DAYS
        }
    if not (name or "").strip():
        errors["name"] = _("Please give the token a name.")
    if errors:
        raise ValidationError(errors)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name.strip(),
            organisation=organisation,
            role=role,
            key_hash=token_hash(raw),
            prefix=raw[:12],
            created_at=now,
            created_by=acting_person(user),
            expires_at=now + dt.timedelta(days=int(days)),
        )
        audit_record(
            user=user,
            action=AuditAction.CREATE,
            obj=token,
            organisation_id=organisation.pk,
            path="/api-zugaenge/",
        )
    return token, raw


def api_token_revoke(user, token: ApiToken) -> ApiToken:
    check(user, Action.MANAGE_API_TOKENS, token)
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.revoked_by = acting_person(user)
            token.save(update_fields=["revoked_at", "revoked_by"])
            audit_record(
                user=user,
                action=AuditAction.REVOKE,
                obj=token,
                organisation_id=token.organisation_id,
                path="/api-zugaenge/",
            )
    return token
