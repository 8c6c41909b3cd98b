"""The start page is made of one section per role the user holds.

Each builder takes the user and the grant (role in an organisation) and returns the template
and its context. Other apps add their panels (caseload, offers, projects …) here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count

from teilhabe.access import Action, Grant, Role, can, visible
from teilhabe.finance.selectors import (
    council_decisions_for,
    money_figures,
    position_totals,
    positions_for,
)
from teilhabe.geography.models import Borough, District
from teilhabe.organisations.models import Membership, Organisation


@dataclass
class Section:
    template: str
    context: dict


def _city_figures(user, grant: Grant) -> Section:
    boroughs = list(
        Borough.objects.annotate(
            district_count=Count("districts", distinct=True),
            position_count=Count("positions", distinct=True),
        ).order_by("number")
    )
    return Section(
        "dashboard/section_steering.html",
        {
            "decisions": list(council_decisions_for(user)),
            "borough_count": len(boroughs),
            "district_count": District.objects.count(),
            "positions": position_totals(positions_for(user)),
            "boroughs": boroughs,
            "money": money_figures(user),
        },
    )


def _finance(user, grant: Grant) -> Section:
    return Section(
        "dashboard/section_finance.html",
        {
            "decisions": list(council_decisions_for(user)),
            "positions": position_totals(positions_for(user)),
            "money": money_figures(user),
        },
    )


def _borough(user, grant: Grant) -> Section:
    borough = (
        Borough.objects.filter(pk=grant.borough_id)
        .select_related("municipality", "competence_team")
        .first()
    )
    if borough is None:
        return Section("dashboard/section_no_borough.html", {})
    team = getattr(borough, "competence_team", None)
    return Section(
        "dashboard/section_borough.html",
        {
            "borough": borough,
            "districts": list(borough.districts.order_by("name")),
            "positions": position_totals(positions_for(user).filter(borough=borough)),
            "money": money_figures(user, borough=borough),
            "partners": list(team.members.order_by("name")) if team else [],
            "team": team,
        },
    )


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
