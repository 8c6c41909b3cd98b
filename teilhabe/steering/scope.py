"""What part of the city and which period a steering page covers, and who may see it."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.access import Action, can, visible
from teilhabe.geography.models import Borough, District


@dataclass
class Scope:
    """The boroughs a user may see, the borough/Stadtteil chosen, and the period."""

    boroughs: list[Borough]
    districts: list[District]  # Stadtteile of the chosen borough (or of all boroughs in scope)
    city: bool  # the whole city (steering) rather than the user's own borough(s)
    start: datetime.date
    end: datetime.date
    borough: Borough | None = None
    district: District | None = None
    errors: list[str] = field(default_factory=list)
    form: object = None
    _rollups: dict = field(default_factory=dict, repr=False)

    def rollup(self, name: str):
        """The state of a rollup (None: not built yet), read once per scope — the page's
        figures and its "as of" line ask for it."""
        from teilhabe.steering import rollups

        if name not in self._rollups:
            self._rollups[name] = rollups.state(name)
        return self._rollups[name]

    @property
    def borough_ids(self) -> set[int]:
        if self.borough is not None:
            return {self.borough.pk}
        return {b.pk for b in self.boroughs}

    @property
    def district_ids(self) -> set[int]:
        if self.district is not None:
            return {self.district.pk}
        return {d.pk for d in self.districts}

    @property
    def whole_city(self) -> bool:
        return self.city and self.borough is None and self.district is None

    @property
    def label(self) -> str:
        if self.district is not None:
            return _("Stadtteil %(name)s") % {"name": self.district.name}
        if self.borough is not None:
            return str(self.borough)
        return _("whole city") if self.city else ", ".join(str(b) for b in self.boroughs)

    def query(self, **extra) -> str:
        """The filter as a query string (for links and downloads)."""
        from urllib.parse import urlencode

        params = {"von": self.start.isoformat(), "bis": self.end.isoformat()}
        if self.borough is not None:
            params["bezirk"] = str(self.borough.code)
        if self.district is not None:
            params["stadtteil"] = str(self.district.code)
        params.update({k: v for k, v in extra.items() if v is not None})
        return urlencode(params)


def default_period(
    today: datetime.date | None = None, *, months: int = 12
) -> tuple[datetime.date, datetime.date]:
    """``months`` months: from the first day of the month ``months - 1`` ago up to today."""
    today = today or timezone.localdate()
    months = today.year * 12 + today.month - 1 - (months - 1)
    return datetime.date(months // 12, months % 12 + 1, 1), today


# What pages, forms and links read of a Stadtteil and its Bezirk (``str(borough)`` is its
# number and name): only these are loaded — 50 Stadtteile and their Bezirke on every page.
_AREA_FIELDS = (
    "code",
    "name",
    "borough_id",
    "borough__code",
    "borough__name",
    "borough__number",
    "borough__roman",
)


def scope_for(user, params=None, *, months: int = 12) -> Scope:
    """The scope a request asks for (``bezirk``, ``stadtteil``, ``von``, ``bis``), limited to
    what the user may see: 404 for a borough or Stadtteil outside it. Invalid input keeps the
    default period and puts the bound form with its errors on the scope."""
    from teilhabe.steering.forms import FilterForm

    params = params or {}
    city = can(user, Action.VIEW_CITY_FIGURES)
    # One query: the Stadtteile of the Bezirke the user may see, with their Bezirk. (Figures
    # are counted per Stadtteil: a Bezirk without Stadtteile would have none to show.)
    all_districts = list(
        District.objects.only(*_AREA_FIELDS)
        .select_related("borough")
        .filter(borough__in=visible(user, Action.VIEW_BOROUGH_FIGURES, Borough.objects.all()))
        .order_by("borough__number", "name")
    )
    by_pk: dict[int, Borough] = {}
    for d in all_districts:  # one object per Bezirk, shared by its Stadtteile
        District.borough.field.set_cached_value(d, by_pk.setdefault(d.borough_id, d.borough))
    boroughs = list(by_pk.values())  # in the order of their numbers
    borough = district = None
    if params.get("stadtteil"):  # a Stadtteil outside the user's Bezirke is "not found"
        district = _one(all_districts, params["stadtteil"])
        borough = by_pk[district.borough_id]
    elif params.get("bezirk"):
        borough = _one(boroughs, params["bezirk"])
    in_scope = [borough] if borough is not None else boroughs
    in_scope_ids = {b.pk for b in in_scope}
    districts = [d for d in all_districts if d.borough_id in in_scope_ids]
    start, end = default_period(months=months)
    form = FilterForm(
        {k: params.get(k, "") for k in ("von", "bis", "bezirk", "stadtteil")} if params else None,
        boroughs=boroughs,
        districts=districts if borough is not None else all_districts,
        city=city,
        initial={"von": start, "bis": end},
    )
    errors = []
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["von"] or start
        end = form.cleaned_data["bis"] or end
        if end < start:
            start, end = default_period(months=months)
    elif form.is_bound:
        errors = [e for field in form.errors.values() for e in field]
    return Scope(
        boroughs=boroughs,
        districts=districts,
        city=city,
        start=start,
        end=end,
        borough=borough,
        district=district,
        errors=errors,
        form=form,
    )


def _one(areas: list, code: str):
    """The area with this code among those the user may see, else 404."""
    try:
        wanted = uuid.UUID(code)
    except ValueError as exc:
        raise Http404 from exc
    for area in areas:
        if area.code == wanted:
            return area
    raise Http404
