"""Public pages of the volunteer contact point: registration without an account (German and
English), the confirmation link (double opt-in) and the answer links of inquiries."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache

from teilhabe.volunteers import selectors, services, tokens
from teilhabe.volunteers.forms import RegistrationForm

LANGS = {"de": "Deutsch", "en": "English"}


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise Http404
    return lang


def _render(request, template: str, lang: str, context: dict, status: int = 200):
    with translation.override(lang):
        response = render(
            request,
            template,
            {**context, "lang": lang, "langs": LANGS.items()},
            status=status,
        )
    response["Content-Language"] = lang
    return response


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@never_cache
def register(request, lang):
    lang = _lang(lang)
    points = list(selectors.contact_points_public())
    with translation.override(lang):
        form = RegistrationForm(
            request.POST or None,
            contact_points=points,
            initial={"started": tokens.form_token()},
        )
        if request.method == "POST" and points and form.is_valid():
            d = form.cleaned_data
            try:
                services.volunteer_register(
                    user=None,
                    contact_point=d.get("contact_point") or points[0],
                    first_name=d["first_name"],
                    last_name=d["last_name"],
                    email=d["email"],
                    phone=d["phone"],
                    languages=d["languages"],
                    skills=d["skills"],
                    districts=list(d["districts"]),
                    availability=d["availability"],
                    available_from=d["available_from"],
                    available_until=d["available_until"],
                    motivation=d["motivation"],
                    privacy=d["privacy"],
                    language=lang,
                    started=d["started"],
                    website=d["website"],
                    client=_client(request),
                    base_url=request.build_absolute_uri("/"),
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return redirect("volunteering:registered", lang=lang)
        if request.method == "POST":
            # A fresh start time for the next attempt; everything typed stays.
            data = form.data.copy()
            data["started"] = tokens.form_token()
            form.data = data
    return _render(
        request,
        "volunteers/public/register.html",
        lang,
        {"form": form, "points": points, "switch": "volunteering:register"},
    )


def registered(request, lang):
    lang = _lang(lang)
    return _render(request, "volunteers/public/registered.html", lang, {})


@never_cache
def confirm(request, lang, token):
    """GET shows a button (mail scanners that open links confirm nothing); POST confirms."""
    lang = _lang(lang)
    error = ""
    done = False
    with translation.override(lang):
        if request.method == "POST":
            try:
                services.volunteer_confirm(user=None, token=token)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                done = True
        else:
            try:
                tokens.read_confirm_token(token)
            except tokens.TokenError:
                error = services.invalid_confirm_message()
    return _render(
        request,
        "volunteers/public/confirm.html",
        lang,
        {"error": error, "done": done},
        status=400 if error else 200,
    )
