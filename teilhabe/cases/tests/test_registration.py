"""Registering a household, the duplicate warning, and bad input that saves nothing."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from teilhabe.cases.models import Case, CaseKind, ContactNote, Document, Household, Person
from teilhabe.cases.testing import PDF_BYTES


def _form(**overrides):
    data = {
        "household_name": "Familie Kovalenko",
        "kind": CaseKind.objects.get(key="wohnungsbetreuung").pk,
        "family_name": "Kovalenko",
        "given_names": "Oleksandr",
        "household_role": "head",
        "birth_year": "1990",
        "birth_month": "7",
        "birth_day": "4",
        "gender": "m",
        "residence_status": "ae_24",
    }
    data.update(overrides)
    return data


def test_a_case_worker_registers_a_household_with_its_first_member_and_a_case(client, cast):
    client.force_login(cast.case_worker)
    response = client.post(reverse("cases:register"), _form())
    household = Household.objects.get(name="Familie Kovalenko")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:household", kwargs={"code": household.code})
    person = household.members.get()
    assert person.organisation == cast.home_org
    assert person.family_key == "kvlnk"
    case = Case.objects.get(household=household)
    assert case.responsible == cast.case_worker and case.organisation == cast.home_org


def test_a_planted_spelling_variant_is_shown_as_a_possible_duplicate(client, cast):
    _ = cast.home_case  # Mohammed Haddad, born 14.03.1985
    client.force_login(cast.case_worker)
    before = Person.objects.count()
    response = client.post(
        reverse("cases:register"),
        _form(
            household_name="Familie Hadad",
            family_name="Hadad",
            given_names="Muhammad",
            birth_year="1985",
            birth_month="14" if False else "3",
            birth_day="14",
        ),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mögliche Dubletten" in body
    assert "Haddad, Mohammed" in body
    assert Person.objects.count() == before
    confirmed = client.post(
        reverse("cases:register"),
        _form(
            household_name="Familie Hadad",
            family_name="Hadad",
            given_names="Muhammad",
            birth_year="1985",
            birth_month="3",
            birth_day="14",
            confirm_new="on",
        ),
    )
    assert confirmed.status_code == 302
    assert Person.objects.count() == before + 1


def test_a_duplicate_in_another_organisation_stays_invisible(client, cast):
    _ = cast.home_case
    client.force_login(cast.foreign_case_worker)
    response = client.post(
        reverse("cases:register"),
        _form(
            family_name="Haddad",
            given_names="Mohammed",
            birth_year="1985",
            birth_month="3",
            birth_day="14",
        ),
    )
    assert response.status_code == 302


def test_an_impossible_date_of_birth_gets_a_german_message_and_saves_nothing(client, cast):
    client.force_login(cast.case_worker)
    counts = (Household.objects.count(), Person.objects.count(), Case.objects.count())
    response = client.post(reverse("cases:register"), _form(birth_month="2", birth_day="30"))
    assert response.status_code == 200
    assert "Dieses Geburtsdatum gibt es nicht." in response.content.decode()
    response = client.post(reverse("cases:register"), _form(birth_year="", birth_day="3"))
    assert "Bitte das Geburtsjahr angeben" in response.content.decode()
    future = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(
        reverse("cases:register"),
        _form(
            birth_year=str(future.year), birth_month=str(future.month), birth_day=str(future.day)
        ),
    )
    assert "Das Geburtsdatum liegt in der Zukunft." in response.content.decode()
    assert counts == (Household.objects.count(), Person.objects.count(), Case.objects.count())


def test_a_partial_date_of_birth_is_accepted(client, cast):
    client.force_login(cast.case_worker)
    response = client.post(reverse("cases:register"), _form(birth_month="", birth_day=""))
    assert response.status_code == 302
    assert Person.objects.get(family_name="Kovalenko").birth_display == "1990"


def test_missing_required_fields_get_a_german_message_and_save_nothing(client, cast):
    client.force_login(cast.case_worker)
    before = Household.objects.count()
    response = client.post(reverse("cases:register"), _form(family_name="", household_name=""))
    body = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in body
    assert Household.objects.count() == before


def test_a_note_is_added_and_a_future_note_is_refused(client, cast):
    case = cast.home_case
    client.force_login(cast.case_worker)
    url = reverse("cases:note_add", kwargs={"code": case.code})
    before = ContactNote.objects.count()
    ok = client.post(
        url,
        {
            "note-date": timezone.localdate().isoformat(),
            "note-kind": "phone",
            "note-text": "Rückruf",
        },
    )
    assert ok.status_code == 302
    bad = client.post(
        url,
        {
            "note-date": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
            "note-kind": "phone",
            "note-text": "x",
        },
    )
    assert bad.status_code == 400
    assert "Ein Kontakt kann nicht in der Zukunft liegen." in bad.content.decode()
    assert ContactNote.objects.count() == before + 1


def test_uploads_are_checked_for_type_and_size(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = cast.home_case
    client.force_login(cast.case_worker)
    url = reverse("cases:document_add", kwargs={"code": case.code})
    before = Document.objects.count()
    fake = SimpleUploadedFile(
        "rechnung.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = client.post(url, {"document-title": "Rechnung", "document-file": fake})
    assert response.status_code == 400
    assert "Nur PDF-, JPEG- und PNG-Dateien" in response.content.decode()
    from teilhabe.cases import documents

    big = SimpleUploadedFile("gross.pdf", PDF_BYTES + b"0" * (documents.MAX_UPLOAD_BYTES + 1))
    response = client.post(url, {"document-title": "Groß", "document-file": big})
    assert response.status_code == 400
    assert "Die Datei ist zu groß" in response.content.decode()
    assert Document.objects.count() == before
    good = SimpleUploadedFile("bescheid.pdf", PDF_BYTES)
    assert (
        client.post(url, {"document-title": "Bescheid", "document-file": good}).status_code == 302
    )
    doc = Document.objects.get(title="Bescheid")
    assert str(tmp_path) in doc.file.path and "bescheid" not in doc.file.name
    download = client.get(reverse("cases:document", kwargs={"code": doc.code}))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES


def test_a_milestone_is_set_and_the_time_since_arrival_measured(client, cast):
    case = cast.home_case
    person = case.household.members.first()
    client.force_login(cast.case_worker)
    from teilhabe.cases.models import MilestoneType

    mt = MilestoneType.objects.get(key="integrationskurs")
    response = client.post(
        reverse("cases:milestone_set", kwargs={"code": person.code}),
        {"type": mt.pk, "status": "achieved", "achieved_on": "2017-03-01"},
    )
    assert response.status_code == 302
    milestone = person.milestones.get(type=mt)
    assert (
        milestone.days_since_arrival == (datetime.date(2017, 3, 1) - datetime.date(2016, 2, 1)).days
    )


def test_the_calendar_export_is_icalendar(client, cast):
    _ = cast.home_case
    client.force_login(cast.case_worker)
    response = client.get(reverse("cases:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content and b"Termin Jobcenter" in response.content


def test_the_art_15_export_contains_the_persons_data_and_accesses(client, cast):
    case = cast.home_case
    person = case.household.members.first()
    client.force_login(cast.case_worker)
    data = client.get(reverse("cases:export_json", kwargs={"code": person.code})).json()
    assert data["person"]["family_name"] == "Haddad"
    assert data["contact_notes"] and data["deadlines"] and data["documents"]
    assert data["accesses"]


def test_case_list_pages_run_a_fixed_number_of_queries(client, cast, django_assert_num_queries):
    from teilhabe.cases import services

    case = cast.home_case
    client.force_login(cast.case_worker)
    client.get(reverse("cases:caseload"))  # warm caches (session, grants)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("cases:caseload")).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for _i in range(5):
        services.case_open(
            user=cast.case_worker,
            household=case.household,
            kind=case.kind,
            responsible=cast.case_worker,
        )
    with django_assert_num_queries(small):
        client.get(reverse("cases:caseload"))


def test_the_art_15_export_is_also_a_readable_pdf(client, cast):
    person = cast.home_case.household.members.first()
    client.force_login(cast.case_worker)
    response = client.get(reverse("cases:export_pdf", kwargs={"code": person.code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_consent_form_prints_in_german_english_and_arabic(client, cast):
    person = cast.home_case.household.members.first()
    client.force_login(cast.case_worker)
    sizes = {}
    for language in ("de", "en", "ar"):
        url = reverse("cases:consent_pdf", kwargs={"code": person.code}) + f"?sprache={language}"
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        sizes[language] = len(response.content)
    assert len(set(sizes.values())) == 3  # three different documents


def test_adding_a_member_shows_likely_duplicates_first(client, cast):
    case = cast.home_case  # Mohammed Haddad, 14.03.1985
    client.force_login(cast.case_worker)
    url = reverse("cases:member_add", kwargs={"code": case.household.code})
    data = {
        "family_name": "Hadad",
        "given_names": "Muhammad",
        "household_role": "relative",
        "birth_year": "1985",
        "birth_month": "3",
        "birth_day": "14",
        "gender": "m",
        "residence_status": "unknown",
    }
    before = Person.objects.count()
    response = client.post(url, data)
    assert "Mögliche Dubletten" in response.content.decode()
    assert Person.objects.count() == before
    assert client.post(url, {**data, "confirm_new": "1"}).status_code == 302
    assert Person.objects.count() == before + 1


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_team_deadline_and_search_lists_run_a_fixed_number_of_queries(client, cast):
    from teilhabe.cases import services

    case = cast.home_case
    team_lead = cast.user("team_lead")
    urls = [
        (team_lead, reverse("cases:team")),
        (team_lead, reverse("cases:deadlines") + "?alle=1"),
        (cast.case_worker, reverse("cases:deadlines")),
        (cast.case_worker, reverse("cases:search") + "?q=Haddad"),
    ]
    before = {}
    for user, url in urls:
        client.force_login(user)
        client.get(url)
        before[url] = _queries(client, url)
    for i in range(4):
        new = services.household_register(
            user=cast.case_worker,
            organisation=cast.home_org,
            name=f"Familie Haddad {i}",
            head={"household_role": "head", "family_name": "Haddad", "given_names": f"Sami{i}"},
            kind=case.kind,
        )
        services.deadline_add(
            user=cast.case_worker,
            case=new,
            data={"kind": "follow_up", "title": "x", "due_on": timezone.localdate()},
        )
    for user, url in urls:
        client.force_login(user)
        client.get(url)
        assert _queries(client, url) == before[url], url
