"""The figures on the start pages of city steering, borough coordinators and finance (the
dashboard composes them; nothing here is about persons)."""

from __future__ import annotations

from django.db.models import Count

from teilhabe.finance.selectors import council_decisions_for, positions_for
from teilhabe.geography.models import Borough, District
from teilhabe.steering.money import money_figures, position_totals


def city_start_figures(user) -> dict:
    boroughs = list(
        Borough.objects.defer("geometry")
        .annotate(
            district_count=Count("districts", distinct=True),
            position_count=Count("positions", distinct=True),
        )
        .order_by("number")
    )
    return {
        "decisions": list(council_decisions_for(user)),
        "borough_count": len(boroughs),
        "district_count": District.objects.count(),
        "positions": position_totals(positions_for(user)),
        "boroughs": boroughs,
        "money": money_figures(user),
    }


def finance_start_figures(user) -> dict:
    return {
        "decisions": list(council_decisions_for(user)),
        "positions": position_totals(positions_for(user)),
        "money": money_figures(user),
    }


def borough_start_figures(user, borough_id: int | None) -> dict | None:
    borough = (
        Borough.objects.filter(pk=borough_id)
        .select_related("municipality", "competence_team")
        .first()
    )
    if borough is None:
        return None
    team = getattr(borough, "competence_team", None)
    return {
        "borough": borough,
        "districts": list(borough.districts.defer("geometry").order_by("name")),
        "positions": position_totals(positions_for(user).filter(borough=borough)),
        "money": money_figures(user, borough=borough),
        "partners": list(team.members.order_by("name")) if team else [],
        "team": team,
    }
