"""Sharing says what it did (grants and referral snapshots on the case) and fits the purpose
and data categories of the consent behind it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from teilhabe.cases import services
from teilhabe.cases.models import Consent, DataCategory, SharingGrant

BASIC_DATA = [c for c in DataCategory.values if c not in ("case_notes", "health")]


def _consent(cast, purpose, kind, categories, recipient=None):
    return services.consent_record(
        user=cast.case_worker,
        person=cast.home_case.household.members.get(family_name="Haddad"),
        purpose=purpose,
        recipients=[recipient or cast.foreign_org],
        given_on=timezone.localdate(),
        method="oral",
        purpose_kind=kind,
        data_categories=categories,
    )


def test_a_consent_for_a_course_registration_does_not_allow_handing_over_the_case_file(cast):
    consent = _consent(cast, "Anmeldung Integrationskurs", "referral", ["identity", "languages"])
    with pytest.raises(ValidationError) as exc:
        services.grant_create(
            user=cast.case_worker,
            case=cast.home_case,
            recipient=cast.foreign_org,
            consent=consent,
            scope="full",
            reason="Übergabe",
        )
    assert "Anmeldung Integrationskurs" in str(exc.value)
    assert "erlaubt keine Weitergabe der Fallakte" in str(exc.value)
    assert not SharingGrant.objects.filter(consent=consent).exists()


def test_a_handover_consent_without_health_data_allows_the_basic_scope_only(cast):
    consent = _consent(cast, "Übergabe", "handover", BASIC_DATA)
    with pytest.raises(ValidationError) as exc:
        services.grant_create(
            user=cast.case_worker,
            case=cast.home_case,
            recipient=cast.foreign_org,
            consent=consent,
            scope="full",
            reason="Übergabe",
        )
    assert "Gesundheit" in str(exc.value)
    grant = services.grant_create(
        user=cast.case_worker,
        case=cast.home_case,
        recipient=cast.foreign_org,
        consent=consent,
        scope="basic",
        reason="Übergabe",
    )
    assert grant.scope == "basic"


def test_the_sharing_form_refuses_a_scope_beyond_the_consent_at_the_field(client, cast):
    consent = _consent(cast, "Anmeldung Integrationskurs", "referral", ["identity"])
    client.force_login(cast.case_worker)
    response = client.post(
        reverse("cases:grant_add", kwargs={"code": cast.home_case.code}),
        {
            "consent": consent.pk,
            "recipient": cast.foreign_org.pk,
            "scope": "full",
            "reason": "Übergabe",
            "valid_until": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "scope" in response.context["form"].errors
    assert "Anmeldung Integrationskurs" in response.content.decode()
    assert not SharingGrant.objects.filter(consent=consent).exists()


def test_the_consent_form_records_purpose_kind_and_data_categories(client, cast):
    person = cast.home_case.household.members.get(family_name="Haddad")
    client.force_login(cast.case_worker)
    response = client.post(
        reverse("cases:consent_add", kwargs={"code": person.code}),
        {
            "purpose": "Fallübergabe",
            "purpose_kind": "handover",
            "data_categories": BASIC_DATA,
            "recipients": [cast.foreign_org.pk],
            "given_on": timezone.localdate().isoformat(),
            "method": "oral",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(purpose="Fallübergabe")
    assert consent.purpose_kind == "handover"
    assert consent.data_categories == BASIC_DATA
    assert consent.covers_scope("basic") and not consent.covers_scope("full")


def test_a_full_consent_covers_every_category():
    consent = Consent(purpose_kind="cooperation", data_categories=list(DataCategory.values))
    assert consent.covers_scope("full")


def test_the_case_shows_a_referral_that_sent_data_with_recipient_fields_and_consent(client, cast):
    from teilhabe.referrals.testing import demo_referral

    referral = demo_referral(cast)
    client.force_login(cast.case_worker)
    body = client.get(reverse("cases:case", kwargs={"code": referral.case.code})).content.decode()
    section = body[body.index('id="sharing"') :]
    assert "Nicht weitergegeben" not in body
    assert referral.recipient.display_name in section
    assert "Name" in section and "Sprachen" in section
    assert referral.consent.purpose in section


def test_the_case_shows_a_grant_with_recipient_scope_and_consent(client, cast):
    grant = cast.home_grant
    client.force_login(cast.case_worker)
    body = client.get(reverse("cases:case", kwargs={"code": grant.case.code})).content.decode()
    section = body[body.index('id="sharing"') :]
    assert grant.recipient.display_name in section
    assert str(grant.get_scope_display()) in section
    assert grant.consent.purpose in section


def test_a_referral_may_not_pass_on_data_the_consent_does_not_cover(cast):
    from teilhabe.referrals import services as referral_services
    from teilhabe.referrals.testing import demo_offer

    offer = demo_offer()
    consent = _consent(cast, "Anmeldung Kurs", "referral", ["identity"], offer.organisation)
    with pytest.raises(ValidationError) as exc:
        referral_services.referral_send(
            user=cast.case_worker,
            case=cast.home_case,
            offer=offer,
            person=consent.person,
            consent=consent,
            shared_fields=["name", "residence"],
        )
    assert "Aufenthaltsstatus" in str(exc.value)
