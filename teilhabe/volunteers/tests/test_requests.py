"""Requests, matching, asking by e-mail and answering by signed link."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from teilhabe.access.roles import Role
from teilhabe.audit.models import AuditEntry
from teilhabe.cases.testing import demo_case
from teilhabe.geography.models import District
from teilhabe.volunteers import matching, services, tokens
from teilhabe.volunteers.models import (
    Answer,
    Assignment,
    Inquiry,
    RequestStatus,
    VolunteerRequest,
)
from teilhabe.volunteers.testing import demo_contact_point, demo_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    return cast.user(Role.VOLUNTEER_COORDINATOR)


@pytest.fixture
def point(cast):
    return demo_contact_point()


def _request(cast, point, **kw):
    district = District.objects.order_by("name").first()
    values = {
        "user": cast.case_worker,
        "requester": cast.home_org,
        "contact_point": point,
        "title": "Begleitung zum Bürgeramt",
        "starts_on": timezone.localdate() + datetime.timedelta(days=7),
        "time_from": datetime.time(10, 0),
        "district": district,
        "languages": ["ar"],
        "skills": ["accompanying"],
        "needed": 1,
    }
    values.update(kw)
    return services.request_create(**values)


def _volunteer(email, **kw):
    return demo_volunteer(email=email, first_name=email.split("@")[0].title(), **kw)


def test_a_request_without_date_is_refused_with_a_german_message(client, cast, point):
    client.force_login(cast.case_worker)
    response = client.post(
        reverse("volunteers:request_new"),
        {
            "contact_point": point.pk,
            "title": "Hausaufgabenhilfe",
            "recurrence": "once",
            "district": District.objects.first().pk,
            "needed": "1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie das Datum an." in body
    assert 'id="id_starts_on_error"' in body
    assert not VolunteerRequest.objects.exists()


def test_a_request_in_the_past_is_refused(cast, point):
    with pytest.raises(ValidationError) as exc:
        _request(cast, point, starts_on=timezone.localdate() - datetime.timedelta(days=1))
    assert "starts_on" in exc.value.message_dict


def test_a_case_worker_sends_a_request_and_sees_it(client, cast, point):
    request = _request(cast, point)
    client.force_login(cast.case_worker)
    body = client.get(reverse("volunteers:request_detail", args=[request.code])).content.decode()
    assert "Begleitung zum Bürgeramt" in body
    assert "Geeignete Ehrenamtliche" not in body  # candidates only for the coordinator


def test_a_request_about_a_person_needs_a_consent_naming_the_contact_point(cast, point):
    case = demo_case(cast.case_worker, cast.home_org)
    person = case.household.members.order_by("pk").first()
    with pytest.raises(ValidationError) as exc:
        _request(cast, point, case=case, person=person, consent=None, shared_fields=["first_name"])
    assert "consent" in exc.value.message_dict
    from teilhabe.cases.services import consent_record

    consent = consent_record(
        user=cast.case_worker,
        person=person,
        purpose="Ehrenamtliche Begleitung",
        recipients=[point.organisation],
        given_on=timezone.localdate(),
        method="oral",
    )
    request = _request(
        cast, point, case=case, person=person, consent=consent, shared_fields=["first_name"]
    )
    assert request.shared == {"first_name": person.given_names}
    assert request.shared_visible() == {"first_name": person.given_names}
    consent.revoked_at = timezone.now()
    consent.save()
    request.refresh_from_db()
    assert request.shared_visible() == {}


def test_candidates_are_ranked_and_explained_in_german(cast, point):
    native = _volunteer("nadia@example.org", languages={"ar": 4})
    basic = _volunteer("bernd@example.org", languages={"ar": 1, "de": 4})
    _volunteer("olga@example.org", languages={"uk": 4})  # no Arabic: not a candidate
    request = _request(cast, point)
    ranked = matching.rank(request)
    names = [c.name for c in ranked]
    assert names.index(native.full_name) < names.index(basic.full_name)
    assert "Olga Beispiel" not in names
    first = ranked[0]
    assert any("spricht Arabisch (Muttersprache)" in r for r in first.reasons)


def test_a_volunteer_with_an_expired_certificate_is_no_candidate_and_cannot_be_asked(
    cast, point, coordinator
):
    volunteer = _volunteer("abgelaufen@example.org", placeable=False)
    volunteer.requirements.create(
        kind_id=1,
        issued_on=datetime.date(2015, 1, 1),
        inspected_on=datetime.date(2015, 1, 5),
        inspector_name="x",
        no_relevant_entry=True,
        due_on=datetime.date(2020, 1, 1),
    )
    request = _request(cast, point)
    assert volunteer.pk not in {c.volunteer_id for c in matching.rank(request)}
    with pytest.raises(ValidationError) as exc:
        services.inquiries_send(user=coordinator, request=request, volunteers=[volunteer])
    assert "kann nicht vermittelt werden" in " ".join(exc.value.messages)
    assert not Inquiry.objects.exists()


def _ask(coordinator, request, volunteers, capture):
    with capture(execute=True):
        return services.inquiries_send(
            user=coordinator, request=request, volunteers=volunteers, base_url="http://testserver/"
        )


def _link(message) -> str:
    return re.search(r"http://testserver(/mitmachen/\w+/antwort/[^/\s]+/)", message.body).group(1)


def test_asking_stops_when_enough_have_accepted(
    client, cast, point, coordinator, django_capture_on_commit_callbacks
):
    a, b, c = (_volunteer(f"v{i}@example.org") for i in range(3))
    request = _request(cast, point, needed=2)
    _ask(coordinator, request, [a, b, c], django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    links = {m.to[0]: _link(m) for m in mail.outbox}
    assert "Begleitung zum Bürgeramt" in mail.outbox[0].body

    page = client.get(links["v0@example.org"])
    assert page.status_code == 200 and "Ja, ich helfe" in page.content.decode()
    client.post(links["v0@example.org"], {"antwort": "ja"})
    client.post(links["v1@example.org"], {"antwort": "ja"})
    request.refresh_from_db()
    assert request.status == RequestStatus.FILLED
    assert Assignment.objects.filter(request=request).count() == 2
    late = client.post(links["v2@example.org"], {"antwort": "ja"})
    assert "genug" in late.content.decode() or "besetzt" in late.content.decode()
    assert Inquiry.objects.get(volunteer=c).answer == Answer.WITHDRAWN
    assert Assignment.objects.filter(request=request).count() == 2


def test_a_declined_volunteer_is_not_asked_again(
    client, cast, point, coordinator, django_capture_on_commit_callbacks
):
    volunteer = _volunteer("nein@example.org")
    request = _request(cast, point)
    _ask(coordinator, request, [volunteer], django_capture_on_commit_callbacks)
    client.post(_link(mail.outbox[0]), {"antwort": "nein"})
    assert Inquiry.objects.get().answer == Answer.DECLINED
    assert volunteer.pk not in {c.volunteer_id for c in matching.rank(request)}
    with pytest.raises(ValidationError) as exc:
        services.inquiries_send(user=coordinator, request=request, volunteers=[volunteer])
    assert "nicht erneut gefragt" in " ".join(exc.value.messages)


def test_a_forged_answer_link_is_refused_and_changes_nothing(client, cast, point):
    response = client.post("/mitmachen/de/antwort/gefaelscht/", {"antwort": "ja"})
    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.content.decode()
    assert not Assignment.objects.exists()


def test_an_expired_answer_link_is_refused_and_changes_nothing(
    client, cast, point, coordinator, django_capture_on_commit_callbacks
):
    volunteer = _volunteer("spaet@example.org")
    request = _request(cast, point)
    _ask(coordinator, request, [volunteer], django_capture_on_commit_callbacks)
    Inquiry.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.post(_link(mail.outbox[0]), {"antwort": "ja"})
    assert "Dieser Link ist abgelaufen" in response.content.decode()
    assert Inquiry.objects.get().answer == Answer.PENDING
    assert not Assignment.objects.exists()


def test_a_link_signed_for_another_purpose_is_refused(client, point):
    volunteer = _volunteer("x@example.org")
    token = tokens.confirm_token(volunteer.code)  # valid signature, wrong salt
    response = client.post(f"/mitmachen/de/antwort/{token}/", {"antwort": "ja"})
    assert response.status_code == 400


def test_the_volunteer_sees_the_shared_data_only_after_accepting(
    client, cast, point, coordinator, django_capture_on_commit_callbacks
):
    from teilhabe.cases.services import consent_record

    case = demo_case(cast.case_worker, cast.home_org)
    person = case.household.members.order_by("pk").first()
    consent = consent_record(
        user=cast.case_worker,
        person=person,
        purpose="Ehrenamtliche Begleitung",
        recipients=[point.organisation],
        given_on=timezone.localdate(),
        method="oral",
    )
    request = _request(
        cast, point, case=case, person=person, consent=consent, shared_fields=["first_name"]
    )
    volunteer = _volunteer("pate@example.org")
    _ask(coordinator, request, [volunteer], django_capture_on_commit_callbacks)
    assert person.given_names not in mail.outbox[0].body
    link = _link(mail.outbox[0])
    assert person.given_names not in client.get(link).content.decode()
    after = client.post(link, {"antwort": "ja"}).content.decode()
    assert person.given_names in after


def test_sms_is_off_by_default_and_pluggable(
    cast, point, coordinator, settings, django_capture_on_commit_callbacks
):
    from teilhabe.volunteers.channels import MemorySms

    MemorySms.outbox.clear()
    volunteer = _volunteer("sms@example.org", phone="+49 170 1234567")
    request = _request(cast, point)
    _ask(coordinator, request, [volunteer], django_capture_on_commit_callbacks)
    assert MemorySms.outbox == []
    settings.VOLUNTEERS_SMS_BACKEND = "teilhabe.volunteers.channels.MemorySms"
    other = _volunteer("sms2@example.org", phone="+49 170 7654321")
    _ask(coordinator, request, [other], django_capture_on_commit_callbacks)
    assert MemorySms.outbox and MemorySms.outbox[0][0] == "+49 170 7654321"


def test_the_coordinator_sees_candidates_and_the_reads_are_audited(
    client, cast, point, coordinator
):
    volunteer = _volunteer("kandidat@example.org")
    request = _request(cast, point)
    client.force_login(coordinator)
    body = client.get(reverse("volunteers:request_detail", args=[request.code])).content.decode()
    assert volunteer.full_name in body
    assert AuditEntry.objects.filter(
        record_code=str(volunteer.code), detail="matching", action="read"
    ).exists()


def test_an_interpreter_booking_for_a_medical_setting_is_refused_unless_allowed(cast, point):
    with pytest.raises(ValidationError) as exc:
        _request(
            cast,
            point,
            kind="interpreting",
            mode="phone",
            medical=True,
            skills=[],
            district=None,
        )
    assert "medical" in exc.value.message_dict
