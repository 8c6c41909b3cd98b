"""Loading a scenario (a city's default data) from a folder with ``scenario.toml``.

Idempotent: every record has a stable key, so a second run updates in place and creates
nothing twice. Everything happens in one transaction.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

from teilhabe.accounts.models import User
from teilhabe.finance.loading import finance_load
from teilhabe.finance.models import (
    CouncilDecision,
    DecisionAmount,
    FundingSource,
    Position,
)
from teilhabe.geography.models import Borough
from teilhabe.geography.services import geography_load
from teilhabe.organisations.models import CompetenceTeam, Membership, Organisation, Team
from teilhabe.scenario import scenario_folder


@dataclass
class ScenarioResult:
    municipality: str = ""
    boroughs: int = 0
    districts: int = 0
    organisations: int = 0
    positions: int = 0
    decisions: int = 0
    budget_lines: int = 0
    demo_users: list[tuple[str, str, str]] = field(default_factory=list)


def _upsert(model, key: str, **values):
    obj, _ = model.objects.update_or_create(key=key, defaults=values)
    return obj


@transaction.atomic
def scenario_load(
    *, folder: Path | None = None, demo_password: str | None = None
) -> ScenarioResult:
    """Load the scenario in ``folder`` (default: the ``SCENARIO`` setting). Demo users are
    created only with a ``demo_password``."""
    folder = folder or scenario_folder()
    data = tomllib.loads((folder / "scenario.toml").read_text(encoding="utf-8"))
    result = ScenarioResult()

    m = data["municipality"]
    geo = geography_load(
        municipality_name=m["name"],
        official_key=m.get("official_key", ""),
        state=m.get("state", ""),
        boroughs_file=folder / m["boroughs_file"],
        districts_file=folder / m["districts_file"],
    )
    result.boroughs, result.districts = geo.boroughs, geo.districts
    result.municipality = geo.municipality.name
    boroughs = {
        b.number: b
        for b in Borough.objects.filter(municipality=geo.municipality).prefetch_related("districts")
    }

    sources = {
        s["key"]: _upsert(
            FundingSource,
            s["key"],
            name=s["name"],
            kind=s["kind"],
            description=s.get("description", ""),
        )
        for s in data.get("funding_sources", [])
    }
    decisions: dict[str, CouncilDecision] = {}
    for d in data.get("council_decisions", []):
        decision = _upsert(
            CouncilDecision,
            d["key"],
            body=d["body"],
            decided_on=d["decided_on"],
            reference=d.get("reference", ""),
            title=d["title"],
            summary=d.get("summary", ""),
        )
        # Updated in place (budget changes refer to these amounts), surplus ones removed.
        amounts = d.get("amounts", [])
        for i, a in enumerate(amounts):
            DecisionAmount.objects.update_or_create(
                decision=decision,
                position=i,
                defaults={
                    "kind": a["kind"],
                    "purpose": a["purpose"],
                    "department": a.get("department", ""),
                    "amount": Decimal(a["amount"]),
                    "funding_source": sources[a["funding_source"]],
                },
            )
        decision.amounts.filter(position__gte=len(amounts)).delete()
        decisions[d["key"]] = decision
    result.decisions = len(decisions)

    orgs: dict[str, Organisation] = {}
    for o in data.get("organisations", []):
        org = _upsert(
            Organisation,
            o["key"],
            name=o["name"],
            short_name=o.get("short_name", ""),
            kind=o["kind"],
            parent=orgs.get(o["parent"]) if o.get("parent") else None,
            borough=boroughs[o["borough"]] if o.get("borough") else None,
            street=o.get("street", ""),
            postcode=o.get("postcode", ""),
            city=o.get("city", ""),
        )
        served = o.get("boroughs_served", [])
        org.districts.set([d for n in served for d in boroughs[n].districts.all()])
        orgs[o["key"]] = org

    offices = data.get("borough_offices")
    if offices:
        for number, borough in sorted(boroughs.items()):
            fmt = {"number": number, "roman": borough.roman or number, "borough": borough.name}
            org = _upsert(
                Organisation,
                offices["key_pattern"].format(**fmt),
                name=offices["name_pattern"].format(**fmt),
                short_name=offices["short_name_pattern"].format(**fmt),
                kind="borough_office",
                parent=orgs.get(offices.get("parent", "")),
                borough=borough,
                city=m["name"],
            )
            org.districts.set(borough.districts.all())
            orgs[org.key] = org
            teams = data.get("competence_teams")
            if teams:
                team, _ = CompetenceTeam.objects.update_or_create(
                    borough=borough, defaults={"name": teams["name_pattern"].format(**fmt)}
                )
                team.members.set([org, *(orgs[k] for k in teams["partners"])])
    result.organisations = len(orgs)

    keys: list[str] = []
    for g in data.get("position_groups", []):
        common = {
            "function": g["function"],
            "pay_group": g.get("pay_group", ""),
            "decision": decisions.get(g.get("decision", "")),
        }
        if "teams" in g:
            for i, t in enumerate(g["teams"], start=1):
                first = t["boroughs"][0]
                keys.append(f"{g['key']}-{i}")
                _upsert(
                    Position,
                    keys[-1],
                    title=g["title"].format(team=t["name"]),
                    organisation=orgs[g["organisation"].format(borough=first)],
                    borough=boroughs[first],
                    **common,
                )
        elif "boroughs" in g:
            for number in g["boroughs"]:
                for i in range(1, g.get("per_borough", 1) + 1):
                    keys.append(f"{g['key']}-{number}-{i}")
                    _upsert(
                        Position,
                        keys[-1],
                        title=f"{g['title']} ({boroughs[number].roman or number})",
                        organisation=orgs[g["organisation"]],
                        borough=boroughs[number],
                        **common,
                    )
        else:
            for i in range(1, g.get("count", 1) + 1):
                keys.append(f"{g['key']}-{i}")
                _upsert(
                    Position,
                    keys[-1],
                    title=g["title"],
                    organisation=orgs[g["organisation"]],
                    **common,
                )
    result.positions = len(keys)

    result.budget_lines = finance_load(folder=folder, boroughs=boroughs, organisations=orgs).lines

    if demo_password:
        # The demo users share the documented demo password: one (slow, Argon2) hash for all.
        hashed = None
        for u in data.get("demo_users", []):
            user = User.objects.filter(email__iexact=u["email"]).first()
            if user is None:
                hashed = hashed or make_password(demo_password)
                user = User.objects.create_user(u["email"], None, full_name=u["full_name"])
                user.password = hashed
                user.save(update_fields=["password"])
            org = orgs[u["organisation"]]
            team = None
            if u.get("team"):
                team, _ = Team.objects.get_or_create(organisation=org, name=u["team"])
            Membership.objects.update_or_create(
                user=user, organisation=org, role=u["role"], defaults={"team": team}
            )
            if u["role"] == "admin" and not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            result.demo_users.append((u["email"], u["role"], org.display_name))
    return result
