from django.core.management.base import BaseCommand

from teilhabe.housing.services import housing_daily


class Command(BaseCommand):
    help = (
        "Daily run of housing and residence: deadlines for expiring residence titles, "
        "§ 12a flags, escalation of close legal-remedy deadlines to team leads. Schedule it "
        "once a day (cron or systemd timer); running it twice does no harm."
    )

    def handle(self, *args, **options):
        r = housing_daily()
        self.stdout.write(
            f"Fristen für Aufenthaltstitel: {r.title_deadlines}, "
            f"Wohnsitzauflagen markiert: {r.obligations_flagged}, "
            f"Eskalationen: {r.escalated}."
        )
