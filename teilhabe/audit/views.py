from django.core.paginator import Paginator
from django.shortcuts import render

from teilhabe.access import Action, require
from teilhabe.audit.forms import AuditFilterForm
from teilhabe.audit.models import AuditEntry
from teilhabe.audit.selectors import entries_for, person_report


@require(Action.VIEW_AUDIT_LOG)
def search(request):
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        entries = AuditEntry.objects.none()  # nothing rather than everything for a bad filter
    else:
        entries = entries_for(request.user, **(form.cleaned_data if form.is_bound else {}))
    page = Paginator(entries, 100).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request, "audit/search.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@require(Action.VIEW_AUDIT_LOG)
def person(request, code):
    entries = list(person_report(request.user, str(code))[:2000])
    return render(request, "audit/person.html", {"code": code, "entries": entries})
