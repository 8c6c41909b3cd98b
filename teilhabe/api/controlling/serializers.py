"""Serializers of the controlling API: rows as the screens show them, money as strings with two
decimal places (exact cents; ``pandas.to_numeric`` or Excel read them as numbers)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from teilhabe.finance.models import (
    BudgetLine,
    BudgetLineKind,
    MovementKind,
    PositionFunction,
    ProjectStatus,
)


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


class LineRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", help_text="Kennung des Haushaltsansatzes.")
    name = serializers.CharField(help_text="Bezeichnung des Haushaltsansatzes.")
    fiscal_year = serializers.IntegerField(source="fiscal_year.year", help_text="Haushaltsjahr.")


class CommitmentSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", help_text="Kennung der Bewilligung.")
    number = serializers.CharField(help_text="Aktenzeichen der Bewilligung.")
    purpose = serializers.CharField(help_text="Zweck.")
    committed_on = serializers.DateField(help_text="Datum der Bewilligung.")
    budget_line = LineRefSerializer(source="line", help_text="Haushaltsansatz, aus dem bewilligt.")
    organisation = OrganisationRefSerializer(help_text="Empfangende Organisation.")
    borough = BoroughRefSerializer(allow_null=True, help_text="Stadtbezirk; null: stadtweit.")
    original_amount = _money("Ursprünglich bewilligt (€).")
    amount = _money("Aktuell bewilligt (€) nach Kürzungen.")
    paid = _money("Ausgezahlt (€), abzüglich Rückzahlungen.")
    open = serializers.SerializerMethodField(help_text=OPEN_HELP)

    @extend_schema_field(_money(OPEN_HELP))
    def get_open(self, commitment) -> str:
        return f"{commitment.open_amount:.2f}"


class CommitmentRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", help_text="Kennung der Bewilligung.")
    number = serializers.CharField(help_text="Aktenzeichen der Bewilligung.")


class PaymentSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", help_text="Kennung der Buchung.")
    kind = serializers.ChoiceField(
        choices=MovementKind.choices,
        help_text="payment = Auszahlung, repayment = Rückzahlung, cancellation = Kürzung.",
    )
    kind_label = serializers.CharField(source="get_kind_display", help_text="Art in Worten.")
    amount = _money("Betrag (€), immer positiv.")
    booked_on = serializers.DateField(help_text="Buchungsdatum.")
    commitment = CommitmentRefSerializer(help_text="Bewilligung, auf die gebucht wurde.")
    organisation = OrganisationRefSerializer(
        source="commitment.organisation", help_text="Empfangende Organisation."
    )
    fiscal_year = serializers.IntegerField(
        source="commitment.line.fiscal_year.year", help_text="Haushaltsjahr."
    )


class OrganisationMoneySerializer(serializers.Serializer):
    organisation_id = serializers.UUIDField(source="code", help_text="Kennung der Organisation.")
    label = serializers.CharField(help_text="Name der Organisation.")
    amount = _money("Bewilligt (€).")
    paid = _money("Ausgezahlt (€).")
    open = _money(OPEN_HELP)


class MonthMoneySerializer(serializers.Serializer):
    month = serializers.DateField(help_text="Erster Tag des Monats.")
    committed = _money("Im Monat neu bewilligt (€, ursprüngliche Beträge).")
    paid = _money("Im Monat ausgezahlt (€).")
    repaid = _money("Im Monat zurückgezahlt (€).")
    cancelled = _money("Im Monat gekürzt (€).")


class CommitmentSummarySerializer(serializers.Serializer):
    by_organisation = OrganisationMoneySerializer(many=True, help_text="Je Organisation.")
    by_month = MonthMoneySerializer(many=True, help_text="Je Monat.")


class PositionSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="position.code", help_text="Kennung der Planstelle.")
    key = serializers.CharField(source="position.key", help_text="Schlüssel der Planstelle.")
    title = serializers.CharField(source="position.title", help_text="Bezeichnung.")
    function = serializers.ChoiceField(
        source="position.function", choices=PositionFunction.choices, help_text="Funktion."
    )
    organisation = OrganisationRefSerializer(
        source="position.organisation", help_text="Anstellungsträger."
    )
    borough = BoroughRefSerializer(
        source="position.borough", allow_null=True, help_text="Stadtbezirk; null: stadtweit."
    )
    fte = serializers.DecimalField(
        source="position.fte", max_digits=4, decimal_places=2, help_text="Stellenanteil (VZÄ)."
    )
    pay_group = serializers.CharField(source="position.pay_group", help_text="Entgeltgruppe.")
    filled = serializers.SerializerMethodField(help_text="Am Stichtag besetzt.")
    vacant_since = serializers.DateField(
        allow_null=True, help_text="Unbesetzt seit (null: besetzt oder nie besetzt)."
    )
    vacant_days = serializers.IntegerField(allow_null=True, help_text="Tage unbesetzt.")
    annual_cost = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        help_text="Jahreskosten (€) nach Personalkostentabelle × VZÄ; null ohne Tabelle.",
    )

    def get_filled(self, row) -> bool:
        return row.holder is not None


class PositionGroupSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="Stadtbezirk bzw. Organisation.")
    count = serializers.IntegerField(help_text="Planstellen.")
    vacant = serializers.IntegerField(help_text="Davon am Stichtag unbesetzt.")
    fte = serializers.DecimalField(max_digits=8, decimal_places=2, help_text="Summe VZÄ.")
    annual_cost = _money("Jahreskosten (€).")


class PositionSummarySerializer(serializers.Serializer):
    by_bezirk = PositionGroupSerializer(many=True, help_text="Je Stadtbezirk.")
    by_organisation = PositionGroupSerializer(many=True, help_text="Je Organisation.")


class ProjectSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", help_text="Kennung des Projekts.")
    title = serializers.CharField(help_text="Titel.")
    status = serializers.ChoiceField(choices=ProjectStatus.choices, help_text="Stand.")
    status_label = serializers.CharField(source="get_status_display", help_text="Stand in Worten.")
    fiscal_year = serializers.IntegerField(
        source="round.fiscal_year.year", help_text="Haushaltsjahr der Antragsrunde."
    )
    organisation = OrganisationRefSerializer(help_text="Antragstellende Organisation.")
    borough = BoroughRefSerializer(help_text="Stadtbezirk.")
    starts_on = serializers.DateField(help_text="Projektbeginn.")
    ends_on = serializers.DateField(help_text="Projektende.")
    total_cost = _money("Gesamtkosten laut Antrag (€).")
    requested = _money("Beantragt (€).")
    approved_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="Bewilligt (€); null: offen."
    )
    decided_on = serializers.DateField(allow_null=True, help_text="Datum der Entscheidung.")
    file_number = serializers.CharField(
        allow_null=True, help_text="Aktenzeichen; null oder leer vor der Entscheidung."
    )
    commitment = CommitmentRefSerializer(allow_null=True, help_text="Bewilligung im Haushalt.")
    actual_cost = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        help_text="Ist-Kosten laut Verwendungsnachweis (€).",
    )
    participants = serializers.IntegerField(
        allow_null=True, help_text="Teilnehmende laut Nachweis."
    )
    reported_on = serializers.DateField(
        allow_null=True, help_text="Verwendungsnachweis eingegangen am."
    )
    closed_on = serializers.DateField(allow_null=True, help_text="Abgeschlossen am.")


class IndicatorColumnSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Schlüssel der Spalte.")
    label = serializers.CharField(help_text="Bezeichnung der Spalte.")
    kind = serializers.CharField(
        help_text="count (Anzahl, klein verdeckt), share (Prozent), median, p75, money (€), "
        "number, text."
    )


class IndicatorCellSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="Wie auf der Seite, z. B. „< 5“ für verdeckt.")
    value = serializers.JSONField(
        allow_null=True, help_text="Zahl (Geld als Zeichenkette mit zwei Stellen); null: verdeckt."
    )
    hidden = serializers.BooleanField(help_text="Wegen kleiner Zahlen verdeckt.")


class IndicatorRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Schlüssel der Zeile (z. B. Kennung des Stadtteils).")
    label = serializers.CharField(help_text="Bezeichnung der Zeile.")
    cells = IndicatorCellSerializer(many=True, help_text="Eine Zelle je Spalte.")


class IndicatorTableSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Schlüssel der Tabelle.")
    title = serializers.CharField(help_text="Titel der Tabelle.")
    columns = IndicatorColumnSerializer(many=True, help_text="Spalten.")
    rows = IndicatorRowSerializer(many=True, help_text="Zeilen.")
    total = IndicatorRowSerializer(allow_null=True, help_text="Summenzeile; null: keine.")


class IndicatorPageSerializer(serializers.Serializer):
    topic = serializers.CharField(help_text="Thema (wie die Seite unter /steuerung/).")
    title = serializers.CharField(help_text="Titel des Themas.")
    area = serializers.CharField(help_text="Gebiet: ganze Stadt, Stadtbezirk oder Stadtteil.")
    von = serializers.DateField(help_text="Erster Tag des Zeitraums.")
    bis = serializers.DateField(help_text="Letzter Tag des Zeitraums.")
    threshold = serializers.IntegerField(
        help_text="Kleinzahlgrenze: Anzahlen unter diesem Wert (außer 0) sind verdeckt."
    )
    tables = IndicatorTableSerializer(many=True, help_text="Tabellen, Verdeckung aufgelöst.")
