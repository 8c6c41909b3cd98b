"""Volunteer records of the coordinators: access, audit, requirements with expiry."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from teilhabe.access import Action, can
from teilhabe.access.roles import Role
from teilhabe.audit.models import AuditEntry
from teilhabe.volunteers import selectors, services
from teilhabe.volunteers.models import Requirement, RequirementKind, VolunteerStatus, add_months
from teilhabe.volunteers.testing import demo_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    return cast.user(Role.VOLUNTEER_COORDINATOR)


@pytest.fixture
def kind():
    return RequirementKind.objects.get(key="fuehrungszeugnis")


def test_the_police_certificate_periods_are_data(kind):
    assert kind.max_age_months_at_inspection == 3
    assert kind.valid_months == 60
    assert kind.blocks_placement


def test_add_months_keeps_the_end_of_month():
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2020, 5, 1), 60) == datetime.date(2025, 5, 1)


def test_only_the_coordinator_of_the_contact_point_sees_volunteers(cast, coordinator):
    volunteer = demo_volunteer()
    assert can(coordinator, Action.MANAGE_VOLUNTEERS, volunteer)
    assert not can(cast.case_worker, Action.MANAGE_VOLUNTEERS, volunteer)
    assert not can(cast.user(Role.CITY_STEERING), Action.MANAGE_VOLUNTEERS)


def test_the_list_and_the_record_are_audited(client, coordinator):
    volunteer = demo_volunteer()
    client.force_login(coordinator)
    client.get(reverse("volunteers:list"))
    client.get(reverse("volunteers:detail", args=[volunteer.code]))
    details = set(
        AuditEntry.objects.filter(record_code=str(volunteer.code), action="read").values_list(
            "detail", flat=True
        )
    )
    assert {"volunteer list", "volunteer record"} <= details


def test_a_certificate_older_than_three_months_is_refused_and_nothing_is_stored(
    client, coordinator, kind
):
    volunteer = demo_volunteer(placeable=False)
    today = timezone.localdate()
    client.force_login(coordinator)
    response = client.post(
        reverse("volunteers:requirement_add", args=[volunteer.code]),
        {
            "kind": kind.pk,
            "issued_on": (today - datetime.timedelta(days=120)).isoformat(),
            "inspected_on": today.isoformat(),
            "no_relevant_entry": "yes",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "mehr als 3 Monate alt" in body
    assert 'id="id_issued_on_error"' in body
    assert not Requirement.objects.filter(volunteer=volunteer).exists()


def test_an_inspection_in_the_future_is_refused(coordinator, kind):
    volunteer = demo_volunteer(placeable=False)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.requirement_record(
            user=coordinator,
            volunteer=volunteer,
            kind=kind,
            issued_on=today,
            inspected_on=today + datetime.timedelta(days=1),
            no_relevant_entry=True,
        )
    assert "inspected_on" in exc.value.message_dict


def test_a_recorded_certificate_is_due_again_after_five_years_and_allows_placement(
    coordinator, kind
):
    volunteer = demo_volunteer(placeable=False)
    assert "Erweitertes Führungszeugnis fehlt." in selectors.placement_blockers(volunteer)
    today = timezone.localdate()
    issued = today - datetime.timedelta(days=30)
    record = services.requirement_record(
        user=coordinator,
        volunteer=volunteer,
        kind=kind,
        issued_on=issued,
        inspected_on=today,
        no_relevant_entry=True,
    )
    assert record.due_on == add_months(issued, 60)
    assert record.inspector_name == coordinator.full_name
    assert selectors.placement_blockers(volunteer) == []


def test_an_expired_certificate_blocks_placement(coordinator, kind):
    volunteer = demo_volunteer(placeable=False)
    volunteer.requirements.create(
        kind=kind,
        issued_on=datetime.date(2015, 1, 1),
        inspected_on=datetime.date(2015, 2, 1),
        inspector_name="x",
        no_relevant_entry=True,
        due_on=datetime.date(2020, 1, 1),
    )
    blockers = selectors.placement_blockers(volunteer)
    assert blockers == ["Erweitertes Führungszeugnis ist am 01.01.2020 abgelaufen."]
    from teilhabe.volunteers.models import Volunteer

    assert not Volunteer.objects.filter(selectors.placeable_q(), pk=volunteer.pk).exists()


def test_a_relevant_entry_blocks_placement(coordinator, kind):
    volunteer = demo_volunteer(placeable=False)
    today = timezone.localdate()
    services.requirement_record(
        user=coordinator,
        volunteer=volunteer,
        kind=kind,
        issued_on=today,
        inspected_on=today,
        no_relevant_entry=False,
    )
    assert selectors.placement_blockers(volunteer) == [
        "Erweitertes Führungszeugnis hat einen relevanten Eintrag."
    ]


def test_the_coordinator_records_the_first_interview_and_status(client, coordinator):
    volunteer = demo_volunteer(status=VolunteerStatus.INTERESTED, email="neu@example.org")
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        reverse("volunteers:edit", args=[volunteer.code]),
        {
            "status": "active",
            "interview_on": today.isoformat(),
            "interview_notes": "Hat dienstags Zeit.",
            "insurance_note": "Sammelversicherung des Trägers",
            "skills": ["sport"],
        },
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == "active" and volunteer.interview_on == today
    assert volunteer.skills_mask != 0


def test_a_first_interview_in_the_future_is_refused(client, coordinator):
    volunteer = demo_volunteer()
    client.force_login(coordinator)
    response = client.post(
        reverse("volunteers:edit", args=[volunteer.code]),
        {
            "status": "active",
            "interview_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        },
    )
    assert "Das Erstgespräch kann nicht in der Zukunft liegen." in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.interview_on is None


def test_a_case_worker_cannot_record_a_training(cast):
    volunteer = demo_volunteer()
    with pytest.raises(PermissionDenied):
        services.training_add(
            user=cast.case_worker,
            volunteer=volunteer,
            title="Schulung",
            held_on=timezone.localdate(),
        )


def test_the_start_page_shows_the_coordinator_panel(client, coordinator):
    demo_volunteer()
    client.force_login(coordinator)
    body = client.get(reverse("dashboard:start")).content.decode()
    assert "Aktive Ehrenamtliche" in body
    assert 'href="/ehrenamt/"' in body


def test_the_placeable_date_follows_the_records_and_the_requirement_kinds(coordinator, kind):
    from teilhabe.volunteers.models import Volunteer

    volunteer = demo_volunteer(placeable=False)
    assert volunteer.placeable_until is None
    today = timezone.localdate()
    record = services.requirement_record(
        user=coordinator,
        volunteer=volunteer,
        kind=kind,
        issued_on=today,
        inspected_on=today,
        no_relevant_entry=True,
    )
    volunteer.refresh_from_db()
    assert volunteer.placeable_until == record.due_on
    kind.blocks_placement = False
    kind.save()
    assert Volunteer.objects.get(pk=volunteer.pk).placeable_until == datetime.date.max
    kind.blocks_placement = True
    kind.save()
    assert Volunteer.objects.get(pk=volunteer.pk).placeable_until == record.due_on
