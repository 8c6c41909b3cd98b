"""The public finder: no login, no cookies, no JavaScript needed, nothing from other origins."""

from __future__ import annotations

import functools
import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import compress_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core.downloads import download
from teilhabe.geography.geometry import Projection, polygons_of, svg_path
from teilhabe.geography.models import District
from teilhabe.offers.calendar import next_dates, offers_calendar
from teilhabe.offers.models import NATIVE_LANGUAGE_NAMES, PUBLIC_LANGUAGES, RTL_LANGUAGES, Offer
from teilhabe.offers.registration import RegistrationError, registration_request_create
from teilhabe.offers.selectors import (
    FinderEntry,
    directory_version,
    finder_counts,
    finder_entries,
    finder_page,
    public_offers,
    with_details,
)
from teilhabe.public.finder import finder_filters, text_of
from teilhabe.public.forms import RegistrationForm
from teilhabe.public.spam import rate_ok, token_for, token_ok

PAGE_SIZE = 20
ICS_LIMIT = 200
LANGUAGE_CODES = {code for code, _name in PUBLIC_LANGUAGES}


def _language(lang: str) -> str:
    if lang not in LANGUAGE_CODES:
        raise Http404
    return lang


CACHE_SECONDS = 300


def _cached(view):
    """Serve a public page from the cache while the directory is unchanged.

    The key (also the ETag) is the directory version and the full URL: the pages are the same
    for everyone (no login, no cookies), so a rendered page can be reused until anything changes.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        raw = f"{directory_version()}|{request.get_full_path()}"
        etag = '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        gz = "gzip" in request.headers.get("Accept-Encoding", "")
        key = "public:" + etag + (":gz" if gz else "")
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                if gz:  # store compressed: a cache hit then costs no compression either
                    response.content = compress_string(response.content)
                    response["Content-Encoding"] = "gzip"
                    response["Content-Length"] = str(len(response.content))
                    patch_vary_headers(response, ("Accept-Encoding",))
                headers = {
                    k: response[k]
                    for k in (
                        "Content-Type",
                        "Content-Language",
                        "Cache-Control",
                        "Content-Encoding",
                        "Content-Length",
                        "Vary",
                    )
                    if k in response
                }
                cache.set(key, (response.content, headers), CACHE_SECONDS)
        response["ETag"] = etag
        return response

    return wrapper


def _render(request, template: str, lang: str, context: dict) -> HttpResponse:
    with translation.override(lang):
        response = render(
            request,
            template,
            {
                **context,
                "lang": lang,
                "rtl": lang in RTL_LANGUAGES,
                "languages": PUBLIC_LANGUAGES,
            },
        )
    response["Content-Language"] = lang
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
def root(request):
    return redirect("public:finder", lang="de")


@gzip_page
@require_GET
@_cached
def finder(request, lang):
    lang = _language(lang)
    with translation.override(lang):
        filters = finder_filters(request.GET, language=lang)
        qs = public_offers(filters)
        total, counts = finder_counts(qs)
        page = _Counted(finder_page(qs), PAGE_SIZE, total).get_page(request.GET.get("seite"))
        query = request.GET.copy()
        query.pop("seite", None)
        shape = _map(counts, query, filters.chosen_district)
        rows = _offer_rows(finder_entries(page, lang), lang)
    return _render(
        request,
        "public/finder.html",
        lang,
        {
            "form": filters.form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "map": shape,
            "total": page.paginator.count,
            "switch_query": query.urlencode(),
        },
    )


class _Counted(Paginator):
    """A paginator told its count (computed with the map's counts in one statement)."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # the cached_property's value


@functools.lru_cache(maxsize=1)
def _map_shapes() -> tuple[str, tuple[tuple[int, str, str, str, str, str], ...]]:
    """ViewBox and (pk, code, name, path, label x, label y) per Stadtteil, drawn once per
    process from the stored shapes (the city's geography changes only with a new load)."""
    shaped = list(District.objects.exclude(geometry=None).order_by("name"))
    if not shaped:
        return "0 0 0 0", ()
    projection = Projection((d.min_lon, d.min_lat, d.max_lon, d.max_lat) for d in shaped)
    rows = []
    for d in shaped:
        ring = max((p[0] for p in polygons_of(d.geometry)), key=len)
        xs, ys = zip(*(projection(p[0], p[1]) for p in ring), strict=True)
        rows.append(
            (
                d.pk,
                str(d.code),
                d.name,
                # digits, commas and M/L/Z only: safe, not escaped on every page
                mark_safe(svg_path(d.geometry, projection)),
                f"{sum(xs) / len(xs):.0f}",
                f"{sum(ys) / len(ys):.0f}",
            )
        )
    return projection.view_box, tuple(rows)


def _map(counts: dict[int, int], query, selected: str) -> dict:
    """An SVG map of the Stadtteile, each a link to the finder filtered to it, with counts."""
    view_box, shapes = _map_shapes()
    base = query.copy()
    base.pop("bezirk", None)
    rest = None if "stadtteil" in base else base.urlencode()  # encoded once, not per area
    areas = []
    for pk, code, name, d, x, y in shapes:
        if rest is None:  # a chosen Stadtteil is replaced in place
            q = base.copy()
            q["stadtteil"] = code
            href = "?" + q.urlencode()
        else:
            href = f"?{rest}&stadtteil={code}" if rest else f"?stadtteil={code}"
        n = counts.get(pk, 0)
        areas.append(
            {
                "name": name,
                "d": d,
                "x": x,
                "y": y,
                "count": n,
                "level": 0 if n == 0 else 1 if n < 3 else 2 if n < 10 else 3,
                "href": href,
                "selected": code == selected,
            }
        )
    return {"view_box": view_box, "areas": areas, "links": _map_links(areas)}


# One area of the map, as the template wrote it before (``{% for a in map.areas %}`` …), now
# joined in Python: about 50 areas with 8 values each were most of the finder's template time.
# Values are escaped and localised as a template variable is (render_value_in_context);
# public/tests/test_finder_map.py compares it with the template loop.
_AREA = (
    '<a href="{href}" aria-label="{name}: {count}"><path d="{d}" class="l{level}{sel}"/>{text}</a>'
)
_LABEL = '<text x="{x}" y="{y}">{count}</text>'


def _map_links(areas: list[dict]) -> str:
    """The map's links (call with the reader's language active: counts are localised)."""
    parts = []
    for a in areas:
        count = conditional_escape(localize(a["count"]))
        parts.append(
            _AREA.format(
                href=conditional_escape(a["href"]),
                name=conditional_escape(a["name"]),
                count=count,
                d=conditional_escape(a["d"]),
                level=conditional_escape(localize(a["level"])),
                sel=" sel" if a["selected"] else "",
                text=_LABEL.format(
                    x=conditional_escape(a["x"]), y=conditional_escape(a["y"]), count=count
                )
                if a["count"]
                else "",
            )
        )
    return mark_safe("".join(parts))  # every value escaped above


# One offer of the finder's list, as the template's loop wrote it before (``{% for item in
# items %}`` …), now joined in Python: a ``{% url %}``, a ``{% with %}`` and a dozen variables
# and tags per offer were the largest part of the page's template time. Values are escaped as
# template variables are; public/tests/test_finder_page.py compares whole pages with the
# former template in several languages.
_ROW = (
    '\n    <li class="finder-offer">\n      <h3 class="kern-heading-small"><a class="kern-link" '
    'href="{href}"{de}>{title}</a></h3>\n      {badge}\n      <p class="kern-body"{de}>{summary}'
    '</p>\n      <p class="kern-body kern-body--small finder-meta">{provider} · {places}{free}</p>'
    "\n    </li>\n  "
)
_NIL = "00000000-0000-0000-0000-000000000000"


def _offer_rows(entries: list[FinderEntry], lang: str) -> str:
    """The ``<li>`` of each offer of the page (call with the reader's language active)."""
    url = reverse("public:offer", args=[lang, _NIL])
    badge = (
        '<p class="kern-badge kern-badge--info"><span class="kern-label">'
        f"{conditional_escape(_('Not yet translated – shown in German.'))}</span></p>"
    )
    free = f" · {conditional_escape(_('free of charge'))}"
    parts = []
    for e in entries:
        de = ' lang="de" dir="ltr"' if e.fallback else ""
        parts.append(
            _ROW.format(
                href=conditional_escape(url.replace(_NIL, str(e.code))),
                de=de,
                title=conditional_escape(e.title),
                badge=badge if e.fallback and lang != "de" else "",
                summary=conditional_escape(e.summary),
                provider=conditional_escape(e.provider),
                places=", ".join(conditional_escape(name) for name in e.places),
                free=free if e.is_free else "",
            )
        )
    return mark_safe("".join(parts))  # every value escaped above


def _public_offer(code) -> Offer:
    return get_object_or_404(with_details(public_offers(), None), code=code)


@gzip_page
@require_GET
@_cached
def offer(request, lang, code):
    lang = _language(lang)
    obj = _public_offer(code)
    text = text_of(obj, lang)
    return _render(
        request,
        "public/offer.html",
        lang,
        {
            "offer": obj,
            "text": text,
            "category": obj.category.name_in(lang),
            "spoken": [NATIVE_LANGUAGE_NAMES.get(c, c) for c in obj.languages],
            "dates": next_dates(obj),
            "contact": _contact(obj),
            "print": request.GET.get("druck") == "1",
        },
    )


def _contact(offer: Offer) -> dict:
    """How to reach the offer: its own contact, else (so that nobody hits a dead end) the
    provider's phone, e-mail and website."""
    if offer.contact_phone or offer.contact_email or offer.url:
        return {
            "name": offer.contact_name,
            "phone": offer.contact_phone,
            "email": offer.contact_email,
            "url": offer.url,
            "of_provider": False,
        }
    org = offer.organisation
    return {
        "name": "",
        "phone": org.phone,
        "email": org.email,
        "url": org.website,
        "of_provider": True,
    }


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = download(content, filename=filename, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def offer_ics(request, lang, code):
    lang = _language(lang)
    obj = _public_offer(code)
    text = text_of(obj, lang)
    url = request.build_absolute_uri(reverse("public:offer", args=[lang, obj.code]))
    content = offers_calendar([(obj, text.title, text.summary, url)], start=timezone.localdate())
    return _ics_response(content, "angebot.ics")


@require_GET
def search_ics(request, lang):
    lang = _language(lang)
    filters = finder_filters(request.GET, language=lang, for_display=False)
    offers = list(with_details(public_offers(filters), lang)[:ICS_LIMIT])
    entries = []
    for o in offers:
        text = text_of(o, lang)
        url = request.build_absolute_uri(reverse("public:offer", args=[lang, o.code]))
        entries.append((o, text.title, text.summary, url))
    return _ics_response(offers_calendar(entries), "angebote.ics")


def _registration_offer(code) -> Offer:
    return get_object_or_404(public_offers().filter(registration_via_finder=True), code=code)


# No session and no cookie on public pages, so there is no CSRF token to check: the signed time
# token, the honeypot and the rate limit protect the form (teilhabe/public/spam.py).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def register(request, lang, code):
    """Registration request for an offer, without an account."""
    lang = _language(lang)
    offer = _registration_offer(code)
    here = reverse("public:register", args=[lang, offer.code])
    with translation.override(lang):
        text = text_of(offer, lang)
        consent = _(
            "I agree that %(provider)s receives these details to contact me about this offer. "
            "They are used for nothing else and deleted when no longer needed."
        ) % {"provider": offer.organisation.name}
        data = None
        if request.method == "POST":
            data = request.POST.copy()
            data["token"] = token_for(offer.code)  # a fresh token if the form is shown again
        form = RegistrationForm(
            data, consent_text=consent, initial={"token": token_for(offer.code)}
        )
        if request.method == "POST":
            if form.is_bot:  # tell a bot it worked; store nothing
                return redirect(here + "?gesendet=1")
            if not rate_ok(request):
                form.add_error(
                    None,
                    _(
                        "Too many requests from your connection. Please try again later or "
                        "contact the provider directly."
                    ),
                )
            elif not token_ok(request.POST.get("token", ""), offer.code):
                form.add_error(
                    None, _("The form was too old or sent too quickly. Please send it again.")
                )
            elif form.is_valid():
                d = form.cleaned_data
                try:
                    registration_request_create(
                        user=request.user,
                        offer=offer,
                        name=d["name"],
                        email=d["email"],
                        phone=d["phone"],
                        participants=d["participants"],
                        message=d["message"],
                        language=lang,
                        consent_text=consent,
                        base_url=request.build_absolute_uri("/"),
                    )
                except RegistrationError as exc:
                    form.add_error(None, str(exc))
                else:
                    return redirect(here + "?gesendet=1")
    response = _render(
        request,
        "public/register.html",
        lang,
        {
            "offer": offer,
            "text": text,
            "form": form,
            "sent": request.method == "GET" and request.GET.get("gesendet") == "1",
            "switch_query": "",
        },
    )
    response["Cache-Control"] = "no-store"
    return response
