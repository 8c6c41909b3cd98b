"""Retention: first report what has expired, then (with --apply) delete or anonymise it."""

import datetime

from django.core.management.base import BaseCommand

from teilhabe.cases.retention import retention_apply, retention_days, retention_report


class Command(BaseCommand):
    help = "Report expired case data; with --apply delete or anonymise it (audited)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="delete/anonymise after the report"
        )
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="pretend date (YYYY-MM-DD)"
        )

    def handle(self, *args, apply=False, today=None, **options):
        report = retention_report(today=today)
        self.stdout.write(
            f"Retention report for {report.today} (periods in days: {retention_days()})"
        )
        for key, n in report.counts().items():
            self.stdout.write(f"  {key}: {n} expired")
        if not apply:
            self.stdout.write("Nothing changed. Run with --apply to delete/anonymise.")
            return
        done = retention_apply(report=report)
        self.stdout.write(self.style.SUCCESS(f"Done: {done}"))
