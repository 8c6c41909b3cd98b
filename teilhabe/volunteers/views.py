"""Pages of the volunteer coordinators (and, for requests, of case workers and providers)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.access import Action, get_for_user, require
from teilhabe.audit.services import audit_read, audit_read_many
from teilhabe.volunteers import selectors, services
from teilhabe.volunteers.forms import RequirementForm, TrainingForm, VolunteerRecordForm
from teilhabe.volunteers.models import Volunteer, VolunteerStatus


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
    status = request.GET.get("status", "")
    if status not in VolunteerStatus.values:
        status = ""
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.volunteers_for(request.user, status=status, query=query), 50)
    page = page.get_page(request.GET.get("seite"))
    if page.object_list:
        audit_read_many(request, list(page.object_list), detail="volunteer list")
    return render(
        request,
        "volunteers/list.html",
        {
            "page": page,
            "status": status,
            "statuses": VolunteerStatus.choices,
            "q": query,
            "query": urlencode({k: v for k, v in (("status", status), ("q", query)) if v}),
        },
    )


def _detail_context(volunteer: Volunteer, **forms) -> dict:
    return {
        "volunteer": volunteer,
        **selectors.volunteer_detail(volunteer),
        "training_form": forms.get("training_form") or TrainingForm(),
        "requirement_form": forms.get("requirement_form") or RequirementForm(),
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
