"""Assignments and hours, the certificate, the Ehrenamtskarte pre-check, interpreter
payouts, figures with small-number suppression, reminders and retention."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from teilhabe.access import SYSTEM
from teilhabe.access.roles import Role
from teilhabe.audit.models import AuditEntry
from teilhabe.volunteers import certificates, retention, services, tokens
from teilhabe.volunteers.figures import volunteer_figures
from teilhabe.volunteers.models import (
    Assignment,
    HoursEntry,
    Requirement,
    Volunteer,
    VolunteerRequest,
    VolunteerStatus,
    add_months,
)
from teilhabe.volunteers.testing import demo_contact_point, demo_request, demo_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    return cast.user(Role.VOLUNTEER_COORDINATOR)


@pytest.fixture
def assignment(cast):
    request = demo_request(cast)
    volunteer = demo_volunteer()
    return Assignment.objects.create(
        request=request,
        volunteer=volunteer,
        starts_on=timezone.localdate() - datetime.timedelta(days=30),
    )


def test_hours_in_the_future_are_refused_with_a_german_message(client, coordinator, assignment):
    client.force_login(coordinator)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("volunteers:hours_add", args=[assignment.volunteer.code]),
        {"worked_on": tomorrow.isoformat(), "hours": "2", "assignment": assignment.pk},
    )
    body = response.content.decode()
    assert "Stunden können nicht für einen Tag in der Zukunft eingetragen werden." in body
    assert 'id="id_worked_on_error"' in body
    assert not HoursEntry.objects.exists()


def test_the_coordinator_logs_hours_and_prints_the_certificate(client, coordinator, assignment):
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        reverse("volunteers:hours_add", args=[assignment.volunteer.code]),
        {"worked_on": today.isoformat(), "hours": "2.5", "assignment": assignment.pk},
    )
    assert response.status_code == 302
    assert HoursEntry.objects.get().hours == Decimal("2.5")
    pdf = client.get(reverse("volunteers:certificate", args=[assignment.volunteer.code]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="export", detail="Ehrenamtsnachweis").exists()


def test_the_volunteer_logs_hours_by_link_and_a_forged_link_is_refused(client, assignment):
    token = tokens.hours_token(assignment.code)
    today = timezone.localdate()
    ok = client.post(
        f"/mitmachen/de/stunden/{token}/", {"worked_on": today.isoformat(), "hours": "1"}
    )
    assert "Ihre Stunden wurden gespeichert" in ok.content.decode()
    assert HoursEntry.objects.filter(assignment=assignment).count() == 1
    bad = client.post(
        "/mitmachen/de/stunden/falsch/", {"worked_on": today.isoformat(), "hours": "1"}
    )
    assert bad.status_code == 400
    assert HoursEntry.objects.count() == 1
    future = client.post(
        f"/mitmachen/de/stunden/{token}/",
        {"worked_on": (today + datetime.timedelta(days=2)).isoformat(), "hours": "1"},
    )
    assert "in der Zukunft" in future.content.decode()
    assert HoursEntry.objects.count() == 1


def test_ehrenamtskarte_criteria_are_data_and_hours_elsewhere_count(coordinator, assignment):
    volunteer = assignment.volunteer
    today = timezone.localdate()
    check = certificates.card_check(volunteer, today=today)
    assert not check.qualifies
    for year in range(2):
        day = add_months(today, -12 * year) - datetime.timedelta(days=10)
        HoursEntry.objects.create(
            volunteer=volunteer, worked_on=day, hours=Decimal("200"), other_organisation=""
        )
        HoursEntry.objects.create(
            volunteer=volunteer, worked_on=day, hours=Decimal("60"), other_organisation="Tafel"
        )
    assert certificates.card_check(volunteer, today=today).qualifies
    volunteer.flat_rate_allowance = True
    assert not certificates.card_check(volunteer, today=today).qualifies
    criteria = certificates.criteria_for(volunteer)
    criteria.hours_per_year = 300
    criteria.hours_per_week = 10
    volunteer.flat_rate_allowance = False
    assert not certificates.card_check(volunteer, criteria=criteria, today=today).qualifies


def test_the_card_page_lists_candidates_with_a_confirmation(client, coordinator, assignment):
    volunteer = assignment.volunteer
    today = timezone.localdate()
    for year in range(2):
        HoursEntry.objects.create(
            volunteer=volunteer,
            worked_on=add_months(today, -12 * year) - datetime.timedelta(days=3),
            hours=Decimal("260"),
        )
    client.force_login(coordinator)
    body = client.get(reverse("volunteers:card")).content.decode()
    assert volunteer.full_name in body
    pdf = client.get(reverse("volunteers:card_confirmation", args=[volunteer.code]))
    assert pdf.content.startswith(b"%PDF")


def test_an_interpreter_is_booked_confirmed_and_on_the_monthly_payout_list(
    client, cast, coordinator, django_capture_on_commit_callbacks
):
    point = demo_contact_point()
    interpreter = demo_volunteer(
        email="dolmetsch@example.org",
        first_name="Dara",
        is_interpreter=True,
        allowance_rate=Decimal("15.00"),
        languages={"fa": 4, "de": 3},
    )
    booking = services.request_create(
        user=cast.case_worker,
        requester=cast.home_org,
        contact_point=point,
        kind="interpreting",
        title="Elterngespräch in der Schule",
        topic="Schulanmeldung",
        mode="in_person",
        place="Grundschule",
        starts_on=timezone.localdate() + datetime.timedelta(days=1),
        time_from=datetime.time(9, 0),
        languages=["fa"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.inquiries_send(user=coordinator, request=booking, volunteers=[interpreter])
    inquiry = booking.inquiries.get()
    services.inquiry_answer(token=tokens.answer_token(inquiry.code), accept=True)
    booking.refresh_from_db()
    assert booking.status == "filled"
    services.booking_confirm(user=coordinator, request=booking)
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    # Hours after the assignment (logged for yesterday: the assignment is moved back).
    job = Assignment.objects.get(request=booking)
    Assignment.objects.filter(pk=job.pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=5)
    )
    job.refresh_from_db()
    day = timezone.localdate() - datetime.timedelta(days=1)
    services.hours_log(
        user=coordinator,
        volunteer=interpreter,
        assignment=job,
        worked_on=day,
        hours=Decimal("2"),
        travel_cost=Decimal("5.60"),
    )
    rows = certificates.payout_rows(Volunteer.objects.all(), day)
    assert [(r.volunteer.pk, r.allowance, r.travel, r.total) for r in rows] == [
        (interpreter.pk, Decimal("30.00"), Decimal("5.60"), Decimal("35.60"))
    ]
    client.force_login(coordinator)
    page = client.get(reverse("volunteers:payouts") + f"?monat={day:%Y-%m}")
    assert "Dara" in page.content.decode()
    xlsx = client.get(reverse("volunteers:payouts") + f"?monat={day:%Y-%m}&format=xlsx")
    assert xlsx.content[:2] == b"PK"
    pdf = client.get(reverse("volunteers:payouts") + f"?monat={day:%Y-%m}&format=pdf")
    assert pdf.content.startswith(b"%PDF")
    bad = client.get(reverse("volunteers:payouts") + "?monat=13/2026")
    assert bad.status_code == 400


def test_figures_suppress_small_numbers(cast, coordinator):
    steering = cast.user(Role.CITY_STEERING)
    for i in range(3):
        demo_volunteer(email=f"f{i}@example.org")
    figures = volunteer_figures(steering)
    assert all(
        str(fig).startswith("<") or fig.value == 0 for fig in figures["districts"].cells.values()
    )
    funnel = figures["funnels"][0]
    assert str(funnel.first) == "< 5"


def test_the_figures_page_is_for_steering_and_coordinators(client, cast):
    client.force_login(cast.user(Role.CITY_STEERING))
    assert client.get(reverse("volunteers:figures")).status_code == 200
    client.force_login(cast.case_worker)
    assert client.get(reverse("volunteers:figures")).status_code == 403


def test_a_reminder_goes_out_once_before_the_certificate_is_due(settings):
    from teilhabe.volunteers.tasks import remind_requirements

    volunteer = demo_volunteer()
    Requirement.objects.filter(volunteer=volunteer).update(
        due_on=timezone.localdate() + datetime.timedelta(days=30)
    )
    assert remind_requirements.call() == 1
    assert remind_requirements.call() == 0
    assert any("fällig" in m.subject for m in mail.outbox)


def test_retention_deletes_the_certificate_record_after_three_months_and_anonymises_later():
    volunteer = demo_volunteer()
    today = timezone.localdate()
    Volunteer.objects.filter(pk=volunteer.pk).update(
        status=VolunteerStatus.LEFT, left_on=today - datetime.timedelta(days=100)
    )
    report = retention.retention_report(today=today)
    assert report.expired["requirements"] and not report.expired["volunteers"]
    done = retention.retention_apply(user=SYSTEM, report=report)
    assert done["volunteers.requirements"] == 1
    assert not Requirement.objects.filter(volunteer=volunteer).exists()
    later = retention.retention_report(today=today + datetime.timedelta(days=300))
    retention.retention_apply(user=SYSTEM, report=later)
    volunteer.refresh_from_db()
    assert volunteer.anonymised_at is not None and volunteer.email == ""
    assert AuditEntry.objects.filter(record_code=str(volunteer.code), action="anonymise").exists()


@pytest.mark.parametrize("role", [Role.VOLUNTEER_COORDINATOR, Role.DATA_PROTECTION_OFFICER])
def test_only_the_retention_job_applies_volunteer_retention(cast, role):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        retention.retention_apply(user=cast.user(role), report=retention.retention_report())


def test_unconfirmed_registrations_are_deleted_after_thirty_days():
    volunteer = demo_volunteer(email="unbestaetigt@example.org", confirmed_at=None)
    Volunteer.objects.filter(pk=volunteer.pk).update(
        registered_at=timezone.now() - datetime.timedelta(days=31)
    )
    retention.retention_apply(user=SYSTEM, report=retention.retention_report())
    assert not Volunteer.objects.filter(pk=volunteer.pk).exists()


def test_a_request_without_time_matches_everyone_available(cast):
    request = demo_request(cast)
    assert isinstance(request, VolunteerRequest)
    with pytest.raises(ValidationError):
        services.hours_log(
            user=cast.user(Role.VOLUNTEER_COORDINATOR),
            volunteer=demo_volunteer(),
            worked_on=timezone.localdate(),
            hours=Decimal("30"),
        )
