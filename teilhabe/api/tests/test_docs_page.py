"""The API docs page: our own German page around Swagger UI, assets from this server only."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_docs_page_is_german_with_one_h1_and_no_inline_script(client):
    response = client.get(reverse("api:docs"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de"' in html
    assert html.count("<h1") == 1
    assert "Teilhabe-API: Dokumentation" in html
    assert "Anfragen pro Minute" in html
    assert 'href="/api/v1/hsds/openapi.json"' in html and "HSDS 3.0" in html
    assert "<script>" not in html
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    assert "http://" not in html
    assert "https://" not in html


def test_the_former_redoc_address_leads_to_the_docs_page(client):
    response = client.get(reverse("api:redoc"))
    assert response.status_code == 302
    assert response["Location"] == reverse("api:docs")
