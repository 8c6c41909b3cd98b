"""Tables of figures for steering, and the page that suppresses small numbers across them.

An indicator builds :class:`Table` objects from raw aggregates (counts, lists of durations,
amounts). A :class:`Page` collects every table shown together (on one screen, in one export)
with the sums that tie them (row totals, the same total in two tables, a borough as the sum
of its Stadtteile) and :meth:`Page.resolve` applies the small-number rule of
:mod:`teilhabe.steering.suppression` once for all of them. Templates, charts, maps and
downloads only ever read the resolved cells — never the raw numbers.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate
from typing import Any

from django.utils.formats import get_format, localize, number_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from teilhabe.steering.suppression import (
    protect,
    rate_allowed,
    sample_allowed,
    threshold,
)

COUNT = "count"  # a number of persons, households, cases, referrals … (suppressed when small)
SHARE = "share"  # part / base in per cent (shown when neither part nor rest is small)
MEDIAN = "median"  # median of a list of values (shown from ``threshold`` values on)
P75 = "p75"  # 75th percentile (nearest rank), same rule
MONEY = "money"  # euro amounts (not about persons: never suppressed)
NUMBER = "number"  # other numbers not about persons (FTE, months, offers)
TEXT = "text"


class Sample:
    """A sample of whole numbers kept as value → how often (the rollups store durations this
    way); median and percentiles as of the list of all values."""

    __slots__ = ("_cumulative", "counts")

    def __init__(self, counts: dict | None = None):
        self.counts: dict[int, int] = {}
        self._cumulative: list[tuple[int, int]] | None = None
        if counts:
            self.merge(counts)

    def add(self, value: int, n: int = 1) -> None:
        self.counts[value] = self.counts.get(value, 0) + n
        self._cumulative = None

    def merge(self, other: Sample | dict) -> Sample:
        """Add another sample (or a stored ``{value: count}`` mapping, keys may be strings)."""
        mine = self.counts
        get = mine.get
        self._cumulative = None
        if isinstance(other, Sample):
            for value, n in other.counts.items():
                mine[value] = get(value, 0) + n
        else:
            for value, n in other.items():
                value = int(value)
                mine[value] = get(value, 0) + n
        return self

    def __len__(self) -> int:
        return sum(self.counts.values())

    def __iter__(self):
        for value in sorted(self.counts):
            for _ in range(self.counts[value]):
                yield value

    def stored(self) -> dict[str, int]:
        return {str(v): n for v, n in sorted(self.counts.items())}

    def stored_lists(self) -> list[list[int]]:
        """``[values ascending, how often each]``: the form :class:`Histograms` reads."""
        ordered = sorted(self.counts.items())
        return [[v for v, _n in ordered], [n for _v, n in ordered]]

    def nth(self, k: int) -> int:
        """The value at position ``k`` (from 0) of the sorted sample."""
        if self._cumulative is None:
            seen, self._cumulative = 0, []
            for value in sorted(self.counts):
                seen += self.counts[value]
                self._cumulative.append((seen, value))
        i = bisect.bisect_right(self._cumulative, (k, math.inf))
        if i == len(self._cumulative):
            raise IndexError(k)
        return self._cumulative[i][1]


class Histograms:
    """Several stored samples (``[values ascending, counts]``, :meth:`Sample.stored_lists`)
    read as one sample without merging them: the length is the sum, and :meth:`nth` finds
    the value at a position of the merged sample by bisecting over the values — the same
    median and percentiles as :class:`Sample` of all values (a page of cohorts reads a few
    hundred stored histograms; merging them value by value took most of its time)."""

    __slots__ = ("_n", "parts")

    def __init__(self, stored=()):
        self.parts: list[tuple[list[int], list[int]]] = []  # (values, cumulative counts)
        self._n = 0
        for item in stored:
            self.add_stored(item)

    def add_stored(self, stored) -> Histograms:
        values, counts = stored if stored else ([], [])
        if values:
            cumulative = list(accumulate(counts))
            self.parts.append((values, cumulative))
            self._n += cumulative[-1]
        return self

    def merge(self, other: Histograms) -> Histograms:
        self.parts.extend(other.parts)
        self._n += other._n
        return self

    def __len__(self) -> int:
        return self._n

    def _at_or_below(self, value: int) -> int:
        n = 0
        for values, cumulative in self.parts:
            i = bisect.bisect_right(values, value)
            if i:
                n += cumulative[i - 1]
        return n

    def nth(self, k: int) -> int:
        """The value at position ``k`` (from 0) of the merged sorted sample: the smallest
        value with more than ``k`` values at or below it."""
        if not 0 <= k < self._n:
            raise IndexError(k)
        if len(self.parts) == 1:
            values, cumulative = self.parts[0]
            return values[bisect.bisect_right(cumulative, k)]
        lo = min(values[0] for values, _c in self.parts)
        hi = max(values[-1] for values, _c in self.parts)
        while lo < hi:  # whole numbers: the smallest one found is a value of the sample
            mid = (lo + hi) // 2
            if self._at_or_below(mid) > k:
                hi = mid
            else:
                lo = mid + 1
        return lo


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = COUNT
    # SHARE: ``part`` / ``whole`` name raw counts of the same row. MEDIAN/P75: ``part`` names
    # the raw list of values. Both: ``base`` names a shown COUNT column of the row — when that
    # cell is hidden, so is this one.
    part: str = ""
    whole: str = ""
    base: str = ""
    # Columns a chart or map may use; False for helper columns not shown.
    shown: bool = True
    # Count columns that add up across rows to the total row (False e.g. for "reached by"
    # columns of overlapping groups).
    additive: bool = True

    @property
    def numeric(self) -> bool:
        return self.kind != TEXT


@dataclass
class Row:
    key: str
    label: str
    values: dict[str, Any]
    url: str = ""


@dataclass
class Cell:
    """One resolved cell: ``text`` for the page, ``value`` for charts and downloads (``None``
    when hidden or not computable), ``hidden`` when suppressed."""

    text: str
    value: int | float | Decimal | str | None
    hidden: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[Row]
    total: Row | None = None
    summary: str = ""  # what the table shows, in one sentence (caption)
    # Rows add up to the total row in every additive COUNT column.
    additive: bool = True
    # Within each row: column ``key`` is the sum of the columns listed (e.g. all statuses).
    row_sums: dict[str, list[str]] = field(default_factory=dict)
    resolved: list[list[Cell]] = field(default_factory=list)
    resolved_total: list[Cell] | None = None

    @property
    def shown_columns(self) -> list[Column]:
        return [c for c in self.columns if c.shown]

    def cell_key(self, row: Row, column: str) -> tuple[str, str, str]:
        return (self.key, row.key, column)

    def count_keys(self, column: str) -> tuple[tuple[str, str, str] | None, list]:
        total = self.cell_key(self.total, column) if self.total else None
        return total, [self.cell_key(r, column) for r in self.rows]

    def body(self) -> list[tuple[Row, list[Cell]]]:
        return list(zip(self.rows, self.resolved, strict=True))

    def body_html(self) -> SafeString:
        """The rows of the body, as ``steering/_table.html`` shows them: written here, not in
        the template — rows × columns template nodes were a third of a steering page's
        rendering time."""
        return mark_safe(  # every part is escaped by _row_html
            "".join(_row_html(r, cells) for r, cells in zip(self.rows, self.resolved, strict=True))
        )

    def footer_html(self) -> SafeString:
        """The total row (``<tfoot>``), or nothing for a table without one."""
        footer = self.footer()
        if footer is None:
            return mark_safe("")
        return mark_safe(f"<tfoot>{_row_html(*footer, css='app-steering-total')}</tfoot>")

    def footer(self) -> tuple[Row, list[Cell]] | None:
        if self.total is None or self.resolved_total is None:
            return None
        return self.total, self.resolved_total

    def column_values(self, key: str) -> list[Cell]:
        i = [c.key for c in self.shown_columns].index(key)
        return [cells[i] for cells in self.resolved]


CellKey = tuple[str, str, str]


def _shown(value) -> str:
    """A value as a template variable shows it: localized, then escaped."""
    return conditional_escape(localize(value))


def _row_html(row: Row, cells: list[Cell], *, css: str = "") -> str:
    """One table row: the row's label (a link when it has a URL), then its cells."""
    label = (
        f'<a class="kern-link" href="{_shown(row.url)}">{_shown(row.label)}</a>'
        if row.url
        else _shown(row.label)
    )
    tds = "".join(
        f'<td class="kern-table__cell kern-table__cell--numeric">{_shown(c.text)}</td>'
        for c in cells
    )
    return (
        f'\n    <tr class="kern-table__row{" " + css if css else ""}">\n'
        f'      <th scope="row" class="kern-table__cell">{label}</th>\n      {tds}\n    </tr>'
    )


@dataclass
class Page:
    """Every table shown together, and how their figures depend on each other."""

    tables: list[Table] = field(default_factory=list)
    groups: list[tuple[CellKey, list[CellKey]]] = field(default_factory=list)

    def add(self, table: Table) -> Table:
        self.tables.append(table)
        return table

    def sum_of(self, total: CellKey, parts: Sequence[CellKey]) -> None:
        """``total`` (a cell of one table) is the sum of ``parts`` (cells of others)."""
        self.groups.append((total, list(parts)))

    def same(self, a: CellKey, b: CellKey) -> None:
        """The same number appears as ``a`` and as ``b``."""
        self.groups.append((a, [b]))

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def resolve(self, *, limit: int | None = None) -> Page:
        limit = threshold() if limit is None else limit
        values: dict[CellKey, int] = {}
        groups = list(self.groups)
        for t in self.tables:
            for c in t.columns:
                if c.kind != COUNT:  # shown or not: a hidden helper count may reveal too
                    continue
                for r in [*t.rows, *([t.total] if t.total else [])]:
                    values[t.cell_key(r, c.key)] = int(r.values.get(c.key) or 0)
                if t.total is not None and t.additive and c.additive:
                    groups.append(t.count_keys(c.key))
            for r in [*t.rows, *([t.total] if t.total else [])]:
                for key, parts in t.row_sums.items():
                    groups.append((t.cell_key(r, key), [t.cell_key(r, p) for p in parts]))
        for total, parts in groups:  # groups may name cells of tables that are not shown
            for k in (total, *parts):
                values.setdefault(k, 0)
        hidden = protect(values, groups, limit=limit)
        count_text = count_formatter()
        for t in self.tables:
            t.resolved = [_cells(t, r, hidden, limit, count_text) for r in t.rows]
            t.resolved_total = _cells(t, t.total, hidden, limit, count_text) if t.total else None
        return self


def count_formatter() -> Callable[[int], str]:
    """``number_format(n, force_grouping=True)`` for whole numbers in the active language, with
    the separators looked up once (a page has hundreds of counts), not once per cell."""
    grouping, separator = get_format("NUMBER_GROUPING"), get_format("THOUSAND_SEPARATOR")
    if grouping == 3 and type(grouping) is int:
        return lambda n: f"{n:,}".replace(",", separator)
    return lambda n: number_format(n, force_grouping=True)  # no grouping, or an unusual one


def _cells(t: Table, row: Row, hidden: set, limit: int, count_text) -> list[Cell]:
    return [_cell(t, row, c, hidden, limit, count_text) for c in t.shown_columns]


def _cell(t: Table, row: Row, c: Column, hidden: set, limit: int, count_text) -> Cell:
    v = row.values.get(c.key)
    if c.kind == COUNT:
        if t.cell_key(row, c.key) in hidden:
            return Cell(f"< {limit}", None, hidden=True)
        n = int(v or 0)
        return Cell(count_text(n), n)
    if c.kind == SHARE:
        part, whole = int(row.values.get(c.part) or 0), int(row.values.get(c.whole) or 0)
        base_hidden = bool(c.base) and t.cell_key(row, c.base) in hidden
        if base_hidden or not rate_allowed(part, whole, limit=limit):
            return Cell("–", None, hidden=whole > 0)
        share = round(100 * part / whole)
        return Cell(f"{share} %", share)
    if c.kind in (MEDIAN, P75):
        sample = row.values.get(c.part or c.key) or []
        if not isinstance(sample, Sample | Histograms):
            sample = list(sample)
        base_hidden = bool(c.base) and t.cell_key(row, c.base) in hidden
        if base_hidden or not sample_allowed(len(sample), limit=limit):
            return Cell("–", None, hidden=bool(sample))
        value = median(sample) if c.kind == MEDIAN else percentile(sample, 75)
        return Cell(number_format(value, decimal_pos=_decimals(value)), value)
    if c.kind == MONEY:
        amount = Decimal(v or 0)
        return Cell(f"{number_format(amount, 2, force_grouping=True)} €", amount)
    if c.kind == NUMBER:
        if v is None:
            return Cell("–", None)
        return Cell(number_format(v, decimal_pos=_decimals(v), force_grouping=True), v)
    return Cell("" if v is None else str(v), "" if v is None else str(v))


def _decimals(value) -> int | None:
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return 0
    return 1


def median(values: Sequence[float] | Sample | Histograms) -> float:
    if isinstance(values, Sample | Histograms):  # as statistics.median of the list of values
        n = len(values)
        m = values.nth(n // 2) if n % 2 else (values.nth(n // 2 - 1) + values.nth(n // 2)) / 2
    else:
        m = statistics.median(values)
    return int(m) if float(m).is_integer() else round(float(m), 1)


def percentile(values: Sequence[float] | Sample | Histograms, p: int) -> float:
    """Nearest-rank percentile: the smallest value with at least ``p`` % of values at or below
    it (no interpolation, so the figure is one of the observed values)."""
    if isinstance(values, Sample | Histograms):
        return values.nth(max(1, math.ceil(p / 100 * len(values))) - 1)
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]
