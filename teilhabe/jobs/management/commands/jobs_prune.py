from django.core.management.base import BaseCommand

from teilhabe.jobs.services import jobs_prune


class Command(BaseCommand):
    help = "Delete finished jobs (and their files) and sent-mail keys older than JOBS_KEEP_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        count = jobs_prune(days=days)
        self.stdout.write(f"{count} jobs deleted.")
