"""No test writes under var/: a snapshot of var/ before and after the run (root conftest)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def var_snapshot(var: Path | None = None) -> dict[str, tuple[int, int] | None]:
    """Every path under var/: files with size and modification time, directories as None."""
    var = Path(settings.VAR_DIR) if var is None else var
    if not var.exists():
        return {}
    snapshot: dict[str, tuple[int, int] | None] = {}
    for path in var.rglob("*"):
        key = str(path.relative_to(var))
        if path.is_file():
            stat = path.stat()
            snapshot[key] = (stat.st_size, stat.st_mtime_ns)
        else:
            snapshot[key] = None
    return snapshot


def var_changes(before: dict, after: dict) -> list[str]:
    """Paths added, removed or changed between two snapshots."""
    missing = object()
    return sorted(
        k for k in before.keys() | after.keys() if before.get(k, missing) != after.get(k, missing)
    )
