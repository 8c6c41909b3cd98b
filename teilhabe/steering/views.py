"""Pages for city steering and borough coordinators: figures only, never persons."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify

from teilhabe.access import Action, require
from teilhabe.core.downloads import download
from teilhabe.steering import exports
from teilhabe.steering.referrals import referral_page
from teilhabe.steering.scope import Scope, scope_for
from teilhabe.steering.suppression import threshold


def _drill(scope: Scope, name: str):
    """Links from a Bezirk row to the Bezirk, and from a Stadtteil row to the Stadtteil."""

    def url(*, borough=None, district=None) -> str:
        params = {"von": scope.start.isoformat(), "bis": scope.end.isoformat()}
        if district is not None:
            params["stadtteil"] = str(district.code)
        elif borough is not None:
            params["bezirk"] = str(borough.code)
        from urllib.parse import urlencode

        return f"{reverse(name)}?{urlencode(params)}"

    return url


def _topics():
    from django.utils.translation import gettext as _

    return [
        {"key": "referrals", "label": _("Referrals"), "url_name": "steering:referrals"},
    ]


PAGES = {
    "referrals": ("steering:referrals", referral_page, "steering/referrals.html"),
}


def _page(request, topic: str):
    name, build, template = PAGES[topic]
    scope = scope_for(request.user, request.GET)
    return scope, build(scope, url=_drill(scope, name)), template


def _render(request, topic: str):
    scope, page, template = _page(request, topic)
    return render(
        request,
        template,
        {
            "scope": scope,
            "page": page,
            "topic": topic,
            "query": scope.query(),
            "export_url": reverse("steering:export", kwargs={"topic": topic}),
            "topics": _topics(),
            "threshold": threshold(),
        },
        status=400 if scope.errors else 200,
    )


@require(Action.VIEW_BOROUGH_FIGURES)
def referrals(request):
    return _render(request, "referrals")


@require(Action.VIEW_BOROUGH_FIGURES)
def export(request, topic: str):
    """One table of a page as CSV or XLSX (``?tabelle=<key>&format=csv|xlsx``; default: the
    first table as CSV), with the page's filters and the same suppression as on the page."""
    if topic not in PAGES:
        raise Http404
    scope, page, _template = _page(request, topic)
    key = request.GET.get("tabelle") or page.tables[0].key
    table = next((t for t in page.tables if t.key == key), None)
    fmt = request.GET.get("format", "csv")
    if table is None or fmt not in ("csv", "xlsx"):
        raise Http404
    filename = slugify(f"teilhabe-{topic}-{table.key}-{scope.start}-{scope.end}")
    if fmt == "csv":
        return download(
            exports.table_csv(table),
            filename=f"{filename}.csv",
            content_type="text/csv; charset=utf-8",
        )
    return download(
        exports.table_xlsx(table),
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
