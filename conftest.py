"""Test fixtures shared by all apps.

The Essen scenario (with its demo users, one per role) is loaded once per test database; each
test runs in a transaction that is rolled back. ``cast`` gives the fixed cast of users.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings

from teilhabe.access.roles import Role


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from teilhabe.scenario.loading import scenario_load

    with django_db_blocker.unblock():
        scenario_load(demo_password=settings.DEMO_PASSWORD)


@pytest.fixture(autouse=True)
def _scenario_present(request, django_db_blocker):
    """Transactional tests (races on PostgreSQL) end with every table emptied; the next
    database test loads the Essen scenario and the demo offers again, outside its own
    transaction. One cheap query per database test."""
    if not ({"db", "transactional_db"} & set(request.fixturenames)):
        return
    from teilhabe.organisations.models import Organisation

    with django_db_blocker.unblock():
        if Organisation.objects.exists():
            return
        from teilhabe.offers.loading import offers_demo_load
        from teilhabe.scenario.loading import scenario_load

        scenario_load(demo_password=settings.DEMO_PASSWORD)
        offers_demo_load()


@dataclass
class Cast:
    """The demo users of the Essen scenario, by role, plus objects they belong to."""

    def user(self, role: str):
        from teilhabe.accounts.models import User

        return User.objects.filter(memberships__role=role).order_by("pk").first()

    @property
    def borough(self):
        from teilhabe.geography.models import Borough

        return Borough.objects.get(number=1)

    @property
    def home_org(self):
        from teilhabe.organisations.models import Organisation

        return Organisation.objects.get(key="caritas-essen")

    @property
    def foreign_org(self):
        from teilhabe.organisations.models import Organisation

        return Organisation.objects.get(key="diakoniewerk-essen")

    @property
    def case_worker(self):
        from teilhabe.accounts.models import User

        return User.objects.get(email="fachkraft@essen.teilhabe.example")

    @property
    def foreign_case_worker(self):
        from teilhabe.accounts.models import User

        return User.objects.get(email="fachkraft.diakonie@essen.teilhabe.example")

    # Offers (teilhabe/offers): the demo directory is loaded on first use (without Kitas and
    # schools, to stay fast); own_offer belongs to the provider editor's VHS, in borough I.
    @property
    def own_offer(self):
        from teilhabe.offers.loading import offers_demo_load
        from teilhabe.offers.models import Offer

        offer = Offer.objects.filter(key="vhs-integrationskurs-a1").first()
        if offer is None:
            offers_demo_load(standard_system=False)
            offer = Offer.objects.get(key="vhs-integrationskurs-a1")
        return offer

    @property
    def foreign_offer(self):
        from teilhabe.offers.models import Offer

        self.own_offer  # noqa: B018 - loads the demo directory
        return Offer.objects.get(key="caritas-migrationsberatung")

    # Finance (teilhabe/finance): a closed district project of Caritas in borough I.
    @property
    def project(self):
        from teilhabe.finance.models import Project

        return Project.objects.get(key="demo-nachbarschaftsfest-stadtmitte")

    @property
    def commitment(self):
        return self.project.commitment

    @property
    def project_document(self):
        from teilhabe.finance.testing import demo_document

        return demo_document(self.project)

    @property
    def budget_line(self):
        from teilhabe.finance.models import BudgetLine

        return BudgetLine.objects.get(kind="integration_budget", borough__number=1)

    @property
    def position(self):
        from teilhabe.finance.models import Position

        return Position.objects.get(key="ik-1")

    @property
    def home_case(self):
        """A case of the Caritas case worker with a note, deadline, appointment, document."""
        from teilhabe.cases.testing import demo_case

        return demo_case(self.case_worker, self.home_org)

    @property
    def home_consent(self):
        from teilhabe.cases.models import Consent
        from teilhabe.cases.testing import demo_consent

        case = self.home_case
        existing = Consent.objects.filter(person__household=case.household_id).first()
        return existing or demo_consent(self.case_worker, case, self.foreign_org)

    @property
    def home_grant(self):
        """A sharing grant in force from the Caritas case to the Diakoniewerk."""
        from teilhabe.cases import services

        consent = self.home_consent
        case = self.home_case
        return case.grants.first() or services.grant_create(
            user=self.case_worker,
            case=case,
            recipient=self.foreign_org,
            consent=consent,
            scope="basic",
            reason="Übergabe",
        )


@pytest.fixture
def cast(db) -> Cast:
    return Cast()


@pytest.fixture
def client_as(client, cast):
    """``client_as(role)`` → a test client logged in as the demo user of that role."""

    def login(role: str):
        user = cast.user(role)
        assert user is not None, f"no demo user with role {role}"
        client.force_login(user)
        return client

    return login


ROLES = list(Role.values)


# Browser-test fixtures (Playwright + Debian Chromium), see teilhabe/core/testing/browser.py.
pytest_plugins = ["teilhabe.core.testing.browser", "teilhabe.core.testing.concurrency"]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
