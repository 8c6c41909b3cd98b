"""Server-rendered, accessible SVG charts (no script, no third-party code).

A chart is drawn from the *resolved* cells of a table (suppressed values are gaps, never
drawn), has a title and a text summary (``<title>``/``<desc>`` and the same text visible under
it), and the table with the exact figures is on the page next to it. Series are told apart by
colour *and* by dash pattern and marker shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from teilhabe.steering.tables import Table

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48
MARKERS = ["circle", "square", "diamond", "triangle"]


@dataclass
class Chart:
    key: str
    title: str
    svg: SafeString
    summary: str
    legend: list[tuple[str, str]]  # (css class, label)
    table_key: str


def _num(v) -> float | None:
    if v is None or isinstance(v, str):
        return None
    return float(v)


def _fmt(v: float) -> str:
    if float(v).is_integer():
        return number_format(int(v), force_grouping=True)
    return number_format(round(v, 1), decimal_pos=1, force_grouping=True)


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1
    magnitude = 10 ** (len(str(int(v))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if v <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def line_chart(table: Table, columns: list[str], *, title: str, unit: str = "") -> Chart:
    """One line per column of ``table``, the table's rows (e.g. months) along the x axis."""
    labels = [str(r.label) for r in table.rows]
    shown = [c.key for c in table.shown_columns]
    series = []
    for key in columns:
        col = next(c for c in table.shown_columns if c.key == key)
        cells = table.column_values(key)
        series.append((col, [_num(c.value) for c in cells], [c.hidden for c in cells]))
    top = _nice_max(max([v for _c, vals, _h in series for v in vals if v is not None] or [0]))
    n = max(1, len(labels))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i):
        return LEFT + (plot_w * (i + 0.5) / n)

    def y(v):
        return TOP + plot_h * (1 - v / top)

    parts = []
    for k in range(5):  # grid and y axis labels
        v = top * k / 4
        parts.append(
            format_html(
                '<line class="app-chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="app-chart__tick" x="{}" y="{}" text-anchor="end">{}</text>',
                LEFT,
                WIDTH - RIGHT,
                f"{y(v):.1f}",
                f"{y(v):.1f}",
                LEFT - 6,
                f"{y(v) + 4:.1f}",
                _fmt(v),
            )
        )
    step = max(1, round(n / 6))
    for i, label in enumerate(labels):
        if i % step == 0 or (i == n - 1 and i % step > step / 2):
            parts.append(
                format_html(
                    '<text class="app-chart__tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                    f"{x(i):.1f}",
                    HEIGHT - BOTTOM + 18,
                    label,
                )
            )
    for s, (_col, values, _hidden) in enumerate(series):
        # Lines break at hidden or missing values.
        segments, current = [], []
        for i, v in enumerate(values):
            if v is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append((x(i), y(v)))
        if current:
            segments.append(current)
        for seg in segments:
            points = " ".join(f"{px:.1f},{py:.1f}" for px, py in seg)
            parts.append(
                format_html(
                    '<polyline class="app-chart__line app-chart__series-{}" points="{}"/>',
                    s,
                    points,
                )
            )
        for i, v in enumerate(values):
            if v is not None:
                parts.append(_marker(s, x(i), y(v)))
    summary = _summary(labels, series, unit)
    return _wrap(table, title, summary, parts, [col for col, _v, _h in series], shown)


def bar_chart(table: Table, column: str, *, title: str, unit: str = "") -> Chart:
    """Horizontal bars, one per row of ``table`` (labels left, values at the bar's end)."""
    col = next(c for c in table.shown_columns if c.key == column)
    cells = table.column_values(column)
    values = [_num(c.value) for c in cells]
    labels = [str(r.label) for r in table.rows]
    top = _nice_max(max([v for v in values if v is not None] or [0]))
    row_h = 26
    height = TOP + row_h * max(1, len(labels)) + 8
    label_w = 200
    plot_w = WIDTH - label_w - 70
    parts = []
    for i, (label, v, cell) in enumerate(zip(labels, values, cells, strict=True)):
        y0 = TOP + i * row_h
        parts.append(
            format_html(
                '<text class="app-chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
                label_w - 8,
                y0 + 17,
                label[:32],
            )
        )
        if v is None:
            parts.append(
                format_html(
                    '<text class="app-chart__value" x="{}" y="{}">{}</text>',
                    label_w + 4,
                    y0 + 17,
                    cell.text,
                )
            )
            continue
        w = plot_w * v / top
        parts.append(
            format_html(
                '<rect class="app-chart__bar app-chart__series-0" x="{}" y="{}" width="{}" '
                'height="{}"/><text class="app-chart__value" x="{}" y="{}">{}</text>',
                label_w,
                y0 + 4,
                f"{w:.1f}",
                row_h - 8,
                f"{label_w + w + 4:.1f}",
                y0 + 17,
                cell.text,
            )
        )
    summary = _summary(labels, [(col, values, [c.hidden for c in cells])], unit)
    return _wrap(table, title, summary, parts, [col], None, height=height)


def _marker(s: int, cx: float, cy: float) -> SafeString:
    shape = MARKERS[s % len(MARKERS)]
    cls = f"app-chart__marker app-chart__series-{s}"
    if shape == "circle":
        return format_html(
            '<circle class="{}" cx="{}" cy="{}" r="4"/>', cls, f"{cx:.1f}", f"{cy:.1f}"
        )
    if shape == "square":
        return format_html(
            '<rect class="{}" x="{}" y="{}" width="8" height="8"/>',
            cls,
            f"{cx - 4:.1f}",
            f"{cy - 4:.1f}",
        )
    if shape == "diamond":
        pts = f"{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy:.1f} {cx:.1f},{cy + 5:.1f} {cx - 5:.1f},{cy:.1f}"
    else:
        pts = f"{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy + 4:.1f} {cx - 5:.1f},{cy + 4:.1f}"
    return format_html('<polygon class="{}" points="{}"/>', cls, pts)


def _summary(labels, series, unit: str) -> str:
    sentences = []
    for col, values, hidden in series:
        known = [(label, v) for label, v in zip(labels, values, strict=True) if v is not None]
        name = str(col.label)
        if not known:
            sentences.append(_("%(name)s: no figure can be shown.") % {"name": name})
            continue
        high = max(known, key=lambda p: p[1])
        low = min(known, key=lambda p: p[1])
        text = _(
            "%(name)s: highest %(high)s%(unit)s (%(high_at)s), lowest %(low)s%(unit)s "
            "(%(low_at)s), last %(last)s%(unit)s (%(last_at)s)."
        ) % {
            "name": name,
            "high": _fmt(high[1]),
            "high_at": high[0],
            "low": _fmt(low[1]),
            "low_at": low[0],
            "last": _fmt(known[-1][1]),
            "last_at": known[-1][0],
            "unit": f" {unit}" if unit else "",
        }
        gaps = sum(1 for h in hidden if h)
        if gaps:
            text += " " + _("%(n)s values are too small to show.") % {"n": gaps}
        sentences.append(text)
    return " ".join(sentences)


def _wrap(table, title, summary, parts, columns, _shown, *, height=HEIGHT) -> Chart:
    key = f"chart-{table.key}-{columns[0].key}"
    svg = format_html(
        '<svg class="app-chart__svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        key,
        key,
        key,
        title,
        key,
        summary,
        mark_safe("".join(str(p) for p in parts)),
    )
    legend = [(f"app-chart__series-{i}", str(c.label)) for i, c in enumerate(columns)]
    return Chart(key, title, svg, summary, legend, table.key)
