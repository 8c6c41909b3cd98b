"""``/api-zugaenge/``: administrators issue, list and revoke the tokens of machine clients."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from teilhabe.access import Action, get_for_user, require
from teilhabe.api.controlling import selectors, services
from teilhabe.api.controlling.forms import TokenForm
from teilhabe.api.controlling.models import ApiToken


@never_cache
@require(Action.MANAGE_API_TOKENS)
def token_list(request):
    """The tokens and the form to issue one; a new token is shown once, on the answer to the
    form (never stored, never redirected to)."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.api_token_create(request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            return render(request, "controlling/created.html", {"token": token, "raw": raw})
    return render(
        request,
        "controlling/tokens.html",
        {"form": form, "tokens": selectors.tokens_for(request.user)},
    )


@require(Action.MANAGE_API_TOKENS, methods=("POST",))
def token_revoke(request, code):
    token = get_for_user(request.user, ApiToken, action=Action.MANAGE_API_TOKENS, code=code)
    services.api_token_revoke(request.user, token)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
