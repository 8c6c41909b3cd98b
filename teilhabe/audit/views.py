from django.core.paginator import Paginator
from django.shortcuts import render

from teilhabe.access import Action, require
from teilhabe.audit.forms import AuditFilterForm
from teilhabe.audit.selectors import entries_for, person_report


@require(Action.VIEW_AUDIT_LOG)
def search(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(entries_for(request.user, **filters), 100).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request, "audit/search.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@require(Action.VIEW_AUDIT_LOG)
def person(request, code):
    entries = list(person_report(request.user, str(code))[:2000])
    return render(request, "audit/person.html", {"code": code, "entries": entries})
