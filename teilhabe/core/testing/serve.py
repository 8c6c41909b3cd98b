"""Waiting for a server that a test or benchmark started on loopback."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable


def wait_for_health(
    url: str, *, seconds: float = 30, running: Callable[[], bool] = lambda: True
) -> bool:
    """Poll ``url`` + ``/healthz`` until it answers 200 (True), the server stops running or
    ``seconds`` pass (False). Connection errors while the server starts are expected."""
    deadline = time.monotonic() + seconds
    while running() and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
            continue
        time.sleep(0.2)
    return False
