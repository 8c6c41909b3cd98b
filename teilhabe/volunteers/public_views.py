"""Public pages of the volunteer contact point: registration without an account (German and
English), the confirmation link (double opt-in) and the answer links of inquiries."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from teilhabe.volunteers import selectors, services, tokens
from teilhabe.volunteers.forms import HoursForm, RegistrationForm
from teilhabe.volunteers.models import Assignment, SharedField

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


@never_cache
def answer(request, lang, token):
    """The answer link of an inquiry: GET shows the request and two buttons (a mail scanner
    opening the link answers nothing); POST accepts or declines. After accepting, the
    volunteer sees what was shared about the person (while the consent stands)."""
    lang = _lang(lang)
    error = ""
    inquiry = None
    with translation.override(lang):
        try:
            code = tokens.read_answer_token(token)
        except tokens.TokenError:
            error = services.invalid_answer_message()
        else:
            inquiry = selectors.inquiry_public(code)
            if inquiry is None:
                error = services.invalid_answer_message()
        if inquiry is not None and request.method == "POST":
            choice = request.POST.get("antwort", "")
            if choice not in ("ja", "nein"):
                error = _("Please choose: yes or no.")
            else:
                try:
                    inquiry = services.inquiry_answer(user=None, token=token, accept=choice == "ja")
                except ValidationError as exc:
                    error = " ".join(exc.messages)
                inquiry = selectors.inquiry_public(code)
        elif inquiry is not None and inquiry.answer == "pending" and inquiry.expires_at <= now():
            error = _(
                "This link has expired. Please contact the contact point if you still want to help."
            )
    req = inquiry.request if inquiry is not None else None
    return _render(
        request,
        "volunteers/public/answer.html",
        lang,
        {
            "inquiry": inquiry,
            "req": req,
            "error": error,
            "shared": (
                [(dict(SharedField.choices).get(k, k), v) for k, v in req.shared_visible().items()]
                if inquiry is not None and inquiry.answer == "accepted"
                else []
            ),
            "hours_token": _hours_token(inquiry),
        },
        status=400 if error and inquiry is None else 200,
    )


@never_cache
def hours(request, lang, token):
    """The volunteer logs hours for an assignment with the signed link from the e-mail."""
    lang = _lang(lang)
    done = False
    error = ""
    with translation.override(lang):
        form = HoursForm(request.POST or None)
        try:
            tokens.read_hours_token(token)
        except tokens.TokenError:
            error = services.invalid_hours_link_message()
        if not error and request.method == "POST" and form.is_valid():
            try:
                services.hours_log_by_link(user=None, token=token, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                done = True
                form = HoursForm()
    return _render(
        request,
        "volunteers/public/hours.html",
        lang,
        {"form": form, "done": done, "error": error},
        status=400 if error else 200,
    )


def _hours_token(inquiry) -> str:
    if inquiry is None or inquiry.answer != "accepted":
        return ""
    assignment = Assignment.objects.filter(
        request_id=inquiry.request_id, volunteer_id=inquiry.volunteer_id
    ).first()
    return tokens.hours_token(assignment.code) if assignment else ""
