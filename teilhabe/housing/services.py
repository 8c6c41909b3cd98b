"""Writes of housing support and asylum-procedure counselling.

Keyword-only, ``user`` first, access checked through :mod:`teilhabe.access`, one transaction
each, every change of a person's data audited. Deadlines and appointments are written through
the case-management services, so they appear in the case file, the deadline list and the
calendar like every other deadline.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, check
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_record
from teilhabe.cases import services as case_services
from teilhabe.cases.models import (
    Appointment,
    Case,
    Deadline,
    DeadlineKind,
    Household,
    Milestone,
    MilestoneStatus,
    MilestoneType,
    Person,
)
from teilhabe.housing import rules
from teilhabe.housing.models import (
    Accommodation,
    AsylumProcedure,
    BenefitPeriod,
    FlatSearch,
    FlatSearchStatus,
    ResidenceObligation,
    ResidenceTitle,
    Stay,
    StayKind,
)

OWN_TENANCY_MILESTONE = "eigene-wohnung"
_DAY = datetime.timedelta(days=1)


def _today() -> datetime.date:
    return timezone.localdate()


def _not_future(value: datetime.date | None, label: str) -> None:
    if value and value > _today():
        raise ValidationError({label: _("This date lies in the future.")})


def open_case_of(person: Person) -> Case | None:
    """The case of the person's organisation that deadlines attach to (the newest open one)."""
    return (
        Case.objects.filter(
            household_id=person.household_id,
            organisation_id=person.organisation_id,
            closed_on__isnull=True,
        )
        .order_by("-opened_on", "-id")
        .first()
    )


def _deadline(
    user: Any, person: Person, *, kind: str, title: str, due_on: datetime.date, owner: Any
) -> Deadline | None:
    """An automatic deadline in the person's open case (none without an open case). ``user``
    is who acts (None for the daily run); ``owner`` the user on whose record it rests."""
    case = open_case_of(person)
    if case is None:
        return None
    deadline = Deadline.objects.create(
        case=case,
        person=person,
        created_by=owner,
        kind=kind,
        title=title[:200],
        due_on=due_on,
    )
    audit_record(user=user, action=AuditAction.CREATE, obj=deadline, detail="automatic")
    return deadline


def _move_deadline(deadline: Deadline | None, due_on: datetime.date, title: str) -> None:
    if deadline is not None and deadline.done_on is None:
        deadline.due_on, deadline.title = due_on, title[:200]
        deadline.save(update_fields=["due_on", "title"])


# --- Accommodation register ------------------------------------------------------------------


def occupancy_on(accommodation: Accommodation, day: datetime.date) -> int:
    return Stay.objects.filter(
        Q(moved_out__isnull=True) | Q(moved_out__gt=day),
        accommodation=accommodation,
        moved_in__lte=day,
    ).count()


def peak_occupancy(
    accommodation: Accommodation,
    start: datetime.date,
    end: datetime.date | None,
    *,
    exclude: Iterable[int] = (),
) -> int:
    """The highest number of persons on any day of [start, end) (end None: from start on)."""
    stays = Stay.objects.filter(accommodation=accommodation).exclude(pk__in=list(exclude))
    stays = stays.filter(Q(moved_out__isnull=True) | Q(moved_out__gt=start))
    if end is not None:
        stays = stays.filter(moved_in__lt=end)
    events: dict[datetime.date, int] = {}
    for moved_in, moved_out in stays.values_list("moved_in", "moved_out"):
        first = max(moved_in, start)
        events[first] = events.get(first, 0) + 1
        if moved_out is not None:
            events[moved_out] = events.get(moved_out, 0) - 1
    peak = current = 0
    for day in sorted(events):
        current += events[day]
        if end is None or day < end:
            peak = max(peak, current)
    return peak


@transaction.atomic
def accommodation_save(
    *, user: Any, data: dict[str, Any], accommodation: Accommodation | None = None
) -> Accommodation:
    check(user, Action.MANAGE_ACCOMMODATION)
    created = accommodation is None
    if accommodation is None:
        accommodation = Accommodation()
    else:
        accommodation = Accommodation.objects.select_for_update().get(pk=accommodation.pk)
    for key, value in data.items():
        setattr(accommodation, key, value)
    if accommodation.blocked_places > accommodation.places:
        raise ValidationError(
            {"blocked_places": _("There cannot be more blocked places than places.")}
        )
    if not created:
        peak = peak_occupancy(accommodation, _today(), None)
        if peak > accommodation.usable_places:
            raise ValidationError(
                _(
                    "%(count)s persons live or are booked here; the usable places cannot be "
                    "fewer than that."
                )
                % {"count": peak}
            )
    accommodation.full_clean()
    accommodation.save()
    audit_record(
        user=user,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=accommodation,
        organisation_id=accommodation.operator_id,
    )
    return accommodation


# --- Housing history -------------------------------------------------------------------------


def _check_stay(person: Person, stay: Stay, *, exclude: Iterable[int] = ()) -> None:
    if stay.moved_out is not None and stay.moved_out <= stay.moved_in:
        raise ValidationError({"moved_out": _("The move-out must lie after the move-in.")})
    _not_future(stay.moved_in, "moved_in") if stay.kind != StayKind.ACCOMMODATION else None
    if stay.kind == StayKind.ACCOMMODATION and stay.accommodation_id is None:
        raise ValidationError({"accommodation": _("Choose the accommodation.")})
    if stay.kind != StayKind.ACCOMMODATION:
        stay.accommodation = None
    overlapping = Stay.objects.filter(person=person).exclude(pk__in=list(exclude))
    overlapping = overlapping.filter(Q(moved_out__isnull=True) | Q(moved_out__gt=stay.moved_in))
    if stay.moved_out is not None:
        overlapping = overlapping.filter(moved_in__lt=stay.moved_out)
    clash = overlapping.select_related("accommodation").first()
    if clash is not None:
        raise ValidationError(
            {
                "moved_in": _(
                    "This period overlaps with the stay at %(place)s from %(start)s. End that "
                    "stay first or choose other dates."
                )
                % {"place": clash.place, "start": f"{clash.moved_in:%d.%m.%Y}"}
            }
        )
    if stay.kind == StayKind.ACCOMMODATION:
        accommodation = Accommodation.objects.select_for_update().get(pk=stay.accommodation_id)
        if not accommodation.is_active:
            raise ValidationError({"accommodation": _("This accommodation is not in use.")})
        peak = peak_occupancy(accommodation, stay.moved_in, stay.moved_out, exclude=exclude)
        if peak + 1 > accommodation.usable_places:
            raise ValidationError(
                {
                    "accommodation": _(
                        "%(name)s has no free place in this period (%(used)s of %(places)s "
                        "usable places taken)."
                    )
                    % {
                        "name": accommodation.name,
                        "used": peak,
                        "places": accommodation.usable_places,
                    }
                }
            )


@transaction.atomic
def stay_add(*, user: Any, person: Person, data: dict[str, Any]) -> Stay:
    check(user, Action.EDIT_CASES, person)
    Person.objects.select_for_update().filter(pk=person.pk).exists()
    stay = Stay(person=person, created_by=user, **data)
    _check_stay(person, stay)
    stay.full_clean()
    stay.save()
    audit_record(user=user, action=AuditAction.CREATE, obj=stay)
    if stay.kind == StayKind.FLAT and stay.moved_out is None:
        _own_tenancy(user, person, stay)
    return stay


@transaction.atomic
def stay_end(*, user: Any, stay: Stay, moved_out: datetime.date) -> Stay:
    check(user, Action.EDIT_CASES, stay)
    stay = Stay.objects.select_for_update().get(pk=stay.pk)
    if stay.moved_out is not None:
        raise ValidationError(_("This stay has already ended."))
    if moved_out <= stay.moved_in:
        raise ValidationError({"moved_out": _("The move-out must lie after the move-in.")})
    stay.moved_out = moved_out
    _check_stay(stay.person, stay, exclude=[stay.pk])
    stay.save(update_fields=["moved_out"])
    audit_record(user=user, action=AuditAction.UPDATE, obj=stay, detail="moved out")
    return stay


def _own_tenancy(user: Any, person: Person, stay: Stay) -> None:
    """A flat of one's own: the milestone is achieved and the address is the flat's."""
    achieved = min(stay.tenancy_start or stay.moved_in, _today())
    milestone_type = MilestoneType.objects.filter(key=OWN_TENANCY_MILESTONE).first()
    if milestone_type is not None:
        case_services.milestone_set(
            user=user,
            person=person,
            type=milestone_type,
            status=MilestoneStatus.ACHIEVED,
            achieved_on=achieved,
            note=_("Tenancy from %(date)s") % {"date": f"{achieved:%d.%m.%Y}"},
        )
    case_services.person_update(
        user=user,
        person=person,
        data={
            "street": stay.street,
            "postcode": stay.postcode,
            "district": stay.district,
            "housing": "own_flat",
        },
    )


@dataclass(frozen=True)
class MoveResult:
    stays: list[Stay]
    ended: list[Stay]


@transaction.atomic
def household_move_into_flat(
    *,
    user: Any,
    household: Household,
    persons: list[Person],
    moved_on: datetime.date,
    tenancy_start: datetime.date,
    street: str,
    postcode: str,
    district: Any,
) -> MoveResult:
    """Move household members into a flat: their current stays end on ``moved_on``, a flat
    stay begins, the "own tenancy" milestone is set and the household's flat search ends."""
    check(user, Action.EDIT_CASES, household)
    if not persons:
        raise ValidationError({"persons": _("Choose at least one person who moves.")})
    if any(p.household_id != household.pk for p in persons):
        raise ValidationError({"persons": _("Only members of this household can move here.")})
    _not_future(moved_on, "moved_on")
    if tenancy_start > moved_on:
        raise ValidationError(
            {"tenancy_start": _("The tenancy must start on or before the day of the move.")}
        )
    stays, ended = [], []
    for person in persons:
        check(user, Action.EDIT_CASES, person)
        current = (
            Stay.objects.select_for_update().filter(person=person, moved_out__isnull=True).first()
        )
        if current is not None:
            if current.moved_in >= moved_on:
                raise ValidationError(
                    {
                        "moved_on": _(
                            "%(name)s moved into %(place)s on %(date)s; the move into the flat "
                            "must come later."
                        )
                        % {
                            "name": person.full_name,
                            "place": current.place,
                            "date": f"{current.moved_in:%d.%m.%Y}",
                        }
                    }
                )
            current.moved_out = moved_on
            current.save(update_fields=["moved_out"])
            audit_record(user=user, action=AuditAction.UPDATE, obj=current, detail="moved out")
            ended.append(current)
        stays.append(
            stay_add(
                user=user,
                person=person,
                data={
                    "kind": StayKind.FLAT,
                    "street": street,
                    "postcode": postcode,
                    "district": district,
                    "moved_in": moved_on,
                    "tenancy_start": tenancy_start,
                },
            )
        )
    for search in (
        FlatSearch.objects.select_for_update()
        .filter(household=household)
        .exclude(status__in=[FlatSearchStatus.MOVED_IN, FlatSearchStatus.ENDED])
    ):
        search.status = FlatSearchStatus.MOVED_IN
        search.save(update_fields=["status", "updated_at"])
        audit_record(user=user, action=AuditAction.UPDATE, obj=search, detail="moved in")
    return MoveResult(stays, ended)


@transaction.atomic
def flat_search_save(
    *, user: Any, household: Household, data: dict[str, Any], search: FlatSearch | None = None
) -> FlatSearch:
    check(user, Action.EDIT_CASES, household)
    created = search is None
    search = search or FlatSearch(household=household)
    for key, value in data.items():
        setattr(search, key, value)
    _not_future(search.started_on, "started_on")
    if search.wbs_status == "issued" and search.wbs_valid_until is None:
        raise ValidationError(
            {"wbs_valid_until": _("Enter until when the Wohnberechtigungsschein is valid.")}
        )
    if search.wbs_status != "issued":
        search.wbs_valid_until = None
    if search.max_rent is not None and search.max_rent <= 0:
        raise ValidationError({"max_rent": _("The rent must be more than 0 €.")})
    search.full_clean()
    search.save()
    audit_record(
        user=user, action=AuditAction.CREATE if created else AuditAction.UPDATE, obj=search
    )
    return search


# --- Residence titles ------------------------------------------------------------------------


def current_title(titles: Iterable[ResidenceTitle], today: datetime.date | None = None):
    """The title in force today: the newest issued on or before today (titles come newest
    first); None when there is none."""
    today = today or _today()
    for title in titles:
        if title.issued_on <= today:
            return title
    return None


def _sync_person_status(person: Person) -> None:
    """The person record shows the current status (derived, kept for lists and figures)."""
    titles = list(ResidenceTitle.objects.filter(person=person).select_related("legal_basis"))
    title = current_title(titles)
    if title is None:
        return
    Person.objects.filter(pk=person.pk).update(
        residence_status=title.legal_basis.status, residence_valid_until=title.valid_until
    )


def _title_deadline_title(title: ResidenceTitle) -> str:
    return _("Apply for extension: %(basis)s valid until %(date)s") % {
        "basis": f"{title.legal_basis.paragraph} {title.legal_basis.law}",
        "date": f"{title.valid_until:%d.%m.%Y}",
    }


def _title_deadline(user: Any, title: ResidenceTitle) -> None:
    if title.valid_until is None or title.expiry_deadline_id:
        return
    due = max(rules.expiry_deadline(title.valid_until), _today())
    title.expiry_deadline = _deadline(
        user,
        title.person,
        kind=DeadlineKind.RESIDENCE_EXPIRY,
        title=_title_deadline_title(title),
        due_on=due,
        owner=title.created_by,
    )
    if title.expiry_deadline is not None:
        title.save(update_fields=["expiry_deadline"])


@transaction.atomic
def title_add(*, user: Any, person: Person, data: dict[str, Any]) -> ResidenceTitle:
    check(user, Action.EDIT_CASES, person)
    title = ResidenceTitle(person=person, created_by=user, **data)
    _not_future(title.issued_on, "issued_on")
    if title.legal_basis.unlimited:
        title.valid_until = None
    elif title.valid_until is None:
        raise ValidationError({"valid_until": _("Enter until when the title is valid.")})
    if title.valid_until and title.valid_until < title.issued_on:
        raise ValidationError({"valid_until": _("A title cannot expire before it was issued.")})
    born = person.birth_year and datetime.date(
        person.birth_year, person.birth_month or 1, person.birth_day or 1
    )
    if born and title.issued_on < born:
        raise ValidationError({"issued_on": _("The title cannot be issued before birth.")})
    title.full_clean(exclude=["expiry_deadline"])
    title.save()
    audit_record(user=user, action=AuditAction.CREATE, obj=title)
    _sync_person_status(person)
    _title_deadline(user, title)
    return title


# --- Benefit systems -------------------------------------------------------------------------


@transaction.atomic
def benefit_add(*, user: Any, person: Person, data: dict[str, Any]) -> BenefitPeriod:
    """Record a benefit system from a date; an open earlier period ends the day before."""
    check(user, Action.EDIT_CASES, person)
    period = BenefitPeriod(person=person, created_by=user, **data)
    if period.ends_on and period.ends_on < period.starts_on:
        raise ValidationError({"ends_on": _("The period cannot end before it starts.")})
    Person.objects.select_for_update().filter(pk=person.pk).exists()
    previous = BenefitPeriod.objects.filter(
        person=person, ends_on__isnull=True, starts_on__lt=period.starts_on
    ).first()
    if previous is not None:
        previous.ends_on = period.starts_on - _DAY
        previous.save(update_fields=["ends_on"])
        audit_record(user=user, action=AuditAction.UPDATE, obj=previous, detail="ended")
    clash = BenefitPeriod.objects.filter(person=person).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=period.starts_on)
    )
    if period.ends_on:
        clash = clash.filter(starts_on__lte=period.ends_on)
    if clash.exists():
        raise ValidationError(
            {"starts_on": _("This period overlaps with another benefit period of the person.")}
        )
    period.full_clean()
    period.save()
    audit_record(user=user, action=AuditAction.CREATE, obj=period)
    return period


def current_benefit(person: Person, today: datetime.date | None = None) -> BenefitPeriod | None:
    today = today or _today()
    return (
        BenefitPeriod.objects.filter(person=person, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .first()
    )


# --- § 12a AufenthG --------------------------------------------------------------------------


@transaction.atomic
def obligation_add(*, user: Any, person: Person, data: dict[str, Any]) -> ResidenceObligation:
    check(user, Action.EDIT_CASES, person)
    obligation = ResidenceObligation(person=person, created_by=user, **data)
    if obligation.ends_on < obligation.starts_on:
        raise ValidationError({"ends_on": _("The obligation cannot end before it starts.")})
    obligation.full_clean(exclude=["application_deadline"])
    obligation.save()
    audit_record(user=user, action=AuditAction.CREATE, obj=obligation)
    obligation_review(user=user, obligation=obligation)
    return obligation


@transaction.atomic
def obligation_lift(
    *, user: Any, obligation: ResidenceObligation, lifted_on: datetime.date
) -> ResidenceObligation:
    check(user, Action.EDIT_CASES, obligation)
    obligation = ResidenceObligation.objects.select_for_update().get(pk=obligation.pk)
    if lifted_on < obligation.starts_on:
        raise ValidationError({"lifted_on": _("It cannot be lifted before it started.")})
    _not_future(lifted_on, "lifted_on")
    obligation.lifted_on = lifted_on
    obligation.save(update_fields=["lifted_on"])
    if obligation.application_deadline_id:
        Deadline.objects.filter(pk=obligation.application_deadline_id, done_on=None).update(
            done_on=_today()
        )
    audit_record(user=user, action=AuditAction.UPDATE, obj=obligation, detail="lifted")
    return obligation


def lifting_milestone(person: Person) -> Milestone | None:
    """A job of enough hours or a training that may lift the obligation, if recorded."""
    rule = rules.obligation_rule()
    keys = [*rule["job_milestones"], *rule["training_milestones"]]
    for milestone in Milestone.objects.filter(
        person=person,
        type__key__in=keys,
        status__in=[MilestoneStatus.IN_PROGRESS, MilestoneStatus.ACHIEVED],
    ).select_related("type"):
        if rules.lifts_obligation(milestone.type.key, getattr(milestone, "weekly_hours", None)):
            return milestone
    return None


def obligation_review(*, user: Any, obligation: ResidenceObligation) -> bool:
    """Flag an obligation in force that a job or training may lift, with a deadline to apply.
    Idempotent: a flagged obligation is not flagged again. Called inside a service or the daily
    run."""
    today = _today()
    if obligation.lifted_on or obligation.ends_on < today or obligation.may_be_lifted_since:
        return False
    milestone = lifting_milestone(obligation.person)
    if milestone is None:
        return False
    obligation.may_be_lifted_since = today
    obligation.application_deadline = _deadline(
        user,
        obligation.person,
        kind=DeadlineKind.OTHER,
        title=_("Residence obligation (§ 12a) may be lifted: apply (%(reason)s)")
        % {"reason": milestone.type.name},
        due_on=rules.obligation_application_due(today),
        owner=obligation.created_by,
    )
    obligation.save(update_fields=["may_be_lifted_since", "application_deadline"])
    audit_record(user=user, action=AuditAction.UPDATE, obj=obligation, detail="may be lifted")
    return True


def obligations_after_milestone(*, user: Any, milestone: Milestone) -> None:
    """Hook of case management: a job or training recorded in the integration plan flags the
    person's residence obligations in force at once."""
    for obligation in ResidenceObligation.objects.select_for_update().filter(
        person_id=milestone.person_id, lifted_on__isnull=True, may_be_lifted_since__isnull=True
    ):
        obligation_review(user=user, obligation=obligation)


# --- Asylum procedure ------------------------------------------------------------------------


def _check_procedure(person: Person, p: AsylumProcedure) -> None:
    for field in ("applied_on", "decision_on", "delivered_on", "lawsuit_filed_on"):
        _not_future(getattr(p, field), field)
    if p.decision_on and p.decision_on < p.applied_on:
        raise ValidationError(
            {"decision_on": _("The decision cannot be dated before the application.")}
        )
    if p.delivered_on and not p.decision_on:
        raise ValidationError({"decision_on": _("Enter the date of the decision as well.")})
    if p.decision_on and not p.decision_kind:
        raise ValidationError({"decision_kind": _("Choose the kind of decision.")})
    if p.decision_kind and not p.decision_on:
        raise ValidationError({"decision_on": _("Enter the date of the decision as well.")})
    if p.delivered_on and p.decision_on and p.delivered_on < p.decision_on:
        raise ValidationError(
            {"delivered_on": _("The decision cannot be delivered before it was made.")}
        )
    if p.interview_at and timezone.localtime(p.interview_at).date() < p.applied_on:
        raise ValidationError(
            {"interview_at": _("The interview cannot take place before the application.")}
        )
    if p.lawsuit_filed_on and (not p.delivered_on or p.lawsuit_filed_on < p.delivered_on):
        raise ValidationError(
            {"lawsuit_filed_on": _("A lawsuit is filed after the decision was delivered.")}
        )
    if person.arrived_in_germany and p.applied_on < person.arrived_in_germany:
        raise ValidationError(
            {"applied_on": _("The application cannot be filed before arrival in Germany.")}
        )


def _procedure_deadlines(user: Any, p: AsylumProcedure) -> None:
    person = p.person
    remedy = rules.remedy_for(p.decision_kind, p.delivered_on)
    p.remedy_until = remedy.until if remedy else None
    p.remedy_rule = remedy.label[:300] if remedy else ""
    if remedy is not None:
        title = _("Legal remedy against the BAMF decision possible until %(date)s") % {
            "date": f"{remedy.until:%d.%m.%Y}"
        }
        if p.remedy_deadline_id:
            _move_deadline(p.remedy_deadline, remedy.until, title)
        else:
            p.remedy_deadline = _deadline(
                user,
                person,
                kind=DeadlineKind.APPEAL,
                title=title,
                due_on=remedy.until,
                owner=user,
            )
    elif p.remedy_deadline_id:
        Deadline.objects.filter(pk=p.remedy_deadline_id, done_on=None).update(done_on=_today())
    if p.lawsuit_filed_on and p.remedy_deadline_id:
        Deadline.objects.filter(pk=p.remedy_deadline_id, done_on=None).update(
            done_on=p.lawsuit_filed_on
        )
    if p.interview_at:
        interview_day = timezone.localtime(p.interview_at).date()
        due = rules.interview_preparation_due(interview_day)
        title = _("Prepare the BAMF interview on %(date)s") % {"date": f"{interview_day:%d.%m.%Y}"}
        if p.preparation_deadline_id:
            _move_deadline(p.preparation_deadline, due, title)
        elif interview_day >= _today():
            p.preparation_deadline = _deadline(
                user, person, kind=DeadlineKind.BAMF_HEARING, title=title, due_on=due, owner=user
            )
        case = open_case_of(person)
        if p.interview_appointment_id:
            appointment = p.interview_appointment
            appointment.starts_at = p.interview_at
            appointment.ends_at = p.interview_at + datetime.timedelta(hours=3)
            appointment.save(update_fields=["starts_at", "ends_at"])
        elif case is not None:
            p.interview_appointment = Appointment.objects.create(
                case=case,
                person=person,
                created_by=user,
                title=_("Interview at the BAMF"),
                starts_at=p.interview_at,
                ends_at=p.interview_at + datetime.timedelta(hours=3),
                location="BAMF",
            )
            audit_record(
                user=user,
                action=AuditAction.CREATE,
                obj=p.interview_appointment,
                detail="automatic",
            )


@transaction.atomic
def procedure_save(
    *,
    user: Any,
    person: Person,
    data: dict[str, Any],
    procedure: AsylumProcedure | None = None,
) -> AsylumProcedure:
    check(user, Action.EDIT_CASES, person)
    created = procedure is None
    if procedure is None:
        procedure = AsylumProcedure(person=person, created_by=user)
    else:
        check(user, Action.EDIT_CASES, procedure)
        procedure = AsylumProcedure.objects.select_for_update().get(pk=procedure.pk)
    for key, value in data.items():
        setattr(procedure, key, value)
    _check_procedure(person, procedure)
    procedure.full_clean(
        exclude=["remedy_deadline", "preparation_deadline", "interview_appointment"]
    )
    procedure.save()
    _procedure_deadlines(user, procedure)
    procedure.save()
    audit_record(
        user=user, action=AuditAction.CREATE if created else AuditAction.UPDATE, obj=procedure
    )
    return procedure


def housing_anonymise(*, person: Person) -> None:
    """Retention hook: keep what the statistics need (periods, places, legal bases, benefit
    systems, procedure dates) and blank what identifies the person."""
    Stay.objects.filter(person=person).update(street="", postcode="")
    ResidenceTitle.objects.filter(person=person).update(note="")
    AsylumProcedure.objects.filter(person=person).update(file_number="")
    FlatSearch.objects.filter(household_id=person.household_id).update(note="")


# --- The daily run ---------------------------------------------------------------------------


@dataclass
class DailyResult:
    title_deadlines: int = 0
    obligations_flagged: int = 0
    escalated: int = 0


@transaction.atomic
def housing_daily(*, today: datetime.date | None = None) -> DailyResult:
    """Deadlines for titles recorded before their case was opened, § 12a flags, escalation of
    close legal-remedy deadlines to the team lead. Idempotent: safe to run twice a day."""
    from teilhabe.housing.notifications import notify_team_leads

    today = today or _today()
    result = DailyResult()
    for title in ResidenceTitle.objects.filter(
        expiry_deadline__isnull=True, valid_until__gte=today
    ).select_related("person", "legal_basis"):
        _title_deadline(None, title)
        result.title_deadlines += title.expiry_deadline_id is not None
    for obligation in ResidenceObligation.objects.filter(
        lifted_on__isnull=True, may_be_lifted_since__isnull=True, ends_on__gte=today
    ).select_related("person"):
        result.obligations_flagged += obligation_review(user=None, obligation=obligation)
    for procedure in (
        AsylumProcedure.objects.select_for_update(of=("self",))
        .filter(
            remedy_until__gte=today,
            escalated_at__isnull=True,
            lawsuit_filed_on__isnull=True,
        )
        .select_related("person")
    ):
        if not rules.remedy_needs_escalation(procedure.remedy_until, today):
            continue
        case = open_case_of(procedure.person)
        notify_team_leads(case, procedure.person.organisation, procedure.remedy_until)
        procedure.escalated_at = timezone.now()
        procedure.save(update_fields=["escalated_at"])
        audit_record(user=None, action=AuditAction.UPDATE, obj=procedure, detail="escalated")
        result.escalated += 1
    return result
