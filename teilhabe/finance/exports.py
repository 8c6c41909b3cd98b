"""XLSX export of budgets, commitments, positions and projects; the PDF decision letter."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from django.utils.formats import number_format
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from teilhabe.access import Action, can
from teilhabe.finance import selectors
from teilhabe.finance.models import ProjectStatus

EURO_FORMAT = '#,##0.00 "€"'

# A Unicode TTF from a Debian package, used only when it is installed; otherwise fpdf2's core
# fonts (Latin-1, which covers German).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _euro(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{number_format(value, 2, use_l10n=True, force_grouping=True)} €"


def _sheet(wb, title: str, header: list[str], rows, money: set[int]):
    """Write one sheet in openpyxl's streaming (write-only) mode: money and date formats per
    cell, bold header, frozen first row."""
    ws = wb.create_sheet(title)
    for i, h in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(14, len(h) + 4)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for h in header:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = bold
        head.append(cell)
    ws.append(head)
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            if i in money and value is not None:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = EURO_FORMAT
                cells.append(cell)
            elif isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "DD.MM.YYYY"
                cells.append(cell)
            else:
                cells.append(value)
        ws.append(cells)
    return ws


def workbook(user, *, year=None) -> bytes:
    """One workbook with a sheet per kind, each holding only what ``user`` may see."""
    wb = Workbook(write_only=True)
    lines = selectors.budget_lines_for(user, year=year)
    _sheet(
        wb,
        "Haushalt",
        ["Jahr", "Haushaltsansatz", "Art", "Stadtbezirk", "Finanzierung", "Ansatz (ursprünglich)",
         "Ansatz (aktuell)", "gebunden", "ausgezahlt", "verfügbar"],
        [
            [bl.fiscal_year.year, bl.name, bl.get_kind_display(), str(bl.borough or ""),
             bl.funding_source.name, bl.planned, bl.amount, bl.committed, bl.paid, bl.available]
            for bl in lines
        ],
        {5, 6, 7, 8, 9},
    )  # fmt: skip
    commitments = selectors.commitments_for(user, year=year).order_by("committed_on", "number")
    _sheet(
        wb,
        "Bewilligungen",
        ["Aktenzeichen", "Datum", "Empfänger", "Stadtbezirk", "Haushaltsansatz", "Zweck",
         "bewilligt (ursprünglich)", "bewilligt (aktuell)", "ausgezahlt", "offen"],
        [
            [c.number, c.committed_on, c.organisation.name, str(c.borough or ""), c.line.name,
             c.purpose, c.original_amount, c.amount, c.paid, c.open_amount]
            for c in commitments
        ],
        {6, 7, 8, 9},
    )  # fmt: skip
    if can(user, Action.VIEW_POSITIONS):
        rows = selectors.position_plan(selectors.positions_for(user))
        _sheet(
            wb,
            "Stellenplan",
            ["Stelle", "Funktion", "Träger", "Stadtbezirk", "Stellenanteil", "Entgeltgruppe",
             "Jahreskosten", "Finanzierung", "Stelleninhaber/in", "unbesetzt seit"],
            [
                [r.position.title, r.position.get_function_display(), r.position.organisation.name,
                 str(r.position.borough or ""), r.position.fte, r.position.pay_group,
                 r.annual_cost, r.position.budget_line.name if r.position.budget_line else "",
                 r.holder or "", r.vacant_since]
                for r in rows
            ],
            {6},
        )  # fmt: skip
    projects = selectors.projects_for(user)
    if year is not None:
        projects = projects.filter(round__fiscal_year=year)
    _sheet(
        wb,
        "Stadtteilprojekte",
        ["Projekt", "Antragsteller", "Stadtbezirk", "Status", "Beginn", "Ende", "Gesamtkosten",
         "beantragt", "bewilligt", "tatsächliche Kosten", "Teilnehmende"],
        [
            [p.title, p.organisation.name, str(p.borough), p.get_status_display(), p.starts_on,
             p.ends_on, p.total_cost, p.requested, p.approved_amount, p.actual_cost,
             p.participants]
            for p in projects
        ],
        {6, 7, 8, 9},
    )  # fmt: skip
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _pdf():
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    if (DEJAVU / "DejaVuSans.ttf").exists() and (DEJAVU / "DejaVuSans-Bold.ttf").exists():
        pdf.add_font("DejaVu", "", str(DEJAVU / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
        family, unicode = "DejaVu", True
    else:
        family, unicode = "Helvetica", False
    return pdf, family, unicode


def decision_letter(project) -> bytes:
    """Zuwendungsbescheid / Ablehnungsbescheid for a decided district project (PDF)."""
    pdf, family, unicode = _pdf()
    sender, place = selectors.letter_sender(project)

    def text(s: str) -> str:
        if unicode:
            return s
        return (
            s.replace("–", "-").replace("„", '"').replace("“", '"').replace("”", '"')
            .replace("€", "EUR").encode("latin-1", "replace").decode("latin-1")
        )  # fmt: skip

    pdf.add_page()
    pdf.set_title(text(f"Bescheid – {project.title}"))
    pdf.set_font(family, "", 9)
    pdf.cell(
        0,
        5,
        text(sender),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(6)
    pdf.set_font(family, "", 11)
    org = project.organisation
    for line in [org.name, org.street, f"{org.postcode} {org.city}".strip()]:
        if line:
            pdf.cell(0, 6, text(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.cell(
        0,
        6,
        text(f"{place}, {timezone.localdate():%d.%m.%Y}"),
        align="R",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    rejected = project.status == ProjectStatus.REJECTED
    pdf.set_font(family, "B", 13)
    title = "Ablehnungsbescheid" if rejected else "Zuwendungsbescheid"
    pdf.multi_cell(0, 7, text(f"{title}: {project.title}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 11)
    pdf.ln(2)
    if project.commitment:
        pdf.cell(
            0, 6, text(f"Aktenzeichen: {project.commitment.number}"), new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(4)
    intro = (
        f"Sehr geehrte Damen und Herren,\n\nauf Ihren Antrag vom "
        f"{timezone.localtime(project.submitted_at):%d.%m.%Y} aus der "
        f"„{project.round.name}“ haben wir am {project.decided_on:%d.%m.%Y} wie folgt entschieden:"
    )
    pdf.multi_cell(0, 6, text(intro), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if rejected:
        body = f"Ihr Antrag wird abgelehnt.\n\nBegründung: {project.decision_reason}"
    else:
        part = project.approved_amount < project.requested
        body = (
            f"Aus dem Integrationsbudget der Bezirksstelle für den Stadtbezirk {project.borough} "
            f"wird Ihnen für das Projekt eine Zuwendung in Höhe von "
            f"{_euro(project.approved_amount)} bewilligt"
            + (f" (beantragt: {_euro(project.requested)})" if part else "")
            + f".\n\nBewilligungszeitraum: {project.starts_on:%d.%m.%Y} bis "
            f"{project.ends_on:%d.%m.%Y}.\nGesamtkosten laut Finanzierungsplan: "
            f"{_euro(project.total_cost)}; Eigenmittel: {_euro(project.own_funds)}; "
            f"Drittmittel: {_euro(project.other_funds)}."
        )
        if part and project.decision_reason:
            body += f"\n\nBegründung der teilweisen Bewilligung: {project.decision_reason}"
        body += (
            "\n\nDie Zuwendung ist zweckgebunden. Bitte legen Sie innerhalb von drei Monaten "
            "nach Ende des Bewilligungszeitraums einen Verwendungsnachweis vor (tatsächliche "
            "Kosten, Zahl der Teilnehmenden, erreichte Ergebnisse). Nicht verwendete Mittel "
            "sind zurückzuzahlen."
        )
    pdf.multi_cell(0, 6, text(body), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.multi_cell(0, 6, text("Mit freundlichen Grüßen\nIm Auftrag"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
