"""Load the demo households of the Essen scenario (after load_essen with demo users)."""

from django.core.management.base import BaseCommand

from teilhabe.cases.demo import cases_demo_load


class Command(BaseCommand):
    help = "Create the demo households of teilhabe/scenario/data/essen/cases.toml (idempotent)."

    def handle(self, *args, **options):
        n = cases_demo_load()
        self.stdout.write(self.style.SUCCESS(f"{n} demo household(s) created."))
