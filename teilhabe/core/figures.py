"""Figures for steering: counts with small numbers suppressed.

Steering sees numbers, never persons. A count smaller than ``SMALL_NUMBER_THRESHOLD`` (default
5) could point to individuals in a small Stadtteil, so it is shown as "< 5" — and so is any
figure from which it could be recomputed (a total minus the other cells): callers suppress the
second-smallest cell of a row as well when exactly one cell is suppressed (:func:`suppress_row`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.conf import settings
from django.utils.formats import number_format

K = TypeVar("K")


@dataclass(frozen=True)
class Figure:
    """A count that may be suppressed; ``str()`` gives "12" or "< 5"."""

    value: int | None
    threshold: int

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.value is None:
            return f"< {self.threshold}"
        return number_format(self.value, force_grouping=True)


def threshold() -> int:
    return settings.SMALL_NUMBER_THRESHOLD


def suppress(count: int, *, limit: int | None = None) -> Figure:
    """``count`` as a figure; suppressed when 0 < count < threshold (0 reveals nobody)."""
    limit = threshold() if limit is None else limit
    if 0 < count < limit:
        return Figure(None, limit)
    return Figure(count, limit)


@dataclass(frozen=True)
class Row(Generic[K]):
    cells: dict[K, Figure]
    total: Figure


def suppress_row(counts: Mapping[K, int], *, limit: int | None = None) -> Row[K]:
    """Suppress small cells of a row; when exactly one cell is suppressed, also suppress the
    next smallest non-zero cell so that the total does not give the hidden one away."""
    limit = threshold() if limit is None else limit
    cells = {k: suppress(v, limit=limit) for k, v in counts.items()}
    hidden = [k for k, f in cells.items() if f.suppressed]
    if len(hidden) == 1:
        others = [k for k, v in counts.items() if k not in hidden and v > 0]
        if others:
            cells[min(others, key=lambda k: counts[k])] = Figure(None, limit)
    return Row(cells=cells, total=suppress(sum(counts.values()), limit=limit))
