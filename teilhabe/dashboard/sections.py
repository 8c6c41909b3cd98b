"""The start page is made of one section per role the user holds.

Each builder takes the user and the grant (role in an organisation) and returns the template
and its context. Other apps add their panels (caseload, offers, projects …) here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count

from teilhabe.access import Action, Grant, Role, can, visible
from teilhabe.organisations.models import Membership, Organisation
from teilhabe.steering.start import (
    borough_start_figures,
    city_start_figures,
    finance_start_figures,
)


@dataclass
class Section:
    template: str
    context: dict


def _city_figures(user, grant: Grant) -> Section:
    return Section("dashboard/section_steering.html", city_start_figures(user))


def _finance(user, grant: Grant) -> Section:
    return Section("dashboard/section_finance.html", finance_start_figures(user))


def _borough(user, grant: Grant) -> Section:
    figures = borough_start_figures(user, grant.borough_id)
    if figures is None:
        return Section("dashboard/section_no_borough.html", {})
    return Section("dashboard/section_borough.html", figures)


def _organisation(user, grant: Grant) -> Section:
    organisation = Organisation.objects.select_related("borough", "parent").get(
        pk=grant.organisation_id
    )
    membership = (
        Membership.objects.active()
        .filter(user=user, organisation=organisation, role=grant.role)
        .select_related("team")
        .first()
    )
    colleagues = None
    if can(user, Action.VIEW_MEMBERS, organisation):
        colleagues = (
            visible(user, Action.VIEW_MEMBERS, Membership.objects.active())
            .filter(organisation=organisation)
            .values("user")
            .distinct()
            .count()
        )
    return Section(
        "dashboard/section_organisation.html",
        {
            "organisation": organisation,
            "role_label": Role(grant.role).label,
            "team": membership.team if membership else None,
            "colleague_count": colleagues,
            "district_count": organisation.districts.count(),
        },
    )


def _data_protection(user, grant: Grant) -> Section:
    rows = (
        Membership.objects.active()
        .values("role")
        .annotate(
            users=Count("user", distinct=True), organisations=Count("organisation", distinct=True)
        )
        .order_by("role")
    )
    labels = dict(Role.choices)
    return Section(
        "dashboard/section_data_protection.html",
        {"rows": [{**r, "label": labels.get(r["role"], r["role"])} for r in rows]},
    )


def _admin(user, grant: Grant) -> Section:
    return Section(
        "dashboard/section_admin.html",
        {
            "organisation_count": Organisation.objects.count(),
            "membership_count": Membership.objects.active().count(),
        },
    )


BUILDERS: dict[str, Callable[[object, Grant], Section]] = {
    Role.ADMIN: _admin,
    Role.CITY_STEERING: _city_figures,
    Role.BOROUGH_COORDINATOR: _borough,
    Role.CASE_WORKER: _organisation,
    Role.TEAM_LEAD: _organisation,
    Role.VOLUNTEER_COORDINATOR: _organisation,
    Role.PROVIDER_EDITOR: _organisation,
    Role.FINANCE_OFFICER: _finance,
    Role.DATA_PROTECTION_OFFICER: _data_protection,
}


def sections_for(user, grants: list[Grant]) -> list[Section]:
    seen: set[tuple[str, int]] = set()
    sections = []
    for grant in grants:
        key = (grant.role, grant.organisation_id)
        if key in seen:
            continue
        seen.add(key)
        sections.append(BUILDERS[grant.role](user, grant))
    if can(user, Action.VIEW_CASES):
        from teilhabe.cases.selectors import caseload_panel

        sections.append(Section("cases/section_start.html", caseload_panel(user)))
    if can(user, Action.VIEW_REFERRALS):
        from teilhabe.referrals.selectors import referral_panel

        sections.append(Section("referrals/section_start.html", referral_panel(user)))
    if can(user, Action.MANAGE_VOLUNTEERS):
        from teilhabe.volunteers.selectors import coordinator_panel

        sections.append(Section("volunteers/section_start.html", coordinator_panel(user)))
    return sections
