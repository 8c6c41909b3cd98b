import csv
import io

import pytest

from teilhabe.access import SYSTEM
from teilhabe.offers.models import Offer, OfferTranslation, TranslationStatus
from teilhabe.offers.services import offer_update
from teilhabe.offers.translations import (
    machine_translate_missing,
    translations_export,
    translations_import,
)

pytestmark = pytest.mark.django_db


def _rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_translators_get_a_csv_fill_it_in_and_the_import_stores_it():
    exported = _rows(translations_export(language="tr"))
    row = next(r for r in exported if r["titel_de"] == "Sprachcafé Altenessen")
    assert row["titel"] == ""
    row["titel"] = "Altenessen Dil Kafesi"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    content = out.getvalue().encode()
    assert translations_import(user=SYSTEM, language="tr", content=content).saved == 1
    assert not OfferTranslation.objects.filter(
        language="tr", title="Altenessen Dil Kafesi"
    ).exists()
    result = translations_import(user=SYSTEM, language="tr", content=content, dry_run=False)
    assert result.ok and result.saved == 1
    t = OfferTranslation.objects.get(language="tr", title="Altenessen Dil Kafesi")
    assert t.status == TranslationStatus.APPROVED and not t.outdated


def test_an_import_after_the_german_text_changed_is_refused_and_writes_nothing():
    offer = Offer.objects.get(key="vhs-sprachcafe-altenessen")
    exported = _rows(translations_export(language="tr"))
    row = next(r for r in exported if r["id"] == str(offer.code))
    row["titel"] = "Dil Kafesi"
    offer_update(user=SYSTEM, offer=offer, values={"title": "Sprachcafé Altenessen (neu)"})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    result = translations_import(
        user=SYSTEM, language="tr", content=out.getvalue().encode(), dry_run=False
    )
    assert not result.ok and "hat sich seit dem Export geändert" in result.errors[0]
    assert not OfferTranslation.objects.filter(offer=offer, language="tr").exists()


def test_outdated_translations_are_exported_as_open_work():
    offer = Offer.objects.get(key="caritas-migrationsberatung")
    offer_update(user=SYSTEM, offer=offer, values={"summary": "Beratung zu Aufenthalt und Arbeit."})
    rows = _rows(translations_export(language="ar", only_open=True))
    row = next(r for r in rows if r["id"] == str(offer.code))
    assert row["veraltet"] == "ja"


class Upper:
    def translate(self, texts, *, language):
        return [f"[{language}] {t}" for t in texts]


def test_machine_translation_is_off_by_default_and_marks_its_results_unchecked():
    assert machine_translate_missing(user=SYSTEM, language="ru") == 0
    offers = Offer.objects.filter(key="vhs-sprachcafe-altenessen")
    assert (
        machine_translate_missing(user=SYSTEM, language="ru", translator=Upper(), offers=offers)
        == 1
    )
    t = OfferTranslation.objects.get(offer__key="vhs-sprachcafe-altenessen", language="ru")
    assert t.status == TranslationStatus.MACHINE and t.title.startswith("[ru]")


def test_a_provider_downloads_and_uploads_translations_of_its_own_offers(client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client = client_as("provider_editor")
    url = reverse("offers:translation_files")
    text = client.get(url, {"language": "tr"}).content.decode()
    rows = _rows(text)
    assert rows and all(
        Offer.objects.get(code=r["id"]).organisation.key == "vhs-essen" for r in rows
    )
    row = next(r for r in rows if r["titel_de"] == "Sprachcafé Altenessen")
    row["titel"] = "Altenessen Dil Kafesi"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    response = client.post(
        url, {"language": "tr", "file": SimpleUploadedFile("tr.csv", out.getvalue().encode())}
    )
    assert response.status_code == 302
    assert OfferTranslation.objects.filter(language="tr", title="Altenessen Dil Kafesi").exists()


def test_a_provider_cannot_change_translations_of_another_provider(client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    foreign = Offer.objects.get(key="caritas-migrationsberatung")
    content = (
        "id,titel_de,kurzbeschreibung_de,beschreibung_de,titel,kurzbeschreibung,beschreibung,veraltet\n"
        f'{foreign.code},{foreign.title},{foreign.summary},"{foreign.description}",X,,,\n'
    ).encode()
    response = client_as("provider_editor").post(
        reverse("offers:translation_files"),
        {"language": "tr", "file": SimpleUploadedFile("tr.csv", content)},
    )
    assert "gibt es nicht" in response.content.decode()
    assert not OfferTranslation.objects.filter(offer=foreign, title="X").exists()
