"""Test objects of housing: a shelter, and housing records of the Caritas demo case.
Idempotent; created through the services where a user acts."""

from __future__ import annotations

import datetime

from django.utils import timezone

from teilhabe.geography.models import District
from teilhabe.housing import services
from teilhabe.housing.models import Accommodation, AsylumProcedure, ResidenceObligation, Stay
from teilhabe.organisations.models import Organisation

SHELTER_KEY = "test-uebergangsheim"


def demo_accommodation(places: int = 40) -> Accommodation:
    found = Accommodation.objects.filter(key=SHELTER_KEY).first()
    if found is not None:
        return found
    district = District.objects.get(name="Stadtkern")
    return Accommodation.objects.create(
        key=SHELTER_KEY,
        name="Übergangsheim Teststraße",
        kind="transitional",
        operator=Organisation.objects.get(key="caritas-essen"),
        street="Teststraße 1",
        postcode="45127",
        district=district,
        places=places,
    )


def demo_person(cast):
    from teilhabe.cases.testing import demo_case

    case = demo_case(cast.case_worker, cast.home_org)
    return case.household.members.order_by("pk").first()


def demo_procedure(cast) -> AsylumProcedure:
    person = demo_person(cast)
    found = AsylumProcedure.objects.filter(person=person).first()
    if found is not None:
        return found
    return services.procedure_save(
        user=cast.case_worker,
        person=person,
        data={"applied_on": datetime.date(2016, 3, 1), "file_number": "7012345-475"},
    )


def demo_obligation(cast) -> ResidenceObligation:
    person = demo_person(cast)
    found = ResidenceObligation.objects.filter(person=person).first()
    if found is not None:
        return found
    today = timezone.localdate()
    return services.obligation_add(
        user=cast.case_worker,
        person=person,
        data={
            "place": "Essen",
            "starts_on": today - datetime.timedelta(days=100),
            "ends_on": today + datetime.timedelta(days=900),
        },
    )


def demo_stay(cast) -> Stay:
    person = demo_person(cast)
    found = Stay.objects.filter(person=person).first()
    if found is not None:
        return found
    return services.stay_add(
        user=cast.case_worker,
        person=person,
        data={
            "kind": "accommodation",
            "accommodation": demo_accommodation(),
            "moved_in": timezone.localdate() - datetime.timedelta(days=30),
        },
    )
