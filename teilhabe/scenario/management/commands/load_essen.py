from django.conf import settings
from django.core.management.base import BaseCommand

from teilhabe.access.roles import Role
from teilhabe.scenario.services import ESSEN, scenario_load


class Command(BaseCommand):
    help = "Load (or update) the Essen scenario: geography, organisations, council decision, positions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo-users",
            action="store_true",
            help="Do not create demo users (never created when DEBUG is off).",
        )

    def handle(self, *args, **options):
        demo = settings.DEBUG and not options["no_demo_users"]
        result = scenario_load(folder=ESSEN, demo_password=settings.DEMO_PASSWORD if demo else None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Essen: {result.boroughs} Stadtbezirke, {result.districts} Stadtteile, "
                f"{result.organisations} Organisationen, {result.decisions} Ratsbeschluss, "
                f"{result.positions} Planstellen."
            )
        )
        if result.demo_users:
            labels = dict(Role.choices)
            self.stdout.write(
                "\nDemo-Zugänge (nur mit DEBUG=1), Passwort für alle: " + settings.DEMO_PASSWORD
            )
            for email, role, org in result.demo_users:
                self.stdout.write(f"  {email:48} {labels[role]!s:28} {org}")
