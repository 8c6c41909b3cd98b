"""``runserver`` for ``make run``: Django's development server (with static files), but it
speaks German to the person starting it — the rest of ``make run`` does too."""

from __future__ import annotations

import sys

from django.contrib.staticfiles.management.commands.runserver import Command as StaticRunserver


class Command(StaticRunserver):
    def inner_run(self, *args, **options):
        if not options["skip_checks"]:
            # The checks print only what they find; Django's "Performing system checks…" is left out.
            self.check(display_num_errors=False)
        options["skip_checks"] = True
        super().inner_run(*args, **options)

    def on_bind(self, server_port):
        if self._raw_ipv6:
            addr = f"[{self.addr}]"
        elif self.addr == "0":
            addr = "0.0.0.0"  # noqa: S104 - the address the person asked for
        else:
            addr = self.addr
        keys = "Strg+Pause" if sys.platform == "win32" else "Strg+C"
        self.stdout.write(
            f"Entwicklungsserver läuft auf {self.protocol}://{addr}:{server_port}/ "
            f"(beenden mit {keys}). Nur zum Entwickeln und Ausprobieren, nicht für den Betrieb."
        )
