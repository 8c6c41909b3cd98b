from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teilhabe.access import SYSTEM
from teilhabe.offers.services import OfferError
from teilhabe.offers.translations import translations_import


class Command(BaseCommand):
    help = "Import translators' CSV for one language; checks everything first, --write stores."

    def add_arguments(self, parser):
        parser.add_argument("language")
        parser.add_argument("file")
        parser.add_argument("--write", action="store_true")

    def handle(self, *args, language, file, write, **options):
        try:
            result = translations_import(
                user=SYSTEM, language=language, content=Path(file).read_bytes(), dry_run=not write
            )
        except (OfferError, OSError) as exc:
            raise CommandError(str(exc)) from None
        if not result.ok:
            raise CommandError("Nichts importiert:\n" + "\n".join(result.errors))
        verb = "gespeichert" if write else "gültig (Probelauf)"
        self.stdout.write(self.style.SUCCESS(f"{result.saved} Übersetzungen {verb}."))
