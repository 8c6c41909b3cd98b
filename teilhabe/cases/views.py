"""Screens of case management. Every view that shows personal data writes an audit entry."""

from __future__ import annotations

import datetime
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, can, get_for_user, grants, require, roles_with, visible
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_read, audit_read_many, audit_record
from teilhabe.cases import selectors, services
from teilhabe.cases.calendar import appointments_ics
from teilhabe.cases.duplicates import find_duplicates
from teilhabe.cases.export import export_language, person_export, person_export_readable
from teilhabe.cases.forms import (
    AppointmentForm,
    BarrierForm,
    CaseloadFilterForm,
    CloseForm,
    ConsentForm,
    DeadlineForm,
    DocumentForm,
    GrantForm,
    MergeForm,
    MilestoneForm,
    NoteForm,
    PersonForm,
    PersonSearchForm,
    RegisterForm,
)
from teilhabe.cases.models import (
    Case,
    Consent,
    Deadline,
    Document,
    Household,
    MilestoneType,
    Person,
    SharingGrant,
)
from teilhabe.cases.pdf import CONSENT_TEXTS, consent_form_pdf
from teilhabe.cases.pdf import export_pdf as render_pdf
from teilhabe.core.downloads import download, file_download
from teilhabe.core.forms import add_service_error
from teilhabe.organisations.models import Membership


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _own_membership(user):
    """The membership in which the user registers households (a role that may edit cases)."""
    return (
        Membership.objects.active()
        .filter(user=user, role__in=roles_with(Action.EDIT_CASES))
        .select_related("organisation", "team")
        .first()
    )


# --- Lists --------------------------------------------------------------------------------


@require(Action.VIEW_CASES)
def caseload(request):
    form = CaseloadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.caseload_for(
        request.user,
        responsible=request.user,
        kind=filters.get("kind"),
        status=filters.get("status") or "open",
    )
    page = Paginator(qs, 50).get_page(request.GET.get("seite"))
    audit_read_many(request, page.object_list, detail="caseload")
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "cases/caseload.html",
        {"form": form, "page": page, "query": query.urlencode(), "title": _("My caseload")},
    )


@require(Action.VIEW_TEAM_CASES)
def team(request):
    form = CaseloadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.caseload_for(
        request.user, kind=filters.get("kind"), status=filters.get("status") or "open"
    )
    page = Paginator(qs, 50).get_page(request.GET.get("seite"))
    audit_read_many(request, page.object_list, detail="team overview")
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "cases/caseload.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "title": _("Team overview"),
            "show_responsible": True,
        },
    )


@require(Action.VIEW_CASES)
def deadlines(request):
    mine = request.GET.get("alle") != "1" or not can(request.user, Action.VIEW_TEAM_CASES)
    rows = list(
        selectors.due_deadlines_for(request.user, responsible=request.user if mine else None)[:200]
    )
    audit_read_many(request, rows, detail="deadlines due soon")
    return render(
        request,
        "cases/deadlines.html",
        {
            "deadlines": rows,
            "mine": mine,
            "today": timezone.localdate(),
            "team": can(request.user, Action.VIEW_TEAM_CASES),
        },
    )


@require(Action.VIEW_CASES)
def search(request):
    form = PersonSearchForm(request.GET or None)
    page = None
    if form.is_valid() and any(form.cleaned_data.values()):
        f = form.cleaned_data
        qs = selectors.persons_for(
            request.user,
            q=f["q"],
            birth_year=f["birth_year"],
            file_number=f["file_number"],
            district=f["district"],
        )
        page = Paginator(qs, 25).get_page(request.GET.get("seite"))
        audit_read_many(request, page.object_list, detail="person search")
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request, "cases/search.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@require(Action.VIEW_CASES)
def calendar(request):
    rows = list(selectors.appointments_for(request.user, responsible=request.user))
    audit_read_many(request, rows, detail="calendar export")
    return download(
        appointments_ics(rows), filename="termine.ics", content_type="text/calendar; charset=utf-8"
    )


# --- Registering ----------------------------------------------------------------------------


@require(Action.EDIT_CASES)
def register(request):
    membership = _own_membership(request.user)
    sensitive = True
    duplicates = []
    if request.method == "POST":
        form = RegisterForm(request.POST, sensitive=sensitive)
        if form.is_valid():
            d = form.cleaned_data
            duplicates = find_duplicates(
                visible(request.user, Action.VIEW_CASES, Person),
                family_name=d["family_name"],
                given_names=d["given_names"],
                birth_year=d.get("birth_year"),
                birth_month=d.get("birth_month"),
                birth_day=d.get("birth_day"),
                phone=d.get("phone") or "",
                street=d.get("street") or "",
                postcode=d.get("postcode") or "",
            )
            if duplicates:
                audit_read_many(request, [c.person for c in duplicates], detail="duplicate check")
            if not duplicates or d.get("confirm_new"):
                head = form.person_data()
                for extra in ("household_name", "kind", "confirm_new"):
                    head.pop(extra, None)
                try:
                    case = services.household_register(
                        user=request.user,
                        organisation=membership.organisation,
                        name=d["household_name"],
                        head=head,
                        kind=d["kind"],
                        team=membership.team,
                    )
                except ValidationError as exc:
                    add_service_error(form, exc)
                else:
                    messages.success(request, _("The household has been registered."))
                    return redirect("cases:household", code=case.household.code)
    else:
        form = RegisterForm(sensitive=sensitive, initial={"household_role": "head"})
    return render(
        request, "cases/register.html", {"form": form, "duplicates": duplicates}, status=200
    )


# --- Household, person ----------------------------------------------------------------------


@require(Action.VIEW_CASES)
def household(request, code):
    obj = get_for_user(request.user, Household.objects.all(), action=Action.VIEW_CASES, code=code)
    audit_read(request, obj)
    ctx = selectors.household_page(request.user, obj)
    audit_read_many(request, ctx["members"], detail="household page")
    return render(
        request,
        "cases/household.html",
        {"household": obj, **ctx, "can_edit": can(request.user, Action.EDIT_CASES, obj)},
    )


@require(Action.EDIT_CASES)
def member_add(request, code):
    obj = get_for_user(request.user, Household.objects.all(), action=Action.EDIT_CASES, code=code)
    sensitive = _sensitive_for_household(request.user, obj)
    duplicates = []
    if request.method == "POST":
        form = PersonForm(request.POST, sensitive=sensitive)
        if form.is_valid():
            d = form.cleaned_data
            duplicates = find_duplicates(
                visible(request.user, Action.VIEW_CASES, Person),
                family_name=d["family_name"],
                given_names=d["given_names"],
                birth_year=d.get("birth_year"),
                birth_month=d.get("birth_month"),
                birth_day=d.get("birth_day"),
                phone=d.get("phone") or "",
                street=d.get("street") or "",
                postcode=d.get("postcode") or "",
            )
            if duplicates:
                audit_read_many(request, [c.person for c in duplicates], detail="duplicate check")
        if form.is_valid() and (not duplicates or request.POST.get("confirm_new")):
            try:
                person = services.person_create(
                    user=request.user, household=obj, data=form.person_data()
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The person has been added to the household."))
                return redirect("cases:person", code=person.code)
    else:
        form = PersonForm(sensitive=sensitive)
    audit_read(request, obj, detail="add member form")
    return render(
        request,
        "cases/person_form.html",
        {"form": form, "household": obj, "duplicates": duplicates},
    )


def _sensitive_for_household(user, household: Household) -> bool:
    """Sensitive fields for a new member: the household's owner, or a grant with scope full."""
    return visible(user, Action.VIEW_SENSITIVE, Household).filter(pk=household.pk).exists()


def _render_person(request, obj: Person, *, milestone_form=None, status=200):
    sensitive = can(request.user, Action.VIEW_SENSITIVE, obj)
    audit_read(request, obj, detail="with health data" if sensitive else "")
    consents = list(
        visible(request.user, Action.VIEW_CASES, Consent)
        .filter(person=obj)
        .prefetch_related("recipients")
    )
    return render(
        request,
        "cases/person.html",
        {
            "person": obj,
            "sensitive": sensitive,
            "milestones": selectors.milestones_of(request.user, obj),
            "milestone_form": milestone_form or MilestoneForm(),
            "milestone_types": list(MilestoneType.objects.filter(is_active=True)),
            "consents": consents,
            "can_edit": can(request.user, Action.EDIT_CASES, obj),
            "can_share": can(request.user, Action.SHARE_CASES, obj),
            "can_export": can(request.user, Action.EXPORT_PERSON_DATA, obj),
            "can_merge": can(request.user, Action.MERGE_PERSONS, obj),
        },
        status=status,
    )


@require(Action.VIEW_CASES)
def person(request, code):
    obj = get_for_user(
        request.user,
        Person.objects.select_related("household", "district", "organisation"),
        action=Action.VIEW_CASES,
        code=code,
    )
    return _render_person(request, obj)


@require(Action.EDIT_CASES)
def person_edit(request, code):
    obj = get_for_user(request.user, Person.objects.all(), action=Action.EDIT_CASES, code=code)
    sensitive = can(request.user, Action.VIEW_SENSITIVE, obj)
    if request.method == "POST":
        form = PersonForm(request.POST, instance=Person.objects.get(pk=obj.pk), sensitive=sensitive)
        if form.is_valid():
            try:
                services.person_update(user=request.user, person=obj, data=form.person_data())
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("cases:person", code=obj.code)
    else:
        form = PersonForm(instance=obj, sensitive=sensitive)
    audit_read(request, obj, detail="edit form")
    return render(
        request, "cases/person_form.html", {"form": form, "household": obj.household, "person": obj}
    )


@require(Action.EDIT_CASES)
def milestone_set(request, code):
    obj = get_for_user(request.user, Person.objects.all(), action=Action.EDIT_CASES, code=code)
    if (response := _post_only(request)) is not None:
        return response
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_set(user=request.user, person=obj, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc, "achieved_on")
        else:
            messages.success(request, _("The integration plan has been updated."))
            return redirect("cases:person", code=obj.code)
    return _render_person(request, obj, milestone_form=form, status=400)


@require(Action.SHARE_CASES)
def consent_add(request, code):
    obj = get_for_user(request.user, Person.objects.all(), action=Action.SHARE_CASES, code=code)
    if request.method == "POST":
        form = ConsentForm(request.POST, request.FILES, own_organisation_id=obj.organisation_id)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.consent_record(
                    user=request.user,
                    person=obj,
                    purpose=d["purpose"],
                    recipients=list(d["recipients"]),
                    given_on=d["given_on"],
                    method=d["method"],
                    purpose_kind=d["purpose_kind"],
                    data_categories=d["data_categories"],
                    signed_form=d.get("signed_form"),
                )
            except ValidationError as exc:
                add_service_error(form, exc, "signed_form" if d.get("signed_form") else None)
            else:
                messages.success(request, _("The consent has been recorded."))
                return redirect("cases:person", code=obj.code)
    else:
        form = ConsentForm(
            own_organisation_id=obj.organisation_id, initial={"given_on": timezone.localdate()}
        )
    audit_read(request, obj, detail="consent form")
    return render(request, "cases/consent_form.html", {"form": form, "person": obj})


@require(Action.SHARE_CASES)
def consent_revoke(request, code):
    obj = get_for_user(
        request.user, Consent.objects.select_related("person"), action=Action.SHARE_CASES, code=code
    )
    if (response := _post_only(request)) is not None:
        return response
    services.consent_revoke(user=request.user, consent=obj)
    messages.success(request, _("The consent has been revoked; sharing based on it has ended."))
    return redirect("cases:person", code=obj.person.code)


@require(Action.EXPORT_PERSON_DATA)
def export_json(request, code):
    obj = get_for_user(
        request.user, Person.objects.all(), action=Action.EXPORT_PERSON_DATA, code=code
    )
    data = person_export(request.user, obj)
    audit_record(
        user=request.user,
        action=AuditAction.EXPORT,
        obj=obj,
        detail="Art. 15 JSON",
        path=request.path,
    )
    return download(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        filename=f"auskunft-{obj.code}.json",
        content_type="application/json",
    )


@require(Action.EXPORT_PERSON_DATA)
def export_pdf(request, code):
    obj = get_for_user(
        request.user, Person.objects.all(), action=Action.EXPORT_PERSON_DATA, code=code
    )
    audit_record(
        user=request.user,
        action=AuditAction.EXPORT,
        obj=obj,
        detail="Art. 15 PDF",
        path=request.path,
    )
    return download(
        render_pdf(
            person_export_readable(request.user, obj),
            language=export_language(obj),
            name=obj.full_name,
        ),
        filename=f"auskunft-{obj.code}.pdf",
        content_type="application/pdf",
    )


@require(Action.SHARE_CASES)
def consent_pdf(request, code):
    obj = get_for_user(
        request.user,
        Person.objects.select_related("organisation"),
        action=Action.SHARE_CASES,
        code=code,
    )
    language = request.GET.get("sprache", "de")
    if language not in CONSENT_TEXTS:
        language = "de"
    audit_read(request, obj, detail=f"consent form {language}")
    pdf = consent_form_pdf(
        language=language,
        person_name=obj.full_name,
        born=obj.birth_display,
        organisation=obj.organisation.name,
    )
    return download(
        pdf, filename=f"einwilligung-{language}.pdf", content_type="application/pdf", inline=True
    )


@require(Action.MERGE_PERSONS)
def merge(request, code):
    obj = get_for_user(request.user, Person.objects.all(), action=Action.MERGE_PERSONS, code=code)
    visible_persons = visible(request.user, Action.MERGE_PERSONS, Person).filter(
        merged_into__isnull=True, organisation=obj.organisation_id
    )
    candidates = [
        c.person
        for c in find_duplicates(
            visible_persons.exclude(pk=obj.pk),
            family_name=obj.family_name,
            given_names=obj.given_names,
            birth_year=obj.birth_year,
            birth_month=obj.birth_month,
            birth_day=obj.birth_day,
            phone=obj.phone,
            street=obj.street,
            postcode=obj.postcode,
        )
    ]
    for p in visible_persons.filter(household=obj.household_id).exclude(pk=obj.pk):
        if p not in candidates:
            candidates.append(p)
    form = MergeForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        other = next(p for p in candidates if str(p.code) == form.cleaned_data["other"])
        try:
            services.persons_merge(user=request.user, keep=obj, drop=other)
        except ValidationError as exc:
            add_service_error(form, exc, "other")
        else:
            messages.success(request, _("The persons have been merged."))
            return redirect("cases:person", code=obj.code)
    audit_read(request, obj, detail="merge form")
    audit_read_many(request, candidates, detail="merge candidates")
    return render(
        request,
        "cases/merge.html",
        {"person": obj, "candidates": candidates, "form": form},
        status=400 if form.errors else 200,
    )


# --- Case file ------------------------------------------------------------------------------


def _case_context(request, case: Case, **forms) -> dict:
    ctx = selectors.case_file(request.user, case)
    persons = ctx["members"]
    consents = [c for p in persons for c in p.consents.all()]
    return {
        "case": case,
        **ctx,
        "can_edit": can(request.user, Action.EDIT_CASES, case),
        "owner": case.organisation_id in {g.organisation_id for g in grants(request.user)},
        "note_form": forms.get("note_form")
        or NoteForm(prefix="note", persons=persons, initial={"date": timezone.localdate()}),
        "barrier_form": forms.get("barrier_form")
        or BarrierForm(prefix="barrier", persons=persons, initial={"date": timezone.localdate()}),
        "deadline_form": forms.get("deadline_form")
        or DeadlineForm(prefix="deadline", persons=persons),
        "appointment_form": forms.get("appointment_form") or AppointmentForm(prefix="appointment"),
        "document_form": forms.get("document_form") or DocumentForm(prefix="document"),
        "close_form": forms.get("close_form")
        or CloseForm(prefix="close", initial={"closed_on": timezone.localdate()}),
        "consents": consents,
        "today": timezone.localdate(),
    }


def _case_for(request, code, action=Action.VIEW_CASES) -> Case:
    return get_for_user(
        request.user,
        Case.objects.select_related("household", "kind", "responsible", "team", "organisation"),
        action=action,
        see=Action.VIEW_CASES,
        code=code,
    )


def _render_case(request, case, status=200, **forms):
    audit_read(request, case)
    ctx = _case_context(request, case, **forms)
    audit_read_many(request, ctx["members"], detail="case file")
    return render(request, "cases/case.html", ctx, status=status)


@require(Action.VIEW_CASES)
def case(request, code):
    return _render_case(request, _case_for(request, code))


@require(Action.EDIT_CASES)
def note_add(request, code):
    obj = _case_for(request, code, Action.EDIT_CASES)
    if (response := _post_only(request)) is not None:
        return response
    persons = list(
        visible(request.user, Action.VIEW_CASES, Person).filter(household=obj.household_id)
    )
    form = NoteForm(request.POST, prefix="note", persons=persons)
    if form.is_valid():
        services.note_add(user=request.user, case=obj, data=form.cleaned_data)
        messages.success(request, _("The note has been saved."))
        return redirect("cases:case", code=obj.code)
    return _render_case(request, obj, status=400, note_form=form)


@require(Action.EDIT_CASES)
def barrier_add(request, code):
    obj = _case_for(request, code, Action.EDIT_CASES)
    if (response := _post_only(request)) is not None:
        return response
    persons = list(
        visible(request.user, Action.VIEW_CASES, Person).filter(household=obj.household_id)
    )
    form = BarrierForm(request.POST, prefix="barrier", persons=persons)
    if form.is_valid():
        try:
            services.barrier_record(user=request.user, case=obj, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc, "text")
        else:
            messages.success(request, _("The structural barrier has been recorded."))
            return redirect("cases:case", code=obj.code)
    return _render_case(request, obj, status=400, barrier_form=form)


@require(Action.EDIT_CASES)
def deadline_add(request, code):
    obj = _case_for(request, code, Action.EDIT_CASES)
    if (response := _post_only(request)) is not None:
        return response
    persons = list(
        visible(request.user, Action.VIEW_CASES, Person).filter(household=obj.household_id)
    )
    form = DeadlineForm(request.POST, prefix="deadline", persons=persons)
    if form.is_valid():
        services.deadline_add(user=request.user, case=obj, data=form.cleaned_data)
        messages.success(request, _("The deadline has been saved."))
        return redirect("cases:case", code=obj.code)
    return _render_case(request, obj, status=400, deadline_form=form)


@require(Action.EDIT_CASES)
def deadline_done(request, code):
    obj = get_for_user(
        request.user,
        Deadline.objects.select_related("case"),
        action=Action.EDIT_CASES,
        see=Action.VIEW_CASES,
        code=code,
    )
    if (response := _post_only(request)) is not None:
        return response
    services.deadline_done(user=request.user, deadline=obj)
    messages.success(request, _("The deadline is marked as done."))
    if request.POST.get("next") == "deadlines":
        return redirect("cases:deadlines")
    return redirect("cases:case", code=obj.case.code)


@require(Action.EDIT_CASES)
def appointment_add(request, code):
    obj = _case_for(request, code, Action.EDIT_CASES)
    if (response := _post_only(request)) is not None:
        return response
    form = AppointmentForm(request.POST, prefix="appointment")
    if form.is_valid():
        d = form.cleaned_data
        tz = timezone.get_current_timezone()
        services.appointment_add(
            user=request.user,
            case=obj,
            data={
                "title": d["title"],
                "location": d["location"],
                "starts_at": datetime.datetime.combine(d["day"], d["start"], tzinfo=tz),
                "ends_at": datetime.datetime.combine(d["day"], d["end"], tzinfo=tz),
            },
        )
        messages.success(request, _("The appointment has been saved."))
        return redirect("cases:case", code=obj.code)
    return _render_case(request, obj, status=400, appointment_form=form)


@require(Action.EDIT_CASES)
def document_add(request, code):
    obj = _case_for(request, code, Action.EDIT_CASES)
    if (response := _post_only(request)) is not None:
        return response
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    if form.is_valid():
        try:
            services.document_add(
                user=request.user,
                case=obj,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_service_error(form, exc, "file")
        else:
            messages.success(request, _("The document has been stored."))
            return redirect("cases:case", code=obj.code)
    return _render_case(request, obj, status=400, document_form=form)


@require(Action.VIEW_CASES)
def document(request, code):
    obj = get_for_user(
        request.user,
        Document.objects.select_related("case", "person"),
        action=Action.VIEW_CASES,
        code=code,
    )
    audit_read(request, obj, detail="download")
    return file_download(
        obj.file.open("rb"), filename=obj.original_name, content_type=obj.content_type
    )


@require(Action.EDIT_CASES)
def case_close(request, code):
    obj = _case_for(request, code, Action.EDIT_CASES)
    if (response := _post_only(request)) is not None:
        return response
    form = CloseForm(request.POST, prefix="close")
    if form.is_valid():
        try:
            services.case_close(user=request.user, case=obj, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc, "closed_on")
        else:
            messages.success(request, _("The case has been closed."))
            return redirect("cases:case", code=obj.code)
    return _render_case(request, obj, status=400, close_form=form)


@require(Action.SHARE_CASES)
def grant_add(request, code):
    obj = _case_for(request, code, Action.SHARE_CASES)
    consents = list(
        visible(request.user, Action.SHARE_CASES, Consent)
        .filter(person__household=obj.household_id, revoked_at__isnull=True)
        .select_related("person")
    )
    if request.method == "POST":
        form = GrantForm(request.POST, consents=consents)
        if form.is_valid():
            d = form.cleaned_data
            until = datetime.datetime.combine(
                d["valid_until"], datetime.time(23, 59, 59), tzinfo=timezone.get_current_timezone()
            )
            try:
                services.grant_create(
                    user=request.user,
                    case=obj,
                    recipient=d["recipient"],
                    consent=d["consent"],
                    scope=d["scope"],
                    reason=d["reason"],
                    valid_until=until,
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The case has been shared."))
                return redirect("cases:case", code=obj.code)
    else:
        form = GrantForm(consents=consents)
    audit_read(request, obj, detail="sharing form")
    return render(
        request, "cases/grant_form.html", {"form": form, "case": obj, "consents": consents}
    )


@require(Action.SHARE_CASES)
def grant_revoke(request, code):
    obj = get_for_user(
        request.user,
        SharingGrant.objects.select_related("case"),
        action=Action.SHARE_CASES,
        code=code,
    )
    if (response := _post_only(request)) is not None:
        return response
    services.grant_revoke(user=request.user, grant=obj)
    messages.success(request, _("The sharing has been revoked."))
    return redirect("cases:case", code=obj.case.code)
