"""Open data: the page listing the datasets, the files and the DCAT-AP.de catalogue.

Public (no login, no cookies needed, nothing from other sites). The files are served from
the default storage under stable URLs; ``Access-Control-Allow-Origin: *`` lets portals and
browser tools read them directly.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from teilhabe.access import Action, require
from teilhabe.core.downloads import download
from teilhabe.opendata import figures, selectors, services
from teilhabe.steering.suppression import threshold


def _file_response(request, content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = download(content, filename=filename, content_type=content_type, inline=True)
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def index(request):
    datasets = selectors.published_datasets()
    return render(
        request,
        "opendata/index.html",
        {
            "steering": datasets.get("steuerungskennzahlen"),
            "offers": datasets.get("angebote-hsds"),
            "indicator_columns": figures.COLUMNS,
            "largest_hidden": threshold() - 1,
            "catalogue_published": bool(datasets),
        },
    )


@require_GET
def file(request, path: str):
    f = selectors.stored_file(path)
    if f is None or path == services.CATALOGUE:
        raise Http404
    with f:
        content = f.read()
    return _file_response(
        request,
        content,
        content_type=selectors.content_type(path),
        filename=path.rsplit("/", 1)[-1],
    )


@require_GET
def catalogue(request):
    """The stored catalogue with ``@base`` set, so that its relative IRIs (the files, the
    page) become absolute."""
    doc = selectors.catalogue()
    if doc is None:
        raise Http404
    base = settings.OPENDATA_BASE_URL.rstrip("/") + reverse("opendata:index")
    if not settings.OPENDATA_BASE_URL:
        base = request.build_absolute_uri(reverse("opendata:index"))
    doc["@context"] = {**doc["@context"], "@base": base}
    content = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return _file_response(
        request, content, content_type="application/ld+json", filename=services.CATALOGUE
    )


@require(Action.MANAGE_TASKS, methods=("POST",))
def publish(request):
    """Queue the publication now (it also runs on a schedule)."""
    job = services.opendata_publish_start(user=request.user)
    return redirect("jobs:detail", job.code)
