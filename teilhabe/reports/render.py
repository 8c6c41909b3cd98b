"""Rendering council reports as PDF (fpdf2) and as editable DOCX (python-docx), from the
figures of :mod:`teilhabe.reports.figures`. Charts are drawn once as PNG (Pillow, which fpdf2
brings) and placed in both documents; every chart has its table next to it."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

from docx import Document as DocxDocument
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw, ImageFont

from teilhabe.cases.pdf import FONT, FONT_BOLD, Document

COLORS = [(11, 92, 171), (224, 122, 31), (46, 139, 87), (128, 128, 128)]


def euro(value: float) -> str:
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text} €"


def day(value: str) -> str:
    return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")


def bar_chart(
    labels: Sequence[str], series: dict[str, Sequence[float]], *, unit: str = "€"
) -> bytes:
    """Grouped horizontal bars, one group per label; PNG bytes (300 dpi-ish, 16 cm wide)."""
    width, row_h = 1600, 34 * max(1, len(series))
    height = 80 + len(labels) * (row_h + 24) + 40
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 24)
    bold = ImageFont.truetype(str(FONT_BOLD), 24)
    peak = max([v for values in series.values() for v in values] + [1])
    left, right = 520, width - 220
    x = left
    for i, name in enumerate(series):  # legend
        draw.rectangle([x, 20, x + 24, 44], fill=COLORS[i % len(COLORS)])
        draw.text((x + 32, 18), name, fill="black", font=font)
        x += 40 + int(draw.textlength(name, font=font)) + 30
    y = 80
    for li, label in enumerate(labels):
        text = label
        while text and draw.textlength(text, font=bold) > left - 30:
            text = text.rstrip("…")[:-1] + "…"
        draw.text((10, y + 4), text, fill="black", font=bold)
        for si, (_, values) in enumerate(series.items()):
            value = values[li]
            w = int((right - left) * value / peak)
            top = y + si * 34
            draw.rectangle([left, top, left + max(w, 1), top + 26], fill=COLORS[si % len(COLORS)])
            text = euro(value) if unit == "€" else f"{value:g} {unit}"
            draw.text((left + w + 8, top), text, fill="black", font=font)
        y += row_h + 24
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


class _Pdf(Document):
    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths=None) -> None:
        n = len(header)
        if widths is None:
            first = self.epw * (0.4 if n > 2 else 0.6)
            widths = [first] + [(self.epw - first) / (n - 1)] * (n - 1)
        self.set_font("DejaVu", "B", 8)
        for text, w in zip(header, widths, strict=True):
            self.cell(w, 7, self._fit(text, w), border=1)
        self.ln()
        self.set_font("DejaVu", "", 8)
        for row in rows:
            for i, (text, w) in enumerate(zip(row, widths, strict=True)):
                self.cell(w, 6, self._fit(str(text), w), border=1, align="L" if i == 0 else "R")
            self.ln()
        self.set_font("DejaVu", "", 11)
        self.ln(3)

    def _fit(self, text: str, width: float) -> str:
        if self.get_string_width(text) <= width - 2:
            return text
        while text and self.get_string_width(text + "…") > width - 2:
            text = text[:-1]
        return text + "…"

    def chart(self, png: bytes, caption: str) -> None:
        self.image(io.BytesIO(png), w=self.epw)
        self.set_font("DejaVu", "", 9)
        self.para(caption, gap=3)
        self.set_font("DejaVu", "", 11)


class _Docx:
    def __init__(self):
        self.doc = DocxDocument()
        style = self.doc.styles["Normal"]
        style.font.name = "DejaVu Sans"
        style.font.size = Pt(10)

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(text, level=level)

    def para(self, text: str) -> None:
        self.doc.add_paragraph(text)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths=None) -> None:
        t = self.doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            cells = t.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = str(text)
        self.doc.add_paragraph()

    def chart(self, png: bytes, caption: str) -> None:
        self.doc.add_picture(io.BytesIO(png), width=Cm(16))
        self.doc.add_paragraph(caption)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _status_report(out, report, f: dict) -> None:
    start, end = f["period"]
    out.heading(report.title) if isinstance(out, _Docx) else out.heading(report.title, 15)
    money = f["money"]
    out.para(
        f"Berichtszeitraum {day(start)} bis {day(end)}. Zusammenfassung: Haushaltsansatz "
        f"{euro(money['totals']['amount'])}, davon gebunden {euro(money['totals']['committed'])}, "
        f"im Zeitraum ausgezahlt {euro(money['totals']['paid'])}; Personen in laufender Fallarbeit "
        f"am Ende des Zeitraums: {f['cases']['persons_total']}; im Zeitraum erreichte "
        f"Meilensteine in die Regelsysteme: {f['milestones']['total']}. Zahlen unter 5 sind zum "
        "Schutz der Personen als „< 5“ ausgewiesen, ebenso Zahlen, aus denen sie sich errechnen "
        "ließen."
    )

    def h(text):
        out.heading(text, 2) if isinstance(out, _Docx) else out.heading(text, 12)

    h("1. Finanzen")
    rows = money["rows"]
    out.table(
        ["Finanzierungsquelle", "Ansatz", "Haushalt", "Gebunden", "Ausgezahlt"],
        [
            [
                r["source"],
                euro(r["planned"]),
                euro(r["amount"]),
                euro(r["committed"]),
                euro(r["paid"]),
            ]
            for r in rows
        ]
        + [
            [
                "Gesamt",
                euro(money["totals"]["planned"]),
                euro(money["totals"]["amount"]),
                euro(money["totals"]["committed"]),
                euro(money["totals"]["paid"]),
            ]
        ],
    )
    if rows:
        out.chart(
            bar_chart(
                [r["source"] for r in rows],
                {
                    "Haushalt": [r["amount"] for r in rows],
                    "Gebunden": [r["committed"] for r in rows],
                    "Ausgezahlt": [r["paid"] for r in rows],
                },
            ),
            "Abbildung 1: Haushalt, Bindungen und Auszahlungen je Finanzierungsquelle "
            "(Werte in der Tabelle oben).",
        )
    h("2. Stellen")
    out.table(
        ["Funktion", "Stellen", "VZÄ", "besetzt", "VZÄ besetzt"],
        [
            [r["function"], r["positions"], f"{r['fte']:g}", r["filled"], f"{r['filled_fte']:g}"]
            for r in f["positions"]["rows"]
        ],
    )
    h("3. Fallarbeit")
    out.para(
        f"Im Zeitraum eröffnete Fälle: {f['cases']['opened']}; abgeschlossene Fälle: "
        f"{f['cases']['closed']}."
    )
    out.table(
        ["Stadtbezirk", "Personen in laufender Fallarbeit"],
        [[b["name"], b["persons"]] for b in f["cases"]["boroughs"]]
        + [["Gesamt", f["cases"]["persons_total"]]],
    )
    h("4. Meilensteine in die Regelsysteme")
    out.table(
        ["Meilenstein", "im Zeitraum erreicht"],
        [[r["name"], r["achieved"]] for r in f["milestones"]["rows"]]
        + [["Gesamt", f["milestones"]["total"]]],
    )
    h("5. Vermittlungen")
    out.table(
        ["Stand", "Vermittlungen"],
        [[r["status"], r["count"]] for r in f["referrals"]["rows"]]
        + [["Gesamt", f["referrals"]["total"]]],
    )
    h("6. Angebote (Abdeckung)")
    out.table(
        ["Kategorie", "veröffentlichte Angebote"],
        [[r["category"], r["offers"]] for r in f["coverage"]["rows"]],
    )
    h("7. Stadtteilprojekte")
    out.table(
        ["Stand", "Projekte", "Gesamtkosten"],
        [[r["status"], r["count"], r["cost"]] for r in f["projects"]["rows"]] or [["–", 0, "–"]],
    )
    h("8. Wohnen")
    out.para(
        f"Personen in Gemeinschaftsunterkünften am Ende des Zeitraums: "
        f"{f['housing']['in_shelters']}; Einzüge in eigene Wohnungen im Zeitraum: "
        f"{f['housing']['moves']}."
    )
    h("9. Strukturelle Hürden")
    barriers = f.get("barriers") or {}
    if barriers.get("rows"):
        out.para(
            "Von Fallbearbeitenden erfasste Fälle, in denen ein Regelsystem versagt hat "
            "(Fallnotizen der Art „Strukturelle Hürde“ im Zeitraum)."
        )
        out.table(
            ["Institution", "Hürden"],
            [[r["institution"], r["count"]] for r in barriers["rows"]]
            + [["Gesamt", barriers["total"]]],
        )
        out.table(
            ["Art der Hürde", "Hürden"],
            [[r["kind"], r["count"]] for r in barriers["kinds"]] + [["Gesamt", barriers["total"]]],
        )
    else:
        out.para("Im Zeitraum wurden keine strukturellen Hürden erfasst.")


NARRATIVE_FIELDS = [
    ("measures", "Durchgeführte Maßnahmen"),
    ("goals", "Erreichung der Ziele"),
    ("deviations", "Abweichungen vom Finanzierungsplan und ihre Gründe"),
    ("outlook", "Ausblick"),
]


def _use_of_funds(out, report, f: dict) -> None:
    out.heading(report.title) if isinstance(out, _Docx) else out.heading(report.title, 15)

    def h(text):
        out.heading(text, 2) if isinstance(out, _Docx) else out.heading(text, 12)

    out.para(
        f"Zuwendung: {f['source']}, Haushaltsjahr {f['year']}. Zahlenmäßiger Nachweis (Soll/Ist "
        "je Kostenposition) und Sachbericht."
    )
    h("I. Zahlenmäßiger Nachweis")
    t = f["totals"]
    out.table(
        ["Kostenposition", "Art", "Ansatz", "Haushalt (Soll)", "Ist", "Abweichung"],
        [
            [
                r["item"],
                r["kind"],
                euro(r["planned"]),
                euro(r["budget"]),
                euro(r["actual"]),
                euro(r["difference"]),
            ]
            for r in f["rows"]
        ]
        + [
            [
                "Gesamt",
                "",
                euro(t["planned"]),
                euro(t["budget"]),
                euro(t["actual"]),
                euro(t["difference"]),
            ]
        ],
    )
    if f["rows"]:
        out.chart(
            bar_chart(
                [r["item"] for r in f["rows"]],
                {"Soll": [r["budget"] for r in f["rows"]], "Ist": [r["actual"] for r in f["rows"]]},
            ),
            "Abbildung: Soll und Ist je Kostenposition (Werte in der Tabelle oben).",
        )
    h("II. Sachbericht")
    for key, label in NARRATIVE_FIELDS:
        out.heading(label, 3) if isinstance(out, _Docx) else out.heading(label, 11)
        out.para(report.narrative.get(key) or "(von der Stadt auszufüllen)")
    h("III. Bestätigung")
    out.para(
        "Es wird bestätigt, dass die Ausgaben notwendig waren, wirtschaftlich und sparsam "
        "verfahren worden ist und die Angaben mit den Büchern und Belegen übereinstimmen."
    )
    out.para("Ort, Datum, Unterschrift: ______________________________")


def render(report, figures: dict) -> tuple[bytes, bytes]:
    """(PDF bytes, DOCX bytes) of ``report``."""
    build = _status_report if report.kind == "status" else _use_of_funds
    pdf, docx = _Pdf(), _Docx()
    build(pdf, report, figures)
    build(docx, report, figures)
    return pdf.bytes(), docx.bytes()
