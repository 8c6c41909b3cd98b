from django.core.paginator import Paginator
from django.shortcuts import render

from teilhabe.access import Action, can, get_for_user, require
from teilhabe.organisations.forms import OrganisationFilterForm
from teilhabe.organisations.models import Organisation
from teilhabe.organisations.selectors import members_of, organisations_for


@require(Action.VIEW_ORGANISATIONS)
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = organisations_for(
        request.user,
        q=filters.get("q", ""),
        kind=filters.get("kind", ""),
        borough=filters.get("borough"),
    )
    page = Paginator(qs, 50).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "organisations/list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require(Action.VIEW_ORGANISATIONS)
def organisation_detail(request, code):
    org = get_for_user(
        request.user,
        Organisation.objects.select_related("borough", "parent"),
        action=Action.VIEW_ORGANISATIONS,
        code=code,
    )
    members = (
        list(members_of(request.user, org)) if can(request.user, Action.VIEW_MEMBERS, org) else None
    )
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": org,
            "children": list(org.children.filter(is_active=True).order_by("name")),
            "districts": list(
                org.districts.select_related("borough").order_by("borough__number", "name")
            ),
            "members": members,
        },
    )
