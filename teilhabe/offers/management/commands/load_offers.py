from django.core.management.base import BaseCommand

from teilhabe.offers.loading import offers_demo_load
from teilhabe.scenario import scenario_folder


class Command(BaseCommand):
    help = (
        "Load (or update) the scenario's demo offers directory, Kitas and schools "
        "(after load_scenario)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scenario", help="Scenario folder name or path (default: SCENARIO).")
        parser.add_argument(
            "--without-standard-system", action="store_true", help="Skip Kitas and schools."
        )

    def handle(self, *args, **options):
        result = offers_demo_load(
            folder=scenario_folder(options["scenario"]),
            standard_system=not options["without_standard_system"],
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Angebote: {result.categories} Kategorien, {result.locations} Orte, "
                f"{result.offers} Angebote, {result.standard_locations} Kitas und Schulen."
            )
        )
