"""``manage.py api_token``: issue, list and revoke tokens of the controlling API (operator).

    manage.py api_token create --organisation bezirksstelle-1 --role borough_coordinator \\
        --name "Excel Bezirk I" [--days 90]
    manage.py api_token list [--all]
    manage.py api_token revoke <id>

The command acts as the system (no person); issue and revocation are audited like on the page
``/api-zugaenge/``. The token is printed once and never stored.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "API-Tokens der Controlling-Schnittstelle ausstellen, auflisten, widerrufen."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="command", required=True)
        create = sub.add_parser("create", help="Ein Token ausstellen (wird einmal angezeigt).")
        create.add_argument("--organisation", required=True, help="Schlüssel der Organisation.")
        create.add_argument("--role", required=True, help="Rolle, z. B. borough_coordinator.")
        create.add_argument("--name", required=True, help="Wofür das Token ist.")
        create.add_argument("--days", type=int, default=90, help="Gültigkeit (1–365, Standard 90).")
        listing = sub.add_parser("list", help="Tokens auflisten.")
        listing.add_argument("--all", action="store_true", help="Auch widerrufene und abgelaufene.")
        revoke = sub.add_parser("revoke", help="Ein Token widerrufen.")
        revoke.add_argument("code", help="Kennung des Tokens (Spalte ID von list).")

    def handle(self, *args, command, **options):
        return getattr(self, f"_{command}")(**options)

    def _create(self, *, organisation, role, name, days, **_options):
        from teilhabe.access import SYSTEM
        from teilhabe.api.controlling.services import api_token_create, token_roles
        from teilhabe.organisations.models import Organisation

        org = Organisation.objects.filter(key=organisation).first()
        if org is None:
            raise CommandError(f"Keine Organisation mit dem Schlüssel „{organisation}“.")
        try:
            token, raw = api_token_create(SYSTEM, organisation=org, role=role, name=name, days=days)
        except ValidationError as exc:
            if "role" in exc.message_dict:
                raise CommandError(
                    f"Die Rolle „{role}“ sieht keine Zahlen der Schnittstelle. "
                    f"Möglich: {', '.join(token_roles())}."
                ) from None
            if "days" in exc.message_dict:
                raise CommandError("Ein Token gilt mindestens 1 und höchstens 365 Tage.") from None
            raise CommandError("Bitte geben Sie dem Token einen Namen.") from None
        self.stdout.write(f"Token „{token.name}“ ausgestellt (ID {token.code}).")
        self.stdout.write(f"Organisation: {org.name}; Rolle: {token.get_role_display()}")
        self.stdout.write(f"Gültig bis: {timezone.localtime(token.expires_at):%d.%m.%Y %H:%M}")
        self.stdout.write("Das Token wird nur jetzt angezeigt:")
        self.stdout.write(raw)

    def _list(self, *, all=False, **_options):
        from teilhabe.api.controlling.models import ApiToken

        tokens = ApiToken.objects.select_related("organisation").order_by("-created_at")
        if not all:
            tokens = tokens.in_force()
        rows = list(tokens)
        if not rows:
            self.stdout.write("Keine Tokens.")
            return
        self.stdout.write("ID\tAnfang\tName\tOrganisation\tRolle\tStatus\tzuletzt genutzt")
        for t in rows:
            if t.revoked_at:
                status = f"widerrufen {timezone.localtime(t.revoked_at):%d.%m.%Y}"
            elif t.is_expired:
                status = f"abgelaufen {timezone.localtime(t.expires_at):%d.%m.%Y}"
            else:
                status = f"gültig bis {timezone.localtime(t.expires_at):%d.%m.%Y}"
            used = f"{timezone.localtime(t.last_used_at):%d.%m.%Y %H:%M}" if t.last_used_at else "–"
            self.stdout.write(
                f"{t.code}\t{t.prefix}…\t{t.name}\t{t.organisation.name}\t{t.role}\t{status}\t{used}"
            )

    def _revoke(self, *, code, **_options):
        from teilhabe.access import SYSTEM
        from teilhabe.api.controlling.models import ApiToken
        from teilhabe.api.controlling.services import api_token_revoke

        try:
            token = ApiToken.objects.filter(code=code).first()
        except ValidationError:
            token = None
        if token is None:
            raise CommandError(f"Kein Token mit der ID „{code}“.")
        if token.revoked_at:
            self.stdout.write(f"Token „{token.name}“ war bereits widerrufen.")
            return
        api_token_revoke(SYSTEM, token)
        self.stdout.write(f"Token „{token.name}“ widerrufen.")
