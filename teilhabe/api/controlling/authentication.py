"""Bearer tokens for machine clients (``Authorization: Bearer thk_…``).

Why an own small model on DRF's authentication class and not django-oauth-toolkit's client
credentials: a controlling client (Excel's Power Query, a BI tool, a script) needs one
long-lived secret per organisation and role that an administrator issues and revokes; OAuth's
token endpoint, client registration and refresh add a second secret exchange and a dependency
of ~15 models without adding protection here (the token still acts as one role in one
organisation). Stored is only the SHA-256 hash (a token has 256 random bits, so no slow hash
is needed); the look-up is one indexed query.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from teilhabe.access import MachineClient
from teilhabe.api.controlling.models import ApiToken, token_hash

KEYWORD = b"bearer"
# ``last_used_at`` is written at most once per this interval (one UPDATE, not one per request).
LAST_USE_GRANULARITY = dt.timedelta(minutes=5)


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        try:
            raw = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = (
            ApiToken.objects.select_related("organisation").filter(key_hash=token_hash(raw)).first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        now = timezone.now()
        if not token.in_force:
            request._rejected_token = token  # audited by the view (teilhabe.api.controlling)
            raise exceptions.AuthenticationFailed(
                _("The token has been revoked.")
                if token.is_revoked
                else _("The token has expired.")
            )
        if token.last_used_at is None or now - token.last_used_at > LAST_USE_GRANULARITY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        client = MachineClient(
            role=token.role,
            organisation_id=token.organisation_id,
            borough_id=token.organisation.borough_id,
            token=token,
        )
        return client, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
