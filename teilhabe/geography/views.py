from django.shortcuts import render

from teilhabe.access import Action, can, get_for_user, require
from teilhabe.finance.selectors import positions_for
from teilhabe.geography.models import Borough, District
from teilhabe.geography.selectors import boroughs_for, district_map
from teilhabe.steering.money import position_totals


@require(Action.VIEW_GEOGRAPHY)
def overview(request):
    boroughs = list(boroughs_for(request.user).select_related("municipality"))
    districts = list(
        District.objects.filter(borough__in=boroughs).select_related("borough").order_by("name")
    )
    return render(
        request,
        "geography/overview.html",
        {"boroughs": boroughs, "districts": districts, "map": district_map(districts)},
    )


@require(Action.VIEW_GEOGRAPHY)
def borough(request, code):
    obj = get_for_user(
        request.user,
        Borough.objects.select_related("municipality"),
        action=Action.VIEW_GEOGRAPHY,
        code=code,
    )
    all_districts = list(District.objects.filter(borough__municipality=obj.municipality))
    districts = sorted((d for d in all_districts if d.borough_id == obj.pk), key=lambda d: d.name)
    team = getattr(obj, "competence_team", None)  # reverse one-to-one: None when missing
    show_positions = can(request.user, Action.VIEW_POSITIONS)
    return render(
        request,
        "geography/borough.html",
        {
            "borough": obj,
            "districts": districts,
            "map": district_map(all_districts, highlight={obj.pk}),
            "team": team,
            "partners": list(team.members.order_by("name")) if team else [],
            "organisations": list(obj.organisations.order_by("name")),
            "positions": position_totals(positions_for(request.user).filter(borough=obj))
            if show_positions
            else None,
            "show_positions": show_positions,
        },
    )
