"""Serializers of the controlling API: rows as the screens show them, money as strings with two
decimal places (exact cents; ``pandas.to_numeric`` or Excel read them as numbers)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from teilhabe.finance.models import BudgetLine, BudgetLineKind


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", help_text="Kennung der Organisation.")
    name = serializers.CharField(help_text="Name der Organisation.")


class BoroughRefSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="Nummer des Stadtbezirks (1 = Bezirk I).")
    name = serializers.CharField(help_text="Name des Stadtbezirks.")


class FundingSourceRefSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Schlüssel der Deckung (Filter `funding_source`).")
    name = serializers.CharField(help_text="Name der Deckung.")


def _money(help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, help_text=help_text
    )


OPEN_HELP = "Offen (€): gebunden, aber noch nicht ausgezahlt."


class BudgetLineSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="code", help_text="Kennung des Haushaltsansatzes.")
    key = serializers.CharField(help_text="Schlüssel des Haushaltsansatzes.")
    name = serializers.CharField(help_text="Bezeichnung des Haushaltsansatzes.")
    kind = serializers.ChoiceField(
        choices=BudgetLineKind.choices, help_text="Art des Ansatzes (Schlüssel)."
    )
    kind_label = serializers.CharField(
        source="get_kind_display", help_text="Art des Ansatzes in Worten."
    )
    fiscal_year = serializers.IntegerField(source="fiscal_year.year", help_text="Haushaltsjahr.")
    funding_source = FundingSourceRefSerializer(help_text="Deckung (woher das Geld kommt).")
    organisation = OrganisationRefSerializer(
        help_text="Organisation, die den Ansatz bewirtschaftet."
    )
    borough = BoroughRefSerializer(
        allow_null=True, help_text="Stadtbezirk des Ansatzes; null bei stadtweiten Ansätzen."
    )
    planned = _money("Ursprünglich geplant (€).")
    amount = _money("Aktueller Ansatz (€) nach allen Änderungen.")
    committed = _money("Gebunden (bewilligt) (€).")
    paid = _money("Ausgezahlt (€).")
    available = _money("Verfügbar (€): Ansatz minus gebunden.")
    open = serializers.SerializerMethodField(help_text=OPEN_HELP)

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "key",
            "name",
            "kind",
            "kind_label",
            "fiscal_year",
            "funding_source",
            "organisation",
            "borough",
            "planned",
            "amount",
            "committed",
            "paid",
            "available",
            "open",
        ]

    @extend_schema_field(_money(OPEN_HELP))
    def get_open(self, line) -> str:
        return f"{line.committed - line.paid:.2f}"


class MoneyRowSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="Bezeichnung der Zeile (Deckung, Bezirk, Gesamt).")
    amount = _money("Ansatz (€).")
    committed = _money("Gebunden (€).")
    paid = _money("Ausgezahlt (€).")
    available = _money("Verfügbar (€): Ansatz minus gebunden.")
    open = _money("Offen (€): gebunden, aber noch nicht ausgezahlt.")


class BudgetSummarySerializer(serializers.Serializer):
    total = MoneyRowSerializer(help_text="Summe aller sichtbaren Ansätze.")
    by_funding_source = MoneyRowSerializer(many=True, help_text="Je Deckung.")
    by_bezirk = MoneyRowSerializer(many=True, help_text="Je Stadtbezirk (nur Bezirksansätze).")
