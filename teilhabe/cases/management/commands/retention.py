"""Retention: first report what has expired, then (with --apply) delete or anonymise it."""

import datetime

from django.core.management.base import BaseCommand

from teilhabe.access import SYSTEM
from teilhabe.cases.retention import retention_apply, retention_days, retention_report

# What each part of the report is, in the operator's words (German, like every output).
PARTS = {
    "notes": "Gesprächsnotizen",
    "appointments": "Termine",
    "deadlines": "Fristen",
    "documents": "Dokumente",
    "households": "Haushalte",
    "persons": "Personen",
    "registrations": "Anmeldeanfragen aus dem Angebotsfinder",
}


def _part(key: str) -> str:
    return PARTS.get(key, key)


class Command(BaseCommand):
    help = (
        "Zeigt, welche Falldaten ihre Aufbewahrungsfrist überschritten haben; mit --apply werden "
        "sie gelöscht oder anonymisiert (protokolliert)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="nach dem Bericht löschen bzw. anonymisieren"
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="angenommenes Datum (JJJJ-MM-TT), zum Ausprobieren",
        )

    def handle(self, *args, apply=False, today=None, **options):
        report = retention_report(today=today)
        periods = ", ".join(f"{_part(k)} {v}" for k, v in retention_days().items())
        self.stdout.write(
            f"Aufbewahrungsbericht für den {report.today:%d.%m.%Y} (Fristen in Tagen: {periods})"
        )
        for key, n in report.counts().items():
            self.stdout.write(f"  {_part(key)}: {n} abgelaufen")
        if not apply:
            self.stdout.write("Nichts geändert. Mit --apply wird gelöscht bzw. anonymisiert.")
            return
        done = retention_apply(user=SYSTEM, report=report)
        summary = ", ".join(f"{_part(k)}: {n}" for k, n in done.items())
        self.stdout.write(self.style.SUCCESS(f"Erledigt – {summary}"))
