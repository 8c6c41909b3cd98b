"""The controlling API (``/api/v1/controlling/``): read-only figures for controllers' own tools.

The same rules as the screens: every list is built from :func:`teilhabe.access.visible` with the
action the screen uses, one object from :func:`teilhabe.access.get_for_user` (another
organisation's object is a 404), figures from the selectors the screens use. Machine clients
send a token (``Authorization: Bearer …``); a logged-in member may use the session (the docs
page). Every request with a token is written to the audit log: token, address, answer.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from teilhabe.access import Action, can, get_for_user, visible
from teilhabe.api.controlling import filters, schema
from teilhabe.api.controlling.authentication import ApiTokenAuthentication
from teilhabe.api.controlling.models import ApiToken
from teilhabe.api.controlling.serializers import (
    BudgetLineSerializer,
    BudgetSummarySerializer,
    CommitmentSerializer,
    CommitmentSummarySerializer,
    IndicatorPageSerializer,
    PaymentSerializer,
    PositionSerializer,
    PositionSummarySerializer,
    ProjectSerializer,
)
from teilhabe.api.views import Pagination as ApiPagination
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record
from teilhabe.finance import selectors as finance
from teilhabe.finance.models import Movement
from teilhabe.geography.models import Borough
from teilhabe.steering import views as steering_views
from teilhabe.steering.scope import scope_for
from teilhabe.steering.suppression import threshold

TAG_MONEY = "Controlling: Haushalt"


class Pagination(ApiPagination):
    """``page`` from 1, ``page_size`` from 1 to 1000 (default 100); anything else is a 400."""

    page_size = 100
    max_page_size = 1000

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["description"] = "Seite (ab 1)."
            elif parameter["name"] == self.page_size_query_param:
                parameter["description"] = "Zeilen je Seite (1–1000, Standard 100)."
        return parameters


class HasAction(BasePermission):
    """The view's ``action`` (e.g. ``finance.view``), asked of :mod:`teilhabe.access`."""

    message = _("You may not see these figures.")

    def has_permission(self, request, view):
        return can(request.user, view.required_action)


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (or per member, or per address), ``API_TOKEN_RATE``."""

    scope = "controlling"

    def get_cache_key(self, request, view):
        token = getattr(request, "_auth", None)
        if isinstance(token, ApiToken):
            ident = f"token-{token.pk}"
        elif getattr(request.user, "pk", None) is not None:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ControllingView(APIView):
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [HasAction]
    throttle_classes = [TokenRateThrottle]
    schema = schema.ControllingSchema()
    required_action = Action.VIEW_FINANCE
    error_statuses: tuple[int, ...] = (400, 401, 403, 429)

    def handle_exception(self, exc):
        if isinstance(exc, Http404):  # one German message, no model names
            exc = exceptions.NotFound()
        elif isinstance(exc, DjangoPermissionDenied):
            exc = exceptions.PermissionDenied()
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = getattr(request, "_auth", None)
        if not isinstance(token, ApiToken):
            token = getattr(request, "_rejected_token", None)
        if token is not None:
            _audit_use(request, token, response.status_code)
        response["Cache-Control"] = "private, no-store"
        return response


def _audit_use(request, token: ApiToken, status: int) -> None:
    """One audit entry per request with a token: which token, which address, which answer."""
    audit_record(
        user=None,
        user_label=f"API-Token {token.prefix}",
        action=AuditAction.READ,
        obj=token,
        organisation_id=token.organisation_id,
        detail=f"api {status}",
        path=request.get_full_path(),
    )


# --- Budget lines -----------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_MONEY],
        parameters=[filters.BudgetFilter],
        operation_id="controlling_budget_lines_list",
        summary="Haushaltsansätze",
        description=(
            "Haushaltsansätze mit Plan, aktuellem Ansatz, gebunden, ausgezahlt, verfügbar und offen — "
            "nur die, die die Rolle des Tokens auf der Seite *Finanzen* sieht (Finanzverwaltung und "
            "Stadtsteuerung: alle; Bezirkskoordination: die des eigenen Bezirks). Filter: "
            "Haushaltsjahr, Deckung, Stadtbezirk, Art."
        ),
    )
)
class BudgetLineList(ControllingView, generics.ListAPIView):
    serializer_class = BudgetLineSerializer
    pagination_class = Pagination
    error_statuses = (400, 401, 403, 404, 429)

    def get_queryset(self):
        params = filters.query(self.request, filters.BudgetFilter)
        return filters.filter_lines(finance.budget_lines_for(self.request.user), params)


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_MONEY],
        operation_id="controlling_budget_line",
        summary="Ein Haushaltsansatz",
        description="Ein Haushaltsansatz; einer, den die Rolle nicht sieht, ist „nicht gefunden“ (404).",
    )
)
class BudgetLineDetail(ControllingView, generics.RetrieveAPIView):
    serializer_class = BudgetLineSerializer
    error_statuses = (401, 403, 404, 429)

    def get_object(self):
        return get_for_user(
            self.request.user,
            finance.budget_lines_for(self.request.user),
            action=Action.VIEW_FINANCE,
            code=self.kwargs["id"],
        )


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_MONEY],
        parameters=[filters.BudgetFilter],
        responses=BudgetSummarySerializer,
        operation_id="controlling_budget_summary",
        summary="Haushalt in Summe",
        description=(
            "Summen der sichtbaren Haushaltsansätze: gesamt, je Deckung und je Stadtbezirk — "
            "dieselben Zahlen wie auf der Seite *Finanzen*. Filter wie bei den Haushaltsansätzen."
        ),
    )
)
class BudgetSummary(ControllingView):
    def get(self, request):
        params = filters.query(request, filters.BudgetFilter)
        lines = filters.filter_lines(finance.budget_lines_for(request.user), params).order_by()
        data = {
            "total": finance.budget_total(lines),
            "by_funding_source": finance.budget_by_source(lines),
            "by_bezirk": finance.budget_by_borough(lines),
        }
        return Response(BudgetSummarySerializer(data).data)


# --- Commitments and payments ---------------------------------------------------------------

TAG_GRANTS = "Controlling: Bewilligungen und Zahlungen"
WHO_GRANTS = (
    "Sichtbar wie auf den Seiten *Finanzen*: Finanzverwaltung und Stadtsteuerung alles, "
    "Bezirkskoordination der eigene Bezirk, Träger (Teamleitung, Fachkraft, Angebotspflege) die "
    "eigene Organisation."
)


def _commitments(request):
    params = filters.query(request, filters.MoneyFilter)
    qs = filters.filter_lines(finance.commitments_for(request.user), params, prefix="line__")
    qs = filters.filter_period(qs, params, "committed_on")
    return qs.select_related("line__funding_source", "borough").order_by("committed_on", "number")


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_GRANTS],
        parameters=[filters.MoneyFilter],
        operation_id="controlling_commitments_list",
        summary="Bewilligungen",
        description=(
            "Bewilligungen (Zuwendungsbescheide) mit ursprünglichem und aktuellem Betrag, "
            "ausgezahlt und offen. "
            + WHO_GRANTS
            + " Filter: Haushaltsjahr, Deckung, Stadtbezirk und Art des Ansatzes; Zeitraum "
            "(`von`, `bis`) nach Bewilligungsdatum."
        ),
    )
)
class CommitmentList(ControllingView, generics.ListAPIView):
    serializer_class = CommitmentSerializer
    pagination_class = Pagination
    required_action = Action.VIEW_GRANTS
    error_statuses = (400, 401, 403, 404, 429)

    def get_queryset(self):
        return _commitments(self.request)


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_GRANTS],
        operation_id="controlling_commitment",
        summary="Eine Bewilligung",
        description="Eine Bewilligung; eine, die die Rolle nicht sieht, ist „nicht gefunden“ (404).",
    )
)
class CommitmentDetail(ControllingView, generics.RetrieveAPIView):
    serializer_class = CommitmentSerializer
    required_action = Action.VIEW_GRANTS
    error_statuses = (401, 403, 404, 429)

    def get_object(self):
        return get_for_user(
            self.request.user,
            finance.commitments_for(self.request.user).select_related("line__funding_source"),
            action=Action.VIEW_GRANTS,
            code=self.kwargs["id"],
        )


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_GRANTS],
        parameters=[filters.MoneyFilter],
        responses=CommitmentSummarySerializer,
        operation_id="controlling_commitments_summary",
        summary="Bewilligungen und Zahlungen in Summe",
        description=(
            "Bewilligt, ausgezahlt und offen je Organisation; je Monat neu bewilligt, "
            "ausgezahlt, zurückgezahlt und gekürzt — dieselben Zahlen wie auf der Seite "
            "*Finanzen*. " + WHO_GRANTS
        ),
    )
)
class CommitmentSummary(ControllingView):
    required_action = Action.VIEW_GRANTS

    def get(self, request):
        commitments = _commitments(request).order_by()
        data = {
            "by_organisation": finance.commitments_by_organisation(commitments),
            "by_month": finance.money_by_month(commitments),
        }
        return Response(CommitmentSummarySerializer(data).data)


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_GRANTS],
        parameters=[filters.MoneyFilter],
        operation_id="controlling_payments_list",
        summary="Zahlungen",
        description=(
            "Auszahlungen, Rückzahlungen und Kürzungen auf Bewilligungen, je eine Zeile. "
            + WHO_GRANTS
            + " Filter wie bei den Bewilligungen; Zeitraum (`von`, `bis`) nach Buchungsdatum."
        ),
    )
)
class PaymentList(ControllingView, generics.ListAPIView):
    serializer_class = PaymentSerializer
    pagination_class = Pagination
    required_action = Action.VIEW_GRANTS
    error_statuses = (400, 401, 403, 404, 429)

    def get_queryset(self):
        params = filters.query(self.request, filters.MoneyFilter)
        qs = visible(self.request.user, Action.VIEW_GRANTS, Movement)
        qs = filters.filter_lines(qs, params, prefix="commitment__line__")
        qs = filters.filter_period(qs, params, "booked_on")
        return qs.select_related(
            "commitment__organisation", "commitment__line__fiscal_year"
        ).order_by("booked_on", "pk")


# --- Positions --------------------------------------------------------------------------------

TAG_POSITIONS = "Controlling: Stellen"


def _position_rows(request):
    params = filters.query(request, filters.PositionFilter)
    positions = finance.positions_for(request.user)
    if "bezirk" in params:
        positions = positions.filter(borough__number=params["bezirk"])
    return finance.position_plan(positions, on=params.get("stichtag"))


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_POSITIONS],
        parameters=[filters.PositionFilter],
        operation_id="controlling_positions_list",
        summary="Stellenplan",
        description=(
            "Planstellen mit Stellenanteil, Entgeltgruppe, Besetzung am Stichtag (ja/nein — "
            "ohne Namen), Vakanz und Jahreskosten. Sichtbar wie auf der Seite *Stellen*: "
            "Finanzverwaltung und Stadtsteuerung alle, Bezirkskoordination die des eigenen "
            "Bezirks."
        ),
    )
)
class PositionList(ControllingView, generics.ListAPIView):
    serializer_class = PositionSerializer
    pagination_class = Pagination
    required_action = Action.VIEW_POSITIONS
    error_statuses = (400, 401, 403, 404, 429)

    def get_queryset(self):
        return _position_rows(self.request)


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_POSITIONS],
        parameters=[filters.PositionFilter],
        responses=PositionSummarySerializer,
        operation_id="controlling_positions_summary",
        summary="Stellen in Summe",
        description=(
            "Planstellen, davon unbesetzt, VZÄ und Jahreskosten je Stadtbezirk und je "
            "Organisation (wie auf der Seite *Stellen*)."
        ),
    )
)
class PositionSummary(ControllingView):
    required_action = Action.VIEW_POSITIONS

    def get(self, request):
        rows = _position_rows(request)
        data = {
            "by_bezirk": finance.position_groups(rows, by="borough"),
            "by_organisation": finance.position_groups(rows, by="organisation"),
        }
        return Response(PositionSummarySerializer(data).data)


# --- District projects ------------------------------------------------------------------------

TAG_PROJECTS = "Controlling: Stadtteilprojekte"


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_PROJECTS],
        parameters=[filters.ProjectFilter],
        operation_id="controlling_projects_list",
        summary="Stadtteilprojekte",
        description=(
            "Stadtteilprojekte mit Stand, Kosten, beantragtem und bewilligtem Betrag, "
            "Entscheidung und Verwendungsnachweis. " + WHO_GRANTS
        ),
    )
)
class ProjectList(ControllingView, generics.ListAPIView):
    serializer_class = ProjectSerializer
    pagination_class = Pagination
    required_action = Action.VIEW_GRANTS
    error_statuses = (400, 401, 403, 404, 429)

    def get_queryset(self):
        params = filters.query(self.request, filters.ProjectFilter)
        qs = finance.projects_for(self.request.user)
        if "year" in params:
            qs = qs.filter(round__fiscal_year=params["year"])
        if "bezirk" in params:
            qs = qs.filter(borough__number=params["bezirk"])
        if "status" in params:
            qs = qs.filter(status=params["status"])
        return qs.order_by("-submitted_at", "pk")


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_PROJECTS],
        operation_id="controlling_project",
        summary="Ein Stadtteilprojekt",
        description="Ein Projekt; eines, das die Rolle nicht sieht, ist „nicht gefunden“ (404).",
    )
)
class ProjectDetail(ControllingView, generics.RetrieveAPIView):
    serializer_class = ProjectSerializer
    required_action = Action.VIEW_GRANTS
    error_statuses = (401, 403, 404, 429)

    def get_object(self):
        return get_for_user(
            self.request.user,
            finance.projects_for(self.request.user),
            action=Action.VIEW_GRANTS,
            code=self.kwargs["id"],
        )


# --- Steering indicators ----------------------------------------------------------------------

TAG_INDICATORS = "Controlling: Kennzahlen der Steuerung"


def _cell(cell) -> dict:
    value = cell.value
    if isinstance(value, Decimal):
        value = f"{value:.2f}"
    return {"text": cell.text, "value": value, "hidden": cell.hidden}


def _row(row, cells) -> dict:
    return {"key": str(row.key), "label": str(row.label), "cells": [_cell(c) for c in cells]}


def _table(table) -> dict:
    footer = table.footer()
    return {
        "key": table.key,
        "title": str(table.title),
        "columns": [
            {"key": c.key, "label": str(c.label), "kind": c.kind} for c in table.shown_columns
        ],
        "rows": [_row(r, cells) for r, cells in table.body()],
        "total": _row(*footer) if footer else None,
    }


@extend_schema_view(
    get=extend_schema(
        tags=[TAG_INDICATORS],
        parameters=[
            filters.IndicatorFilter,
            OpenApiParameter(
                "topic",
                str,
                OpenApiParameter.PATH,
                enum=list(steering_views.TOPICS),
                description="Thema: casework, milestones, referrals, coverage, money, "
                "positions, barriers (die Seiten unter /steuerung/).",
            ),
        ],
        responses=IndicatorPageSerializer,
        operation_id="controlling_indicators",
        summary="Kennzahlen der Steuerung",
        description=(
            "Die Tabellen einer Steuerungsseite mit denselben Zahlen und derselben Verdeckung "
            "kleiner Zahlen (primär und komplementär, über alle Tabellen der Seite) wie auf "
            "dem Bildschirm und im CSV-Download: verdeckte Zellen haben `hidden: true`, "
            "`value: null` und den Text „< 5“. Stadtsteuerung sieht die Stadt, "
            "Bezirkskoordination die eigenen Bezirke (ein anderer Bezirk: 404)."
        ),
    )
)
class IndicatorPage(ControllingView):
    required_action = Action.VIEW_BOROUGH_FIGURES
    error_statuses = (400, 401, 403, 404, 429)

    def get(self, request, topic: str):
        key = topic
        topic = steering_views.TOPICS.get(key)
        if topic is None or not can(request.user, topic.action):
            raise Http404
        params = filters.query(request, filters.IndicatorFilter)
        scope_params = {k: params[k].isoformat() for k in ("von", "bis") if k in params}
        if "stadtteil" in params:
            scope_params["stadtteil"] = str(params["stadtteil"])
        elif "bezirk" in params:
            borough = Borough.objects.filter(number=params["bezirk"]).only("code").first()
            scope_params["bezirk"] = str(borough.code)
        scope = scope_for(request.user, scope_params, months=topic.months)
        if scope.errors:
            raise exceptions.ValidationError(
                {name: [str(e) for e in errors] for name, errors in scope.form.errors.items()}
            )
        page = topic.build(request.user, scope, lambda **kwargs: "")
        data = {
            "topic": key,
            "title": str(topic.title),
            "area": str(scope.label),
            "von": scope.start,
            "bis": scope.end,
            "threshold": threshold(),
            "tables": [_table(t) for t in page.tables],
        }
        return Response(IndicatorPageSerializer(data).data)
