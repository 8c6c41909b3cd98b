"""Load the demo households of the scenario (after load_scenario with demo users)."""

from django.core.management.base import BaseCommand

from teilhabe.cases.loading import cases_demo_load
from teilhabe.scenario import scenario_folder


class Command(BaseCommand):
    help = "Create the demo households of the scenario's cases.toml (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--scenario", help="Scenario folder name or path (default: SCENARIO).")

    def handle(self, *args, **options):
        n = cases_demo_load(folder=scenario_folder(options["scenario"]))
        self.stdout.write(self.style.SUCCESS(f"Demo-Haushalte angelegt: {n}."))
