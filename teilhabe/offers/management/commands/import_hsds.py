import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teilhabe.access import SYSTEM
from teilhabe.offers.hsds.importer import hsds_import


class Command(BaseCommand):
    help = "Import an HSDS 3.0 service list (JSON). Checks everything first; --write to store."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--write", action="store_true", help="Store (default: dry run).")

    def handle(self, *args, file, write, **options):
        try:
            document = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"Die Datei {file} ist kein lesbares JSON: {exc}") from None
        result = hsds_import(user=SYSTEM, document=document, dry_run=not write)
        if not result.ok:
            raise CommandError("Nichts importiert:\n" + "\n".join(result.errors[:50]))
        if write:
            self.stdout.write(
                self.style.SUCCESS(f"{result.created} neu, {result.updated} aktualisiert.")
            )
        else:
            self.stdout.write(f"Probelauf: {len(result.services)} Services sind gültig.")
