"""Downloads of resolved tables: CSV (for any tool) and XLSX (for Excel/LibreOffice).

Only resolved cells leave the server: a hidden figure is written as "< 5", never its value.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from teilhabe.steering.tables import MONEY, SHARE, Table

EURO_FORMAT = '#,##0.00 "€"'


def _header(table: Table) -> list[str]:
    return ["", *[str(c.label) for c in table.shown_columns]]


def _rows(table: Table):
    footer = table.footer()
    for row, cells in [*table.body(), *([footer] if footer else [])]:
        yield str(row.label), cells


def table_csv(table: Table) -> bytes:
    """Semicolon-separated UTF-8 with BOM (opens correctly in a German Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_header(table))
    for label, cells in _rows(table):
        writer.writerow(
            [label, *[c.text if c.hidden or c.value is None else _plain(c) for c in cells]]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _plain(cell) -> str:
    value = cell.value
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def table_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = str(table.title)[:31].translate(str.maketrans("", "", "[]:*?/\\"))
    header = _header(table)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    columns = table.shown_columns
    for label, cells in _rows(table):
        values = [label]
        for c in cells:
            values.append(c.text if c.hidden or c.value is None else c.value)
        ws.append(values)
        for i, col in enumerate(columns, start=2):
            if col.kind == MONEY:
                ws.cell(row=ws.max_row, column=i).number_format = EURO_FORMAT
            elif col.kind == SHARE and isinstance(values[i - 1], int):
                ws.cell(row=ws.max_row, column=i).number_format = '0" %"'
    for i, h in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(14, min(50, len(h) + 4))
    ws.freeze_panes = "B2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
