from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teilhabe.offers.hsds.export import export_json, services
from teilhabe.offers.hsds.validation import errors
from teilhabe.offers.models import PUBLIC_LANGUAGE_CODES


class Command(BaseCommand):
    help = "Write the published offers as an HSDS 3.0 service list (JSON), checked strictly."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Target file (- for standard output)")
        parser.add_argument(
            "--lang",
            default="de",
            choices=PUBLIC_LANGUAGE_CODES,
            help="Language of the texts; untranslated fields stay German and are listed as "
            "'untranslated_field' attributes of each service",
        )

    def handle(self, *args, file, lang, **options):
        problems = [
            f"{s['name']}: {e}"
            for s in services(lang=lang)
            for e in errors(s, "service", strict=True)
        ]
        if problems:
            raise CommandError("Der Export entspricht nicht HSDS 3.0:\n" + "\n".join(problems[:20]))
        text = export_json(lang=lang)
        if file == "-":
            self.stdout.write(text)
        else:
            Path(file).write_text(text, encoding="utf-8")
            self.stderr.write(self.style.SUCCESS(f"HSDS-Export geschrieben: {file}"))
