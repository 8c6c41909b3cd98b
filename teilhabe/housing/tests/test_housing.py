"""Housing support and asylum-procedure counselling: services, pages, access, audit, figures."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from teilhabe.audit.models import AuditEntry
from teilhabe.cases import services as case_services
from teilhabe.cases.models import Deadline, Milestone, MilestoneType
from teilhabe.housing import services
from teilhabe.housing.models import (
    AsylumProcedure,
    BenefitPeriod,
    LegalBasis,
    ResidenceObligation,
    ResidenceTitle,
    Stay,
)
from teilhabe.housing.services import occupancy_on
from teilhabe.housing.testing import demo_accommodation, demo_person

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def person(cast):
    return demo_person(cast)


@pytest.fixture
def shelter(db):
    return demo_accommodation(places=3)


def _stay(cast, person, shelter, moved_in, moved_out=None):
    return services.stay_add(
        user=cast.case_worker,
        person=person,
        data={
            "kind": "accommodation",
            "accommodation": shelter,
            "moved_in": moved_in,
            "moved_out": moved_out,
        },
    )


# --- Asylum procedure ------------------------------------------------------------------------


def test_recording_a_decision_sets_the_legal_remedy_deadline_in_the_case(cast, person):
    delivered = TODAY - 2 * DAY
    procedure = services.procedure_save(
        user=cast.case_worker,
        person=person,
        data={
            "applied_on": datetime.date(2016, 3, 1),
            "decision_on": delivered - 3 * DAY,
            "decision_kind": "rejected",
            "delivered_on": delivered,
        },
    )
    assert procedure.remedy_until >= delivered + datetime.timedelta(weeks=2)
    assert "§ 74 Abs. 1" in procedure.remedy_rule
    deadline = Deadline.objects.get(pk=procedure.remedy_deadline_id)
    assert deadline.kind == "appeal" and deadline.due_on == procedure.remedy_until
    assert deadline.case.household_id == person.household_id


def test_a_decision_before_the_application_is_refused_and_nothing_is_saved(cast, person):
    before = AsylumProcedure.objects.count(), Deadline.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.procedure_save(
            user=cast.case_worker,
            person=person,
            data={
                "applied_on": datetime.date(2020, 5, 1),
                "decision_on": datetime.date(2020, 4, 1),
                "decision_kind": "rejected",
            },
        )
    assert "decision_on" in exc.value.error_dict
    assert (AsylumProcedure.objects.count(), Deadline.objects.count()) == before


def test_a_lawsuit_marks_the_remedy_deadline_done(cast, person):
    procedure = services.procedure_save(
        user=cast.case_worker,
        person=person,
        data={
            "applied_on": datetime.date(2016, 3, 1),
            "decision_on": TODAY - 5 * DAY,
            "decision_kind": "manifestly",
            "delivered_on": TODAY - 3 * DAY,
        },
    )
    services.procedure_save(
        user=cast.case_worker,
        person=person,
        procedure=procedure,
        data={"lawsuit_filed_on": TODAY},
    )
    assert Deadline.objects.get(pk=procedure.remedy_deadline_id).done_on == TODAY


def test_the_daily_run_escalates_a_close_remedy_deadline_to_the_team_lead_once(cast, person):
    from teilhabe.referrals.models import Notification

    services.procedure_save(
        user=cast.case_worker,
        person=person,
        data={
            "applied_on": datetime.date(2016, 3, 1),
            "decision_on": TODAY - 9 * DAY,
            "decision_kind": "manifestly",
            "delivered_on": TODAY - 6 * DAY,
        },
    )
    lead = cast.user("team_lead")
    first = services.housing_daily(today=TODAY)
    second = services.housing_daily(today=TODAY)
    assert first.escalated == 1 and second.escalated == 0
    texts = list(Notification.objects.filter(user=lead).values_list("text", flat=True))
    assert any("Rechtsbehelfsfrist" in t or "legal-remedy" in t for t in texts)
    assert not any(person.family_name in t for t in texts)  # no names in notifications


# --- Residence titles ------------------------------------------------------------------------


def test_a_title_expiring_in_six_weeks_warns_and_sets_a_deadline(cast, person, client_as):
    title = services.title_add(
        user=cast.case_worker,
        person=person,
        data={
            "legal_basis": LegalBasis.objects.get(key="ae-25-2-subsidiaer"),
            "issued_on": TODAY - 300 * DAY,
            "valid_until": TODAY + 42 * DAY,
            "authority": "Ausländerbehörde Essen",
        },
    )
    person.refresh_from_db()
    assert person.residence_valid_until == TODAY + 42 * DAY
    assert person.residence_status == "ae_25"
    deadline = Deadline.objects.get(pk=title.expiry_deadline_id)
    assert deadline.kind == "residence_expiry" and deadline.due_on >= TODAY
    client = client_as("case_worker")
    for url in (
        reverse("cases:person", kwargs={"code": person.code}),
        reverse("housing:person", kwargs={"code": person.code}),
    ):
        page = client.get(url).content.decode()
        assert "Der Aufenthaltstitel läuft am" in page, url


def test_an_expired_title_is_flagged_on_the_case_page(cast, person, client_as):
    services.title_add(
        user=cast.case_worker,
        person=person,
        data={
            "legal_basis": LegalBasis.objects.get(key="duldung"),
            "issued_on": datetime.date(2019, 1, 1),
            "valid_until": datetime.date(2020, 1, 1),
            "authority": "Ausländerbehörde Essen",
        },
    )
    case = person.household.cases.first()
    page = client_as("case_worker").get(reverse("cases:case", kwargs={"code": case.code}))
    assert "ist am 01.01.2020 abgelaufen" in page.content.decode()


def test_a_title_that_expires_before_it_was_issued_is_refused(cast, person, client_as):
    client = client_as("case_worker")
    response = client.post(
        reverse("housing:title_add", kwargs={"code": person.code}),
        {
            "title-legal_basis": LegalBasis.objects.get(key="ae-24").pk,
            "title-issued_on": "2025-06-01",
            "title-valid_until": "2025-01-01",
            "title-authority": "Ausländerbehörde Essen",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ein Titel kann nicht vor seiner Erteilung ablaufen." in page
    assert 'value="Ausländerbehörde Essen"' in page  # input kept
    assert not ResidenceTitle.objects.filter(person=person).exists()


# --- Housing history, occupancy and the move into a flat -------------------------------------


def test_moving_a_family_into_a_flat_sets_the_milestone_and_frees_the_places(cast, shelter):
    person = demo_person(cast)
    household = person.household
    partner = case_services.person_create(
        user=cast.case_worker,
        household=household,
        data={"household_role": "partner", "family_name": "Haddad", "given_names": "Amira"},
    )
    for p in (person, partner):
        _stay(cast, p, shelter, TODAY - 40 * DAY)
    assert occupancy_on(shelter, TODAY) == 2
    services.flat_search_save(
        user=cast.case_worker,
        household=household,
        data={"started_on": TODAY - 30 * DAY, "status": "offer"},
    )
    result = services.household_move_into_flat(
        user=cast.case_worker,
        household=household,
        persons=[person, partner],
        moved_on=TODAY,
        tenancy_start=TODAY - 3 * DAY,
        street="Neue Straße 5",
        postcode="45127",
        district=shelter.district,
    )
    assert len(result.stays) == 2 and len(result.ended) == 2
    assert occupancy_on(shelter, TODAY) == 0
    milestone = Milestone.objects.get(person=person, type__key="eigene-wohnung")
    assert milestone.status == "achieved" and milestone.achieved_on == TODAY - 3 * DAY
    person.refresh_from_db()
    assert person.street == "Neue Straße 5" and person.housing == "own_flat"
    assert household.flat_searches.get().status == "moved_in"


def test_move_out_before_move_in_is_refused(cast, person, shelter):
    stay = _stay(cast, person, shelter, TODAY - 10 * DAY)
    with pytest.raises(ValidationError):
        services.stay_end(user=cast.case_worker, stay=stay, moved_out=TODAY - 20 * DAY)
    stay.refresh_from_db()
    assert stay.moved_out is None


def test_overlapping_stays_in_two_shelters_are_refused(cast, person, shelter):
    _stay(cast, person, shelter, TODAY - 60 * DAY, TODAY - 10 * DAY)
    other = demo_accommodation()
    with pytest.raises(ValidationError) as exc:
        _stay(cast, person, other, TODAY - 20 * DAY)
    assert "überschneidet" in str(exc.value) or "overlaps" in str(exc.value)
    assert Stay.objects.filter(person=person).count() == 1


def test_over_occupancy_of_a_shelter_is_refused(cast, shelter):
    household = demo_person(cast).household
    people = [
        case_services.person_create(
            user=cast.case_worker,
            household=household,
            data={"household_role": "child", "family_name": "Haddad", "given_names": f"Kind {i}"},
        )
        for i in range(4)
    ]
    for p in people[:3]:
        _stay(cast, p, shelter, TODAY - 5 * DAY)
    with pytest.raises(ValidationError) as exc:
        _stay(cast, people[3], shelter, TODAY - 2 * DAY)
    assert "accommodation" in exc.value.error_dict
    assert occupancy_on(shelter, TODAY) == 3
    # A place freed before the new stay begins is free again.
    services.stay_end(user=cast.case_worker, stay=people[0].stays.get(), moved_out=TODAY - 3 * DAY)
    _stay(cast, people[3], shelter, TODAY - 2 * DAY)
    assert occupancy_on(shelter, TODAY) == 3


def test_blocked_places_cannot_push_usable_places_below_the_residents(cast, shelter):
    _stay(cast, demo_person(cast), shelter, TODAY - 5 * DAY)
    with pytest.raises(ValidationError):
        services.accommodation_save(
            user=cast.user("admin"), accommodation=shelter, data={"blocked_places": 3}
        )


def test_only_the_city_manages_the_register(cast, shelter):
    with pytest.raises(PermissionDenied):
        services.accommodation_save(
            user=cast.case_worker, accommodation=shelter, data={"places": 99}
        )


# --- Benefit systems and § 12a -------------------------------------------------------------


def test_a_new_benefit_period_ends_the_open_one_and_the_2026_rule_lists_the_person(
    cast, person, client_as
):
    services.title_add(
        user=cast.case_worker,
        person=person,
        data={
            "legal_basis": LegalBasis.objects.get(key="ae-24"),
            "issued_on": datetime.date(2025, 5, 2),
            "valid_until": datetime.date(2027, 3, 4),
            "authority": "Ausländerbehörde Essen",
        },
    )
    first = services.benefit_add(
        user=cast.case_worker,
        person=person,
        data={"system": "asylblg", "starts_on": datetime.date(2025, 5, 2)},
    )
    services.benefit_add(
        user=cast.case_worker,
        person=person,
        data={"system": "sgb2", "starts_on": datetime.date(2025, 6, 1)},
    )
    first.refresh_from_db()
    assert first.ends_on == datetime.date(2025, 5, 31)
    page = client_as("case_worker").get(reverse("housing:review")).content.decode()
    assert person.full_name in page and "Rechtskreiswechsel" in page
    with pytest.raises(ValidationError):  # overlaps the closed period
        services.benefit_add(
            user=cast.case_worker,
            person=person,
            data={
                "system": "sgb12",
                "starts_on": datetime.date(2025, 5, 10),
                "ends_on": datetime.date(2025, 5, 20),
            },
        )
    assert BenefitPeriod.objects.filter(person=person).count() == 2


def test_a_job_of_15_hours_flags_the_residence_obligation_with_a_deadline(cast, person):
    obligation = services.obligation_add(
        user=cast.case_worker,
        person=person,
        data={"place": "Essen", "starts_on": TODAY - 100 * DAY, "ends_on": TODAY + 900 * DAY},
    )
    job = MilestoneType.objects.get(key="beschaeftigung")
    case_services.milestone_set(
        user=cast.case_worker, person=person, type=job, status="in_progress", weekly_hours=10
    )
    obligation.refresh_from_db()
    assert obligation.may_be_lifted_since is None
    case_services.milestone_set(
        user=cast.case_worker, person=person, type=job, status="in_progress", weekly_hours=20
    )
    obligation.refresh_from_db()
    assert obligation.may_be_lifted_since == TODAY
    assert obligation.application_deadline.due_on > TODAY
    assert services.housing_daily().obligations_flagged == 0  # idempotent
    assert ResidenceObligation.objects.filter(may_be_lifted_since__isnull=False).count() == 1


# --- Access, audit and figures ---------------------------------------------------------------


def test_another_organisation_cannot_see_the_housing_page(cast, person, client_as):
    url = reverse("housing:person", kwargs={"code": person.code})
    assert client_as("case_worker").get(url).status_code == 200
    client = client_as("case_worker")
    client.force_login(cast.foreign_case_worker)
    assert client.get(url).status_code == 404


def test_reading_and_writing_housing_data_is_audited(cast, person, client_as):
    client = client_as("case_worker")
    client.get(reverse("housing:person", kwargs={"code": person.code}))
    assert AuditEntry.objects.filter(
        action="read", person_code=str(person.code), detail="housing and residence"
    ).exists()
    services.benefit_add(
        user=cast.case_worker, person=person, data={"system": "sgb2", "starts_on": TODAY}
    )
    assert AuditEntry.objects.filter(
        action="create", record_type="housing.BenefitPeriod", person_code=str(person.code)
    ).exists()


def test_steering_figures_show_no_person_and_hide_small_numbers(cast, person, client_as):
    for system in ("sgb2",):
        services.benefit_add(
            user=cast.case_worker, person=person, data={"system": system, "starts_on": TODAY}
        )
    person.district = demo_accommodation().district
    person.save(update_fields=["district"])
    response = client_as("city_steering").get(reverse("housing:figures"))
    assert response.status_code == 200
    page = response.content.decode()
    assert person.family_name not in page
    assert "&lt; 5" in page
    # The single SGB II person is hidden, and so is the total that would reveal it.
    from teilhabe.steering.housing import housing_page

    systems = housing_page(cast.user("city_steering")).table("systems")
    assert all(c[0].hidden or c[0].value == 0 for _row, c in systems.body())
    assert systems.footer()[1][0].hidden


def test_person_page_query_count_is_pinned(cast, person, client_as, django_assert_max_num_queries):
    client = client_as("case_worker")
    url = reverse("housing:person", kwargs={"code": person.code})
    client.get(url)
    with django_assert_max_num_queries(30):
        client.get(url)


def test_art_15_export_and_retention_cover_housing_data(cast, person):
    from teilhabe.cases.export import person_export
    from teilhabe.cases.retention import _anonymise

    services.procedure_save(
        user=cast.case_worker,
        person=person,
        data={"applied_on": datetime.date(2016, 3, 1), "file_number": "7012345-475"},
    )
    services.stay_add(
        user=cast.case_worker,
        person=person,
        data={"kind": "flat", "street": "Neue Straße 5", "moved_in": TODAY - 10 * DAY},
    )
    exported = person_export(cast.case_worker, person)["housing"]
    sections = {row["section"] for row in exported}
    assert {"asylum_procedure", "housing"} <= sections
    assert any(row.get("kind") == "eigene Wohnung" for row in exported)
    _anonymise(person, timezone.now())
    assert not Stay.objects.filter(person=person).exclude(street="").exists()
    assert AsylumProcedure.objects.get(person=person).file_number == ""


def test_the_demo_history_keeps_the_rules(db):
    from teilhabe.cases.loading import cases_demo_load
    from teilhabe.housing.loading import housing_demo_load
    from teilhabe.housing.models import Accommodation
    from teilhabe.housing.selectors import occupancy_series

    cases_demo_load()
    result = housing_demo_load(today=TODAY)
    assert result.shelters == 6 and result.moves > 40 and result.persons > 200
    shelters = list(Accommodation.objects.filter(key__in=["uh-altenessen", "uh-kray"]))
    series = occupancy_series([s.pk for s in shelters], TODAY - 365 * DAY, TODAY)
    for s in shelters:
        assert max(series[s.pk]) <= s.usable_places
        assert min(series[s.pk]) > 0
    for person_id in Stay.objects.values_list("person_id", flat=True).distinct()[:50]:
        stays = list(Stay.objects.filter(person_id=person_id).order_by("moved_in"))
        for a, b in itertools.pairwise(stays):
            assert a.moved_out is not None and a.moved_out <= b.moved_in
    assert housing_demo_load(today=TODAY).households == 0  # idempotent


def test_the_landlord_confirmation_needs_a_consent_whose_purpose_and_data_cover_it(
    cast, person, client_as
):
    household = person.household

    def consent(purpose, kind, categories):
        return case_services.consent_record(
            user=cast.case_worker,
            person=person,
            purpose=purpose,
            recipients=[],
            given_on=timezone.localdate(),
            method="oral",
            purpose_kind=kind,
            data_categories=categories,
        )

    course = consent("Anmeldung Integrationskurs", "referral", ["identity", "languages"])
    unnamed = consent("Bestätigung für Vermieter", "other", ["languages"])
    fitting = consent("Bestätigung für Vermieter", "other", ["identity"])
    client = client_as("case_worker")
    url = reverse("housing:landlord_pdf", args=[household.code])
    refused = client.get(url, {"consent": course.code})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "erlaubt keine Bestätigung für Vermieter" in html and 'id="form-errors"' in html
    refused = client.get(url, {"consent": unnamed.code})
    assert refused.status_code == 400
    assert "umfasst nicht Name und Geburtsdatum" in refused.content.decode()
    assert not AuditEntry.objects.filter(detail="landlord confirmation").exists()
    letter = client.get(url, {"consent": fitting.code})
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(detail="landlord confirmation").count() == 1
