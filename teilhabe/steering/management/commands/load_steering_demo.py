"""Load a year of demo history for the steering charts (after load_essen and load_offers)."""

from django.core.management.base import BaseCommand

from teilhabe.steering.demo import steering_demo_load


class Command(BaseCommand):
    help = "Create a year of demo case-work history (steering_history.toml; idempotent)."

    def handle(self, *args, **options):
        from teilhabe.steering.rollups import rollups_refresh

        n = steering_demo_load()
        self.stdout.write(self.style.SUCCESS(f"{n} Haushalte mit Verlauf angelegt."))
        for name, r in rollups_refresh().items():  # the pages read the rollups
            self.stdout.write(f"{name}: {r['rows']} Zeilen in {r['seconds']} s")
