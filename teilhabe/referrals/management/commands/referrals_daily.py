from django.core.management.base import BaseCommand

from teilhabe.referrals.notifications import send_digests
from teilhabe.referrals.services import referrals_remind_overdue


class Command(BaseCommand):
    help = (
        "Daily run for referrals: remind receivers of overdue referrals, escalate to team leads, "
        "queue the e-mail digests. Schedule it once a day (cron or systemd timer)."
    )

    def handle(self, *args, **options):
        result = referrals_remind_overdue()
        send_digests.enqueue()
        self.stdout.write(
            f"Erinnerungen: {result.reminded}, Eskalationen: {result.escalated}; "
            "Sammelmails eingereiht."
        )
