"""Data and dates of case management must make sense: refused in the form (at the field, in
German) and in the service, and nothing is changed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from teilhabe.cases import services
from teilhabe.cases.models import Case, Milestone, MilestoneType, Person


def _person(cast) -> Person:
    return cast.home_case.household.members.get(family_name="Haddad")  # born 14.03.1985


def _edit_data(person, **changes):
    data = {
        "family_name": person.family_name,
        "given_names": person.given_names,
        "household_role": person.household_role,
        "birth_year": person.birth_year,
        "birth_month": person.birth_month,
        "birth_day": person.birth_day,
        "gender": person.gender,
        "residence_status": person.residence_status,
    }
    data.update(changes)
    return data


def test_a_case_closed_in_the_future_is_refused_in_form_and_service(client, cast):
    case = cast.home_case
    client.force_login(cast.case_worker)
    response = client.post(
        reverse("cases:case_close", kwargs={"code": case.code}),
        {"close-closed_on": "2999-01-01", "close-reason": "Umzug"},
    )
    assert response.status_code == 400
    assert "in der Zukunft" in response.context["close_form"].errors["closed_on"][0]
    with pytest.raises(ValidationError, match="Zukunft"):
        services.case_close(
            user=cast.case_worker, case=case, closed_on=datetime.date(2999, 1, 1), reason="x"
        )
    assert Case.objects.get(pk=case.pk).closed_on is None


def test_an_arrival_in_germany_before_birth_is_refused_in_form_and_service(client, cast):
    person = _person(cast)
    client.force_login(cast.case_worker)
    response = client.post(
        reverse("cases:person_edit", kwargs={"code": person.code}),
        _edit_data(person, arrived_in_germany="1980-05-01"),
    )
    assert response.status_code == 200
    error = response.context["form"].errors["arrived_in_germany"][0]
    assert "vor der Geburt" in error and "14.03.1985" in error
    with pytest.raises(ValidationError) as exc:
        services.person_update(
            user=cast.case_worker,
            person=person,
            data={"arrived_in_germany": datetime.date(1980, 5, 1)},
        )
    assert "arrived_in_germany" in exc.value.message_dict
    assert Person.objects.get(pk=person.pk).arrived_in_germany == datetime.date(2016, 2, 1)


def test_a_postcode_that_is_not_five_digits_is_refused_in_form_and_service(client, cast):
    person = _person(cast)
    client.force_login(cast.case_worker)
    response = client.post(
        reverse("cases:person_edit", kwargs={"code": person.code}),
        _edit_data(person, postcode="abcde"),
    )
    assert "fünf Ziffern" in response.context["form"].errors["postcode"][0]
    with pytest.raises(ValidationError) as exc:
        services.person_update(user=cast.case_worker, person=person, data={"postcode": "abcde"})
    assert "postcode" in exc.value.message_dict
    assert Person.objects.get(pk=person.pk).postcode == ""
    services.person_update(user=cast.case_worker, person=person, data={"postcode": "45127"})


def test_a_milestone_achieved_without_a_date_is_refused_in_form_and_service(client, cast):
    person = _person(cast)
    kind = MilestoneType.objects.get(key="integrationskurs")
    client.force_login(cast.case_worker)
    response = client.post(
        reverse("cases:milestone_set", kwargs={"code": person.code}),
        {"type": kind.pk, "status": "achieved", "achieved_on": ""},
        follow=True,
    )
    assert "Datum" in response.content.decode() and "erreicht" in response.content.decode()
    with pytest.raises(ValidationError) as exc:
        services.milestone_set(user=cast.case_worker, person=person, type=kind, status="achieved")
    assert "achieved_on" in exc.value.message_dict
    assert not Milestone.objects.filter(person=person, type=kind).exists()
    services.milestone_set(
        user=cast.case_worker,
        person=person,
        type=kind,
        status="achieved",
        achieved_on=timezone.localdate(),
    )
