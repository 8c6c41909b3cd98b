"""``manage.py steering_refresh``: rebuild the rollups of the steering figures (from cron or a
systemd timer; idempotent). ``--queue --user EMAIL`` hands it to the worker as a job."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Rebuild the rollups the steering pages read (or queue a job for the worker)."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Queue a job instead.")
        parser.add_argument("--user", help="E-mail of the administrator the job belongs to.")
        parser.add_argument(
            "--only",
            action="append",
            metavar="NAME",
            help="Rebuild only this rollup (casework, barriers, milestones, referrals, daily); "
            "may be given more than once. Not with --queue.",
        )

    def handle(self, *args, queue=False, user=None, only=None, **options):
        from teilhabe.steering.rollups import ROLLUPS, rollups_refresh, rollups_refresh_start

        unknown = sorted(set(only or []) - set(ROLLUPS))
        if unknown:
            raise CommandError(f"Unbekannte Rollups: {', '.join(unknown)}")

        if queue:
            from django.contrib.auth import get_user_model
            from django.core.exceptions import PermissionDenied

            account = get_user_model().objects.filter(email__iexact=user or "").first()
            if account is None:
                raise CommandError("--queue braucht --user mit der E-Mail einer Administration.")
            try:
                job = rollups_refresh_start(user=account)
            except PermissionDenied:
                raise CommandError(f"{user} darf keine Hintergrundaufgaben starten.") from None
            self.stdout.write(f"Auftrag {job.code} eingereiht.")
            return
        for name, r in rollups_refresh(only=only).items():
            self.stdout.write(f"{name}: {r['rows']} Zeilen in {r['seconds']} s")
