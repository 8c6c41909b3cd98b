"""Publishing: files in the default storage, the same bytes on a second run, the job for the
worker, the command, the public URLs and the DCAT-AP.de catalogue."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from pyld import jsonld

from teilhabe.access.roles import Role
from teilhabe.jobs.models import Job, JobStatus
from teilhabe.opendata import services
from teilhabe.opendata.selectors import public_paths

pytestmark = pytest.mark.django_db

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
DCATDE = "http://dcat-ap.de/def/dcatde/"


def _snapshot(storage) -> dict[str, bytes]:
    out = {}
    for path in public_paths():
        with storage.open(services.PREFIX + path, "rb") as f:
            out[path] = f.read()
    return out


def test_publishing_twice_writes_nothing_the_second_time(storage):
    first = services.opendata_publish()
    assert set(first.written) == public_paths()
    before = _snapshot(storage)
    second = services.opendata_publish()
    assert second.written == []
    assert set(second.unchanged) == public_paths()
    assert _snapshot(storage) == before


def test_publishing_from_scratch_again_gives_the_same_bytes(storage):
    services.opendata_publish()
    before = _snapshot(storage)
    for path in public_paths():
        storage.delete(services.PREFIX + path)
    services.opendata_publish()
    assert _snapshot(storage) == before


def test_a_changed_offer_rewrites_only_the_offer_files(storage, cast):
    services.opendata_publish()
    offer = cast.own_offer
    offer.title = "Neuer Titel"
    offer.save()
    result = services.opendata_publish()
    assert "steuerungskennzahlen.csv" in result.unchanged
    assert "angebote-hsds/services.csv" in result.written
    assert "katalog.jsonld" in result.written


def test_an_administrator_queues_the_job_and_it_reports_progress(storage, cast):
    job = services.opendata_publish_start(user=cast.user(Role.ADMIN))
    job.refresh_from_db()  # TASKS_BACKEND=immediate in tests: it ran inside job_start
    assert job.kind == "opendata.publish"
    assert job.status == JobStatus.SUCCEEDED
    assert job.progress_done == job.progress_total == 4
    assert "Veröffentlicht" in job.message
    assert storage.exists(services.PREFIX + services.CATALOGUE)


def test_only_administrators_may_start_the_job(storage, cast):
    with pytest.raises(PermissionDenied):
        services.opendata_publish_start(user=cast.user(Role.CITY_STEERING))
    assert not Job.objects.filter(kind="opendata.publish").exists()


def test_the_publish_button_sends_the_administrator_to_the_job(storage, client_as):
    response = client_as("admin").post(reverse("opendata:publish"))
    job = Job.objects.get(kind="opendata.publish")
    assert response.status_code == 302
    assert response.url == reverse("jobs:detail", args=[job.code])
    page = client_as("admin").get(response.url)
    assert reverse("opendata:index") in page.content.decode()


def test_the_command_publishes_and_can_queue(storage, cast, capsys):
    call_command("opendata_publish")
    assert "25 Dateien geschrieben" in capsys.readouterr().out
    call_command("opendata_publish", "--queue", "--user", cast.user(Role.ADMIN).email)
    assert Job.objects.filter(kind="opendata.publish", status=JobStatus.SUCCEEDED).exists()


def test_the_page_lists_the_files_with_german_descriptions(storage, client):
    empty = client.get(reverse("opendata:index"))
    assert "noch nicht veröffentlicht" in empty.content.decode()
    services.opendata_publish()
    html = client.get(reverse("opendata:index")).content.decode()
    assert "Fallarbeit je Stadtteil und Monat" in html
    assert "Angebotsverzeichnis (HSDS 3.0)" in html
    for path in ("steuerungskennzahlen.csv", "angebote-hsds.zip", "katalog.jsonld"):
        assert path in html
    assert "Jetzt veröffentlichen" not in html  # anonymous visitors do not get the button


def test_the_files_are_served_at_stable_urls(storage, client):
    url = reverse("opendata:file", args=["steuerungskennzahlen.csv"])
    assert client.get(url).status_code == 404  # not yet published
    services.opendata_publish()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.startswith(b"monat,gebietsebene")
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    package = client.get(reverse("opendata:file", args=["angebote-hsds/datapackage.json"]))
    assert json.loads(package.content)["profile"] == "tabular-data-package"
    for bad in ("../settings.py", "angebote-hsds/../../x.csv", "andere.csv"):
        assert client.get(reverse("opendata:file", args=[bad])).status_code == 404


def test_the_catalogue_is_json_ld_with_the_dcat_ap_de_properties(storage, client, settings):
    settings.OPENDATA_BASE_URL = "https://teilhabe.example.org"
    services.opendata_publish()
    response = client.get(reverse("opendata:catalogue"))
    assert response["Content-Type"] == "application/ld+json"
    expanded = jsonld.expand(json.loads(response.content))
    nodes = jsonld.flatten(expanded)
    by_type: dict[str, list[dict]] = {}
    for node in nodes:
        for t in node.get("@type", []):
            by_type.setdefault(t, []).append(node)

    def ids(node, prop):
        return [v["@id"] for v in node.get(prop, [])]

    (catalog,) = by_type[DCAT + "Catalog"]
    assert catalog["@id"] == "https://teilhabe.example.org/offene-daten/katalog.jsonld"
    datasets = by_type[DCAT + "Dataset"]
    assert len(datasets) == 2 and len(ids(catalog, DCAT + "dataset")) == 2
    for ds in datasets:
        for prop in (DCT + "title", DCT + "description", DCT + "modified"):
            assert ds.get(prop), (ds["@id"], prop)
        assert ids(ds, DCATDE + "contributorID") == ["http://dcat-ap.de/def/contributors/openNRW"]
        assert ids(ds, DCATDE + "politicalGeocodingURI") == [
            "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05113000"
        ]
        assert ids(ds, DCATDE + "politicalGeocodingLevelURI") == [
            "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
        ]
        assert ds[DCT + "spatial"] and ds[DCAT + "contactPoint"] and ds[DCT + "publisher"]
        assert ids(ds, DCAT + "theme")
        assert ds[DCAT + "distribution"]
    steering = next(d for d in datasets if d["@id"].endswith("#steuerungskennzahlen"))
    (period,) = (n for n in nodes if n["@id"] == steering[DCT + "temporal"][0]["@id"])
    assert period[DCAT + "startDate"][0]["@value"] < period[DCAT + "endDate"][0]["@value"]
    distributions = by_type[DCAT + "Distribution"]
    assert len(distributions) == 3
    for dist in distributions:
        url = ids(dist, DCAT + "downloadURL")[0]
        assert url.startswith("https://teilhabe.example.org/offene-daten/")
        assert ids(dist, DCAT + "accessURL") == [url]
        assert ids(dist, DCT + "license") == ["http://dcat-ap.de/def/licenses/dl-by-de/2.0"]
        assert dist[DCATDE + "licenseAttributionByText"][0]["@value"] == "Stadt Essen"
        assert ids(dist, DCT + "format")[0].startswith(
            "http://publications.europa.eu/resource/authority/file-type/"
        )
        # The size stated is the size served.
        path = url.removeprefix("https://teilhabe.example.org/offene-daten/")
        served = client.get(reverse("opendata:file", args=[path])).content
        assert int(dist[DCAT + "byteSize"][0]["@value"]) == len(served)


def test_without_a_base_url_the_catalogue_names_the_address_of_the_request(storage, client):
    services.opendata_publish()
    doc = client.get(reverse("opendata:catalogue")).json()
    assert doc["@context"]["@base"] == "http://testserver/offene-daten/"
