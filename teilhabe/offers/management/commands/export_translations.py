from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teilhabe.offers.services import OfferError
from teilhabe.offers.translations import translations_export


class Command(BaseCommand):
    help = "Write a CSV of all published offers for translators into one language."

    def add_arguments(self, parser):
        parser.add_argument("language", help="ar, fa, uk, ru, tr or en")
        parser.add_argument("file")
        parser.add_argument("--only-open", action="store_true", help="Missing or outdated only.")

    def handle(self, *args, language, file, only_open, **options):
        try:
            text = translations_export(language=language, only_open=only_open)
        except OfferError as exc:
            raise CommandError(str(exc)) from None
        Path(file).write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Geschrieben: {file}"))
