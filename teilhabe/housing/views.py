"""Screens of housing support and asylum-procedure counselling.

Views are get_for_user → form → one service call → redirect. Every page that shows a
person's data writes an audit entry.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, can, get_for_user, require, visible
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_read, audit_read_many, audit_record
from teilhabe.cases import services as case_services
from teilhabe.cases.models import Consent, Household, Person
from teilhabe.core.downloads import download
from teilhabe.housing import selectors, services
from teilhabe.housing.forms import (
    AccommodationForm,
    BenefitForm,
    FlatSearchForm,
    LandlordLetterForm,
    LiftForm,
    MoveForm,
    ObligationForm,
    ProcedureForm,
    StayEndForm,
    StayForm,
    TitleForm,
    ViewingForm,
    service_errors,
)
from teilhabe.housing.models import (
    Accommodation,
    AsylumProcedure,
    FlatSearch,
    FlatSearchStatus,
    ResidenceObligation,
    Stay,
)
from teilhabe.housing.pdf import landlord_letter
from teilhabe.steering.housing import housing_page
from teilhabe.steering.suppression import threshold

FORMS = {
    "title": TitleForm,
    "benefit": BenefitForm,
    "obligation": ObligationForm,
    "procedure": ProcedureForm,
    "stay": StayForm,
}


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _person(request, code, action=Action.VIEW_CASES) -> Person:
    return get_for_user(
        request.user,
        Person.objects.select_related("household", "organisation", "district"),
        action=action,
        code=code,
    )


def _person_page(request, person: Person, *, bound: str | None = None, form=None, status=200):
    forms = {name: cls(prefix=name) for name, cls in FORMS.items()}
    if bound:
        forms[bound] = form
    context = selectors.person_housing(request.user, person)
    audit_read(request, person, detail="housing and residence")
    return render(
        request,
        "housing/person.html",
        {
            "person": person,
            "forms": forms,
            "error_form": form if bound else None,
            "can_edit": can(request.user, Action.EDIT_CASES, person),
            "lift_form": LiftForm(prefix="lift"),
            "end_form": StayEndForm(prefix="end"),
            "today": timezone.localdate(),
            **context,
        },
        status=status,
    )


@require(Action.VIEW_CASES)
def person(request, code):
    return _person_page(request, _person(request, code))


def _person_write(request, code, name: str, service):
    """POST of one of the forms on the person page: one service call, then back."""
    obj = _person(request, code, Action.EDIT_CASES)
    if (response := _post_only(request)) is not None:
        return response
    form = FORMS[name](request.POST, prefix=name)
    if form.is_valid():
        try:
            service(user=request.user, person=obj, data=form.cleaned_data)
        except ValidationError as exc:
            service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("housing:person", kwargs={"code": obj.code}) + f"#{name}")
    return _person_page(request, obj, bound=name, form=form, status=400)


@require(Action.EDIT_CASES, methods=("POST",))
def title_add(request, code):
    return _person_write(request, code, "title", services.title_add)


@require(Action.EDIT_CASES, methods=("POST",))
def benefit_add(request, code):
    return _person_write(request, code, "benefit", services.benefit_add)


@require(Action.EDIT_CASES, methods=("POST",))
def obligation_add(request, code):
    return _person_write(request, code, "obligation", services.obligation_add)


@require(Action.EDIT_CASES, methods=("POST",))
def stay_add(request, code):
    return _person_write(request, code, "stay", services.stay_add)


@require(Action.EDIT_CASES, methods=("POST",))
def procedure_add(request, code):
    return _person_write(
        request,
        code,
        "procedure",
        lambda *, user, person, data: services.procedure_save(user=user, person=person, data=data),
    )


@require(Action.EDIT_CASES)
def procedure_edit(request, code):
    procedure = get_for_user(
        request.user,
        AsylumProcedure.objects.select_related("person", "person__household"),
        action=Action.EDIT_CASES,
        code=code,
    )
    if request.method == "POST":
        form = ProcedureForm(request.POST, instance=AsylumProcedure.objects.get(pk=procedure.pk))
        if form.is_valid():
            try:
                services.procedure_save(
                    user=request.user,
                    person=procedure.person,
                    procedure=procedure,
                    data={f: form.cleaned_data[f] for f in ProcedureForm.Meta.fields},
                )
            except ValidationError as exc:
                service_errors(form, exc)
            else:
                messages.success(request, _("The asylum procedure has been saved."))
                return redirect("housing:person", code=procedure.person.code)
    else:
        form = ProcedureForm(instance=procedure)
    audit_read(request, procedure, detail="edit form")
    return render(
        request,
        "housing/procedure_form.html",
        {"form": form, "procedure": procedure, "person": procedure.person},
        status=400 if form.errors else 200,
    )


@require(Action.EDIT_CASES, methods=("POST",))
def obligation_lift(request, code):
    obligation = get_for_user(
        request.user,
        ResidenceObligation.objects.select_related("person"),
        action=Action.EDIT_CASES,
        code=code,
    )
    form = LiftForm(request.POST, prefix="lift")
    if form.is_valid():
        try:
            services.obligation_lift(
                user=request.user, obligation=obligation, lifted_on=form.cleaned_data["lifted_on"]
            )
        except ValidationError as exc:
            service_errors(form, exc)
        else:
            messages.success(request, _("The residence obligation is recorded as lifted."))
            return redirect("housing:person", code=obligation.person.code)
    return _person_page(request, obligation.person, bound="lift", form=form, status=400)


@require(Action.EDIT_CASES, methods=("POST",))
def stay_end(request, code):
    stay = get_for_user(
        request.user, Stay.objects.select_related("person"), action=Action.EDIT_CASES, code=code
    )
    form = StayEndForm(request.POST, prefix="end")
    if form.is_valid():
        try:
            services.stay_end(
                user=request.user, stay=stay, moved_out=form.cleaned_data["moved_out"]
            )
        except ValidationError as exc:
            service_errors(form, exc)
        else:
            messages.success(request, _("The move-out has been recorded."))
            return redirect("housing:person", code=stay.person.code)
    return _person_page(request, stay.person, bound="end", form=form, status=400)


# --- Household: flat search and moving into a flat -------------------------------------------


def _household(request, code, action=Action.VIEW_CASES) -> Household:
    return get_for_user(request.user, Household.objects.all(), action=action, code=code)


@require(Action.EDIT_CASES)
def move(request, code):
    household = _household(request, code, Action.EDIT_CASES)
    if request.method == "POST":
        form = MoveForm(request.POST, household=household)
        if form.is_valid():
            d = form.cleaned_data
            try:
                result = services.household_move_into_flat(
                    user=request.user,
                    household=household,
                    persons=list(d["persons"]),
                    moved_on=d["moved_on"],
                    tenancy_start=d["tenancy_start"],
                    street=d["street"],
                    postcode=d["postcode"],
                    district=d["district"],
                )
            except ValidationError as exc:
                service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(count)s persons moved into the flat. The milestone “own tenancy” is set.")
                    % {"count": len(result.stays)},
                )
                return redirect("cases:household", code=household.code)
    else:
        form = MoveForm(
            household=household,
            initial={
                "moved_on": timezone.localdate(),
                "persons": list(household.members.filter(anonymised_at__isnull=True)),
            },
        )
    audit_read(request, household, detail="move into a flat")
    return render(
        request,
        "housing/move.html",
        {"form": form, "household": household},
        status=400 if form.errors else 200,
    )


def _consents(user, household: Household):
    return (
        visible(user, Action.VIEW_CASES, Consent)
        .filter(person__household=household, revoked_at__isnull=True)
        .select_related("person")
    )


@require(Action.VIEW_CASES)
def flat_search(request, code):
    household = _household(request, code)
    search = _open_flat_search(request.user, household)
    form = viewing_form = None
    can_edit = can(request.user, Action.EDIT_CASES, household)
    if request.method == "POST":
        if not can_edit:
            return HttpResponse(status=403)
        if "what" in request.POST:
            viewing_form = ViewingForm(request.POST, prefix="viewing")
            if viewing_form.is_valid():
                case = services.open_case_of(household.members.first())
                if case is None:
                    viewing_form.add_error(None, _("The household has no open case."))
                else:
                    d = viewing_form.cleaned_data
                    topic = dict(ViewingForm.KINDS)[d["what"]]
                    try:
                        case_services.note_add(
                            user=request.user,
                            case=case,
                            data={
                                "date": d["date"],
                                "kind": "in_person" if d["what"] == "viewing" else "phone",
                                "topics": str(topic),
                                "text": d["text"],
                            },
                        )
                    except ValidationError as exc:
                        service_errors(viewing_form, exc)
                    else:
                        messages.success(request, _("The note has been added to the case."))
                        return redirect("housing:flat_search", code=household.code)
        else:
            form = FlatSearchForm(request.POST, instance=search, prefix="search")
            if form.is_valid():
                try:
                    services.flat_search_save(
                        user=request.user,
                        household=household,
                        search=search,
                        data={f: form.cleaned_data[f] for f in FlatSearchForm.Meta.fields},
                    )
                except ValidationError as exc:
                    service_errors(form, exc)
                else:
                    messages.success(request, _("The flat search has been saved."))
                    return redirect("housing:flat_search", code=household.code)
    return _flat_search_page(
        request, household, search=search, form=form, viewing_form=viewing_form
    )


def _open_flat_search(user, household: Household):
    return (
        visible(user, Action.VIEW_CASES, FlatSearch)
        .filter(household=household)
        .exclude(status__in=[FlatSearchStatus.MOVED_IN, FlatSearchStatus.ENDED])
        .first()
    )


def _flat_search_page(
    request, household: Household, *, search, form=None, viewing_form=None, letter_form=None
):
    """The flat search page; a form with errors is shown with them (status 400)."""
    form = form or FlatSearchForm(
        instance=search, prefix="search", initial={"started_on": timezone.localdate()}
    )
    viewing_form = viewing_form or ViewingForm(
        prefix="viewing", initial={"date": timezone.localdate()}
    )
    consents = _consents(request.user, household)
    letter_form = letter_form or LandlordLetterForm(consents=consents)
    audit_read(request, household, detail="flat search")
    return render(
        request,
        "housing/flat_search.html",
        {
            "household": household,
            "search": search,
            "form": form,
            "viewing_form": viewing_form,
            "letter_form": letter_form,
            "has_consents": consents.exists(),
            "can_edit": can(request.user, Action.EDIT_CASES, household),
        },
        status=400 if (form.errors or viewing_form.errors or letter_form.errors) else 200,
    )


@require(Action.VIEW_CASES)
def landlord_pdf(request, code):
    household = _household(request, code)
    form = LandlordLetterForm(request.GET, consents=_consents(request.user, household))
    if not form.is_valid():
        search = _open_flat_search(request.user, household)
        return _flat_search_page(request, household, search=search, letter_form=form)
    consent = form.cleaned_data["consent"]
    search = FlatSearch.objects.filter(household=household).first()
    audit_record(
        user=request.user,
        action=AuditAction.EXPORT,
        obj=consent.person,
        detail="landlord confirmation",
        path=request.path,
    )
    body = landlord_letter(household=household, consent=consent, search=search, user=request.user)
    return download(body, filename="Bestaetigung-Vermieter.pdf", content_type="application/pdf")


# --- Accommodation register ------------------------------------------------------------------


@require(Action.VIEW_ACCOMMODATION)
def accommodations(request):
    rows = list(selectors.accommodations_for(request.user))
    occupancy = selectors.occupancy_today(rows)
    for a in rows:
        a.occupied = occupancy.get(a.pk, 0)
        a.free = max(a.usable_places - a.occupied, 0)
    return render(
        request,
        "housing/accommodations.html",
        {
            "groups": selectors.group_by_borough(rows),
            "can_manage": can(request.user, Action.MANAGE_ACCOMMODATION),
            "total_places": sum(a.usable_places for a in rows),
            "total_occupied": sum(a.occupied for a in rows),
        },
    )


@require(Action.VIEW_ACCOMMODATION)
def accommodation(request, code):
    obj = get_for_user(
        request.user,
        Accommodation.objects.select_related("operator", "district"),
        action=Action.VIEW_ACCOMMODATION,
        code=code,
    )
    today = timezone.localdate()
    start = today - datetime.timedelta(days=364)
    series = selectors.occupancy_series([obj.pk], start, today)[obj.pk]
    months: dict[str, list[int]] = {}
    for i, value in enumerate(series):
        day = start + datetime.timedelta(days=i)
        months.setdefault(f"{day:%m.%Y}", []).append(value)
    month_rows = [
        {"month": m, "min": min(v), "max": max(v), "last": v[-1]} for m, v in months.items()
    ]
    peak = max(series) if series else 0
    scale = max(obj.places, peak, 1)
    points = " ".join(f"{i},{100 - round(v * 100 / scale, 1)}" for i, v in enumerate(series))
    return render(
        request,
        "housing/accommodation.html",
        {
            "obj": obj,
            "occupied": series[-1] if series else 0,
            "month_rows": month_rows,
            "points": points,
            "days": len(series),
            "capacity_y": 100 - round(obj.usable_places * 100 / scale, 1),
            "can_manage": can(request.user, Action.MANAGE_ACCOMMODATION),
        },
    )


@require(Action.MANAGE_ACCOMMODATION)
def accommodation_edit(request, code=None):
    obj = None
    if code is not None:
        obj = get_for_user(
            request.user,
            Accommodation.objects.all(),
            action=Action.MANAGE_ACCOMMODATION,
            code=code,
        )
    if request.method == "POST":
        form = AccommodationForm(
            request.POST, instance=Accommodation.objects.get(pk=obj.pk) if obj else None
        )
        if form.is_valid():
            data = {f: form.cleaned_data[f] for f in AccommodationForm.Meta.fields}
            if obj is None:
                data["key"] = _unique_key(data["name"])
            try:
                saved = services.accommodation_save(user=request.user, accommodation=obj, data=data)
            except ValidationError as exc:
                service_errors(form, exc)
            else:
                messages.success(request, _("The accommodation has been saved."))
                return redirect("housing:accommodation", code=saved.code)
    else:
        form = AccommodationForm(instance=obj)
    return render(
        request,
        "housing/accommodation_form.html",
        {"form": form, "obj": obj},
        status=400 if form.errors else 200,
    )


def _unique_key(name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name)[:60] or "unterkunft"
    key, n = base, 1
    while Accommodation.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


# --- Review list and figures -----------------------------------------------------------------


@require(Action.VIEW_CASES)
def review(request):
    rows = selectors.review_list(request.user)
    audit_read_many(request, [r.person for r in rows], detail="housing review list")
    return render(request, "housing/review.html", {"rows": rows})


@require(Action.VIEW_BOROUGH_FIGURES)
def figures(request):
    return render(
        request,
        "housing/figures.html",
        {"page": housing_page(request.user), "threshold": threshold()},
    )
