"""The indicator set, as data: name, exact definition, unit, source tables and suppression
rule of every figure the steering pages show. English source strings through gettext; the
German text (the interface's first language) is in the app's ``locale/de`` catalogue.
docs/steering.md renders this list in German; a test keeps the two in step."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PERSONS = _("persons/cases/referrals: < 5 hidden, and complementary cells (totals, tables)")
RATE = _("only when the part and the rest are ≥ 5 and the group is shown")
SAMPLE = _("only from ≥ 5 values and when the group is shown")
NONE = _("none (not about persons)")


@dataclass(frozen=True)
class Indicator:
    key: str
    topic: str  # page: casework, milestones, referrals, coverage, money, positions, barriers
    name: str | Promise  # translated when shown
    definition: str | Promise
    unit: str | Promise
    sources: str
    suppression: str | Promise


INDICATORS: list[Indicator] = [
    Indicator(
        "persons_in_casework",
        "casework",
        _("Persons in case work"),
        _(
            "Persons (not anonymised, not merged) of a household with at least one case open "
            "on the reference day (the end of the period: opened on or before it, not closed "
            "or closed after it); counted in the Stadtteil of their address."
        ),
        _("persons"),
        "cases_case, cases_person",
        PERSONS,
    ),
    Indicator(
        "households_in_casework",
        "casework",
        _("Households in case work"),
        _(
            "Households with at least one case open on the reference day; counted in the "
            "Stadtteil of the person with the role head of household (else of the first "
            "member)."
        ),
        _("households"),
        "cases_case, cases_household, cases_person",
        PERSONS,
    ),
    Indicator(
        "cases_opened",
        "casework",
        _("Cases opened per month"),
        _(
            "Cases with their opening date in the month; counted in the Stadtteil of their household."
        ),
        _("cases"),
        "cases_case",
        PERSONS,
    ),
    Indicator(
        "cases_closed",
        "casework",
        _("Cases closed per month"),
        _(
            "Cases with their closing date in the month; counted in the Stadtteil of their household."
        ),
        _("cases"),
        "cases_case",
        PERSONS,
    ),
    Indicator(
        "milestone_time",
        "milestones",
        _("Time to the standard system (median, 75th percentile)"),
        _(
            "Per kind of milestone and cohort (quarter of the first contact = opening of the "
            "household's first case): days from the first contact to the date “reached” "
            "(reached before the first contact counts as 0 days); median and 75th percentile "
            "(nearest rank)."
        ),
        _("days"),
        "cases_case, cases_person, cases_milestone, cases_milestonetype",
        SAMPLE,
    ),
    Indicator(
        "milestone_share",
        "milestones",
        _("Share reached within 6/12/24 months"),
        _(
            "Persons of the cohort who reached the milestone at most 6, 12 or 24 months after "
            "the first contact, divided by all persons of the cohort; only for cohorts whose "
            "last day lies at least that long ago."
        ),
        _("per cent"),
        "cases_case, cases_person, cases_milestone",
        RATE,
    ),
    Indicator(
        "referral_funnel",
        "referrals",
        _(
            "Referrals by status (sent, waiting list, accepted, started, completed, declined, "
            "dropped out, withdrawn)"
        ),
        _(
            "Referrals sent in the period by their current status, per category, provider, "
            "Bezirk and Stadtteil — separately by the Stadtteil of the offer (first location) "
            "and the Stadtteil the person lived in when it was sent."
        ),
        _("referrals"),
        "referrals_referral, offers_offer, offers_location",
        PERSONS,
    ),
    Indicator(
        "referral_acceptance",
        "referrals",
        _("Acceptance rate"),
        _("Accepted (accepted, started, completed, dropped out) divided by answered referrals."),
        _("per cent"),
        "referrals_referral",
        RATE,
    ),
    Indicator(
        "referral_waiting",
        "referrals",
        _("Waiting times"),
        _(
            "Working days from sending to the first response (median); days on the waiting "
            "list (until the status changed or until today; median and 75th percentile)."
        ),
        _("working days / days"),
        "referrals_referral",
        SAMPLE,
    ),
    Indicator(
        "offer_coverage",
        "coverage",
        _("Offer coverage"),
        _(
            "Published offers per place (offer × location) in the Stadtteil, next to the "
            "persons in case work who live there."
        ),
        _("offers, persons"),
        "offers_offer, offers_location, cases_person, cases_case",
        _(
            "persons/cases/referrals: < 5 hidden, and complementary cells (totals, tables) "
            "(persons); offers: none (not about persons)"
        ),
    ),
    Indicator(
        "white_spots",
        "coverage",
        _("White spots"),
        _(
            "Top categories without a published offer within 2 km of the centre of a "
            "Stadtteil where persons in case work live."
        ),
        _("categories, Stadtteile"),
        "offers_offer, offers_location, offers_category, geography_district, cases_person",
        NONE,
    ),
    Indicator(
        "money",
        "money",
        _("Plan, committed, paid"),
        _(
            "Per budget line, Bezirk and month: originally planned, current budget, committed "
            "(grants), paid (payments less repayments), available (budget − committed)."
        ),
        _("euro"),
        "finance_budgetline, finance_commitment, finance_movement",
        NONE,
    ),
    Indicator(
        "money_linear",
        "money",
        _("Paid against a linear plan"),
        _(
            "Paid since 1 January against the annual budget, spread evenly over the days of "
            "the year."
        ),
        _("euro"),
        "finance_budgetline, finance_movement",
        NONE,
    ),
    Indicator(
        "positions",
        "positions",
        _("Positions: funded and filled"),
        _(
            "Per funding and organisation: funded FTE (sum of the position shares), FTE filled "
            "at the end of the period, unfilled FTE and vacancy months (days without an "
            "occupant in the period / 30.44)."
        ),
        _("FTE, months"),
        "finance_position, finance_occupancy, finance_budgetline",
        NONE,
    ),
    Indicator(
        "structural_barriers",
        "barriers",
        _("Structural barriers per institution and quarter"),
        _(
            "Case notes of the kind “structural barrier” dated in the period, per institution "
            "(Jobcenter, immigration office …) and quarter of the date, and per kind of "
            "barrier; counted in the Stadtteil of the case's household."
        ),
        _("barriers (notes)"),
        "cases_contactnote, cases_institution, cases_barriercategory, cases_case",
        PERSONS,
    ),
]


def for_topic(topic: str) -> list[Indicator]:
    return [i for i in INDICATORS if i.topic == topic]
