"""The fixed cast of the shared test data: the demo users of the Essen scenario by role, and
the objects they work with. Every property looks its object up (and builds it through the
services only where a test database lacks it), so a test sees the shared records when its module
uses them (see ``teilhabe/core/testing/shared.py``) and builds them in its own transaction
otherwise."""

from __future__ import annotations

from dataclasses import dataclass


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
    def referral(self):
        """The demo referral of the Caritas case's head to the VHS integration course."""
        from teilhabe.referrals.testing import demo_referral

        return demo_referral(self)

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
