"""Who sees a case: its own organisation, and another only through a sharing grant in force."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.access import Action, can
from teilhabe.access.policy import AGGREGATE_ONLY_ROLES, PERSONAL_DATA_ACTIONS, ROLE_PERMISSIONS
from teilhabe.access.roles import Role
from teilhabe.cases import services
from teilhabe.cases.models import DataCategory, SharingGrant


def test_steering_roles_never_hold_a_personal_data_action():
    assert PERSONAL_DATA_ACTIONS
    for role in AGGREGATE_ONLY_ROLES:
        assert not (ROLE_PERMISSIONS[role] & PERSONAL_DATA_ACTIONS), role


CASE_ACTIONS = {
    Action.VIEW_CASES,
    Action.EDIT_CASES,
    Action.VIEW_SENSITIVE,
    Action.SHARE_CASES,
    Action.VIEW_TEAM_CASES,
    Action.MERGE_PERSONS,
    Action.EXPORT_PERSON_DATA,
}


def test_case_management_actions_are_personal_data_actions_of_case_workers_and_team_leads():
    assert CASE_ACTIONS <= PERSONAL_DATA_ACTIONS
    holders = {r for r, actions in ROLE_PERMISSIONS.items() if actions & CASE_ACTIONS}
    assert holders == {Role.CASE_WORKER, Role.TEAM_LEAD}


def _urls(case):
    person = case.household.members.first()
    return [
        reverse("cases:case", kwargs={"code": case.code}),
        reverse("cases:household", kwargs={"code": case.household.code}),
        reverse("cases:person", kwargs={"code": person.code}),
    ]


def test_a_case_worker_of_another_association_gets_404_for_the_case(client, cast):
    case = cast.home_case
    client.force_login(cast.foreign_case_worker)
    for url in _urls(case):
        assert client.get(url).status_code == 404, url


def test_the_own_case_worker_opens_the_case(client, cast):
    case = cast.home_case
    client.force_login(cast.case_worker)
    for url in _urls(case):
        assert client.get(url).status_code == 200, url


def test_after_a_consented_handover_the_other_association_sees_the_case(client, cast):
    grant = cast.home_grant
    client.force_login(cast.foreign_case_worker)
    for url in _urls(grant.case):
        assert client.get(url).status_code == 200, url


def test_a_basic_handover_opens_neither_documents_nor_health_data(client, cast):
    grant = cast.home_grant
    assert grant.scope == "basic"
    document = grant.case.documents.first()
    person = grant.case.household.members.first()
    client.force_login(cast.foreign_case_worker)
    assert client.get(reverse("cases:document", kwargs={"code": document.code})).status_code == 404
    assert not can(cast.foreign_case_worker, Action.VIEW_SENSITIVE, person)
    page = client.get(reverse("cases:person", kwargs={"code": person.code})).content.decode()
    assert "Trauma" not in page


def test_a_full_handover_opens_documents_and_health_data(client, cast):
    grant = cast.home_grant
    SharingGrant.objects.filter(pk=grant.pk).update(scope="full")
    person = grant.case.household.members.first()
    assert can(cast.foreign_case_worker, Action.VIEW_SENSITIVE, person)
    client.force_login(cast.foreign_case_worker)
    document = grant.case.documents.first()
    assert client.get(reverse("cases:document", kwargs={"code": document.code})).status_code == 200


def test_the_other_association_loses_the_case_when_the_grant_is_revoked(client, cast):
    grant = cast.home_grant
    services.grant_revoke(user=cast.case_worker, grant=grant)
    client.force_login(cast.foreign_case_worker)
    for url in _urls(grant.case):
        assert client.get(url).status_code == 404, url


def test_the_other_association_loses_the_case_when_the_consent_is_revoked(client, cast):
    grant = cast.home_grant
    services.consent_revoke(user=cast.case_worker, consent=grant.consent)
    client.force_login(cast.foreign_case_worker)
    for url in _urls(grant.case):
        assert client.get(url).status_code == 404, url


def test_the_other_association_loses_the_case_when_the_grant_expires(client, cast):
    grant = cast.home_grant
    SharingGrant.objects.filter(pk=grant.pk).update(
        valid_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    client.force_login(cast.foreign_case_worker)
    for url in _urls(grant.case):
        assert client.get(url).status_code == 404, url


def test_a_grant_for_another_recipient_opens_nothing_to_the_foreign_association(client, cast):
    from teilhabe.organisations.models import Organisation

    case = cast.home_case
    other = Organisation.objects.exclude(pk__in=[cast.home_org.pk, cast.foreign_org.pk]).first()
    consent = services.consent_record(
        user=cast.case_worker,
        person=case.household.members.first(),
        purpose="x",
        recipients=[other],
        given_on=timezone.localdate(),
        method="oral",
        purpose_kind="cooperation",
        data_categories=DataCategory.values,
    )
    services.grant_create(
        user=cast.case_worker, case=case, recipient=other, consent=consent, scope="full", reason="x"
    )
    client.force_login(cast.foreign_case_worker)
    assert client.get(_urls(case)[0]).status_code == 404


def test_sharing_needs_a_consent_that_names_the_recipient(cast):
    from django.core.exceptions import ValidationError

    from teilhabe.organisations.models import Organisation

    case = cast.home_case
    consent = cast.home_consent
    other = Organisation.objects.exclude(pk__in=[cast.home_org.pk, cast.foreign_org.pk]).first()
    with pytest.raises(ValidationError):
        services.grant_create(
            user=cast.case_worker,
            case=case,
            recipient=other,
            consent=consent,
            scope="basic",
            reason="x",
        )
    assert not SharingGrant.objects.filter(recipient=other).exists()


def test_the_receiving_association_cannot_pass_the_case_on(cast):
    from django.core.exceptions import PermissionDenied

    grant = cast.home_grant
    with pytest.raises(PermissionDenied):
        services.grant_create(
            user=cast.foreign_case_worker,
            case=grant.case,
            recipient=cast.foreign_org,
            consent=grant.consent,
            scope="full",
            reason="x",
        )


@pytest.mark.parametrize(
    "role",
    [Role.CITY_STEERING, Role.BOROUGH_COORDINATOR, Role.DATA_PROTECTION_OFFICER, Role.ADMIN],
)
def test_steering_coordinators_and_other_roles_cannot_open_any_person(client, cast, role):
    grant = cast.home_grant  # even a shared case stays closed to them
    client.force_login(cast.user(role))
    for url in _urls(grant.case):
        assert client.get(url).status_code in (403, 404), url
    assert client.get(reverse("cases:search") + "?q=Haddad").status_code == 403
