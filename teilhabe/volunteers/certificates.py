"""Documents from logged hours: the volunteer certificate (Ehrenamtsnachweis), the NRW
Ehrenamtskarte pre-check with a pre-filled confirmation, and the interpreters' monthly payout
list (XLSX and PDF) for finance. PDFs use the fpdf2 document of case management."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.cases.pdf import Document
from teilhabe.volunteers.models import (
    CardCriteria,
    HoursEntry,
    RequestKind,
    Volunteer,
    add_months,
)


def _d(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "–"


def _hours(value) -> str:
    value = Decimal(value or 0).quantize(Decimal("0.01"))
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def certificate_pdf(
    volunteer: Volunteer, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> bytes:
    """Ehrenamtsnachweis: who, for which organisation, when, how many hours, doing what."""
    entries = volunteer.hours.select_related("assignment__request").order_by("worked_on", "pk")
    if start:
        entries = entries.filter(worked_on__gte=start)
    if end:
        entries = entries.filter(worked_on__lte=end)
    entries = [e for e in entries if not e.other_organisation]
    total = sum((e.hours for e in entries), Decimal(0))
    by_activity: dict[str, Decimal] = {}
    for e in entries:
        title = e.assignment.request.title if e.assignment_id else (e.note or _("other"))
        by_activity[title] = by_activity.get(title, Decimal(0)) + e.hours
    organisation = volunteer.contact_point.organisation
    first = entries[0].worked_on if entries else start
    last = entries[-1].worked_on if entries else end
    doc = Document()
    doc.heading(_("Certificate of voluntary work (Ehrenamtsnachweis)"))
    doc.para(
        _(
            "%(name)s has volunteered with %(organisation)s, contact point for volunteers, "
            "from %(start)s to %(end)s for a total of %(hours)s hours."
        )
        % {
            "name": volunteer.full_name,
            "organisation": organisation.name,
            "start": _d(first),
            "end": _d(last),
            "hours": _hours(total),
        }
    )
    if by_activity:
        doc.heading(_("Activities"), size=12)
        for title, hours in by_activity.items():
            doc.field(title, _("%(hours)s hours") % {"hours": _hours(hours)})
    trainings = list(volunteer.trainings.order_by("held_on"))
    if trainings:
        doc.ln(2)
        doc.heading(_("Trainings"), size=12)
        for t in trainings:
            doc.field(_d(t.held_on), t.title)
    doc.ln(8)
    doc.para(_("We thank %(name)s for the commitment.") % {"name": volunteer.full_name})
    doc.ln(6)
    doc.blank_line(_("Place, date"))
    doc.blank_line(_("Signature and stamp of %(organisation)s") % {"organisation": organisation})
    return doc.bytes()


# --- Ehrenamtskarte NRW -----------------------------------------------------------------------


def criteria_for(volunteer: Volunteer) -> CardCriteria:
    """The municipality's criteria (via the contact point's organisation), else the default."""
    org = volunteer.contact_point.organisation
    municipality_id = org.borough.municipality_id if org.borough_id else None
    found = None
    if municipality_id:
        found = CardCriteria.objects.filter(municipality_id=municipality_id).first()
    return found or CardCriteria.objects.filter(municipality__isnull=True).first() or CardCriteria()


@dataclass
class CardCheck:
    volunteer: Volunteer
    qualifies: bool
    years: list[tuple[datetime.date, datetime.date, Decimal]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def card_check(
    volunteer: Volunteer,
    *,
    criteria: CardCriteria | None = None,
    today: datetime.date | None = None,
) -> CardCheck:
    """Pre-check: in each of the last ``years`` years at least ``hours_per_year`` hours or on
    average ``hours_per_week`` a week (hours for other organisations count too), and no
    flat-rate allowance when the criteria exclude it. The organisation confirms; the
    municipality decides."""
    criteria = criteria or criteria_for(volunteer)
    today = today or timezone.localdate()
    result = CardCheck(volunteer, True)
    for i in range(criteria.years):
        end = add_months(today, -12 * i)
        start = add_months(end, -12) + datetime.timedelta(days=1)
        hours = volunteer.hours.filter(worked_on__gte=start, worked_on__lte=end).aggregate(
            s=Sum("hours")
        )["s"] or Decimal(0)
        result.years.append((start, end, hours))
        weekly = hours / Decimal(52)
        if hours < criteria.hours_per_year and weekly < criteria.hours_per_week:
            result.qualifies = False
            result.reasons.append(
                _("%(start)s–%(end)s: %(hours)s hours (needed: %(year)s a year or %(week)s a week)")
                % {
                    "start": _d(start),
                    "end": _d(end),
                    "hours": _hours(hours),
                    "year": _hours(criteria.hours_per_year),
                    "week": _hours(criteria.hours_per_week),
                }
            )
    if criteria.excludes_flat_rate_allowance and volunteer.flat_rate_allowance:
        result.qualifies = False
        result.reasons.append(_("receives a flat-rate allowance"))
    return result


def card_candidates(volunteers, *, today: datetime.date | None = None) -> list[CardCheck]:
    checks = [card_check(v, today=today) for v in volunteers]
    return [c for c in checks if c.qualifies]


def card_confirmation_pdf(check: CardCheck) -> bytes:
    """The organisation's confirmation for the Ehrenamtskarte application, pre-filled."""
    v = check.volunteer
    organisation = v.contact_point.organisation
    doc = Document()
    doc.heading(_("Confirmation of voluntary work for the Ehrenamtskarte NRW"))
    doc.para(
        _("%(organisation)s confirms that %(name)s volunteers with us without payment.")
        % {"organisation": organisation.name, "name": v.full_name}
    )
    for start, end, hours in check.years:
        doc.field(f"{_d(start)} – {_d(end)}", _("%(hours)s hours") % {"hours": _hours(hours)})
    doc.field(
        _("Flat-rate allowance (Ehrenamtspauschale)"),
        _("yes") if v.flat_rate_allowance else _("no"),
    )
    doc.ln(8)
    doc.blank_line(_("Place, date"))
    doc.blank_line(_("Signature and stamp of %(organisation)s") % {"organisation": organisation})
    return doc.bytes()


# --- Interpreter payouts ----------------------------------------------------------------------


@dataclass
class PayoutRow:
    volunteer: Volunteer
    hours: Decimal
    rate: Decimal
    allowance: Decimal
    travel: Decimal

    @property
    def total(self) -> Decimal:
        return self.allowance + self.travel


def payout_rows(volunteers_qs, month: datetime.date) -> list[PayoutRow]:
    """Per interpreter: hours of interpreting assignments in ``month`` × allowance rate, plus
    travel costs."""
    start = month.replace(day=1)
    end = add_months(start, 1)
    sums = (
        HoursEntry.objects.filter(
            volunteer__in=volunteers_qs,
            assignment__request__kind=RequestKind.INTERPRETING,
            worked_on__gte=start,
            worked_on__lt=end,
        )
        .values("volunteer_id")
        .annotate(h=Sum("hours"), t=Sum("travel_cost"))
    )
    by_id = {s["volunteer_id"]: s for s in sums}
    rows = []
    for v in Volunteer.objects.filter(pk__in=by_id).order_by("last_name", "first_name"):
        s = by_id[v.pk]
        rate = v.allowance_rate or Decimal(0)
        hours = s["h"] or Decimal(0)
        rows.append(
            PayoutRow(
                v, hours, rate, (hours * rate).quantize(Decimal("0.01")), s["t"] or Decimal(0)
            )
        )
    return rows


def _payout_header() -> list[str]:
    return [
        _("Interpreter"),
        _("Hours"),
        _("Rate (€/h)"),
        _("Allowance (€)"),
        _("Travel costs (€)"),
        _("Total (€)"),
    ]


def payouts_xlsx(rows: list[PayoutRow], month: datetime.date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = month.strftime("%Y-%m")
    ws.append(_payout_header())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([r.volunteer.full_name, r.hours, r.rate, r.allowance, r.travel, r.total])
        for col in (3, 4, 5, 6):
            ws.cell(row=ws.max_row, column=col).number_format = '#,##0.00 "€"'
    ws.append(
        [
            _("Total"),
            sum((r.hours for r in rows), Decimal(0)),
            None,
            sum((r.allowance for r in rows), Decimal(0)),
            sum((r.travel for r in rows), Decimal(0)),
            sum((r.total for r in rows), Decimal(0)),
        ]
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _euro(value: Decimal) -> str:
    text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} €"


def payouts_pdf(rows: list[PayoutRow], month: datetime.date, contact_point) -> bytes:
    doc = Document()
    doc.heading(_("Interpreter pool: payout list %(month)s") % {"month": month.strftime("%m/%Y")})
    doc.para(str(contact_point))
    for r in rows:
        doc.field(
            r.volunteer.full_name,
            _("%(hours)s h × %(rate)s = %(allowance)s, travel %(travel)s, total %(total)s")
            % {
                "hours": _hours(r.hours),
                "rate": _euro(r.rate),
                "allowance": _euro(r.allowance),
                "travel": _euro(r.travel),
                "total": _euro(r.total),
            },
        )
    doc.ln(3)
    doc.field(_("Total"), _euro(sum((r.total for r in rows), Decimal(0))))
    doc.ln(8)
    doc.blank_line(_("Checked (date, signature)"))
    return doc.bytes()
