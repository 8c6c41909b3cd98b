from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from teilhabe.access.docs import BEGIN, END, render_table

DOC = Path(settings.BASE_DIR) / "docs" / "access-control.md"


class Command(BaseCommand):
    help = "Print the role → permission table, or write it into docs/access-control.md (--write)."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true")

    def handle(self, *args, **options):
        table = render_table()
        if not options["write"]:
            self.stdout.write(table)
            return
        text = DOC.read_text(encoding="utf-8")
        start, end = text.index(BEGIN), text.index(END) + len(END)
        DOC.write_text(text[:start] + table + text[end:], encoding="utf-8")
        self.stdout.write(f"updated {DOC}")
