"""The offers import runs in the worker as a job with progress, and has a row limit."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from teilhabe.jobs.models import Job, JobStatus
from teilhabe.offers.imports import offers_import, read_table
from teilhabe.offers.models import Offer
from teilhabe.offers.services import OfferError
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db

HEADER = "titel;kurzbeschreibung;kategorie;ort;strasse;plz;breitengrad;laengengrad;sprachen;wochentag;von;bis\n"
ROW = "Lesecafé {n};Gemeinsam lesen;kultur;VHS Burgplatz;Burgplatz 1;45127;51.4568;7.0139;de,ar;Mi;10:00;12:00\n"


def _csv(rows: int) -> bytes:
    return (HEADER + "".join(ROW.format(n=i) for i in range(rows))).encode()


def test_an_upload_is_checked_in_a_job_and_imported_after_confirmation(client_as):
    client = client_as("provider_editor")
    before = Offer.objects.count()
    response = client.post(reverse("offers:import"), {"file": SimpleUploadedFile("a.csv", _csv(3))})
    job = Job.objects.get(kind="offers.import")
    assert response.status_code == 302 and response["Location"] == reverse(
        "jobs:detail", args=[job.code]
    )
    assert job.status == JobStatus.SUCCEEDED and job.result["count"] == 3
    assert (job.progress_done, job.progress_total) == (3, 3)
    assert Offer.objects.count() == before  # a preview writes nothing
    page = client.get(response["Location"]).content.decode()
    assert "Lesecafé 0 – VHS Burgplatz" in page and "Vorschau: 3 Angebote" in page
    assert reverse("offers:import_confirm", args=[job.code]) in page

    response = client.post(reverse("offers:import_confirm", args=[job.code]))
    done = Job.objects.exclude(pk=job.pk).get(kind="offers.import")
    assert response["Location"] == reverse("jobs:detail", args=[done.code])
    assert done.status == JobStatus.SUCCEEDED and done.result == {"created": 3}
    assert Offer.objects.count() == before + 3
    page = client.get(response["Location"]).content.decode()
    assert "3 Angebote wurden als Entwurf angelegt." in page


def test_the_request_only_queues_the_import_when_the_worker_runs_tasks(client_as):
    from django_tasks_db.models import DBTaskResult

    tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    client = client_as("provider_editor")
    with override_settings(TASKS=tasks):
        client.post(reverse("offers:import"), {"file": SimpleUploadedFile("a.csv", _csv(3))})
    job = Job.objects.get(kind="offers.import")
    assert job.status == JobStatus.QUEUED
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "READY" and task.task_path == "teilhabe.offers.tasks.run_import"
    page = client.get(reverse("jobs:detail", args=[job.code])).content.decode()
    assert "Wartet auf Bearbeitung" in page and 'hx-trigger="every 2s"' in page


def test_a_file_with_errors_fails_the_job_and_names_the_rows(client_as):
    client = client_as("provider_editor")
    bad = _csv(1) + b"Sport;Kurz;gibtsnicht;Ort;Str 1;45127;51.4568;7.0139;de;Mo;10:00;09:00\n"
    response = client.post(reverse("offers:import"), {"file": SimpleUploadedFile("b.csv", bad)})
    job = Job.objects.get(kind="offers.import")
    assert job.status == JobStatus.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "Zeile 3: Unbekannte Kategorie „gibtsnicht“" in page
    assert reverse("offers:import_confirm", args=[job.code]) not in page
    response = client.post(reverse("offers:import_confirm", args=[job.code]), follow=True)
    assert "Nur eine fehlerfreie Vorschau" in response.content.decode()


@override_settings(OFFERS_IMPORT_MAX_ROWS=5)
def test_a_file_over_the_row_limit_is_refused_with_a_clear_message(client_as, cast):
    client = client_as("provider_editor")
    response = client.post(reverse("offers:import"), {"file": SimpleUploadedFile("c.csv", _csv(6))})
    job = Job.objects.get(kind="offers.import")
    assert job.status == JobStatus.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "Die Datei hat mehr als 5 Zeilen" in page and "bitte teilen Sie die Datei auf" in page
    assert offers_import(
        user=cast.user("provider_editor"),
        organisation=Organisation.objects.get(key="vhs-essen"),
        content=_csv(5),
        filename="d.csv",
    ).ok


def test_a_file_of_200000_rows_is_refused_without_reading_it_to_the_end():
    content = _csv(200_000)
    started = time.monotonic()
    with pytest.raises(OfferError, match=r"mehr als 2\.000 Zeilen"):
        read_table(content=content, filename="gross.csv")
    assert time.monotonic() - started < 3


def test_an_xlsx_file_over_the_row_limit_is_refused():
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER.strip().split(";"))
    for i in range(2001):
        sheet.append(ROW.format(n=i).strip().split(";"))
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(OfferError, match=r"mehr als 2\.000 Zeilen"):
        read_table(content=buf.getvalue(), filename="gross.xlsx")


def test_only_the_uploader_can_import_a_preview(client, cast):
    from teilhabe.access.roles import Role

    client.force_login(cast.user(Role.PROVIDER_EDITOR))
    client.post(reverse("offers:import"), {"file": SimpleUploadedFile("a.csv", _csv(1))})
    job = Job.objects.get(kind="offers.import")
    client.force_login(cast.user(Role.ADMIN))  # sees every job, but it is not theirs
    assert client.post(reverse("offers:import_confirm", args=[job.code])).status_code == 403
    assert Job.objects.filter(kind="offers.import").count() == 1


def test_contact_columns_are_checked_and_imported_so_a_registration_has_a_way(cast):
    from teilhabe.access import SYSTEM

    header = "titel;kurzbeschreibung;kategorie;ort;strasse;plz;breitengrad;laengengrad;anmeldung;ansprechperson;telefon;email;web\n"
    place = "kultur;VHS Burgplatz;Burgplatz 1;45127;51.4568;7.0139;ja"
    good = (
        f"Erzählcafé;Erzählen;{place};Frau Kaya;0201 88-123;kaya@example.org;www.example.org/cafe\n"
    )
    bad = (
        f"Kurs 2;Kurz;{place};;null-acht-15;kaya(at)example.org;http://\n"
        f"Kurs 3;Kurz;{place};;+49 (201) 123;;ftp://example.org\n"
    )
    result = offers_import(
        user=SYSTEM,
        organisation=cast.home_org,
        content=(header + good + bad).encode(),
        filename="kontakt.csv",
        dry_run=False,
    )
    assert result.errors == [
        "Zeile 3: Telefon „null-acht-15“ ist keine Telefonnummer; bitte nur Ziffern, "
        "Leerzeichen und + ( ) / -, z. B. 0201 123456.",
        "Zeile 3: E-Mail „kaya(at)example.org“ ist keine gültige E-Mail-Adresse.",
        "Zeile 3: Webadresse „http://“ ist keine gültige Adresse, z. B. https://www.beispiel.de.",
        "Zeile 4: Webadresse „ftp://example.org“ ist keine gültige Adresse, "
        "z. B. https://www.beispiel.de.",
    ]
    assert not Offer.objects.filter(title="Erzählcafé").exists()
    result = offers_import(
        user=SYSTEM,
        organisation=cast.home_org,
        content=(header + good).encode(),
        filename="kontakt.csv",
        dry_run=False,
    )
    assert result.ok and result.created == 1
    offer = Offer.objects.get(title="Erzählcafé")
    assert (offer.contact_name, offer.contact_phone, offer.contact_email, offer.url) == (
        "Frau Kaya",
        "0201 88-123",
        "kaya@example.org",
        "https://www.example.org/cafe",
    )
    assert not offer.registration_way_missing
