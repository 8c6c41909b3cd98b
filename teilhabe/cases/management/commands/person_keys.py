"""Recompute the name keys of all persons (after the key rules or the table of equivalent
names, teilhabe/cases/data/name_equivalents.toml, changed). Idempotent; make run calls it.
The system runs it, through the audited service ``person_keys_update``."""

from django.core.management.base import BaseCommand

from teilhabe.access import SYSTEM
from teilhabe.cases.services import person_keys_update


class Command(BaseCommand):
    help = (
        "Berechnet die Namensschlüssel aller Personen neu (nach Änderungen der Tabelle "
        "gleichwertiger Namen); ändert nur, was sich geändert hat."
    )

    def handle(self, *args, **options):
        n = person_keys_update(user=SYSTEM)
        if options["verbosity"] or n:
            self.stdout.write(self.style.SUCCESS(f"Namensschlüssel neu berechnet: {n} Personen."))
