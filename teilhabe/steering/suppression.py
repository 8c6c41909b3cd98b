"""The small-number rule — the one place that decides which figures steering may see.

Steering and borough coordinators see numbers, never persons. A count ``n`` with
``0 < n < threshold`` (``SMALL_NUMBER_THRESHOLD``, default 5) could point to individuals, so it
is shown as "< 5" (*primary suppression*). A hidden cell must not be recoverable from the
figures that are shown: if a total and all but one of its parts are visible, the total minus
the visible parts gives the hidden one back (12 − 11 = 1). So every published figure is part of
*groups* — "this total is the sum of these parts" — and :func:`protect` hides further cells
(*complementary suppression*) until

1. no group has exactly one hidden member, and
2. no hidden cell is determined by all groups together (checked by linear algebra over the
   groups, :func:`determined`), which catches chains across tables on one page.

Zero is shown: it reveals nobody. Rates and medians are shown only when the group they are
computed from is shown and large enough (:func:`rate_allowed`, :func:`sample_allowed`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.utils.formats import number_format

Key = Hashable
Group = tuple[Key, Sequence[Key]]


def threshold() -> int:
    return settings.SMALL_NUMBER_THRESHOLD


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


def is_small(count: int, limit: int) -> bool:
    return 0 < count < limit


def suppress(count: int, *, limit: int | None = None) -> Figure:
    """One count on its own: suppressed when 0 < count < threshold. Figures that belong to a
    table with totals go through :func:`protect` instead."""
    limit = threshold() if limit is None else limit
    return Figure(None, limit) if is_small(count, limit) else Figure(count, limit)


def protect(
    values: Mapping[Key, int], groups: Iterable[Group], *, limit: int | None = None
) -> set[Key]:
    """The keys of ``values`` to hide: primary (small) cells plus complementary ones.

    ``groups`` are ``(total, parts)``: ``values[total] == sum(values[p] for p in parts)``.
    A group with one part states that two published cells are equal (the same total shown in
    two tables). Deterministic: among candidates the smallest non-zero part is hidden first
    (ties by key order), then the total.
    """
    limit = threshold() if limit is None else limit
    groups = [(t, list(ps)) for t, ps in groups]
    hidden = {k for k, v in values.items() if is_small(v, limit)}

    def widen(group: Group) -> bool:
        total, parts = group
        candidates = sorted(
            (p for p in parts if p not in hidden and values[p] > 0),
            key=lambda p: (values[p], str(p)),
        )
        if candidates:
            hidden.add(candidates[0])
            return True
        if total not in hidden:
            hidden.add(total)
            return True
        return False

    while True:
        changed = False
        for group in groups:
            total, parts = group
            if sum(1 for k in (total, *parts) if k in hidden) == 1:
                changed |= widen(group)
        if changed:
            continue
        # Rule 1 holds everywhere; now look for cells recoverable through several groups.
        exposed = determined(values, groups, hidden)
        if not exposed:
            return hidden
        for group in groups:
            total, parts = group
            if any(k in exposed for k in (total, *parts)) and widen(group):
                break
        else:  # nothing left to hide that would help: hide the exposed cells' whole groups
            return hidden | set(values)


def determined(values: Mapping[Key, int], groups: Sequence[Group], hidden: set[Key]) -> set[Key]:
    """Hidden cells whose value follows from the shown cells and the groups.

    Each group is a linear equation; shown cells are constants. A hidden cell ``x`` is
    determined exactly when the unit vector of ``x`` lies in the row space of the equations
    restricted to the hidden cells (Gaussian elimination over the rationals). A cell that is
    zero is never a concern (it reveals nobody) and is left out.
    """
    relevant = {k for k in hidden if values[k] > 0}
    equations = []
    for total, parts in groups:
        terms: dict[Key, int] = {}
        for key, sign in ((total, 1), *((p, -1) for p in parts)):
            if key in relevant:
                terms[key] = terms.get(key, 0) + sign
        terms = {k: v for k, v in terms.items() if v}
        if terms:
            equations.append(terms)
    # Solve each connected set of hidden cells on its own (pages have many small ones).
    parent = {k: k for k in relevant}

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for terms in equations:
        first, *rest = terms
        for k in rest:
            parent[root(k)] = root(first)
    components: dict[Key, list[dict[Key, int]]] = {}
    for terms in equations:
        components.setdefault(root(next(iter(terms))), []).append(terms)
    exposed: set[Key] = set()
    for eqs in components.values():
        order = sorted({k for terms in eqs for k in terms}, key=str)
        index = {k: i for i, k in enumerate(order)}
        rows = []
        for terms in eqs:
            row = [Fraction(0)] * len(order)
            for k, v in terms.items():
                row[index[k]] = Fraction(v)
            rows.append(row)
        for row, col in _reduce(rows):
            # e_col is in the row space when a reduced row has no other entry.
            if all(v == 0 for j, v in enumerate(row) if j != col):
                exposed.add(order[col])
    return exposed


def _reduce(rows: list[list[Fraction]]) -> list[tuple[list[Fraction], int]]:
    """Reduced row echelon form: ``(row, pivot column)`` for each non-zero row."""
    if not rows:
        return []
    width = len(rows[0])
    rows = [r[:] for r in rows]
    pivots: list[tuple[list[Fraction], int]] = []
    r = 0
    for col in range(width):
        pivot = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][col]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append((rows[r], col))
        r += 1
        if r == len(rows):
            break
    return pivots


def rate_allowed(part: int, whole: int, *, limit: int | None = None) -> bool:
    """A share ``part / whole`` may be shown when neither the part nor the rest is small —
    "1 of 6" (17 %) or "5 of 6" (83 %) would give a single person away."""
    limit = threshold() if limit is None else limit
    return whole > 0 and not is_small(part, limit) and not is_small(whole - part, limit)


def sample_allowed(size: int, *, limit: int | None = None) -> bool:
    """A median or percentile may be shown when computed from at least ``threshold`` values."""
    limit = threshold() if limit is None else limit
    return size >= limit


@dataclass(frozen=True)
class Row:
    cells: dict
    total: Figure


def suppress_row(counts: Mapping[Key, int], *, limit: int | None = None) -> Row:
    """One row of counts with its total, protected as one group (see :func:`protect`)."""
    limit = threshold() if limit is None else limit
    values = {("cell", k): v for k, v in counts.items()}
    values[("total",)] = sum(counts.values())
    hidden = protect(values, [(("total",), [("cell", k) for k in counts])], limit=limit)
    cells = {
        k: Figure(None, limit) if ("cell", k) in hidden else Figure(v, limit)
        for k, v in counts.items()
    }
    total = values[("total",)]
    return Row(cells, Figure(None, limit) if ("total",) in hidden else Figure(total, limit))
