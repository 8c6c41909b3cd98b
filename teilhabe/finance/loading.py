"""Loading a scenario's money: fiscal years, budget lines and their decided changes, standard
costs, application rounds, position occupancies and demo projects (``finance*.toml`` of a
scenario folder). Demo projects walk through the real services; everything else is reference
data that a scenario defines."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from teilhabe.access import SYSTEM
from teilhabe.finance.models import (
    ApplicationRound,
    BudgetChange,
    BudgetLine,
    BudgetLineKind,
    CouncilDecision,
    DecisionAmount,
    FiscalYear,
    FundingSource,
    Occupancy,
    Position,
    Project,
    StandardCost,
)
from teilhabe.finance.services import (
    decision_letter_texts_save,
    position_commitment_sync,
    project_apply,
    project_close,
    project_commit,
    project_decide,
    project_pay,
    project_report,
)
from teilhabe.geography.models import District


@dataclass
class FinanceLoadResult:
    lines: int = 0
    occupancies: int = 0
    rounds: int = 0
    projects: int = 0


def finance_load(*, folder: Path, boroughs: dict, organisations: dict) -> FinanceLoadResult:
    """Load ``finance.toml`` and ``finance_occupancy.toml`` of a scenario folder (idempotent:
    the budget lines and their decided changes are replaced; commitments stay)."""
    result = FinanceLoadResult()
    path = folder / "finance.toml"
    if not path.exists():
        return result
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    years = {}
    for y in data.get("fiscal_years", []):
        years[y["year"]], _created = FiscalYear.objects.update_or_create(
            year=y["year"], defaults={"is_closed": y.get("closed", False)}
        )
    for c in data.get("standard_costs", []):
        StandardCost.objects.update_or_create(
            fiscal_year=years[c["year"]],
            pay_group=c["pay_group"],
            defaults={"annual_cost": Decimal(c["annual_cost"])},
        )
    sources = {s.key: s for s in FundingSource.objects.all()}
    decisions = {d.key: d for d in CouncilDecision.objects.prefetch_related("amounts")}

    def amount_of(decision_key: str, index: int) -> DecisionAmount:
        return sorted(decisions[decision_key].amounts.all(), key=lambda a: a.position)[index]

    specs = list(data.get("budget_lines", []))
    ib = data.get("integration_budgets")
    if ib:
        for number, borough in sorted(boroughs.items()):
            fmt = {"number": number, "roman": borough.roman or number}
            specs.append(
                {
                    "key": ib["key_pattern"].format(**fmt),
                    "year": ib["year"],
                    "kind": BudgetLineKind.INTEGRATION_BUDGET,
                    "name": ib["name_pattern"].format(**fmt),
                    "funding_source": ib["funding_source"],
                    "organisation": ib["organisation_pattern"].format(**fmt),
                    "borough": number,
                    "changes": [
                        {
                            "decision": ib["decision"],
                            "amount_index": ib["amount_index"],
                            "amount": ib["amount_per_borough"],
                            "date": ib["date"],
                        }
                    ],
                }
            )
    for spec in specs:
        line, _created = BudgetLine.objects.get_or_create(
            key=spec["key"],
            defaults={
                "fiscal_year": years[spec["year"]],
                "kind": spec["kind"],
                "name": spec["name"],
                "funding_source": sources[spec["funding_source"]],
            },
        )
        line.fiscal_year = years[spec["year"]]
        line.kind = spec["kind"]
        line.name = spec["name"]
        line.funding_source = sources[spec["funding_source"]]
        line.organisation = organisations.get(spec.get("organisation", ""))
        line.borough = boroughs.get(spec["borough"]) if spec.get("borough") else None
        line.planned = Decimal(spec.get("planned", "0.00"))
        line.save()
        line.changes.filter(decision_amount__isnull=False).delete()
        for ch in spec.get("changes", []):
            da = amount_of(ch["decision"], ch["amount_index"])
            BudgetChange.objects.create(
                line=line,
                decision_amount=da,
                kind=da.kind,
                amount=Decimal(ch["amount"]),
                changed_on=ch["date"],
                note=f"{da.decision.body}, {da.decision.decided_on:%d.%m.%Y}",
            )
        total = line.planned + sum((c.amount for c in line.changes.all()), Decimal("0.00"))
        BudgetLine.objects.filter(pk=line.pk).update(amount=total)
        for prefix in spec.get("positions", []):
            Position.objects.filter(key__startswith=prefix).update(budget_line=line)
        result.lines += 1
    for r in data.get("application_rounds", []):
        ApplicationRound.objects.update_or_create(
            key=r["key"],
            defaults={
                "fiscal_year": years[r["year"]],
                "name": r["name"],
                "deadline": r["deadline"],
            },
        )
        result.rounds += 1

    occ_path = folder / "finance_occupancy.toml"
    if occ_path.exists():
        occ = tomllib.loads(occ_path.read_text(encoding="utf-8"))
        positions = {p.key: p for p in Position.objects.all()}
        Occupancy.objects.filter(position__in=positions.values()).delete()
        Occupancy.objects.bulk_create(
            Occupancy(
                position=positions[o["position"]],
                holder=o["holder"],
                starts_on=o["starts_on"],
                ends_on=o.get("ends_on"),
            )
            for o in occ.get("occupancies", [])
        )
        result.occupancies = len(occ.get("occupancies", []))
        # Filled positions commit their standard costs (idempotent on a reload).
        for position in Position.objects.filter(budget_line__isnull=False).order_by("pk"):
            position_commitment_sync(user=SYSTEM, position=position)

    if data.get("decision_letter") and boroughs:
        municipality = next(iter(boroughs.values())).municipality
        decision_letter_texts_save(municipality=municipality, values=data["decision_letter"])

    projects_path = folder / "finance_projects.toml"
    if projects_path.exists():
        demo = tomllib.loads(projects_path.read_text(encoding="utf-8"))
        for spec in demo.get("projects", []):
            _demo_project(spec, boroughs=boroughs, organisations=organisations)
            result.projects += 1
    return result


def _demo_project(spec: dict, *, boroughs: dict, organisations: dict) -> None:
    """Walk a demo project through the real services up to its ``status`` (once)."""
    if Project.objects.filter(key=spec["key"]).exists():
        return
    borough = boroughs[spec["borough"]]
    project = project_apply(
        user=SYSTEM,
        organisation=organisations[spec["organisation"]],
        round=ApplicationRound.objects.get(key=spec["round"]),
        borough=borough,
        districts=District.objects.filter(borough=borough, name__in=spec.get("districts", [])),
        title=spec["title"],
        goals=spec["goals"],
        target_group=spec["target_group"],
        starts_on=spec["starts_on"],
        ends_on=spec["ends_on"],
        cost_plan=spec["cost_plan"],
        total_cost=Decimal(spec["total_cost"]),
        own_funds=Decimal(spec.get("own_funds", "0")),
        other_funds=Decimal(spec.get("other_funds", "0")),
        requested=Decimal(spec["requested"]),
        submitted_on=spec.get("submitted_on"),
    )
    Project.objects.filter(pk=project.pk).update(key=spec["key"])
    steps = spec.get("steps", {})
    if "decision" in steps:
        d = steps["decision"]
        project_decide(
            user=SYSTEM,
            project=project,
            approved_amount=Decimal(d["approved"]) if d.get("approved") else None,
            reason=d.get("reason", ""),
            decided_on=d["on"],
        )
    if "commitment" in steps:
        project_commit(user=SYSTEM, project=project, committed_on=steps["commitment"]["on"])
    for p in steps.get("payments", []):
        project_pay(user=SYSTEM, project=project, amount=Decimal(p["amount"]), booked_on=p["on"])
    if "report" in steps:
        r = steps["report"]
        project_report(
            user=SYSTEM,
            project=project,
            actual_cost=Decimal(r["actual_cost"]),
            participants=r["participants"],
            outcomes=r["outcomes"],
            reported_on=r["on"],
        )
    if "closed" in steps:
        project_close(user=SYSTEM, project=project, closed_on=steps["closed"]["on"])
