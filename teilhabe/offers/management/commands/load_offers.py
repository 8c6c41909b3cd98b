from django.core.management.base import BaseCommand

from teilhabe.offers.services import ESSEN, offers_demo_load


class Command(BaseCommand):
    help = "Load (or update) the Essen demo offers directory, Kitas and schools (after load_essen)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-standard-system", action="store_true", help="Skip Kitas and schools."
        )

    def handle(self, *args, **options):
        result = offers_demo_load(
            folder=ESSEN, standard_system=not options["without_standard_system"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Angebote: {result.categories} Kategorien, {result.locations} Orte, "
                f"{result.offers} Angebote, {result.standard_locations} Kitas und Schulen."
            )
        )
