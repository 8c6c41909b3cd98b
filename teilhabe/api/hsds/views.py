"""The HSDS 3.0 API (``/api/v1/hsds/``): every operation of the official ``openapi.json``.

Each view reads its parameters strictly (:mod:`.params`), asks the selectors (:mod:`.selectors`)
and maps with the one HSDS mapping (:mod:`teilhabe.offers.hsds.export`). The base view adds
what the rest of ``/api/v1/`` does: ETag and 304, cached JSON bodies, the rate limit, errors in
the one JSON shape (``{"detail": …}`` or ``{"<parameter>": [...]}``), and the language
(``lang`` or ``Accept-Language``; the answer's ``Content-Language`` names the languages of its
texts, German where a text has no translation).
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from teilhabe.api.hsds import selectors, spec
from teilhabe.api.hsds.params import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, Params
from teilhabe.api.schema import ApiSchema
from teilhabe.offers.hsds import export
from teilhabe.offers.models import PUBLIC_LANGUAGE_CODES
from teilhabe.offers.selectors import directory_version

CACHE_SECONDS = 300
NDJSON_CHUNK = 500
TAG = "HSDS 3.0"


class JsonOnly(BaseContentNegotiation):
    """Always JSON; ``format`` is an HSDS parameter here (json/ndjson), not DRF's renderer
    switch."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return None


class HsdsView(APIView):
    throttle_classes = [AnonRateThrottle]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonOnly
    schema = ApiSchema()
    error_statuses: tuple[int, ...] = (304, 400, 429)

    def handle_exception(self, exc):
        if isinstance(exc, Http404):  # one German message, no model names
            exc = NotFound()
        return super().handle_exception(exc)

    # A view answers with ``answer`` (a JSON-able body and the languages of its texts) and,
    # for lists, ``rows`` (an iterable of documents for format=ndjson; it reads and checks the
    # parameters before it returns, so that a bad one is a 400, not a broken stream).
    def answer(self, params: Params, lang: str, **kwargs) -> tuple[object, str]:
        raise NotImplementedError

    def rows(self, params: Params, lang: str):
        raise NotImplementedError

    lists = False

    def get(self, request, *args, **kwargs):
        params = Params(request)
        lang = params.lang()
        ndjson = self.lists and params.format() == "ndjson"
        if self.lists:
            params.page()  # checked also where ndjson does not page
        version = directory_version()
        raw = f"{version}|{request.get_full_path()}|{lang}"
        etag = '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'
        if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
            response = HttpResponseNotModified()
        elif ndjson:
            response = StreamingHttpResponse(
                (json.dumps(doc, ensure_ascii=False) + "\n" for doc in self.rows(params, lang)),
                content_type=spec.NDJSON,
            )
            response["Content-Language"] = self.languages(lang)
        else:
            key = "api:hsds:" + etag
            cached = cache.get(key)
            if cached is None:
                body, languages = self.answer(params, lang, **kwargs)
                cached = (json.dumps(body, ensure_ascii=False), languages)
                cache.set(key, cached, CACHE_SECONDS)
            response = HttpResponse(cached[0], content_type="application/json")
            if cached[1]:
                response["Content-Language"] = cached[1]
        response["ETag"] = etag
        response["Vary"] = "Accept-Language"
        return response

    def languages(self, lang: str) -> str:
        """The languages of the texts of an answer about services in ``lang``: the composed
        texts (fees, times …) are German, so another language always comes with German."""
        return lang if lang == "de" else f"{lang}, de"


def _page(total: int, page: int, size: int, contents: list) -> dict:
    pages = max(1, math.ceil(total / size))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def _slice(qs, page: int, size: int) -> tuple[int, list]:
    total = qs.count()
    return total, list(qs[(page - 1) * size : page * size])


def _chunks(qs):
    return qs.iterator(chunk_size=NDJSON_CHUNK)


# --- parameters, as the official document declares them (for our own OpenAPI document) -------


def _query(name, kind, description, **schema):
    return OpenApiParameter(name, {"type": kind, **schema}, description=description)


NO_CONTROL = "^[^\\x00-\\x1f]*$"
SEARCH = _query("search", "string", _("Full-text search"), maxLength=100, pattern=NO_CONTROL)
PAGE = _query("page", "integer", _("Page number (from 1)"), minimum=1, maximum=MAX_PAGE)
PER_PAGE = _query(
    "per_page",
    "integer",
    _("Entries per page"),
    minimum=1,
    maximum=MAX_PER_PAGE,
    default=DEFAULT_PER_PAGE,
)
FORMAT = _query(
    "format",
    "string",
    _("json (default, paged) or ndjson (all entries, one JSON object per line, unpaged)"),
    enum=["json", "ndjson"],
)
LANG = _query(
    "lang",
    "string",
    _(
        "Language of the texts (otherwise Accept-Language, otherwise German); untranslated "
        "fields are German and marked"
    ),
    enum=PUBLIC_LANGUAGE_CODES,
)
TERM = _query("taxonomy_term_id", "string", _("Only services with this category"), format="uuid")
TAXONOMY = _query("taxonomy_id", "string", _("Only with a term of this taxonomy"), format="uuid")
ORGANIZATION = _query(
    "organization_id", "string", _("Only services of this organisation"), format="uuid"
)
MODIFIED = _query(
    "modified_after",
    "string",
    _("Only entries changed on or after this date/time (ISO 8601)"),
    format="date-time",
)
FULL = _query("full", "boolean", _("Fully nested entries"))
FULL_SERVICE = _query("full_service", "boolean", _("Organisations with their complete services"))
LIST_PARAMETERS = [SEARCH, PAGE, PER_PAGE, FORMAT, LANG]
ID = OpenApiParameter(
    "id", str, OpenApiParameter.PATH, description=_("ID (UUID); an unknown one answers 404")
)


def _schema(summary, description, parameters=(), *, name: str):
    responses = {200: OpenApiResponse(OpenApiTypes.OBJECT, description=summary)}
    if FORMAT in parameters:
        responses = {
            (200, "application/json"): responses[200],
            (200, spec.NDJSON): OpenApiResponse(
                OpenApiTypes.STR, description=_("format=ndjson: one JSON object per line")
            ),
        }
    return extend_schema(
        tags=[TAG],
        operation_id=name,
        summary=summary,
        description=description,
        parameters=list(parameters),
        responses=responses,
    )


# --- / ---------------------------------------------------------------------------------------


class Root(HsdsView):
    @_schema(
        _("HSDS: information about this API"),
        _(
            "HSDS version of the API, the profile (this documentation) and the address of the "
            "API's OpenAPI document (the official HSDS 3.0 description)."
        ),
        [LANG],
        name="hsds_root",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, params, lang, **kwargs):
        build = self.request.build_absolute_uri
        return {
            "version": "3.0",
            "profile": build(reverse("api:docs")),
            "openapi_url": build(reverse("api:hsds-openapi")),
        }, ""


class OpenApiDocument(HsdsView):
    """The official HSDS 3.0 openapi.json as served here (see :mod:`.spec`)."""

    error_statuses = (304, 429)

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, params, lang, **kwargs):
        return spec.document(), ""


# --- services --------------------------------------------------------------------------------


def _offer_filters(params: Params) -> dict:
    return {
        "search": params.search(),
        "term": params.code("taxonomy_term_id"),
        "taxonomy": params.code("taxonomy_id"),
        "organisation": params.code("organization_id"),
        "since": params.since("modified_after"),
    }


def _service_doc(depth):
    if depth == "minimal":
        return export.service_minimal
    if depth == "full":
        return export.service
    return export.service_brief


class ServiceList(HsdsView):
    lists = True

    @_schema(
        _("HSDS: services (offers)"),
        _(
            "Published offers as HSDS services, paged. Without further parameters each service "
            "has its own fields and its organisation; full=true nests everything (locations, "
            "times, languages, costs, category), minimal=true gives only id, name, status and "
            "last change."
        ),
        [
            *LIST_PARAMETERS,
            TERM,
            TAXONOMY,
            ORGANIZATION,
            MODIFIED,
            _query("minimal", "boolean", _("Only id, name, status and last change")),
            FULL,
        ],
        name="hsds_services_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def _depth(self, params):
        full, minimal = params.flag("full"), params.flag("minimal")
        return "minimal" if minimal else "full" if full else "brief"

    # the default depth reads plain rows (selectors.brief_page), not model instances
    plain_rows = True

    def answer(self, params, lang, **kwargs):
        page, size = params.page()
        depth = self._depth(params)
        if depth == "brief" and self.plain_rows:
            qs = selectors.offers(**_offer_filters(params))
            total = qs.count()
            found = selectors.brief_page(qs, lang, (page - 1) * size, size)
        else:
            qs = selectors.at_depth(selectors.offers(**_offer_filters(params)), depth, lang)
            total, found = _slice(qs, page, size)
        doc = _service_doc(depth)
        return _page(total, page, size, [doc(o, lang) for o in found]), self.languages(lang)

    def rows(self, params, lang):
        depth = self._depth(params)
        qs = selectors.at_depth(selectors.offers(**_offer_filters(params)), depth, lang)
        doc = _service_doc(depth)
        return (doc(o, lang) for o in _chunks(qs))


class ServiceDetail(HsdsView):
    error_statuses = (304, 400, 404, 429)

    @_schema(
        _("HSDS: one service"),
        _(
            "One published offer as a fully nested HSDS service: organisation, locations with "
            "address and accessibility, times, languages, costs, category."
        ),
        [ID, LANG],
        name="hsds_service_retrieve",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, params, lang, id=None, **kwargs):
        offer = selectors.offer(_code(id), "full", lang)
        if offer is None:
            raise NotFound()
        return export.service(offer, lang), self.languages(lang)


def _code(value: str) -> str:
    """A path id: an unknown or malformed id is simply not found."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise NotFound() from None


# --- service_at_locations --------------------------------------------------------------------


class ServiceAtLocationList(HsdsView):
    lists = True

    @_schema(
        _("HSDS: services at locations"),
        _(
            "Each published offer at each of its locations, paged. postcode limits to locations "
            "with that postcode; with proximity (metres, up to 50,000) to locations within that "
            "distance of the postcode's centre. full=true nests the location's address and "
            "accessibility and the complete service."
        ),
        [
            *LIST_PARAMETERS,
            TERM,
            TAXONOMY,
            ORGANIZATION,
            MODIFIED,
            FULL,
            _query(
                "postcode",
                "string",
                _("Postcode of the location"),
                maxLength=10,
                pattern=NO_CONTROL,
            ),
            _query(
                "proximity",
                "integer",
                _(
                    "Distance in metres from the centre of the postcode (without postcode: no effect)"
                ),
                minimum=1,
                maximum=50000,
            ),
        ],
        name="hsds_service_at_locations_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def _links(self, params):
        filters = _offer_filters(params)
        postcode = params.text("postcode", 10)
        proximity = params.proximity()  # without a postcode it has no centre: no effect
        qs = selectors.offers(**filters)
        return selectors.links(qs, postcode=postcode, proximity=proximity)

    def _documents(self, pairs, full, lang):
        offer_pks = {o for o, _loc in pairs}
        offers = selectors.at_depth(
            selectors.offers().filter(pk__in=offer_pks), "full" if full else "brief", lang
        ).in_bulk()
        places = selectors.locations({loc for _o, loc in pairs}, nested=full)
        docs = []
        for o, loc in pairs:
            offer, place = offers[o], places[loc]
            if full:
                service = export.service(offer, lang, locations=[])
                del service["service_at_locations"]
                docs.append({**export.service_at_location(offer, place), "service": service})
            else:
                docs.append(export.service_at_location_brief(offer, place, lang))
        return docs

    def answer(self, params, lang, **kwargs):
        page, size = params.page()
        full = params.flag("full")
        total, pairs = _slice(self._links(params), page, size)
        docs = self._documents(pairs, full, lang)
        return _page(total, page, size, docs), self.languages(lang)

    def rows(self, params, lang):
        full = params.flag("full")  # parameters are read before the stream starts
        return self._stream(self._links(params), full, lang)

    def _stream(self, links, full, lang):
        chunk = []
        for pair in links.iterator(chunk_size=NDJSON_CHUNK):
            chunk.append(pair)
            if len(chunk) == NDJSON_CHUNK:
                yield from self._documents(chunk, full, lang)
                chunk = []
        if chunk:
            yield from self._documents(chunk, full, lang)


class ServiceAtLocationDetail(HsdsView):
    error_statuses = (304, 400, 404, 429)

    @_schema(
        _("HSDS: one service at one location"),
        _(
            "As the official HSDS 3.0 document declares (compiled/service.json): the fully "
            "nested service, with only this service_at_location."
        ),
        [ID, LANG],
        name="hsds_service_at_location_retrieve",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, params, lang, id=None, **kwargs):
        link = selectors.link_by_id(_code(id))
        if link is None:
            raise NotFound()
        offer_pk, location_pk = link
        offer = selectors.at_depth(selectors.offers().filter(pk=offer_pk), "full", lang).first()
        place = selectors.locations([location_pk], nested=True).get(location_pk)
        if offer is None or place is None:
            raise NotFound()
        return export.service(offer, lang, locations=[place]), self.languages(lang)


# --- organizations ---------------------------------------------------------------------------


def _organization_docs(orgs, *, full: bool, full_service: bool, lang: str) -> list[dict]:
    if not (full or full_service):
        return [export.organization(org) for org in orgs]
    depth = "full" if full_service else "brief"
    offers = selectors.services_by_organisation(orgs, depth, lang)
    doc = _service_doc(depth)
    result = []
    for org in orgs:
        services = []
        for offer in offers.get(org.pk, []):
            service = doc(offer, lang)
            service.pop("organization", None)  # it is the organisation around it
            services.append(service)
        result.append(export.organization_full(org, services))
    return result


class OrganizationList(HsdsView):
    lists = True

    @_schema(
        _("HSDS: organisations"),
        _(
            "Providers with at least one published offer, paged. full=true adds each "
            "organisation's services (own fields), full_service=true the complete services."
        ),
        [*LIST_PARAMETERS, FULL, FULL_SERVICE],
        name="hsds_organizations_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def _args(self, params):
        return {"full": params.flag("full"), "full_service": params.flag("full_service")}

    def answer(self, params, lang, **kwargs):
        page, size = params.page()
        args = self._args(params)
        total, orgs = _slice(selectors.organisations(search=params.search()), page, size)
        docs = _organization_docs(orgs, lang=lang, **args)
        return _page(total, page, size, docs), self._org_languages(lang, **args)

    def rows(self, params, lang):
        args = self._args(params)  # parameters are read before the stream starts
        orgs = list(selectors.organisations(search=params.search()))
        return (
            doc
            for start in range(0, len(orgs), NDJSON_CHUNK)
            for doc in _organization_docs(orgs[start : start + NDJSON_CHUNK], lang=lang, **args)
        )

    def _org_languages(self, lang, *, full, full_service):
        return self.languages(lang) if full or full_service else "de"


class OrganizationDetail(HsdsView):
    error_statuses = (304, 400, 404, 429)

    @_schema(
        _("HSDS: one organisation"),
        _(
            "One organisation with its published offers as services (own fields; "
            "full_service=true: complete services)."
        ),
        [ID, FULL_SERVICE, LANG],
        name="hsds_organization_retrieve",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, params, lang, id=None, **kwargs):
        full_service = params.flag("full_service")
        org = selectors.organisations().filter(code=_code(id)).first()
        if org is None:
            raise NotFound()
        docs = _organization_docs([org], full=True, full_service=full_service, lang=lang)
        return docs[0], self.languages(lang)


# --- taxonomies and taxonomy terms -----------------------------------------------------------


def _taxonomies(search: str) -> list[dict]:
    text = f"{export.TAXONOMY['name']} {export.TAXONOMY['description']}".lower()
    words = search.lower().split()
    return [export.TAXONOMY] if all(w in text for w in words) else []


class TaxonomyList(HsdsView):
    lists = True

    @_schema(
        _("HSDS: taxonomies"),
        _("The taxonomies of the directory: the categories of the offers (one taxonomy)."),
        LIST_PARAMETERS,
        name="hsds_taxonomies_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, params, lang, **kwargs):
        page, size = params.page()
        found = _taxonomies(params.search())
        contents = found[(page - 1) * size : page * size]
        return _page(len(found), page, size, contents), "de"

    def rows(self, params, lang):
        return _taxonomies(params.search())


class TaxonomyDetail(HsdsView):
    error_statuses = (304, 400, 404, 429)

    @_schema(
        _("HSDS: one taxonomy"),
        _("The taxonomy of the offers' categories."),
        [ID, LANG],
        name="hsds_taxonomy_retrieve",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, params, lang, id=None, **kwargs):
        if _code(id) != export.TAXONOMY_ID:
            raise NotFound()
        return export.TAXONOMY, "de"


def _term_languages(terms: list[dict], lang: str) -> str:
    found = {t["language"] for t in terms} or {lang}
    return ", ".join(sorted(found, key=lambda code: code == "de"))


class TaxonomyTermList(HsdsView):
    lists = True

    @_schema(
        _("HSDS: taxonomy terms (categories)"),
        _(
            "The categories of the offers, paged; names in the requested language where one "
            "exists (language says which). top_only=true: only top-level categories; "
            "parent_id: the sub-categories of one category."
        ),
        [
            *LIST_PARAMETERS,
            TAXONOMY,
            _query("top_only", "boolean", _("Only top-level categories (without a parent)")),
            _query("parent_id", "string", _("Sub-categories of this category"), format="uuid"),
        ],
        name="hsds_taxonomy_terms_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def _qs(self, params):
        return selectors.categories(
            search=params.search(),
            taxonomy=params.code("taxonomy_id"),
            top_only=params.flag("top_only"),
            parent=params.code("parent_id"),
        )

    def answer(self, params, lang, **kwargs):
        page, size = params.page()
        total, found = _slice(self._qs(params), page, size)
        terms = [export.taxonomy_term(c, lang) for c in found]
        return _page(total, page, size, terms), _term_languages(terms, lang)

    def rows(self, params, lang):
        return (export.taxonomy_term(c, lang) for c in self._qs(params))


class TaxonomyTermDetail(HsdsView):
    error_statuses = (304, 400, 404, 429)

    @_schema(
        _("HSDS: one taxonomy term (category)"),
        _("One category with its name in the requested language, its parent and taxonomy."),
        [ID, LANG],
        name="hsds_taxonomy_term_retrieve",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, params, lang, id=None, **kwargs):
        category = selectors.categories().filter(code=_code(id)).first()
        if category is None:
            raise NotFound()
        term = export.taxonomy_term(category, lang)
        return term, _term_languages([term], lang)
