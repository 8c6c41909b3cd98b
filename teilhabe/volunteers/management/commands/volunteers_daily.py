"""Daily work of the volunteer contact point, for the operator's scheduler (cron or a systemd
timer): reminders before requirements are due. The worker (``manage.py db_worker``) sends."""

from django.core.management.base import BaseCommand

from teilhabe.volunteers.tasks import remind_requirements


class Command(BaseCommand):
    help = "Enqueue the reminders before police certificates (and other requirements) are due."

    def handle(self, *args, **options):
        result = remind_requirements.enqueue()
        self.stdout.write(f"enqueued {result.id}")
