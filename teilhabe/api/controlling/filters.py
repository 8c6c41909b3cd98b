"""Query parameters of the controlling API, validated by one serializer per endpoint family;
a wrong value is a 400 with one German message per parameter (the API's one error shape).
An empty value means "not given", as everywhere in the API."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from rest_framework import serializers

from teilhabe.finance.models import BudgetLineKind, FiscalYear, FundingSource, ProjectStatus
from teilhabe.geography.models import Borough

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class IsoDateField(serializers.DateField):
    """A date exactly as the schema says (``format: date``, RFC 3339: JJJJ-MM-TT). DRF alone
    would also take ``20170101`` or ``2017-W01-1`` (Python's ``date.fromisoformat``)."""

    def to_internal_value(self, value):
        if isinstance(value, str) and not ISO_DATE.fullmatch(value):
            self.fail("invalid", format="JJJJ-MM-TT")
        return super().to_internal_value(value)


def query(request, serializer_class) -> dict:
    data = {k: v for k, v in request.query_params.items() if v != ""}
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class YearFilter(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        min_value=1990,
        max_value=2100,
        help_text="Haushaltsjahr, z. B. 2017; ohne Angabe alle Jahre.",
    )

    def validate_year(self, value):
        year = FiscalYear.objects.filter(year=value).first()
        if year is None:
            raise serializers.ValidationError(
                _("There is no fiscal year %(year)s.") % {"year": value}
            )
        return year


class BudgetFilter(YearFilter):
    funding_source = serializers.SlugField(
        required=False,
        max_length=80,
        help_text="Schlüssel einer Deckung (`funding_source.key` der Antwort).",
    )
    bezirk = serializers.IntegerField(
        required=False, min_value=1, max_value=99, help_text="Nummer des Stadtbezirks (1–9)."
    )
    kind = serializers.ChoiceField(
        required=False, choices=BudgetLineKind.choices, help_text="Art des Haushaltsansatzes."
    )

    def validate_funding_source(self, value):
        source = FundingSource.objects.filter(key=value).first()
        if source is None:
            raise serializers.ValidationError(
                _("There is no funding source „%(key)s“.") % {"key": value}
            )
        return source

    def validate_bezirk(self, value):
        if not Borough.objects.filter(number=value).exists():
            raise serializers.ValidationError(
                _("There is no borough %(number)s.") % {"number": value}
            )
        return value


def filter_lines(qs, params: dict, prefix: str = ""):
    """Apply a validated :class:`BudgetFilter` to budget lines (``prefix`` for related rows)."""
    if "year" in params:
        qs = qs.filter(**{f"{prefix}fiscal_year": params["year"]})
    if "funding_source" in params:
        qs = qs.filter(**{f"{prefix}funding_source": params["funding_source"]})
    if "bezirk" in params:
        qs = qs.filter(**{f"{prefix}borough__number": params["bezirk"]})
    if "kind" in params:
        qs = qs.filter(**{f"{prefix}kind": params["kind"]})
    return qs


class PeriodFilter(serializers.Serializer):
    """A period; one whose end lies before its start is empty (no rows, sums of zero)."""

    von = IsoDateField(
        required=False, help_text="Erster Tag des Zeitraums (ISO, z. B. 2017-01-01)."
    )
    bis = IsoDateField(
        required=False, help_text="Letzter Tag des Zeitraums (ISO, z. B. 2017-12-31)."
    )


class MoneyFilter(PeriodFilter, BudgetFilter):
    """Commitments and payments: the budget filters (of their budget line) and a period."""


def filter_period(qs, params: dict, field: str):
    if params.get("von"):
        qs = qs.filter(**{f"{field}__gte": params["von"]})
    if params.get("bis"):
        qs = qs.filter(**{f"{field}__lte": params["bis"]})
    return qs


class PositionFilter(serializers.Serializer):
    bezirk = serializers.IntegerField(
        required=False, min_value=1, max_value=99, help_text="Nummer des Stadtbezirks (1–9)."
    )
    stichtag = IsoDateField(
        required=False, help_text="Stichtag für Besetzung und Vakanz (ISO); Standard: heute."
    )

    validate_bezirk = BudgetFilter.validate_bezirk


class ProjectFilter(YearFilter):
    bezirk = serializers.IntegerField(
        required=False, min_value=1, max_value=99, help_text="Nummer des Stadtbezirks (1–9)."
    )
    status = serializers.ChoiceField(
        required=False, choices=ProjectStatus.choices, help_text="Stand des Projekts."
    )

    validate_bezirk = BudgetFilter.validate_bezirk


class IndicatorFilter(serializers.Serializer):
    """The steering pages' filter (``teilhabe.steering.scope``): period and area."""

    von = IsoDateField(
        required=False, help_text="Erster Tag des Zeitraums (ISO); Standard wie auf der Seite."
    )
    bis = IsoDateField(required=False, help_text="Letzter Tag des Zeitraums (ISO).")
    bezirk = serializers.IntegerField(
        required=False, min_value=1, max_value=99, help_text="Nummer des Stadtbezirks (1–9)."
    )
    stadtteil = serializers.UUIDField(
        required=False, help_text="Kennung eines Stadtteils (Zeilenschlüssel der Stadtteile)."
    )

    validate_bezirk = BudgetFilter.validate_bezirk
