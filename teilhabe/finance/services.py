"""Writes about money, positions and district projects.

Every function is keyword-only, runs in one transaction and refuses bad input with a
``ValidationError`` carrying a German message (English source string), writing nothing.

Over-commitment is impossible twice over: the services lock the budget line
(``select_for_update``) and check what is available, and the database refuses any budget line
whose committed total exceeds its budget (CHECK constraint ``budget_line_never_overcommitted``);
the running totals are changed with ``UPDATE … SET committed = committed + x`` under that lock.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from teilhabe.access import Action, acting_person, check
from teilhabe.cases.documents import sniff
from teilhabe.finance.models import (
    ApplicationRound,
    BudgetChange,
    BudgetLine,
    BudgetLineKind,
    Commitment,
    DecisionAmount,
    DecisionLetterTexts,
    FiscalYear,
    Movement,
    MovementKind,
    Occupancy,
    Position,
    Project,
    ProjectDocument,
    ProjectEvent,
    ProjectStatus,
    ProjectStep,
)

CENT = Decimal("0.01")


def _euro(value: Decimal) -> str:
    return f"{number_format(value, 2, use_l10n=True, force_grouping=True)} €"


def _money(value, field: str = "amount") -> Decimal:
    """A positive amount with at most two decimal places."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (ArithmeticError, ValueError):
        raise ValidationError({field: _("Please enter an amount in euros.")}) from None
    if not amount.is_finite():
        raise ValidationError({field: _("Please enter an amount in euros.")})
    if amount <= 0:
        raise ValidationError({field: _("The amount must be greater than zero.")})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: _("Amounts are exact to the cent (two decimal places).")})
    return amount.quantize(CENT)


def _open_year(year: FiscalYear, day: dt.date, field: str) -> None:
    if year.is_closed:
        raise ValidationError(
            _("The fiscal year %(year)s is closed: nothing can be booked on it any more.")
            % {"year": year.year}
        )
    if day.year != year.year:
        raise ValidationError(
            {
                field: _("The date %(date)s lies outside the fiscal year %(year)s.")
                % {"date": day.strftime("%d.%m.%Y"), "year": year.year}
            }
        )


# --- Budgets --------------------------------------------------------------------------------


@transaction.atomic
def budget_change_add(
    *,
    user: Any,
    line: BudgetLine,
    amount: Decimal,
    changed_on: dt.date,
    kind: str,
    decision_amount: DecisionAmount | None = None,
    note: str = "",
) -> BudgetChange:
    """Raise (positive ``amount``) or cut (negative) a line's budget; never below what is
    committed."""
    check(user, Action.MANAGE_FINANCE, line)
    if amount == 0 or amount != amount.quantize(CENT):
        raise ValidationError({"amount": _("Please enter a change to the cent, not zero.")})
    locked = BudgetLine.objects.select_for_update().select_related("fiscal_year").get(pk=line.pk)
    _open_year(locked.fiscal_year, changed_on, "changed_on")
    if locked.amount + amount < locked.committed:
        raise ValidationError(
            {
                "amount": _(
                    "The budget cannot be cut below what is already committed (%(committed)s)."
                )
                % {"committed": _euro(locked.committed)}
            }
        )
    change = BudgetChange.objects.create(
        line=locked,
        amount=amount,
        changed_on=changed_on,
        kind=kind,
        decision_amount=decision_amount,
        note=note,
    )
    BudgetLine.objects.filter(pk=locked.pk).update(amount=F("amount") + amount)
    line.refresh_from_db()
    return change


def _new_number(year: int) -> str:
    return f"Z-{year}-{uuid.uuid4().hex[:8].upper()}"


@transaction.atomic
def commitment_create(
    *,
    user: Any,
    line: BudgetLine,
    organisation,
    amount,
    committed_on: dt.date,
    purpose: str,
    borough=None,
) -> Commitment:
    """Commit ``amount`` of ``line`` to ``organisation`` (Bewilligung / Zuwendungsbescheid)."""
    check(user, Action.MANAGE_FINANCE, line)
    amount = _money(amount)
    if not purpose.strip():
        raise ValidationError({"purpose": _("Please state the purpose of the grant.")})
    # The row lock serialises concurrent commitments on the same line (PostgreSQL).
    locked = BudgetLine.objects.select_for_update().select_related("fiscal_year").get(pk=line.pk)
    _open_year(locked.fiscal_year, committed_on, "committed_on")
    if amount > locked.amount - locked.committed:
        raise ValidationError(
            {
                "amount": _(
                    "Only %(available)s is still available on the budget line “%(line)s”; "
                    "%(amount)s cannot be committed."
                )
                % {
                    "available": _euro(locked.amount - locked.committed),
                    "line": locked.name,
                    "amount": _euro(amount),
                }
            }
        )
    try:
        with transaction.atomic():
            # The CHECK constraint is the database's own guarantee, whatever path writes.
            BudgetLine.objects.filter(pk=locked.pk).update(committed=F("committed") + amount)
    except IntegrityError:
        raise ValidationError(
            {"amount": _("The budget line would be over-committed; nothing was saved.")}
        ) from None
    commitment = Commitment.objects.create(
        number=_new_number(locked.fiscal_year.year),
        line=locked,
        organisation=organisation,
        borough=borough if borough is not None else locked.borough,
        purpose=purpose.strip(),
        committed_on=committed_on,
        original_amount=amount,
        amount=amount,
        created_by=acting_person(user),
    )
    return commitment


@dataclass(frozen=True)
class _Booking:
    """How one kind of movement changes a commitment and its budget line (signs of the amount
    on each running total) and what limits it."""

    commitment: dict[str, int]
    line: dict[str, int]
    limit: Callable[[Commitment], Decimal]
    refusal: Callable[[Commitment], str]


BOOKINGS: dict[str, _Booking] = {
    # Pay out part of a commitment; never more than is committed and not yet paid.
    MovementKind.PAYMENT: _Booking(
        commitment={"paid": +1},
        line={"paid": +1},
        limit=lambda c: c.amount - c.paid,
        refusal=lambda c: (
            _("The payment exceeds the commitment: only %(open)s is still open to be paid.")
            % {"open": _euro(c.amount - c.paid)}
        ),
    ),
    # Money paid back by the recipient (reduces what is paid, not what is committed).
    MovementKind.REPAYMENT: _Booking(
        commitment={"paid": -1},
        line={"paid": -1},
        limit=lambda c: c.paid,
        refusal=lambda c: (
            _("A repayment cannot exceed what was paid (%(paid)s).") % {"paid": _euro(c.paid)}
        ),
    ),
    # Reduce a commitment (in part or in full); the money becomes available on the line.
    MovementKind.CANCELLATION: _Booking(
        commitment={"amount": -1},
        line={"committed": -1},
        limit=lambda c: c.amount - c.paid,
        refusal=lambda c: (
            _("Only the part not yet paid (%(open)s) can be cancelled; book a repayment first.")
            % {"open": _euro(c.amount - c.paid)}
        ),
    ),
}


@transaction.atomic
def movement_book(
    *,
    user: Any,
    commitment: Commitment,
    kind: str,
    amount,
    booked_on: dt.date,
    note: str = "",
) -> Movement:
    """Book a payment, a repayment or a cancellation (``kind``, see :data:`BOOKINGS`) on a
    commitment: one shape for all three, the rules per kind in the table."""
    check(user, Action.MANAGE_FINANCE, commitment.line)
    return _book(commitment, kind, amount, booked_on, note, acting_person(user))


def _book(commitment: Commitment, kind: str, amount, booked_on: dt.date, note: str, by) -> Movement:
    booking = BOOKINGS.get(kind)
    if booking is None:
        raise ValidationError({"kind": _("Please choose what to book.")})
    amount = _money(amount)
    # Lock order: budget line first, then the commitment (the same order as commitment_create).
    line = (
        BudgetLine.objects.select_for_update()
        .select_related("fiscal_year")
        .get(pk=commitment.line_id)
    )
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    _open_year(line.fiscal_year, booked_on, "booked_on")
    if booked_on < locked.committed_on:
        raise ValidationError(
            {"booked_on": _("Nothing can be booked on a commitment before its date.")}
        )
    if amount > booking.limit(locked):
        raise ValidationError({"amount": booking.refusal(locked)})
    movement = Movement.objects.create(
        commitment=locked,
        kind=kind,
        amount=amount,
        booked_on=booked_on,
        note=note,
        created_by=by,
    )
    Commitment.objects.filter(pk=locked.pk).update(
        **{name: F(name) + sign * amount for name, sign in booking.commitment.items()}
    )
    BudgetLine.objects.filter(pk=line.pk).update(
        **{name: F(name) + sign * amount for name, sign in booking.line.items()}
    )
    commitment.refresh_from_db()
    return movement


# --- Position plan --------------------------------------------------------------------------


@transaction.atomic
def occupancy_add(
    *,
    user: Any,
    position: Position,
    holder: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
) -> Occupancy:
    """Record who holds a post from when (to when); periods of one post never overlap."""
    check(user, Action.MANAGE_FINANCE, position)
    if not holder.strip():
        raise ValidationError({"holder": _("Please enter who holds the position.")})
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end lies before the start.")})
    Position.objects.select_for_update().get(pk=position.pk)
    far = dt.date.max
    for other in position.occupancies.all():
        if starts_on <= (other.ends_on or far) and other.starts_on <= (ends_on or far):
            raise ValidationError(
                _("The position is already held by %(holder)s in this period.")
                % {"holder": other.holder}
            )
    occupancy = Occupancy.objects.create(
        position=position, holder=holder.strip(), starts_on=starts_on, ends_on=ends_on
    )
    position_commitment_sync(user=user, position=position)
    return occupancy


@transaction.atomic
def occupancy_end(*, user: Any, occupancy: Occupancy, ends_on: dt.date) -> Occupancy:
    """The holder leaves on ``ends_on`` (the last day in post); the standard costs of the
    days after it are released on the position's budget line."""
    check(user, Action.MANAGE_FINANCE, occupancy.position)
    Position.objects.select_for_update().get(pk=occupancy.position_id)
    if ends_on < occupancy.starts_on:
        raise ValidationError({"ends_on": _("The end lies before the start.")})
    Occupancy.objects.filter(pk=occupancy.pk).update(ends_on=ends_on)
    occupancy.ends_on = ends_on
    position_commitment_sync(user=user, position=occupancy.position)
    return occupancy


def occupied_days(occupancies: Iterable[Occupancy], start: dt.date, end: dt.date) -> int:
    """Days from ``start`` to ``end`` (both included) on which the post was held."""
    days = 0
    for o in occupancies:
        first, last = max(o.starts_on, start), min(o.ends_on or end, end)
        days += max(0, (last - first).days + 1)
    return days


def position_standard_cost(position: Position, line: BudgetLine, occupancies) -> Decimal:
    """Standard costs of ``position`` in the fiscal year of ``line``: the annual cost of its
    pay group (Personalkostentabelle of that year) × FTE × days held / days of the year.
    Zero without pay group or standard cost."""
    from teilhabe.finance.models import StandardCost

    year = line.fiscal_year.year
    annual = (
        StandardCost.objects.filter(fiscal_year=line.fiscal_year, pay_group=position.pay_group)
        .values_list("annual_cost", flat=True)
        .first()
    )
    if annual is None or not position.pay_group:
        return Decimal("0.00")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    held = occupied_days(occupancies, start, end)
    share = Decimal(held) / Decimal((end - start).days + 1)
    return (annual * position.fte * share).quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def position_commitment_sync(*, user: Any, position: Position) -> Commitment | None:
    """Commit the standard costs of a filled position against its budget line for the days it
    is held in that line's fiscal year (idempotent: the commitment is created once and then
    raised or, by a cancellation, lowered to what the occupancies cost; a vacancy releases
    the rest). Nothing changes on a closed fiscal year. The budget line is locked first, as
    in :func:`commitment_create`."""
    check(user, Action.MANAGE_FINANCE, position)
    if position.budget_line_id is None:
        return None
    line = (
        BudgetLine.objects.select_for_update()
        .select_related("fiscal_year")
        .get(pk=position.budget_line_id)
    )
    existing = Commitment.objects.select_for_update().filter(position=position, line=line).first()
    if line.fiscal_year.is_closed:
        return existing
    occupancies = list(Occupancy.objects.filter(position=position))
    target = position_standard_cost(position, line, occupancies)
    year = line.fiscal_year.year
    if existing is None:
        if target == 0:
            return None
        first = min(max(o.starts_on, dt.date(year, 1, 1)) for o in occupancies)
        _reserve(line, target)
        return Commitment.objects.create(
            number=_new_number(year),
            line=line,
            organisation=position.organisation,
            borough=position.borough if position.borough_id else line.borough,
            position=position,
            purpose=_("Standard costs of the position %(title)s") % {"title": position.title},
            committed_on=min(first, dt.date(year, 12, 31)),
            original_amount=target,
            amount=target,
            created_by=acting_person(user),
        )
    target = max(target, existing.paid)
    change = target - existing.amount
    if change > 0:
        _reserve(line, change)
        # A position's commitment grows with its occupancy: "originally" is the highest
        # amount ever committed (the constraint only lets the amount fall below it).
        Commitment.objects.filter(pk=existing.pk).update(
            amount=F("amount") + change,
            original_amount=Greatest(F("original_amount"), F("amount") + change),
        )
    elif change < 0:
        day = min(max(timezone.localdate(), existing.committed_on), dt.date(year, 12, 31))
        _book(
            existing,
            MovementKind.CANCELLATION,
            -change,
            day,
            _("Position vacant: standard costs released"),
            acting_person(user),
        )
    existing.refresh_from_db()
    return existing


def _reserve(line: BudgetLine, amount: Decimal) -> None:
    """Raise what is committed on a locked line by ``amount`` (refused when not available)."""
    if amount > line.amount - line.committed:
        raise ValidationError(
            _(
                "Only %(available)s is still available on the budget line “%(line)s”; "
                "%(amount)s cannot be committed."
            )
            % {
                "available": _euro(line.amount - line.committed),
                "line": line.name,
                "amount": _euro(amount),
            }
        )
    try:
        with transaction.atomic():
            BudgetLine.objects.filter(pk=line.pk).update(committed=F("committed") + amount)
    except IntegrityError:
        raise ValidationError(
            {"amount": _("The budget line would be over-committed; nothing was saved.")}
        ) from None
    line.committed += amount


# --- District projects ----------------------------------------------------------------------


def _event(project: Project, step: str, user: Any, note: str = "") -> None:
    ProjectEvent.objects.create(project=project, step=step, by=acting_person(user), note=note)


def _require_status(project: Project, *allowed: str) -> None:
    if project.status not in allowed:
        raise ValidationError(
            _("This step is not possible while the project is “%(status)s”.")
            % {"status": project.get_status_display()}
        )


@transaction.atomic
def project_apply(
    *,
    user: Any,
    organisation,
    round: ApplicationRound,
    borough,
    districts: Iterable = (),
    title: str,
    goals: str,
    target_group: str,
    starts_on: dt.date,
    ends_on: dt.date,
    cost_plan: str,
    total_cost,
    own_funds=Decimal("0.00"),
    other_funds=Decimal("0.00"),
    requested,
    submitted_on: dt.date | None = None,
) -> Project:
    """An organisation applies for a grant from a borough's integration budget.
    ``submitted_on``: the day a paper application arrived (loaders, imports); default now."""
    check(user, Action.APPLY_PROJECTS, organisation)
    total_cost = _money(total_cost, "total_cost")
    requested = _money(requested, "requested")
    own_funds = Decimal(own_funds or 0).quantize(CENT)
    other_funds = Decimal(other_funds or 0).quantize(CENT)
    if own_funds < 0 or other_funds < 0:
        raise ValidationError(_("Own funds and other funding cannot be negative."))
    if own_funds + other_funds + requested != total_cost:
        raise ValidationError(
            _(
                "The financing plan does not balance: amount requested, own funds and other "
                "funding (%(sum)s) must add up to the total cost (%(total)s)."
            )
            % {"sum": _euro(own_funds + other_funds + requested), "total": _euro(total_cost)}
        )
    year = round.fiscal_year
    if year.is_closed:
        raise ValidationError(
            _("The fiscal year %(year)s is closed: no applications can be made for it.")
            % {"year": year.year}
        )
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end lies before the start.")})
    if starts_on.year != year.year or ends_on.year != year.year:
        raise ValidationError(
            {
                "starts_on": _("The project period must lie within the fiscal year %(year)s.")
                % {"year": year.year}
            }
        )
    districts = list(districts)
    if any(d.borough_id != borough.pk for d in districts):
        raise ValidationError({"districts": _("Please choose Stadtteile of the chosen borough.")})
    project = Project.objects.create(
        round=round,
        organisation=organisation,
        borough=borough,
        title=title.strip(),
        goals=goals.strip(),
        target_group=target_group.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        cost_plan=cost_plan.strip(),
        total_cost=total_cost,
        own_funds=own_funds,
        other_funds=other_funds,
        requested=requested,
    )
    if submitted_on is not None:
        if submitted_on > timezone.localdate():
            raise ValidationError(_("An application cannot be submitted in the future."))
        project.submitted_at = dt.datetime.combine(
            submitted_on, dt.time(9), tzinfo=timezone.get_current_timezone()
        )
        Project.objects.filter(pk=project.pk).update(submitted_at=project.submitted_at)
    project.districts.set(districts)
    _event(project, ProjectStep.SUBMITTED, user, _("Amount requested: %s") % _euro(requested))
    return project


def step_date_check(field: str, day: dt.date, earliest: dt.date | None, what) -> None:
    """A step of a project is dated neither in the future nor before the step it follows
    (``what`` names that step, with ``%(day)s`` for its date)."""
    if day > timezone.localdate():
        raise ValidationError({field: _("This date lies in the future.")})
    if earliest and day < earliest:
        raise ValidationError(
            {
                field: _("This date (%(day)s) lies before %(what)s.")
                % {"day": f"{day:%d.%m.%Y}", "what": what % {"day": f"{earliest:%d.%m.%Y}"}}
            }
        )


def step_earliest(project: Project) -> tuple[dt.date | None, Any]:
    """The date the next step of ``project`` cannot precede, and what that date is."""
    if project.status == ProjectStatus.SUBMITTED:
        return timezone.localtime(project.submitted_at).date(), _("the application (%(day)s)")
    if project.status == ProjectStatus.APPROVED:
        return project.decided_on, _("the decision (%(day)s)")
    if project.status == ProjectStatus.COMMITTED and project.commitment_id:
        return project.commitment.committed_on, _("the commitment (%(day)s)")
    if project.status == ProjectStatus.REPORTED:
        return project.reported_on, _("the final report (%(day)s)")
    return None, ""


@transaction.atomic
def project_decide(
    *,
    user: Any,
    project: Project,
    approved_amount,
    reason: str,
    decided_on: dt.date,
) -> Project:
    """Approve in full or in part (``approved_amount``), or reject (``approved_amount`` None,
    a reason is required)."""
    check(user, Action.DECIDE_PROJECTS, project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require_status(project, ProjectStatus.SUBMITTED)
    step_date_check(
        "decided_on",
        decided_on,
        timezone.localtime(project.submitted_at).date(),
        _("the application (%(day)s)"),
    )
    reason = reason.strip()
    if approved_amount in (None, ""):
        if not reason:
            raise ValidationError({"reason": _("Please give the reason for the rejection.")})
        project.status = ProjectStatus.REJECTED
        project.approved_amount = None
        step, note = ProjectStep.REJECTED, reason
    else:
        amount = _money(approved_amount, "approved_amount")
        if amount > project.requested:
            raise ValidationError(
                {"approved_amount": _("More than the amount requested cannot be approved.")}
            )
        if amount < project.requested and not reason:
            raise ValidationError(
                {"reason": _("Please give the reason why only part is approved.")}
            )
        project.status = ProjectStatus.APPROVED
        project.approved_amount = amount
        step = ProjectStep.APPROVED if amount == project.requested else ProjectStep.PARTLY_APPROVED
        note = _("Amount approved: %s") % _euro(amount) + (f" – {reason}" if reason else "")
    project.decision_reason = reason
    project.decided_on = decided_on
    project.file_number = project.file_number or _next_file_number(project)
    project.save(
        update_fields=["status", "approved_amount", "decision_reason", "decided_on", "file_number"]
    )
    _event(project, step, user, note)
    return project


DEFAULT_FILE_NUMBER_PATTERN = "IB-{year}-{borough}-{number:03d}"


def _next_file_number(project: Project) -> str:
    """The next free Aktenzeichen for a decided project, after the municipality's pattern."""
    borough = project.borough
    texts = DecisionLetterTexts.objects.filter(municipality_id=borough.municipality_id).first()
    pattern = texts.file_number_pattern if texts else DEFAULT_FILE_NUMBER_PATTERN
    year = project.round.fiscal_year.year
    number = Project.objects.filter(
        round__fiscal_year_id=project.round.fiscal_year_id, file_number__isnull=False
    ).count()
    while True:
        number += 1
        candidate = pattern.format(
            year=year, borough=borough.roman or borough.number, number=number
        )
        if not Project.objects.filter(file_number=candidate).exists():
            return candidate[:60]


LETTER_TEXT_FIELDS = (
    "authority",
    "authority_address",
    "place",
    "file_number_pattern",
    "signer_name",
    "signer_role",
    "conditions",
    "legal_remedy",
)


@transaction.atomic
def decision_letter_texts_save(*, municipality, values: dict):
    """Set the texts of a municipality's decision letters (from scenario data or the admin)."""
    unknown = set(values) - set(LETTER_TEXT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields for the decision letter: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    texts, _created = DecisionLetterTexts.objects.get_or_create(
        municipality=municipality, defaults={k: values.get(k, "") for k in LETTER_TEXT_FIELDS}
    )
    for key, value in values.items():
        setattr(texts, key, value.strip() if isinstance(value, str) else value)
    texts.full_clean(exclude=["municipality"])
    texts.save()
    return texts


def integration_budget_for(project: Project) -> BudgetLine:
    line = BudgetLine.objects.filter(
        fiscal_year_id=project.round.fiscal_year_id,
        kind=BudgetLineKind.INTEGRATION_BUDGET,
        borough_id=project.borough_id,
    ).first()
    if line is None:
        raise ValidationError(
            _("There is no integration budget for this borough in the fiscal year.")
        )
    return line


@transaction.atomic
def project_commit(*, user: Any, project: Project, committed_on: dt.date) -> Project:
    """Commit the approved amount on the borough's integration budget (Zuwendungsbescheid)."""
    check(user, Action.MANAGE_FINANCE)
    project = (
        Project.objects.select_for_update(of=("self",)).select_related("round").get(pk=project.pk)
    )
    _require_status(project, ProjectStatus.APPROVED)
    step_date_check("day", committed_on, project.decided_on, _("the decision (%(day)s)"))
    commitment = commitment_create(
        user=user,
        line=integration_budget_for(project),
        organisation=project.organisation,
        borough=project.borough,
        amount=project.approved_amount,
        committed_on=committed_on,
        purpose=project.title,
    )
    project.commitment = commitment
    project.status = ProjectStatus.COMMITTED
    project.save(update_fields=["commitment", "status"])
    _event(project, ProjectStep.COMMITTED, user, commitment.number)
    return project


@transaction.atomic
def project_pay(*, user: Any, project: Project, amount, booked_on: dt.date) -> Movement:
    check(user, Action.MANAGE_FINANCE)
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require_status(project, ProjectStatus.COMMITTED, ProjectStatus.REPORTED)
    movement = _book(
        project.commitment, MovementKind.PAYMENT, amount, booked_on, "", acting_person(user)
    )
    _event(project, ProjectStep.PAID, user, _euro(movement.amount))
    return movement


@transaction.atomic
def project_report(
    *,
    user: Any,
    project: Project,
    actual_cost,
    participants: int,
    outcomes: str,
    reported_on: dt.date,
) -> Project:
    """The final report (Verwendungsnachweis): actual costs, participants, outcomes."""
    check(user, Action.APPLY_PROJECTS, project)
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("commitment")
        .get(pk=project.pk)
    )
    _require_status(project, ProjectStatus.COMMITTED)
    step_date_check(
        "reported_on", reported_on, project.commitment.committed_on, _("the commitment (%(day)s)")
    )
    actual_cost = _money(actual_cost, "actual_cost")
    if participants is None or participants < 0:
        raise ValidationError({"participants": _("Please enter the number of participants.")})
    if not outcomes.strip():
        raise ValidationError({"outcomes": _("Please describe what the project achieved.")})
    project.actual_cost = actual_cost
    project.participants = participants
    project.outcomes = outcomes.strip()
    project.reported_on = reported_on
    project.status = ProjectStatus.REPORTED
    project.save(update_fields=["actual_cost", "participants", "outcomes", "reported_on", "status"])
    _event(project, ProjectStep.REPORTED, user, _("Actual cost: %s") % _euro(actual_cost))
    return project


@transaction.atomic
def project_close(*, user: Any, project: Project, closed_on: dt.date) -> Project:
    """Close a reported project; what was committed but not paid goes back to the budget."""
    check(user, Action.DECIDE_PROJECTS, project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require_status(project, ProjectStatus.REPORTED)
    step_date_check("day", closed_on, project.reported_on, _("the final report (%(day)s)"))
    commitment = project.commitment
    note = ""
    if commitment is not None and commitment.amount > commitment.paid:
        rest = commitment.amount - commitment.paid
        # The release follows from closing (a decision of the borough), not from a booking.
        _book(
            commitment,
            MovementKind.CANCELLATION,
            rest,
            closed_on,
            _("Not needed at closing"),
            acting_person(user),
        )
        note = _("%s not paid and released to the budget") % _euro(rest)
    project.status = ProjectStatus.CLOSED
    project.closed_on = closed_on
    project.save(update_fields=["status", "closed_on"])
    _event(project, ProjectStep.CLOSED, user, note)
    return project


MAX_DOCUMENT_SIZE = 10 * 1024 * 1024


@transaction.atomic
def project_document_add(
    *, user: Any, project: Project, title: str, filename: str, content: bytes
) -> ProjectDocument:
    """Attach a document (application, receipts, final report …) to a project; its type comes
    from its content."""
    check(user, Action.APPLY_PROJECTS, project)
    if not title.strip():
        raise ValidationError({"title": _("Please give the document a title.")})
    if not content:
        raise ValidationError({"file": _("The file is empty.")})
    if len(content) > MAX_DOCUMENT_SIZE:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    # The type comes from the content (magic bytes), never from the browser's claim.
    sniffed = sniff(content[:16])
    if sniffed is None and content.startswith(b"PK\x03\x04") and filename.lower().endswith(".xlsx"):
        sniffed = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if sniffed is None:
        raise ValidationError({"file": _("Only PDF, JPEG, PNG and XLSX files can be attached.")})
    document = ProjectDocument.objects.create(
        project=project,
        title=title.strip(),
        filename=Path(filename).name[:200] or "dokument",
        content_type=sniffed,
        size=len(content),
        content=content,
        uploaded_by=acting_person(user),
    )
    _event(project, ProjectStep.DOCUMENT, user, document.title)
    return document


def today() -> dt.date:
    return timezone.localdate()
