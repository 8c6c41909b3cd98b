"""Role → permission table: the one place that says who may do what.

Read it as a table: each role lists the actions it grants. An action is a string
``"<area>.<verb>"``. How far an action reaches (whole city, own borough, own
organisation) is the role's scope, defined in :mod:`teilhabe.access.roles`.

Rules that hold for every row (and are tested):

* City steering and borough coordinators never get an action on a person's data; they see
  aggregates with small numbers suppressed.
* Health and vulnerability data need their own action (``persons.view_sensitive``).

docs/access-control.md renders this table for readers; a test keeps the two in step.
"""

from __future__ import annotations

from teilhabe.access.roles import Role


class Action:
    """All actions, as constants, so a typo fails at import time instead of denying silently."""

    # Start page, geography and the organisation directory (internal).
    USE_APP = "app.use"
    VIEW_GEOGRAPHY = "geography.view"
    VIEW_ORGANISATIONS = "organisations.view"
    VIEW_MEMBERS = "organisations.view_members"
    MANAGE_MEMBERS = "organisations.manage_members"
    # Steering figures (aggregates only).
    VIEW_CITY_FIGURES = "steering.view_city_figures"
    VIEW_BOROUGH_FIGURES = "steering.view_borough_figures"
    # Money and positions.
    VIEW_FINANCE = "finance.view"
    MANAGE_FINANCE = "finance.manage"
    VIEW_POSITIONS = "finance.view_positions"
    VIEW_GRANTS = "finance.view_grants"  # commitments and district projects
    APPLY_PROJECTS = "finance.apply_projects"  # apply for and report on district projects
    DECIDE_PROJECTS = "finance.decide_projects"  # review, decide and close district projects
    # Data protection.
    VIEW_AUDIT_LOG = "audit.view"
    # Case management: persons, households, cases and their files (personal data).
    VIEW_CASES = "cases.view"
    EDIT_CASES = "cases.edit"
    VIEW_SENSITIVE = "persons.view_sensitive"  # health and vulnerability data
    SHARE_CASES = "cases.share"  # consents and sharing grants (handovers)
    VIEW_TEAM_CASES = "cases.view_team"
    MERGE_PERSONS = "persons.merge"
    EXPORT_PERSON_DATA = "persons.export"  # GDPR Art. 15
    # Offers directory (teilhabe/offers): see offers of the scope, edit them (incl. import and
    # translations).
    VIEW_OFFERS = "offers.view"
    MANAGE_OFFERS = "offers.manage"
    # Registration requests sent through the public finder (name and contact of a person):
    # only the provider of the offer reads and answers them.
    HANDLE_REGISTRATIONS = "offers.handle_registrations"
    # Referrals between organisations (teilhabe/referrals): send from an own case, see the
    # referrals sent or received by the own organisation (the shared snapshot), answer them,
    # allocate free places from waiting lists.
    SEND_REFERRALS = "referrals.send"
    VIEW_REFERRALS = "referrals.view"
    RESPOND_REFERRALS = "referrals.respond"
    ALLOCATE_PLACES = "referrals.allocate"
    # Volunteers (teilhabe/volunteers): coordinators of a contact point keep volunteer records,
    # match and place; case workers, team leads and providers send requests; case workers and
    # team leads book interpreters.
    MANAGE_VOLUNTEERS = "volunteers.manage"
    REQUEST_VOLUNTEERS = "volunteers.request"
    BOOK_INTERPRETERS = "volunteers.book_interpreters"
    # Housing (teilhabe/housing): the register of shelters and their occupancy (no persons);
    # a person's housing, residence and asylum data fall under the case actions above.
    VIEW_ACCOMMODATION = "housing.view_accommodation"
    MANAGE_ACCOMMODATION = "housing.manage_accommodation"
    # Council reports (teilhabe/reports): Sachstandsbericht and Verwendungsnachweis (aggregates).
    MAKE_REPORTS = "reports.make"
    # Django admin for master data.
    USE_ADMIN_SITE = "admin.use"
    # Background tasks: see failed and stuck tasks (and every job), retry them.
    MANAGE_TASKS = "tasks.manage"
    # Deleting and anonymising what has outlived its retention period: no role holds it; only
    # the system runs it (``manage.py retention --apply`` and the worker's retention task).
    APPLY_RETENTION = "retention.apply"
    # Recomputing the stored name keys of every person (after the key rules or the table of
    # equivalent names changed): likewise no role, only the system (``manage.py person_keys``).
    REFRESH_PERSON_KEYS = "cases.refresh_person_keys"
    # Tokens of machine clients for the controlling API (teilhabe/api/controlling): issue,
    # list and revoke them (a token acts with one role in one organisation).
    MANAGE_API_TOKENS = "api.manage_tokens"


A = Action

_EVERYONE = {A.USE_APP, A.VIEW_GEOGRAPHY, A.VIEW_ORGANISATIONS}
_CASE_WORK = {A.VIEW_CASES, A.EDIT_CASES, A.VIEW_SENSITIVE, A.SHARE_CASES, A.EXPORT_PERSON_DATA}

_OFFERS_VIEW = {A.VIEW_OFFERS}
_OFFERS_MANAGE = {A.VIEW_OFFERS, A.MANAGE_OFFERS}
_REFERRALS_CASE_WORK = {A.SEND_REFERRALS, A.VIEW_REFERRALS, A.RESPOND_REFERRALS}
_REFERRALS_PROVIDER = {A.VIEW_REFERRALS, A.RESPOND_REFERRALS, A.ALLOCATE_PLACES}
_VOLUNTEERS_REQUEST = {A.REQUEST_VOLUNTEERS, A.BOOK_INTERPRETERS}
_HOUSING_VIEW = {A.VIEW_ACCOMMODATION}
_HOUSING_MANAGE = {A.VIEW_ACCOMMODATION, A.MANAGE_ACCOMMODATION}

# The table. Offers directory: providers keep their own offers; borough coordinators see their
# borough's offers (and where some are missing); steering sees the whole city. Referrals: case
# workers send and answer; team leads also allocate places; providers answer referrals to their
# offers and allocate their places.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        _EVERYONE
        | {A.VIEW_MEMBERS, A.MANAGE_MEMBERS, A.USE_ADMIN_SITE, A.MANAGE_TASKS}
        | {A.MANAGE_API_TOKENS}
        | _OFFERS_MANAGE
        | _HOUSING_MANAGE
    ),
    Role.CITY_STEERING: frozenset(
        _EVERYONE
        | {A.VIEW_CITY_FIGURES, A.VIEW_BOROUGH_FIGURES, A.VIEW_FINANCE, A.VIEW_POSITIONS}
        | {A.MAKE_REPORTS}
        | {A.VIEW_GRANTS}
        | _OFFERS_VIEW
        | _HOUSING_MANAGE
    ),
    Role.BOROUGH_COORDINATOR: frozenset(
        _EVERYONE
        | {A.VIEW_BOROUGH_FIGURES, A.VIEW_FINANCE, A.VIEW_POSITIONS}
        | {A.VIEW_GRANTS, A.DECIDE_PROJECTS}
        | _OFFERS_VIEW
        | _HOUSING_VIEW
    ),
    Role.CASE_WORKER: frozenset(
        _EVERYONE
        | _CASE_WORK
        | {A.VIEW_MEMBERS, A.VIEW_GRANTS}
        | _REFERRALS_CASE_WORK
        | _VOLUNTEERS_REQUEST
        | _HOUSING_VIEW
    ),
    Role.TEAM_LEAD: frozenset(
        _EVERYONE
        | _CASE_WORK
        | {A.VIEW_MEMBERS, A.MANAGE_MEMBERS, A.VIEW_TEAM_CASES, A.MERGE_PERSONS}
        | {A.VIEW_GRANTS, A.APPLY_PROJECTS}
        | _REFERRALS_CASE_WORK
        | {A.ALLOCATE_PLACES}
        | _VOLUNTEERS_REQUEST
        | _HOUSING_VIEW
    ),
    Role.VOLUNTEER_COORDINATOR: frozenset(_EVERYONE | {A.VIEW_MEMBERS, A.MANAGE_VOLUNTEERS}),
    Role.PROVIDER_EDITOR: frozenset(
        _EVERYONE
        | {A.VIEW_MEMBERS}
        | {A.VIEW_GRANTS, A.APPLY_PROJECTS}
        | _OFFERS_MANAGE
        | {A.HANDLE_REGISTRATIONS}
        | _REFERRALS_PROVIDER
        | {A.REQUEST_VOLUNTEERS}
    ),
    Role.FINANCE_OFFICER: frozenset(
        _EVERYONE
        | {A.VIEW_FINANCE, A.MANAGE_FINANCE, A.VIEW_POSITIONS, A.MAKE_REPORTS}
        | {A.VIEW_GRANTS, A.DECIDE_PROJECTS}
    ),
    Role.DATA_PROTECTION_OFFICER: frozenset(_EVERYONE | {A.VIEW_AUDIT_LOG}),
}

# Directory information: whoever holds one of these actions holds it city-wide, whatever the
# role's scope (every member of staff may look up any organisation or district).
CITY_WIDE_ACTIONS: frozenset[str] = frozenset(
    {Action.USE_APP, Action.VIEW_GEOGRAPHY, Action.VIEW_ORGANISATIONS, Action.VIEW_ACCOMMODATION}
)

# Actions on a person's data. Steering roles must never hold one of these (tested).
PERSONAL_DATA_ACTIONS: frozenset[str] = frozenset(
    {
        Action.VIEW_CASES,
        Action.EDIT_CASES,
        Action.VIEW_SENSITIVE,
        Action.SHARE_CASES,
        Action.VIEW_TEAM_CASES,
        Action.MERGE_PERSONS,
        Action.EXPORT_PERSON_DATA,
        Action.SEND_REFERRALS,
        Action.VIEW_REFERRALS,
        Action.RESPOND_REFERRALS,
        Action.ALLOCATE_PLACES,
        Action.HANDLE_REGISTRATIONS,
        Action.MANAGE_VOLUNTEERS,
        Action.REQUEST_VOLUNTEERS,
        Action.BOOK_INTERPRETERS,
    }
)
# Roles that see numbers, never persons.
AGGREGATE_ONLY_ROLES: frozenset[str] = frozenset({Role.CITY_STEERING, Role.BOROUGH_COORDINATOR})


def all_actions() -> set[str]:
    return {v for k, v in vars(Action).items() if k.isupper()}
