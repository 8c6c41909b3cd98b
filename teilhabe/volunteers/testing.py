"""Demo objects for tests and the URL matrix."""

from __future__ import annotations

import datetime

from django.utils import timezone

from teilhabe.volunteers.models import ContactPoint, RequirementKind, Volunteer, VolunteerStatus


def demo_contact_point() -> ContactPoint:
    """The Diakoniewerk's contact point (its volunteer coordinator is the demo user)."""
    from teilhabe.volunteers.services import contact_points_ensure

    point = ContactPoint.objects.filter(organisation__key="diakoniewerk-essen").first()
    return point or next(
        p for p in contact_points_ensure() if p.organisation.key == "diakoniewerk-essen"
    )


def demo_volunteer(*, placeable: bool = True, **fields) -> Volunteer:
    point = demo_contact_point()
    existing = Volunteer.objects.filter(contact_point=point, email="amal@example.org").first()
    if existing is not None and not fields:
        return existing
    values = {
        "first_name": "Amal",
        "last_name": "Beispiel",
        "email": "amal@example.org",
        "status": VolunteerStatus.ACTIVE,
        "languages": {"ar": 4, "de": 3},
        "skills": ["accompanying", "homework"],
        "availability_mask": (1 << 21) - 1,
        "confirmed_at": timezone.now(),
        "privacy_consent_at": timezone.now(),
        **fields,
    }
    volunteer = Volunteer(contact_point=point, **values)
    volunteer.set_derived()
    volunteer.save()
    if placeable:
        kind = RequirementKind.objects.get(key="fuehrungszeugnis")
        today = timezone.localdate()
        volunteer.requirements.create(
            kind=kind,
            issued_on=today - datetime.timedelta(days=20),
            inspected_on=today - datetime.timedelta(days=10),
            inspector_name="Emil Ehrenamt",
            no_relevant_entry=True,
            due_on=today + datetime.timedelta(days=5 * 365 - 20),
        )
    from teilhabe.volunteers.services import volunteer_refresh_placeable

    volunteer_refresh_placeable(volunteer_ids=[volunteer.pk])
    volunteer.refresh_from_db()
    return volunteer


def demo_request(cast):
    """A request of the Caritas case worker to the Diakoniewerk's contact point."""
    from teilhabe.volunteers.models import VolunteerRequest
    from teilhabe.volunteers.services import request_create

    existing = VolunteerRequest.objects.filter(title="Demo: Begleitung zum Bürgeramt").first()
    if existing is not None:
        return existing
    from teilhabe.geography.models import District

    return request_create(
        user=cast.case_worker,
        requester=cast.home_org,
        contact_point=demo_contact_point(),
        title="Demo: Begleitung zum Bürgeramt",
        starts_on=timezone.localdate() + datetime.timedelta(days=7),
        time_from=datetime.time(10, 0),
        district=District.objects.order_by("name").first(),
        languages=["ar"],
        skills=["accompanying"],
    )
