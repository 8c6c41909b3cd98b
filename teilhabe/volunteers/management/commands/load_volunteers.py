"""Create a contact point for every organisation with a volunteer coordinator (idempotent)."""

from django.core.management.base import BaseCommand

from teilhabe.volunteers.services import contact_points_ensure


class Command(BaseCommand):
    help = "Create the contact points for volunteers of the organisations that coordinate them."

    def handle(self, *args, **options):
        for point in contact_points_ensure():
            self.stdout.write(f"{point.name}")
