from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teilhabe.geography.services import GeographyError, geography_load


class Command(BaseCommand):
    help = (
        "Load a city's boroughs (Stadtbezirke) and districts (Stadtteile) from two GeoJSON files. "
        "Idempotent; property names are configurable so any city's data can be used."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--city", required=True, help="Name of the municipality (as the scenario names it)"
        )
        parser.add_argument("--boroughs", required=True, type=Path, help="GeoJSON of the boroughs")
        parser.add_argument(
            "--districts", required=True, type=Path, help="GeoJSON of the districts"
        )
        parser.add_argument("--official-key", default="", help="Amtlicher Gemeindeschlüssel")
        parser.add_argument("--state", default="")
        parser.add_argument(
            "--borough-number", default="number", help="property with the borough number"
        )
        parser.add_argument("--borough-name", default="name")
        parser.add_argument("--borough-roman", default="roman")
        parser.add_argument("--district-name", default="name")
        parser.add_argument(
            "--district-borough",
            default="bezirk",
            help="property of a district naming its borough number",
        )
        parser.add_argument("--district-number", default=None)

    def handle(self, *args, **o):
        try:
            result = geography_load(
                municipality_name=o["city"],
                boroughs_file=o["boroughs"],
                districts_file=o["districts"],
                official_key=o["official_key"],
                state=o["state"],
                borough_number=o["borough_number"],
                borough_name=o["borough_name"],
                borough_roman=o["borough_roman"],
                district_name=o["district_name"],
                district_borough=o["district_borough"],
                district_number=o["district_number"],
            )
        except GeographyError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.municipality}: {result.boroughs} Stadtbezirke, {result.districts} Stadtteile geladen."
            )
        )
