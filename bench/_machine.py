"""What every benchmark prints about the machine it ran on."""

from __future__ import annotations

import contextlib
import os
import platform


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with (
        contextlib.suppress(OSError, ValueError, IndexError),
        open("/proc/meminfo", encoding="utf-8") as fh,
    ):
        kb = int(fh.readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    from django.db import connection

    return (
        f"machine: {os.cpu_count()} cores ({cpu}){mem}; Python {platform.python_version()}; "
        f"database {connection.vendor}"
    )
