from django.conf import settings
from django.core.management.base import BaseCommand

from teilhabe.access.roles import Role
from teilhabe.scenario import scenario_folder
from teilhabe.scenario.loading import scenario_load


class Command(BaseCommand):
    help = (
        "Load (or update) a scenario (default: the SCENARIO setting): geography, organisations, "
        "council decisions, positions, budgets."
    )
    scenario: str | None = None

    def add_arguments(self, parser):
        if self.scenario is None:
            parser.add_argument(
                "--scenario", help="Scenario folder name or path (default: SCENARIO)."
            )
        parser.add_argument(
            "--no-demo-users",
            action="store_true",
            help="Do not create demo users (never created when DEBUG is off).",
        )

    def handle(self, *args, **options):
        demo = settings.DEBUG and not options["no_demo_users"]
        result = scenario_load(
            folder=scenario_folder(self.scenario or options.get("scenario")),
            demo_password=settings.DEMO_PASSWORD if demo else None,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.municipality}: {result.boroughs} Stadtbezirke, "
                f"{result.districts} Stadtteile, {result.organisations} Organisationen, "
                f"{result.positions} Planstellen, Ratsbeschlüsse: {result.decisions}."
            )
        )
        if result.demo_users:
            labels = dict(Role.choices)
            self.stdout.write(
                "\nDemo-Zugänge (nur mit DEBUG=1), Passwort für alle: " + settings.DEMO_PASSWORD
            )
            for email, role, org in result.demo_users:
                self.stdout.write(f"  {email:48} {labels[role]!s:28} {org}")
