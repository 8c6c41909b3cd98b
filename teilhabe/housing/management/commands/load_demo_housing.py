from django.core.management.base import BaseCommand

from teilhabe.housing.loading import housing_demo_load


class Command(BaseCommand):
    help = (
        "Load the demo shelters and a year of housing history of the scenario "
        "(housing.toml of the SCENARIO folder; idempotent)."
    )

    def handle(self, *args, **options):
        r = housing_demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Unterkünfte: {r.shelters}, neue Haushalte: {r.households}, "
                f"Personen: {r.persons}, Umzüge in Wohnungen: {r.moves}."
            )
        )
