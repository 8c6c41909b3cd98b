"""Referrals between organisations: consent, what the receiver sees, places, effects."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from teilhabe.access import Action, can
from teilhabe.access.roles import Role
from teilhabe.audit.models import AuditEntry
from teilhabe.cases.models import Milestone, MilestoneType
from teilhabe.cases.testing import demo_case
from teilhabe.offers.models import Offer, OfferStatus
from teilhabe.referrals import services
from teilhabe.referrals.models import Notification, Referral, ReferralStatus
from teilhabe.referrals.testing import demo_consent, demo_offer, demo_referral
from teilhabe.referrals.workdays import add_working_days

pytestmark = pytest.mark.django_db
S = ReferralStatus


@pytest.fixture
def provider(cast):
    return cast.user(Role.PROVIDER_EDITOR)


@pytest.fixture
def case(cast):
    return demo_case(cast.case_worker, cast.home_org)


@pytest.fixture
def person(case):
    return case.household.members.order_by("pk").first()


def _send(cast, case, person, **kw):
    offer = kw.pop("offer", None) or demo_offer()
    consent = kw.pop("consent", "auto")
    if consent == "auto":
        consent = demo_consent(cast, person, offer.organisation)
    return services.referral_send(
        user=cast.case_worker,
        case=case,
        offer=offer,
        person=person,
        consent=consent,
        shared_fields=kw.pop("shared_fields", ["name"]),
        **kw,
    )


def test_the_receiver_sees_only_what_was_shared(cast, case, person, provider, client):
    referral = _send(cast, case, person, shared_fields=["name", "languages"])
    assert set(referral.shared) == {"name", "languages"}
    client.force_login(provider)
    page = client.get(reverse("referrals:detail", kwargs={"code": referral.code})).content.decode()
    assert "Mohammed Haddad" in page
    assert person.bamf_file_number not in page
    assert "1985" not in page  # date of birth not shared
    # The person's record itself stays closed to the receiver.
    assert not can(provider, Action.VIEW_CASES, person)
    assert client.get(reverse("cases:person", kwargs={"code": person.code})).status_code in (
        403,
        404,
    )


def test_without_consent_no_personal_data_reaches_the_receiver(cast, case, person):
    with pytest.raises(ValidationError) as exc:
        _send(cast, case, person, consent=None)
    assert "Ohne Einwilligung" in str(exc.value)
    assert not Referral.objects.exists()
    anonymous = services.referral_send(
        user=cast.case_worker,
        case=case,
        offer=demo_offer(),
        anonymous=True,
        anonymous_profile={"age": 30, "languages": ["ar"]},
        message="Frau, 30 Jahre, sucht Kurs am Vormittag",
    )
    assert anonymous.person is None and anonymous.shared == {} and anonymous.consent is None
    assert anonymous.display_name == "Anonyme Anfrage"


def test_a_consent_that_does_not_name_the_receiver_is_refused(cast, case, person):
    other = demo_consent(cast, person, cast.foreign_org)
    with pytest.raises(ValidationError, match="deckt die Weitergabe"):
        _send(cast, case, person, consent=other)


def test_a_revoked_consent_removes_what_was_shared(cast, case, person, provider):
    referral = _send(cast, case, person)
    consent = referral.consent
    consent.revoked_at = timezone.now()
    consent.save()
    assert services.referrals_for_revoked_consent(user=cast.case_worker, consent=consent) == 1
    referral.refresh_from_db()
    assert referral.shared == {} and referral.display_name == "Anonyme Anfrage"


def test_nobody_can_be_referred_to_an_archived_offer(cast, case, person):
    offer = demo_offer()
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.ARCHIVED)
    offer.refresh_from_db()
    with pytest.raises(ValidationError, match="nicht veröffentlicht"):
        _send(cast, case, person, offer=offer)


def test_the_response_is_due_after_five_working_days(cast, case, person):
    referral = _send(cast, case, person)
    assert referral.response_due == add_working_days(timezone.localdate(), 5)
    assert referral.response_due.weekday() < 5


def test_accepting_books_a_place_and_double_acceptance_is_refused(cast, case, person, provider):
    referral = _send(cast, case, person)
    free = demo_offer().free_places
    services.referral_transition(user=provider, referral=referral, to=S.ACCEPTED)
    assert demo_offer().free_places == free - 1
    with pytest.raises(ValidationError, match="kann nicht"):
        services.referral_transition(user=provider, referral=referral, to=S.ACCEPTED)
    assert demo_offer().free_places == free - 1


def test_the_last_place_is_given_only_once(cast, case, person, provider):
    offer = demo_offer()
    Offer.objects.filter(pk=offer.pk).update(free_places=1)
    first = _send(cast, case, person)
    second = services.referral_send(user=cast.case_worker, case=case, offer=offer, anonymous=True)
    services.referral_transition(user=provider, referral=first, to=S.ACCEPTED)
    with pytest.raises(ValidationError, match="keinen freien Platz"):
        services.referral_transition(user=provider, referral=second, to=S.ACCEPTED)
    second.refresh_from_db()
    assert second.status == S.SENT
    assert demo_offer().free_places == 0


def test_leaving_frees_the_place_again(cast, case, person, provider):
    referral = _send(cast, case, person)
    free = demo_offer().free_places
    services.referral_transition(user=provider, referral=referral, to=S.ACCEPTED)
    services.referral_transition(user=provider, referral=referral, to=S.DROPPED_OUT)
    assert demo_offer().free_places == free


def test_only_the_receiver_answers_and_only_the_sender_withdraws(cast, case, person, provider):
    referral = _send(cast, case, person)
    with pytest.raises(PermissionDenied):
        services.referral_transition(user=cast.case_worker, referral=referral, to=S.ACCEPTED)
    with pytest.raises(PermissionDenied):
        services.referral_transition(user=provider, referral=referral, to=S.WITHDRAWN)
    services.referral_transition(user=cast.case_worker, referral=referral, to=S.WITHDRAWN)


def test_declining_needs_a_reason(cast, case, person, provider):
    referral = _send(cast, case, person)
    with pytest.raises(ValidationError, match="Grund"):
        services.referral_transition(user=provider, referral=referral, to=S.DECLINED)
    services.referral_transition(
        user=provider, referral=referral, to=S.DECLINED, reason="Kurs voll"
    )
    referral.refresh_from_db()
    assert referral.decline_reason == "Kurs voll" and referral.responded_at is not None


def test_completing_a_referral_into_a_standard_system_achieves_the_milestone(
    cast, case, person, provider
):
    kind = MilestoneType.objects.get(key="integrationskurs")
    referral = _send(cast, case, person, milestone_type=kind)
    for status in (S.ACCEPTED, S.STARTED):
        services.referral_transition(user=provider, referral=referral, to=status)
    assert Milestone.objects.get(person=person, type=kind).status == "in_progress"
    services.referral_transition(user=provider, referral=referral, to=S.COMPLETED)
    milestone = Milestone.objects.get(person=person, type=kind)
    assert milestone.status == "achieved" and milestone.achieved_on == timezone.localdate()
    assert AuditEntry.objects.filter(record_code=str(milestone.code)).exists()


def test_every_step_is_on_the_timeline_and_notifies_the_other_side(cast, case, person, provider):
    referral = _send(cast, case, person)
    assert Notification.objects.filter(user=provider, referral=referral).exists()
    services.referral_transition(user=provider, referral=referral, to=S.WAITING)
    services.referral_message(user=provider, referral=referral, text="Nächster Kurs im März")
    assert Notification.objects.filter(user=cast.case_worker, referral=referral).count() == 2
    kinds = list(referral.events.values_list("kind", "to_status"))
    assert kinds == [("status", "sent"), ("status", "waiting"), ("message", "")]
    assert all("Haddad" not in n.text for n in Notification.objects.all())


def test_notifications_are_e_mailed_after_commit(
    cast, case, person, provider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send(cast, case, person)
    assert any(provider.email in m.to for m in mail.outbox)
    assert all("Haddad" not in m.body for m in mail.outbox)


def test_overdue_referrals_are_reminded_then_escalated_once(cast, case, person, provider):
    referral = _send(cast, case, person)
    Referral.objects.filter(pk=referral.pk).update(response_due=datetime.date(2026, 11, 2))
    first = services.referrals_remind_overdue(today=datetime.date(2026, 11, 4))
    assert (first.reminded, first.escalated) == (1, 0)
    later = services.referrals_remind_overdue(today=datetime.date(2026, 11, 10))
    assert (later.reminded, later.escalated) == (0, 1)
    again = services.referrals_remind_overdue(today=datetime.date(2026, 11, 20))
    assert (again.reminded, again.escalated) == (0, 0)
    assert list(referral.events.values_list("kind", flat=True))[-2:] == ["reminder", "escalation"]


def test_reading_a_referral_with_shared_data_is_audited(cast, case, person, provider, client):
    referral = _send(cast, case, person)
    client.force_login(provider)
    before = AuditEntry.objects.count()
    client.get(reverse("referrals:detail", kwargs={"code": referral.code}))
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.action == "read" and entry.record_code == str(referral.code)
    assert entry.person_code == str(person.code)


def test_the_inbox_is_audited_and_runs_a_fixed_number_of_queries(
    cast, case, person, provider, client, django_assert_max_num_queries
):
    for _ in range(3):
        services.referral_send(user=cast.case_worker, case=case, offer=demo_offer(), anonymous=True)
    _send(cast, case, person)
    client.force_login(provider)
    url = reverse("referrals:list") + "?box=eingang"
    client.get(url)
    with django_assert_max_num_queries(14):
        page = client.get(url)
    assert page.content.decode().count("/vermittlungen/") >= 4
    assert AuditEntry.objects.filter(detail="referral list (inbox)").exists()


def test_a_foreign_organisation_cannot_open_a_referral(cast, case, person, client):
    referral = _send(cast, case, person)
    client.force_login(cast.foreign_case_worker)
    assert (
        client.get(reverse("referrals:detail", kwargs={"code": referral.code})).status_code == 404
    )


def test_steering_sees_referral_figures_but_no_person(cast, case, person, provider, client_as):
    referral = _send(cast, case, person)
    services.referral_transition(user=provider, referral=referral, to=S.ACCEPTED)
    page = client_as(Role.CITY_STEERING).get(reverse("steering:referrals")).content.decode()
    assert "&lt; 5" in page
    assert "Haddad" not in page
    assert client_as(Role.CITY_STEERING).get(
        reverse("referrals:detail", kwargs={"code": referral.code})
    ).status_code in (403, 404)


def test_the_send_form_refuses_bad_input_in_german_and_saves_nothing(cast, case, client):
    client.force_login(cast.case_worker)
    response = client.post(
        reverse("referrals:send", kwargs={"case_code": case.code}),
        {"offer": demo_offer().pk, "shared_fields": ["name"]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nichts wurde gespeichert" in page or "Bitte korrigieren" in page
    assert not Referral.objects.exists()


def test_demo_referral_helper_is_idempotent(cast):
    assert demo_referral(cast) == demo_referral(cast)


def test_revoking_the_consent_in_the_case_file_removes_the_shared_data(cast, case, person):
    from teilhabe.cases import services as case_services

    referral = _send(cast, case, person, shared_fields=["name", "contact"])
    case_services.consent_revoke(user=cast.case_worker, consent=referral.consent)
    referral.refresh_from_db()
    assert referral.shared == {}
    assert referral.events.filter(kind="consent").exists()


def test_the_case_timeline_shows_every_referral_step(cast, case, person, provider, client):
    referral = _send(cast, case, person)
    services.referral_transition(user=provider, referral=referral, to=S.WAITING)
    client.force_login(cast.case_worker)
    page = client.get(reverse("cases:case", kwargs={"code": case.code})).content.decode()
    assert "auf der Warteliste" in page
    assert reverse("referrals:send", kwargs={"case_code": case.code}) in page


def test_the_allocation_proposal_respects_childcare_and_women_only(cast, case, person, client):
    from teilhabe.referrals.selectors import allocation_proposal

    demo_offer()  # loads the demo directory
    literacy = Offer.objects.get(key="vhs-alphabetisierung-steele")
    assert literacy.childcare and literacy.women_only
    woman = services.referral_send(
        user=cast.case_worker,
        case=case,
        offer=literacy,
        anonymous=True,
        needs_childcare=True,
        anonymous_profile={"is_woman": True, "age": 31},
    )
    man = services.referral_send(
        user=cast.case_worker,
        case=case,
        offer=literacy,
        anonymous=True,
        anonymous_profile={"is_woman": False, "age": 40},
    )
    provider = cast.user(Role.PROVIDER_EDITOR)
    proposal, by_key = allocation_proposal(provider)
    placed = {by_key[a.seeker.key].pk for a in proposal.assignments}
    assert woman.pk in placed and man.pk not in placed
    reasons = {by_key[s.key].pk: why for s, why in proposal.unassigned}
    assert "nur für Frauen" in reasons[man.pk]


def test_confirming_an_out_of_date_proposal_books_nothing(cast, case, person):
    provider = cast.user(Role.PROVIDER_EDITOR)
    referral = _send(cast, case, person)
    services.referral_transition(user=cast.case_worker, referral=referral, to=S.WITHDRAWN)
    free = demo_offer().free_places
    with pytest.raises(ValidationError, match="veraltet"):
        services.allocation_confirm(
            user=provider, pairs=[(str(referral.code), str(demo_offer().code))]
        )
    assert demo_offer().free_places == free
