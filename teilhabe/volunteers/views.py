"""Pages of the volunteer coordinators (and, for requests, of case workers and providers)."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.access import Action, can, get_for_user, organisations_where, require, visible
from teilhabe.audit.models import AuditAction
from teilhabe.audit.services import audit_read, audit_read_many, audit_record
from teilhabe.core.downloads import download
from teilhabe.organisations.models import Organisation
from teilhabe.volunteers import certificates, figures, matching, selectors, services
from teilhabe.volunteers.forms import (
    HoursForm,
    PayoutMonthForm,
    RequestFilterForm,
    RequestForm,
    RequirementForm,
    TrainingForm,
    VolunteerFilterForm,
    VolunteerRecordForm,
)
from teilhabe.volunteers.models import (
    Answer,
    RequestKind,
    RequestStatus,
    SharedField,
    Volunteer,
    VolunteerRequest,
    VolunteerStatus,
)


def add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


def _volunteer(request, code) -> Volunteer:
    return get_for_user(
        request.user,
        Volunteer.objects.select_related("contact_point").filter(anonymised_at__isnull=True),
        action=Action.MANAGE_VOLUNTEERS,
        code=code,
    )


@require(Action.MANAGE_VOLUNTEERS)
def volunteer_list(request):
    form = VolunteerFilterForm(request.GET)
    filters = form.values()
    status, query = filters["status"] or "", (filters["q"] or "").strip()
    page = Paginator(selectors.volunteers_for(request.user, status=status, query=query), 50)
    page = page.get_page(request.GET.get("seite"))
    if page.object_list:
        audit_read_many(request, list(page.object_list), detail="volunteer list")
    return render(
        request,
        "volunteers/list.html",
        {
            "page": page,
            "form": form,
            "coordinator_nav": True,
            "query": urlencode({k: v for k, v in (("status", status), ("q", query)) if v}),
        },
    )


def _detail_context(volunteer: Volunteer, **forms) -> dict:
    return {
        "volunteer": volunteer,
        **selectors.volunteer_detail(volunteer),
        "training_form": forms.get("training_form") or TrainingForm(),
        "requirement_form": forms.get("requirement_form") or RequirementForm(),
        "hours_form": forms.get("hours_form")
        or HoursForm(assignments=volunteer.assignments.select_related("request")),
        "coordinator_nav": True,
    }


@require(Action.MANAGE_VOLUNTEERS)
def volunteer_detail(request, code):
    volunteer = _volunteer(request, code)
    audit_read(request, volunteer, detail="volunteer record")
    return render(request, "volunteers/detail.html", _detail_context(volunteer))


@require(Action.MANAGE_VOLUNTEERS)
def volunteer_edit(request, code):
    volunteer = _volunteer(request, code)
    initial = {name: getattr(volunteer, name) for name in services.RECORD_FIELDS}
    if volunteer.status == VolunteerStatus.UNCONFIRMED:
        initial["status"] = VolunteerStatus.INTERESTED
    form = VolunteerRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_update(user=request.user, volunteer=volunteer, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The record has been saved."))
            return redirect("volunteers:detail", code=volunteer.code)
    audit_read(request, volunteer, detail="volunteer record form")
    return render(request, "volunteers/edit.html", {"volunteer": volunteer, "form": form})


@require(Action.MANAGE_VOLUNTEERS)
def training_add(request, code):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    volunteer = _volunteer(request, code)
    form = TrainingForm(request.POST)
    if form.is_valid():
        try:
            services.training_add(user=request.user, volunteer=volunteer, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The training has been recorded."))
            return redirect("volunteers:detail", code=volunteer.code)
    audit_read(request, volunteer, detail="volunteer record")
    return render(request, "volunteers/detail.html", _detail_context(volunteer, training_form=form))


@require(Action.MANAGE_VOLUNTEERS)
def requirement_add(request, code):
    volunteer = _volunteer(request, code)
    form = RequirementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.requirement_record(user=request.user, volunteer=volunteer, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The inspection has been recorded."))
            return redirect("volunteers:detail", code=volunteer.code)
    audit_read(request, volunteer, detail="requirement form")
    return render(request, "volunteers/requirement.html", {"volunteer": volunteer, "form": form})


# --- Requests (Einsatzanfragen) and interpreter bookings --------------------------------------


def _may_see_requests(user) -> bool:
    return any(
        can(user, a)
        for a in (Action.MANAGE_VOLUNTEERS, Action.REQUEST_VOLUNTEERS, Action.BOOK_INTERPRETERS)
    )


def _request_for(request, code) -> VolunteerRequest:
    if not _may_see_requests(request.user):
        raise PermissionDenied
    qs = VolunteerRequest.objects.select_related(
        "contact_point", "contact_point__organisation", "requester", "district", "consent"
    )
    for action in (Action.MANAGE_VOLUNTEERS, Action.REQUEST_VOLUNTEERS, Action.BOOK_INTERPRETERS):
        if can(request.user, action):
            try:
                return get_for_user(request.user, qs, action=action, code=code)
            except Http404:
                continue
    raise Http404


def request_list(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not _may_see_requests(request.user):
        raise PermissionDenied
    form = RequestFilterForm(request.GET)
    status = form.values()["status"]
    page = Paginator(selectors.requests_for(request.user, status=status), 50).get_page(
        request.GET.get("seite")
    )
    return render(
        request,
        "volunteers/requests.html",
        {
            "page": page,
            "form": form,
            "query": urlencode({"status": status}),
            "can_request": can(request.user, Action.REQUEST_VOLUNTEERS),
            "is_coordinator": can(request.user, Action.MANAGE_VOLUNTEERS),
            "can_book": can(request.user, Action.BOOK_INTERPRETERS),
        },
    )


def _request_form_view(request, *, kind: str, case=None):
    action = (
        Action.BOOK_INTERPRETERS if kind == RequestKind.INTERPRETING else Action.REQUEST_VOLUNTEERS
    )
    points = selectors.contact_points_public()
    if kind == RequestKind.INTERPRETING:
        points = points.filter(runs_interpreter_pool=True)
    persons = consents = None
    if case is not None:
        from teilhabe.cases.models import Consent

        persons = case.household.members.filter(anonymised_at__isnull=True).order_by("pk")
        consents = Consent.objects.filter(
            person__household=case.household, revoked_at__isnull=True
        ).order_by("-given_on")
    form = RequestForm(
        request.POST or None, kind=kind, contact_points=points, persons=persons, consents=consents
    )
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        organisations = organisations_where(request.user, action)
        requester = (
            case.organisation
            if case is not None and case.organisation_id in organisations
            else Organisation.objects.filter(pk__in=organisations).order_by("pk").first()
        )
        try:
            created = services.request_create(
                user=request.user,
                requester=requester,
                kind=kind,
                case=case,
                person=d.pop("person", None),
                consent=d.pop("consent", None),
                shared_fields=d.pop("shared_fields", []),
                **{k: v for k, v in d.items() if v is not None or k == "starts_on"},
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The request has been sent to the contact point."))
            return redirect("volunteers:request_detail", code=created.code)
    if case is not None:
        audit_read(request, case, detail="volunteer request form")
    return render(
        request,
        "volunteers/request_form.html",
        {"form": form, "kind": kind, "case": case, "no_points": not points.exists()},
    )


@require(Action.REQUEST_VOLUNTEERS)
def request_new(request):
    return _request_form_view(request, kind=RequestKind.VOLUNTEERING)


@require(Action.REQUEST_VOLUNTEERS)
def request_new_for_case(request, case_code):
    from teilhabe.cases.models import Case

    case = get_for_user(
        request.user,
        Case.objects.select_related("household", "organisation"),
        action=Action.VIEW_CASES,
        code=case_code,
    )
    return _request_form_view(request, kind=RequestKind.VOLUNTEERING, case=case)


@require(Action.BOOK_INTERPRETERS)
def booking_new(request):
    return _request_form_view(request, kind=RequestKind.INTERPRETING)


def request_detail(request, code):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    req = _request_for(request, code)
    coordinator = can(request.user, Action.MANAGE_VOLUNTEERS, req)
    context = {
        "req": req,
        "coordinator": coordinator,
        "shared": [
            (dict(SharedField.choices).get(k, k), v) for k, v in req.shared_visible().items()
        ],
        "accepted": req.inquiries.filter(answer=Answer.ACCEPTED).count(),
    }
    if req.person_id:
        audit_read(request, req, detail="volunteer request about a person")
    if coordinator:
        candidates = matching.rank(req) if req.status == RequestStatus.OPEN else []
        inquiries = list(req.inquiries.select_related("volunteer").order_by("asked_at", "pk"))
        context.update(
            {
                "candidates": candidates,
                "inquiries": inquiries,
                "assignments": list(req.assignments.select_related("volunteer")),
            }
        )
        shown = {c.volunteer_id for c in candidates} | {i.volunteer_id for i in inquiries}
        if shown:
            audit_read_many(
                request,
                list(Volunteer.objects.filter(pk__in=shown).select_related("contact_point")),
                detail="matching",
            )
    return render(request, "volunteers/request_detail.html", context)


@require(Action.MANAGE_VOLUNTEERS, methods=("POST",))
def request_ask(request, code):
    req = _request_for(request, code)
    chosen = request.POST.getlist("volunteers")
    volunteers = list(
        visible(request.user, Action.MANAGE_VOLUNTEERS, Volunteer).filter(
            code__in=[c for c in chosen if _is_uuid(c)], contact_point=req.contact_point
        )
    )
    try:
        created = services.inquiries_send(
            user=request.user,
            request=req,
            volunteers=volunteers,
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as exc:
        for e in exc.messages:
            messages.error(request, e)
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d volunteer has been asked.", "%(n)d volunteers have been asked.", len(created)
            )
            % {"n": len(created)},
        )
    return redirect("volunteers:request_detail", code=req.code)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def request_cancel(request, code):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    req = _request_for(request, code)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.request_cancel(user=request.user, request=req)
    messages.success(request, _("The request has been withdrawn."))
    return redirect("volunteers:request_detail", code=req.code)


@require(Action.MANAGE_VOLUNTEERS, methods=("POST",))
def booking_confirm(request, code):
    req = _request_for(request, code)
    try:
        services.booking_confirm(user=request.user, request=req)
    except ValidationError as exc:
        for e in exc.messages:
            messages.error(request, e)
    else:
        messages.success(request, _("The booking has been confirmed."))
    return redirect("volunteers:request_detail", code=req.code)


# --- Hours, certificate, Ehrenamtskarte, interpreter payouts -----------------------------------


@require(Action.MANAGE_VOLUNTEERS, methods=("POST",))
def hours_add(request, code):
    volunteer = _volunteer(request, code)
    form = HoursForm(request.POST, assignments=volunteer.assignments.select_related("request"))
    if form.is_valid():
        try:
            services.hours_log(user=request.user, volunteer=volunteer, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The hours have been logged."))
            return redirect("volunteers:detail", code=volunteer.code)
    audit_read(request, volunteer, detail="volunteer record")
    return render(request, "volunteers/detail.html", _detail_context(volunteer, hours_form=form))


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return download(content, filename=filename, content_type="application/pdf")


@require(Action.MANAGE_VOLUNTEERS)
def certificate(request, code):
    volunteer = _volunteer(request, code)
    audit_record(
        user=request.user,
        action=AuditAction.EXPORT,
        obj=volunteer,
        detail="Ehrenamtsnachweis",
        path=request.path,
    )
    return _pdf(certificates.certificate_pdf(volunteer), f"ehrenamtsnachweis-{volunteer.code}.pdf")


@require(Action.MANAGE_VOLUNTEERS)
def card(request):
    volunteers = list(
        selectors.volunteers_for(request.user).filter(
            status__in=[VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED]
        )
    )
    candidates = certificates.card_candidates(volunteers)
    if candidates:
        audit_read_many(request, [c.volunteer for c in candidates], detail="Ehrenamtskarte")
    return render(request, "volunteers/card.html", {"candidates": candidates})


@require(Action.MANAGE_VOLUNTEERS)
def card_confirmation(request, code):
    volunteer = _volunteer(request, code)
    check_result = certificates.card_check(volunteer)
    audit_record(
        user=request.user,
        action=AuditAction.EXPORT,
        obj=volunteer,
        detail="Ehrenamtskarte confirmation",
        path=request.path,
    )
    return _pdf(
        certificates.card_confirmation_pdf(check_result), f"ehrenamtskarte-{volunteer.code}.pdf"
    )


@require(Action.MANAGE_VOLUNTEERS)
def payouts(request):
    today = timezone.localdate()
    default = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    form = PayoutMonthForm(request.GET, default=default)
    month = form.month()
    error = form.is_bound and not form.is_valid()
    volunteers = selectors.volunteers_for(request.user).filter(is_interpreter=True)
    rows = certificates.payout_rows(volunteers, month)
    fmt = request.GET.get("format", "")
    if rows:
        audit_read_many(request, [r.volunteer for r in rows], detail="interpreter payouts")
    if fmt in ("xlsx", "pdf") and not error:
        name = f"sprachmittlung-auszahlung-{month:%Y-%m}.{fmt}"
        if fmt == "xlsx":
            return download(
                certificates.payouts_xlsx(rows, month),
                filename=name,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        point = selectors.contact_points_for(request.user).first()
        return _pdf(certificates.payouts_pdf(rows, month, point), name)
    return render(
        request,
        "volunteers/payouts.html",
        {
            "rows": rows,
            "month": month,
            "form": form,
            "total": sum((r.total for r in rows), Decimal(0)),
            "query": f"monat={month:%Y-%m}",
        },
        status=400 if error else 200,
    )


def figures_page(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (
        can(request.user, Action.VIEW_CITY_FIGURES) or can(request.user, Action.MANAGE_VOLUNTEERS)
    ):
        raise PermissionDenied
    return render(
        request,
        "volunteers/figures.html",
        {
            "f": figures.volunteer_figures(request.user),
            "coordinator_nav": can(request.user, Action.MANAGE_VOLUNTEERS),
        },
    )
