from __future__ import annotations

from django.db.models import QuerySet

from teilhabe.access import Action, visible
from teilhabe.api.controlling.models import ApiToken


def tokens_for(user) -> QuerySet[ApiToken]:
    return (
        visible(user, Action.MANAGE_API_TOKENS, ApiToken)
        .select_related("organisation", "created_by")
        .order_by("revoked_at", "-created_at")
    )
