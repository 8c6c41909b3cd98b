from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.access import Action, can, get_for_user, grants, require, visible
from teilhabe.audit.services import audit_read_many
from teilhabe.core.downloads import download
from teilhabe.geography.models import Borough
from teilhabe.offers import selectors, services
from teilhabe.offers.forms import (
    CoverageFilterForm,
    ImportForm,
    LocationForm,
    OfferForm,
    OfferListFilterForm,
    RegistrationFilterForm,
    RegistrationStatusForm,
    ScheduleFormSet,
    TranslationFileForm,
    TranslationForm,
)
from teilhabe.offers.imports import COLUMNS, max_rows
from teilhabe.offers.models import (
    PUBLIC_LANGUAGES,
    SPOKEN_LANGUAGES,
    TRANSLATION_LANGUAGES,
    Offer,
    OfferStatus,
    RegistrationRequest,
    RegistrationStatus,
)
from teilhabe.offers.registration import registration_request_set_status, registration_requests_for
from teilhabe.offers.services import OfferError
from teilhabe.offers.translations import translations_export, translations_import
from teilhabe.organisations.models import Organisation

LANGUAGE_NAMES = dict(PUBLIC_LANGUAGES)


def _own_organisations(user):
    """Organisations whose offers the user may manage."""
    return visible(user, Action.MANAGE_OFFERS, Organisation).order_by("name")


@require(Action.VIEW_OFFERS)
def offer_list(request):
    qs = selectors.offers_for(request.user)
    form = OfferListFilterForm(request.GET)
    filters = form.values()
    if filters["status"]:
        qs = qs.filter(status=filters["status"])
    if filters["veraltet"]:
        qs = qs.stale()
    page = Paginator(qs.prefetch_related("translations"), 50).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "offers/list.html",
        {
            "page": page,
            "rows": [(o, selectors.translation_gaps(o)) for o in page],
            "may_handle_registrations": can(request.user, Action.HANDLE_REGISTRATIONS),
            "query": query.urlencode(),
            "form": form,
            "stale_count": selectors.stale_offers(request.user).count(),
            "may_manage": can(request.user, Action.MANAGE_OFFERS),
            "may_see_coverage": visible(request.user, Action.VIEW_OFFERS, Borough).exists(),
        },
    )


def _schedule_initial(offer):
    return [
        {
            "weekday": s.weekday,
            "date": s.date,
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "valid_from": s.valid_from,
            "valid_until": s.valid_until,
            "pauses_in_school_holidays": s.pauses_in_school_holidays,
        }
        for s in offer.schedules.all()
    ]


def _offer_input(form, schedules) -> dict:
    """The service's arguments from the offer form and its schedule formset."""
    values = dict(form.cleaned_data)
    locations = list(values.pop("locations"))
    rows = [
        dict(f.cleaned_data.items())
        for f in schedules
        if f.cleaned_data
        and (f.cleaned_data.get("weekday") is not None or f.cleaned_data.get("date"))
    ]
    return {"values": values, "locations": locations, "schedules": rows}


@require(Action.MANAGE_OFFERS)
def offer_create(request):
    organisations = _own_organisations(request.user)
    organisation = organisations.filter(code=request.GET.get("organisation") or None).first()
    organisation = organisation or organisations.first()
    if organisation is None:
        raise PermissionDenied
    locations = selectors.locations_for(request.user).filter(organisation=organisation)
    form = OfferForm(request.POST or None, locations=locations)
    schedules = ScheduleFormSet(request.POST or None, prefix="termine")
    if request.method == "POST" and form.is_valid() and schedules.is_valid():
        try:
            offer = services.offer_create(
                user=request.user, organisation=organisation, **_offer_input(form, schedules)
            )
        except OfferError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The offer has been saved."))
            return redirect("offers:edit", code=offer.code)
    return render(
        request,
        "offers/edit.html",
        {
            "form": form,
            "schedules": schedules,
            "organisation": organisation,
            "offer": None,
            "may_edit": True,
        },
    )


@require(Action.VIEW_OFFERS)
def offer_edit(request, code):
    offer = get_for_user(
        request.user,
        Offer.objects.select_related("organisation", "category"),
        action=Action.VIEW_OFFERS,
        code=code,
    )
    may_edit = can(request.user, Action.MANAGE_OFFERS, offer)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    locations = selectors.locations_for(request.user).filter(organisation=offer.organisation)
    form = OfferForm(request.POST or None, instance=offer, locations=locations)
    schedules = ScheduleFormSet(
        request.POST or None, prefix="termine", initial=_schedule_initial(offer)
    )
    if request.method == "POST" and form.is_valid() and schedules.is_valid():
        try:
            services.offer_update(user=request.user, offer=offer, **_offer_input(form, schedules))
        except OfferError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The offer has been saved."))
            return redirect("offers:edit", code=offer.code)
    translations = {t.language: t for t in offer.translations.all()}
    return render(
        request,
        "offers/edit.html",
        {
            "form": form,
            "schedules": schedules,
            "organisation": offer.organisation,
            "offer": offer,
            "may_edit": may_edit,
            "translations": [
                (code, LANGUAGE_NAMES[code], translations.get(code))
                for code in TRANSLATION_LANGUAGES
            ],
            "missing_translations": [
                SPOKEN_LANGUAGES[code]
                for code in TRANSLATION_LANGUAGES
                if translations.get(code) is None or translations[code].outdated
            ],
        },
    )


@require(Action.MANAGE_OFFERS)
@require_POST
def offer_reviewed(request, code):
    offer = get_for_user(
        request.user, Offer, action=Action.MANAGE_OFFERS, see=Action.VIEW_OFFERS, code=code
    )
    services.offer_mark_reviewed(user=request.user, offer=offer)
    messages.success(request, _("The offer is marked as reviewed today."))
    return redirect("offers:edit", code=offer.code)


@require(Action.MANAGE_OFFERS)
def translation_edit(request, code, language):
    if language not in TRANSLATION_LANGUAGES:
        raise Http404
    offer = get_for_user(
        request.user, Offer, action=Action.MANAGE_OFFERS, see=Action.VIEW_OFFERS, code=code
    )
    existing = offer.translations.filter(language=language).first()
    initial = (
        {
            "title": existing.title,
            "summary": existing.summary,
            "description": existing.description,
            "status": existing.status,
        }
        if existing
        else {}
    )
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(
                user=request.user, offer=offer, language=language, **form.cleaned_data
            )
        except OfferError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The translation has been saved."))
            return redirect("offers:edit", code=offer.code)
    return render(
        request,
        "offers/translation.html",
        {
            "offer": offer,
            "form": form,
            "language": language,
            "language_name": LANGUAGE_NAMES[language],
            "existing": existing,
            "rtl": language in ("ar", "fa"),
        },
    )


@require(Action.MANAGE_OFFERS)
def location_create(request):
    organisations = _own_organisations(request.user)
    organisation = organisations.filter(code=request.GET.get("organisation") or None).first()
    organisation = organisation or organisations.first()
    if organisation is None:
        raise PermissionDenied
    form = LocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.location_save(
                user=request.user, organisation=organisation, **form.cleaned_data
            )
        except OfferError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The location has been saved."))
            return redirect("offers:create")
    return render(request, "offers/location.html", {"form": form, "organisation": organisation})


@require(Action.VIEW_OFFERS)
def coverage(request):
    own = [g.borough_id for g in grants(request.user) if g.borough_id]
    boroughs = list(visible(request.user, Action.VIEW_OFFERS, Borough).order_by("number"))
    default = next((b for b in boroughs if b.pk in own), boroughs[0] if boroughs else None)
    if default is None:
        raise PermissionDenied
    form = CoverageFilterForm(request.GET, boroughs=boroughs, default=default)
    chosen = form.values()["bezirk"]
    borough = next((b for b in boroughs if str(b.number) == chosen), default)
    return render(
        request,
        "offers/coverage.html",
        {
            "borough": borough,
            "boroughs": boroughs,
            "form": form,
            "coverage": selectors.borough_coverage(borough),
        },
    )


@require(Action.MANAGE_OFFERS)
def offer_import(request):
    """Upload a file; the worker checks it (a job with progress), then the user confirms."""
    organisation = _own_organisations(request.user).first()
    if organisation is None:
        raise PermissionDenied
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.offers_import_start(
            user=request.user, organisation=organisation, upload=form.cleaned_data["file"]
        )
        return redirect("jobs:detail", job.code)
    return render(
        request,
        "offers/import.html",
        {
            "form": form,
            "columns": COLUMNS,
            "organisation": organisation,
            "max_rows": max_rows(),
        },
    )


@require(Action.MANAGE_OFFERS, methods=("POST",))
def offer_import_confirm(request, code):
    """Import the file of a successful preview (a new job writes the offers as drafts)."""
    from teilhabe.jobs.models import Job

    job = get_for_user(request.user, Job, action=Action.USE_APP, code=code)
    try:
        new = services.offers_import_confirm(user=request.user, job=job)
    except OfferError as exc:
        messages.error(request, str(exc))
        return redirect("jobs:detail", job.code)
    return redirect("jobs:detail", new.code)


@require(Action.MANAGE_OFFERS)
def translation_files(request):
    """Translators' CSV: download for one language, upload the translated file (all or nothing)."""
    own = selectors.offers_for(request.user, action=Action.MANAGE_OFFERS).exclude(
        status=OfferStatus.ARCHIVED
    )
    form = TranslationFileForm(request.POST or request.GET or None, request.FILES or None)
    result = None
    if request.method == "GET" and "language" in request.GET and form.is_valid():
        language = form.cleaned_data["language"]
        return download(
            translations_export(language=language, offers=own),
            filename=f"angebote-{language}.csv",
            content_type="text/csv",
        )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload is None:
            form.add_error("file", _("Choose the translated CSV file."))
        else:
            result = translations_import(
                user=request.user,
                language=form.cleaned_data["language"],
                content=upload.read(),
                dry_run=False,
                offers=own,
            )
            if result.ok:
                messages.success(
                    request, _("%(n)d translations have been saved.") % {"n": result.saved}
                )
                return redirect("offers:list")
    return render(request, "offers/translation_files.html", {"form": form, "result": result})


@require(Action.HANDLE_REGISTRATIONS)
def registration_list(request):
    """Registration requests sent through the public finder to the user's offers."""
    qs = registration_requests_for(request.user)
    form = RegistrationFilterForm(request.GET)
    status = form.values()["status"]
    if status != form.ALL:
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("seite"))
    audit_read_many(request, page.object_list, detail="registrations through the finder")
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "offers/registrations.html",
        {
            "page": page,
            "query": query.urlencode(),
            "form": form,
        },
    )


@require(Action.HANDLE_REGISTRATIONS, methods=("POST",))
def registration_status(request, code):
    obj = get_for_user(
        request.user,
        RegistrationRequest.objects.select_related("offer"),
        action=Action.HANDLE_REGISTRATIONS,
        code=code,
    )
    form = RegistrationStatusForm(request.POST)
    if form.is_valid():
        registration_request_set_status(
            user=request.user, request=obj, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The request has been updated."))
    else:
        messages.error(request, _("Choose how the request was answered."))
    return redirect(f"{reverse('offers:registrations')}?status={RegistrationStatus.NEW}")
