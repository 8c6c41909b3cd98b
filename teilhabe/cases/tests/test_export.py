"""The Art. 15 export: readable by the person (PDF) and meaningful as data (JSON)."""

import datetime
import io
import re
import zoneinfo

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from teilhabe.cases import services


def _pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"[ \t]+", " ", text)


def _person(cast):
    return cast.home_case.household.members.get(family_name="Haddad")


def test_the_readable_export_uses_german_labels_and_display_values_not_codes(client, cast):
    person = _person(cast)
    client.force_login(cast.case_worker)
    text = _pdf_text(client.get(reverse("cases:export_pdf", kwargs={"code": person.code})).content)
    assert "Geschlecht: männlich" in text
    assert "Aufenthaltsstatus: Aufenthaltserlaubnis § 25 AufenthG" in text
    assert "Ankunft in Deutschland: 01.02.2016" in text
    for raw in ("gender:", "residence_status", "ae_25", "family_name", "household:"):
        assert raw not in text


def test_the_readable_export_shows_no_internal_ids(client, cast):
    person = _person(cast)
    client.force_login(cast.case_worker)
    text = _pdf_text(client.get(reverse("cases:export_pdf", kwargs={"code": person.code})).content)
    assert str(person.code) not in text
    assert not re.search(r"\b(id|case|created_by|person): \d+", text)
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text)


def test_the_readable_export_is_grouped_as_a_person_understands_it(client, cast):
    person = _person(cast)
    client.force_login(cast.case_worker)
    text = _pdf_text(client.get(reverse("cases:export_pdf", kwargs={"code": person.code})).content)
    headings = [
        "Ihre Angaben",
        "Ihre Fälle",
        "Termine",
        "Einwilligungen",
        "Weitergaben",
        "Wer auf Ihre Daten zugegriffen hat",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)


def test_the_readable_export_shows_times_in_local_time(client, cast):
    case = cast.home_case
    person = _person(cast)
    start = datetime.datetime(2026, 7, 1, 9, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
    services.appointment_add(
        user=cast.case_worker,
        case=case,
        data={"title": "Sprachkurs-Beratung", "starts_at": start, "ends_at": start},
    )
    client.force_login(cast.case_worker)
    text = _pdf_text(client.get(reverse("cases:export_pdf", kwargs={"code": person.code})).content)
    assert "01.07.2026, 09:30 Uhr" in text  # 07:30 in UTC
    assert "07:30" not in text


def test_the_readable_export_explains_itself_in_the_persons_language(client, cast):
    person = _person(cast)
    services.person_update(user=cast.case_worker, person=person, data={"languages": "Ukrainisch"})
    client.force_login(cast.case_worker)
    text = _pdf_text(client.get(reverse("cases:export_pdf", kwargs={"code": person.code})).content)
    assert "Ihre Angaben" in text and "Ваші дані" in text


def test_the_json_export_keeps_its_keys_but_resolves_ids_to_names(client, cast):
    person = _person(cast)
    client.force_login(cast.case_worker)
    data = client.get(reverse("cases:export_json", kwargs={"code": person.code})).json()
    assert data["person"]["family_name"] == "Haddad"
    assert data["person"]["gender"] == "m" and data["person"]["gender_label"] == "männlich"
    assert data["person"]["organisation"] == cast.home_org.name
    assert data["person"]["household"] == person.household.name
    assert "id" not in data["person"]
    note = data["contact_notes"][0]
    assert note["case"] == str(cast.home_case)
    assert note["created_by"] == str(cast.case_worker)
    assert data["accesses"][0]["action_label"]


def test_the_json_export_gives_times_with_the_local_offset(client, cast):
    person = _person(cast)
    client.force_login(cast.case_worker)
    data = client.get(reverse("cases:export_json", kwargs={"code": person.code})).json()
    created = datetime.datetime.fromisoformat(data["person"]["created_at"])
    assert created.utcoffset() == timezone.localtime(created).utcoffset() != datetime.timedelta(0)
