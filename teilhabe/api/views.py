"""The open API: read-only, anonymous, paged, conditional (ETag), rate-limited per client.

List responses are cached per URL and directory version (the latest change of any offer or
location); a client that sends the ETag it has gets ``304 Not Modified``.
"""

from __future__ import annotations

import hashlib

from csp.decorators import csp_update
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page
from django.db import connection
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotModified, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from teilhabe.api.offer_list import offer_page
from teilhabe.api.schema import ApiSchema
from teilhabe.api.serializers import (
    CategorySerializer,
    LocationSerializer,
    OfferSerializer,
    OrganisationSerializer,
    _apply,
)
from teilhabe.offers.filters import FALSE_WORDS, TRUE_WORDS, OfferFilterSet
from teilhabe.offers.models import PUBLIC_LANGUAGE_CODES, Category, Offer
from teilhabe.offers.selectors import (
    directory_version,
    public_locations,
    public_offers,
    public_schedules,
    with_translation,
)
from teilhabe.organisations.models import Organisation

CACHE_SECONDS = 300


class Pagination(PageNumberPagination):
    """``page`` from 1, ``page_size`` from 1 to 100 (default 20); anything else is a 400."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()

    def get_page_size(self, request):
        return _int(request, self.page_size_query_param, 1, self.max_page_size) or self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        _int(request, self.page_query_param, 1, None)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(
                    minimum=1, maximum=self.max_page_size, default=self.page_size
                )
        return parameters


class ConditionalMixin:
    """ETag for every GET, from the directory version and the URL; cached JSON bodies."""

    throttle_classes = [AnonRateThrottle]
    schema = ApiSchema()
    cacheable = True
    # Error answers the OpenAPI document lists for the view (teilhabe.api.schema).
    error_statuses: tuple[int, ...] = (304, 404, 429)

    def handle_exception(self, exc):
        if isinstance(exc, Http404):  # one German message, no model names
            exc = NotFound()
        return super().handle_exception(exc)

    def _etag(self, request) -> str:
        version = getattr(request, "_directory_version", None) or directory_version()
        request._directory_version = version
        accept = request.META.get("HTTP_ACCEPT", "")
        raw = f"{version}|{request.get_full_path()}|{accept}"
        return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'

    def _json_wanted(self, request) -> bool:
        accept = request.META.get("HTTP_ACCEPT", "")
        return "text/html" not in accept and request.GET.get("format") in (None, "json")

    def get(self, request, *args, **kwargs):
        etag = self._etag(request)
        if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        key = "api:" + etag
        if self.cacheable and self._json_wanted(request):
            body = cache.get(key)
            if body is not None:
                response = HttpResponse(body, content_type="application/json")
                response["ETag"] = etag
                response["X-Cache"] = "hit"
                return response
        return super().get(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and request.method == "GET":
            etag = self._etag(request)
            response["ETag"] = etag
            if self.cacheable and self._json_wanted(request) and response.status_code == 200:
                response.render()
                cache.set("api:" + etag, response.content, CACHE_SECONDS)
        return response


def _int(request, name, lo=None, hi=None):
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValidationError({name: [f"„{value}“ ist keine ganze Zahl."]}) from None
    if lo is not None and number < lo:
        raise ValidationError({name: [f"Der Wert muss mindestens {lo} sein."]})
    if hi is not None and number > hi:
        raise ValidationError({name: [f"Der Wert darf höchstens {hi} sein."]})
    return number


def _plain_number(value: str) -> bool:
    """``"1"``, ``"27"``: a page number as DRF's paginator reads it without complaint."""
    return value.isascii() and value.isdecimal() and value[0] != "0"


def _flag(request, name) -> bool:
    value = request.query_params.get(name, "").strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ValidationError({name: ["Erwartet wird true oder false."]})


def _lang(request) -> str:
    lang = request.query_params.get("lang") or "de"
    if lang not in PUBLIC_LANGUAGE_CODES:
        raise ValidationError(
            {"lang": [f"Unbekannte Sprache; erlaubt: {', '.join(PUBLIC_LANGUAGE_CODES)}."]}
        )
    return lang


LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=PUBLIC_LANGUAGE_CODES, description="Sprache der Texte"
)


ORGANISATION_COLUMNS = tuple(
    f"organisation__{name}" for name in OrganisationSerializer.Meta.fields if name != "id"
)


def _offer_queryset(lang: str):
    """Published offers with only the columns the answer shows; locations with their Stadtteil
    from the cached names (no shapes), schedules and the translation: a fixed number of
    queries for any page size."""
    qs = (
        public_offers()
        .only(
            "code",
            *Offer.PUBLIC_FIELDS,
            "category__key",
            "organisation",
            "organisation__code",
            *ORGANISATION_COLUMNS,
            "updated_at",
        )
        .prefetch_related(
            # as lists (to_attr): no related manager and queryset per offer
            Prefetch("locations", queryset=public_locations(), to_attr="shown_locations"),
            Prefetch("schedules", queryset=public_schedules(), to_attr="shown_schedules"),
        )
    )
    return with_translation(qs, lang)


@extend_schema(parameters=[LANG_PARAMETER], tags=["Angebote"])
class OfferList(ConditionalMixin, generics.ListAPIView):
    """Veröffentlichte Angebote, gefiltert wie im Angebotsfinder (derselbe Filter)."""

    serializer_class = OfferSerializer
    pagination_class = Pagination
    error_statuses = (304, 400, 404, 429)
    filter_backends = [DjangoFilterBackend]
    filterset_class = OfferFilterSet

    # On PostgreSQL a page is read in one statement (teilhabe.api.offer_list); elsewhere, and
    # for an empty page or a page beyond the last, DRF's own path answers.
    one_statement = True

    def get_queryset(self):
        return _offer_queryset(_lang(self.request))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "lang": _lang(self.request)}

    def list(self, request, *args, **kwargs):
        number = request.query_params.get(self.paginator.page_query_param)
        if not (
            self.one_statement
            and connection.vendor == "postgresql"
            and (number is None or _plain_number(number))
        ):
            return super().list(request, *args, **kwargs)
        lang = _lang(request)
        filtered = self.filter_queryset(public_offers().select_related(None))  # 400 if bad
        size = self.paginator.get_page_size(request)
        number = int(number or 1)
        total, offers = offer_page(filtered, lang, (number - 1) * size, size)
        if not offers:
            return super().list(request, *args, **kwargs)
        pages = self.paginator.django_paginator_class((), size)
        pages.count = total  # the exact count, read in the same statement
        self.paginator.page = Page(offers, number, pages)
        self.paginator.request = request
        serializer = self.get_serializer()
        plan = serializer._plan()
        return self.paginator.get_paginated_response([_apply(plan, o, serializer) for o in offers])


@extend_schema(parameters=[LANG_PARAMETER], tags=["Angebote"])
class OfferDetail(ConditionalMixin, generics.RetrieveAPIView):
    """Ein veröffentlichtes Angebot."""

    serializer_class = OfferSerializer
    error_statuses = (304, 400, 404, 429)
    lookup_field = "code"
    lookup_url_kwarg = "id"

    def get_queryset(self):
        return _offer_queryset(_lang(self.request))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "lang": _lang(self.request)}


def _public_organisations():
    """Active organisations with at least one published offer: list and detail serve these."""
    with_offers = Offer.objects.published().values("organisation_id")
    return Organisation.objects.filter(is_active=True, pk__in=with_offers).order_by("name")


@extend_schema(tags=["Organisationen"])
class OrganisationList(ConditionalMixin, generics.ListAPIView):
    """Organisationen mit mindestens einem veröffentlichten Angebot oder Ort."""

    serializer_class = OrganisationSerializer
    pagination_class = Pagination
    error_statuses = (304, 400, 404, 429)

    def get_queryset(self):
        return _public_organisations()


@extend_schema(tags=["Organisationen"])
class OrganisationDetail(ConditionalMixin, generics.RetrieveAPIView):
    """Eine Organisation der Liste (dieselbe Auswahl: aktiv, mit veröffentlichtem Angebot)."""

    serializer_class = OrganisationSerializer
    lookup_field = "code"
    lookup_url_kwarg = "id"

    def get_queryset(self):
        return _public_organisations()


@extend_schema(
    tags=["Orte"],
    parameters=[
        OpenApiParameter(
            "bezirk",
            {"type": "integer", "minimum": 1, "maximum": 99},
            description="Nummer des Stadtbezirks",
        ),
        OpenApiParameter("regelsystem", bool, description="nur Kitas und Schulen"),
    ],
)
class LocationList(ConditionalMixin, generics.ListAPIView):
    """Orte von Angeboten sowie Kitas und Schulen (Regelsystem)."""

    serializer_class = LocationSerializer
    pagination_class = Pagination
    error_statuses = (304, 400, 404, 429)

    def get_queryset(self):
        qs = public_locations().order_by("name", "pk")
        borough = _int(self.request, "bezirk", 1, 99)
        if borough is not None:
            qs = qs.filter(district__borough__number=borough)
        if _flag(self.request, "regelsystem"):
            qs = qs.filter(is_standard_system=True)
        return qs


@extend_schema(tags=["Orte"])
class LocationDetail(ConditionalMixin, generics.RetrieveAPIView):
    serializer_class = LocationSerializer
    lookup_field = "code"
    lookup_url_kwarg = "id"
    queryset = public_locations()


@extend_schema(tags=["Kategorien"])
class CategoryList(ConditionalMixin, generics.ListAPIView):
    """Die Kategorien der Angebote mit ihren Namen je Sprache."""

    error_statuses = (304, 429)
    serializer_class = CategorySerializer
    pagination_class = None
    queryset = Category.objects.select_related("parent").order_by("position", "name")


# Browsable docs: our own page (German, lang, one h1, KERN frame, axe-clean) around Swagger UI
# from drf-spectacular-sidecar's local static files; nothing from another site. The start-up
# script is a static file (no inline script); Swagger UI sets inline styles and data: images,
# so this page relaxes style-src and img-src.
_DOCS_CSP = {
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}


_RATE_PERIODS = {"s": _("second"), "m": _("minute"), "h": _("hour"), "d": _("day")}


@csp_update(_DOCS_CSP)
def swagger(request):
    """``/api/v1/docs/``: Swagger UI (read and try the endpoints) below a German introduction."""
    count, _slash, period = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].partition("/")
    return render(
        request,
        "api/docs.html",
        {
            "title": settings.SPECTACULAR_SETTINGS["TITLE"],
            "version": settings.SPECTACULAR_SETTINGS["VERSION"],
            "schema_url": reverse("api:schema"),
            "hsds_url": reverse("api:hsds-root") + "/",
            "hsds_openapi_url": reverse("api:hsds-openapi"),
            "rate_count": count,
            "rate_period": _RATE_PERIODS.get(period[:1], period),
            "max_page_size": Pagination.max_page_size,
        },
    )


def redoc(request):
    """``/api/v1/redoc/``: the former ReDoc page (web fonts and a logo from other sites, not
    accessible) now leads to the one docs page."""
    return HttpResponseRedirect(reverse("api:docs"))
