"""``manage.py opendata_publish``: build and store the open-data files (daily from cron or a
systemd timer). Idempotent: unchanged files are not written again.

``--queue --user EMAIL`` hands the work to the worker as a job of that user (an administrator)
instead, with its progress on the job page.
"""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Build and store the open-data files and their DCAT-AP.de catalogue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Queue a job for the worker instead."
        )
        parser.add_argument("--user", help="E-mail of the administrator the job belongs to.")

    def handle(self, *args, queue=False, user=None, **options):
        from teilhabe.opendata.services import opendata_publish, opendata_publish_start

        if queue:
            from django.contrib.auth import get_user_model
            from django.core.exceptions import PermissionDenied

            account = get_user_model().objects.filter(email__iexact=user or "").first()
            if account is None:
                raise CommandError("--queue needs --user with the e-mail of an administrator.")
            try:
                job = opendata_publish_start(user=account)
            except PermissionDenied:
                raise CommandError(f"{user} may not manage background tasks.") from None
            self.stdout.write(f"Auftrag {job.code} eingereiht.")
            return

        def progress(done, total, message):
            if options["verbosity"] > 1:
                self.stdout.write(f"[{done}/{total}] {message}")

        result = opendata_publish(progress=progress)
        self.stdout.write(
            f"Offene Daten: {len(result.written)} Dateien geschrieben, "
            f"{len(result.unchanged)} unverändert."
        )
