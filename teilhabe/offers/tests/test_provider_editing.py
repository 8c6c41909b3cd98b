import io

import pytest
from django.urls import reverse

from teilhabe.access import SYSTEM
from teilhabe.offers.imports import offers_import
from teilhabe.offers.models import Offer, OfferTranslation
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _post_data(offer, **changes):
    data = {
        "title": offer.title,
        "summary": offer.summary,
        "description": offer.description,
        "category": offer.category_id,
        "languages": offer.languages,
        "is_free": "on" if offer.is_free else "",
        "status": offer.status,
        "locations": [loc.pk for loc in offer.locations.all()],
        "termine-TOTAL_FORMS": "1",
        "termine-INITIAL_FORMS": "0",
        "termine-0-weekday": "1",
        "termine-0-starts_at": "09:00",
        "termine-0-ends_at": "12:00",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_a_provider_edits_its_offer_and_the_change_shows_in_finder_and_api(client_as, cast):
    offer = cast.own_offer
    client = client_as("provider_editor")
    response = client.post(
        reverse("offers:edit", args=[offer.code]),
        _post_data(offer, title="Integrationskurs Deutsch A1 (vormittags, neu)"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    assert "vormittags, neu" in client.get(reverse("public:finder", args=["de"])).content.decode()
    api = client.get(reverse("api:offer-detail", args=[offer.code])).json()
    assert api["title"].endswith("neu)")
    # The German edit marks every translation outdated; Arabic falls back to German.
    assert set(OfferTranslation.objects.filter(offer=offer).values_list("outdated", flat=True)) == {
        True
    }
    html = client.get(reverse("public:offer", args=["ar", offer.code])).content.decode()
    assert "vormittags, neu" in html


def test_a_change_without_german_text_changes_keeps_translations_current(client_as, cast):
    offer = cast.own_offer
    client = client_as("provider_editor")
    client.post(reverse("offers:edit", args=[offer.code]), _post_data(offer, free_places="2"))
    assert not OfferTranslation.objects.filter(offer=offer, outdated=True).exists()


def test_a_provider_cannot_open_another_providers_offer(client_as, cast):
    response = client_as("provider_editor").get(
        reverse("offers:edit", args=[cast.foreign_offer.code])
    )
    assert response.status_code == 404


def test_the_borough_coordinator_sees_the_offer_but_may_not_change_it(client_as, cast):
    client = client_as("borough_coordinator")
    url = reverse("offers:edit", args=[cast.own_offer.code])
    assert client.get(url).status_code == 200
    assert client.post(url, _post_data(cast.own_offer)).status_code == 403


def test_the_borough_coordinator_sees_where_offers_are_missing(client_as):
    html = client_as("borough_coordinator").get(reverse("offers:coverage")).content.decode()
    assert "Stadtkern" in html and "Frillendorf" in html


def test_the_offer_list_of_a_provider_shows_only_own_offers_in_few_queries(
    client_as, django_assert_num_queries
):
    client = client_as("provider_editor")
    with django_assert_num_queries(10):  # incl. one for the translations of the whole page
        html = client.get(reverse("offers:list")).content.decode()
    assert "Integrationskurs Deutsch A1" in html
    assert "Migrationsberatung für Erwachsene" not in html


def test_a_location_outside_the_city_is_refused_with_a_german_message(client_as):
    client = client_as("provider_editor")
    response = client.post(
        reverse("offers:location_create"),
        {
            "name": "Bochum",
            "street": "Hauptstr. 1",
            "postcode": "44787",
            "city": "Bochum",
            "latitude": "51.4818",
            "longitude": "7.2162",
        },
    )
    assert response.status_code == 200
    assert "außerhalb des Stadtgebiets" in response.content.decode()


def test_a_translation_can_be_saved_and_is_current(client_as, cast):
    offer = cast.own_offer
    client = client_as("provider_editor")
    response = client.post(
        reverse("offers:translation", args=[offer.code, "ru"]),
        {"title": "Интеграционный курс A1", "summary": "", "description": "", "status": "approved"},
    )
    assert response.status_code == 302
    t = OfferTranslation.objects.get(offer=offer, language="ru")
    assert not t.outdated and t.source_hash == offer.source_hash()


CSV_OK = (
    "titel;kurzbeschreibung;kategorie;ort;strasse;plz;breitengrad;laengengrad;sprachen;wochentag;von;bis\n"
    "Lesecafé;Gemeinsam lesen;kultur;VHS Burgplatz;Burgplatz 1;45127;51.4568;7.0139;de,ar;Mi;10:00;12:00\n"
)


def test_a_valid_csv_is_previewed_without_writing_and_then_imported():
    vhs = Organisation.objects.get(key="vhs-essen")
    before = Offer.objects.count()
    preview = offers_import(
        user=SYSTEM, organisation=vhs, content=CSV_OK.encode(), filename="a.csv"
    )
    assert preview.ok and len(preview.rows) == 1
    assert Offer.objects.count() == before
    done = offers_import(
        user=SYSTEM, organisation=vhs, content=CSV_OK.encode(), filename="a.csv", dry_run=False
    )
    assert done.created == 1 and Offer.objects.count() == before + 1
    assert Offer.objects.get(title="Lesecafé").schedules.get().weekday == 2


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_rows():
    vhs = Organisation.objects.get(key="vhs-essen")
    bad = CSV_OK + (
        "Sport;Kurz;gibtsnicht;Ort;Str 1;45127;51.4568;7.0139;de;Mo;10:00;09:00\n"
        "Weit weg;Kurz;sport;Ort;Str 1;44787;51.4818;7.2162;xx;;;\n"
    )
    before = Offer.objects.count()
    result = offers_import(
        user=SYSTEM, organisation=vhs, content=bad.encode(), filename="b.csv", dry_run=False
    )
    assert not result.ok and Offer.objects.count() == before
    text = "\n".join(result.errors)
    assert "Zeile 3: Unbekannte Kategorie „gibtsnicht“" in text
    assert "Zeile 3: Das Ende liegt nicht nach dem Beginn" in text
    assert "Zeile 4: Die Koordinaten 51.4818, 7.2162 liegen außerhalb des Stadtgebiets" in text
    assert "Zeile 4: Unbekannte Sprache(n): xx" in text


def test_a_broken_file_gets_a_clear_message():
    vhs = Organisation.objects.get(key="vhs-essen")
    result = offers_import(
        user=SYSTEM, organisation=vhs, content=b"\xff\xfe\x00garbage", filename="c.csv"
    )
    assert result.errors == ["Die CSV-Datei ist nicht UTF-8-kodiert."]
    result = offers_import(
        user=SYSTEM, organisation=vhs, content=b"foo,bar\n1,2\n", filename="d.csv"
    )
    assert "Es fehlen die Spalten" in result.errors[0]
    result = offers_import(
        user=SYSTEM, organisation=vhs, content=b"not a workbook", filename="e.xlsx"
    )
    assert "XLSX" in result.errors[0]


def test_an_xlsx_file_is_read_like_a_csv():
    from openpyxl import Workbook

    wb = Workbook()
    for line in CSV_OK.strip().split("\n"):
        wb.active.append(line.split(";"))
    buf = io.BytesIO()
    wb.save(buf)
    vhs = Organisation.objects.get(key="vhs-essen")
    result = offers_import(user=SYSTEM, organisation=vhs, content=buf.getvalue(), filename="f.xlsx")
    assert result.ok, result.errors


def test_a_stale_offer_is_flagged_to_its_provider_and_the_borough_coordinator(client_as, cast):
    from datetime import date

    offer = cast.own_offer
    Offer.objects.filter(pk=offer.pk).update(last_reviewed=date(2024, 1, 1))
    for role in ("provider_editor", "borough_coordinator"):
        client = client_as(role)
        html = client.get(reverse("offers:list")).content.decode()
        assert "seit über einem Jahr nicht geprüft" in html, role
        assert (
            "Prüfung fällig" in client.get(reverse("offers:list"), {"veraltet": 1}).content.decode()
        )
    client = client_as("provider_editor")
    client.post(reverse("offers:reviewed", args=[offer.code]))
    offer.refresh_from_db()
    assert not offer.is_stale


def test_the_offer_services_refuse_an_editor_of_another_organisation(cast):
    from django.core.exceptions import PermissionDenied

    from teilhabe.offers.services import offer_update, schedules_replace

    editor = cast.user("provider_editor")
    offer = cast.foreign_offer
    with pytest.raises(PermissionDenied):
        offer_update(user=editor, offer=offer, values={"title": "Übernommen"})
    with pytest.raises(PermissionDenied):
        schedules_replace(user=editor, offer=offer, schedules=[])
    offer.refresh_from_db()
    assert offer.title != "Übernommen"


def test_an_offer_and_its_times_are_saved_in_one_call_or_not_at_all(cast):
    import datetime as dt

    from teilhabe.offers.services import OfferError, offer_update

    editor = cast.user("provider_editor")
    offer = cast.own_offer
    times = list(offer.schedules.values_list("pk", flat=True))
    bad = [{"weekday": 1, "date": None, "starts_at": dt.time(10), "ends_at": dt.time(9)}]
    with pytest.raises(OfferError):
        offer_update(user=editor, offer=offer, values={"title": "Neu"}, schedules=bad)
    offer.refresh_from_db()
    assert offer.title != "Neu"
    assert list(offer.schedules.values_list("pk", flat=True)) == times
