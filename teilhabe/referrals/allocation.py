"""Fair allocation of scarce places: who gets the free places of many offers at once.

Every waiting request (a person or household on the waiting list of one or more offers) gets
points for each offer it may take: a base for getting a place at all, points per day of
waiting, points for urgency flags, points when the offer speaks one of the person's languages,
minus points per kilometre of distance. Hard constraints (women-only offers, childcare, age
range, maximum distance, free places) exclude a pairing entirely.

The proposal maximises the sum of points over all places at once — an optimal assignment
computed as a min-cost flow (Google OR-Tools), not first come, first served. Because the base
outweighs every other part, the proposal first places as many people as possible and only
then weighs who. Each person gets a plain-German explanation of the points; a human confirms.

The weights are data (:class:`AllocationPolicy`, defaults in ``data/policies.toml``),
documented in ``docs/allocation.md``. This module is pure: it reads no database and writes
nothing, so services can run it inside a transaction with the places locked.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

POLICIES_FILE = Path(__file__).resolve().parent / "data" / "policies.toml"

Point = tuple[float, float]  # (longitude, latitude) in WGS 84


class PolicyError(ValueError):
    """A policy's weights are not usable; the message says why (German)."""


@dataclass(frozen=True)
class AllocationPolicy:
    """The weights of an allocation, as data. All points are whole numbers."""

    key: str = "standard"
    name: str = "Standard"
    base: int = 100_000
    per_waiting_day: int = 1
    max_waiting_days: int = 730
    urgency: Mapping[str, int] = field(default_factory=dict)
    language_fit: int = 30
    per_km: int = 5
    max_distance_km: float | None = 15.0

    def __post_init__(self) -> None:
        problems = []
        for name in ("base", "per_waiting_day", "max_waiting_days", "language_fit", "per_km"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problems.append(f"„{name}“ muss eine ganze Zahl ≥ 0 sein (ist {value!r}).")
        for flag, points in self.urgency.items():
            if not isinstance(points, int) or isinstance(points, bool) or points < 0:
                problems.append(f"Dringlichkeit „{flag}“ muss eine ganze Zahl ≥ 0 sein.")
        if self.max_distance_km is not None and not self.max_distance_km > 0:
            problems.append("„max_distance_km“ muss größer als 0 sein oder fehlen.")
        if not problems:
            best_rest = (
                self.per_waiting_day * self.max_waiting_days
                + sum(self.urgency.values())
                + self.language_fit
            )
            if self.base <= best_rest:
                problems.append(
                    f"„base“ ({self.base}) muss größer sein als alle übrigen Punkte zusammen "
                    f"({best_rest}), sonst bliebe ein Platz frei, um jemanden zu bevorzugen."
                )
        if problems:
            raise PolicyError(f"Richtlinie „{self.key}“: " + " ".join(problems))

    @classmethod
    def from_mapping(cls, key: str, data: Mapping) -> AllocationPolicy:
        known = {
            "name",
            "base",
            "per_waiting_day",
            "max_waiting_days",
            "urgency",
            "language_fit",
            "per_km",
            "max_distance_km",
        }
        unknown = set(data) - known
        if unknown:
            raise PolicyError(
                f"Richtlinie „{key}“: unbekannte Angabe(n) {', '.join(sorted(unknown))}."
            )
        values = dict(data)
        values["urgency"] = dict(values.get("urgency", {}))
        return cls(key=key, **values)


def load_policies(path: Path = POLICIES_FILE) -> dict[str, AllocationPolicy]:
    """The policies of a TOML file (``[policies.<key>]`` tables)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        key: AllocationPolicy.from_mapping(key, table)
        for key, table in data.get("policies", {}).items()
    }


@dataclass(frozen=True)
class Seeker:
    """A waiting request: one person (or household) waiting for a place in one of ``offers``."""

    key: Hashable
    label: str
    waiting_since: date
    offers: tuple[Hashable, ...]
    urgency: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    point: Point | None = None
    is_woman: bool = False
    age: int | None = None
    needs_childcare: bool = False


@dataclass(frozen=True)
class OfferPlaces:
    """An offer with its free places and the facts the hard constraints and points look at."""

    key: Hashable
    title: str
    free_places: int
    languages: frozenset[str] = frozenset()
    point: Point | None = None
    women_only: bool = False
    childcare: bool = False
    min_age: int | None = None
    max_age: int | None = None


def distance_km(a: Point | None, b: Point | None) -> float | None:
    """Great-circle distance in km (haversine); None when a point is unknown."""
    if a is None or b is None:
        return None
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def exclusions(seeker: Seeker, offer: OfferPlaces, policy: AllocationPolicy) -> list[str]:
    """Why ``seeker`` cannot take a place in ``offer`` (German); empty when eligible."""
    reasons = []
    if offer.free_places <= 0:
        reasons.append(_("no free place"))
    if offer.women_only and not seeker.is_woman:
        reasons.append(_("offer for women only"))
    if seeker.needs_childcare and not offer.childcare:
        reasons.append(_("no childcare"))
    if seeker.age is not None:
        if offer.min_age is not None and seeker.age < offer.min_age:
            reasons.append(_("younger than %(age)d") % {"age": offer.min_age})
        if offer.max_age is not None and seeker.age > offer.max_age:
            reasons.append(_("older than %(age)d") % {"age": offer.max_age})
    km = distance_km(seeker.point, offer.point)
    if policy.max_distance_km is not None and km is not None and km > policy.max_distance_km:
        reasons.append(
            _("%(km)s km away (more than %(max)s km)")
            % {"km": _km(km), "max": _km(policy.max_distance_km)}
        )
    return reasons


def _km(value: float) -> str:
    return number_format(round(value, 1), 1)


def _waiting_days(seeker: Seeker, today: date, policy: AllocationPolicy) -> int:
    return max(0, min((today - seeker.waiting_since).days, policy.max_waiting_days))


def points(seeker: Seeker, offer: OfferPlaces, policy: AllocationPolicy, today: date) -> int:
    """The points of one pairing (assumes it is eligible). Fast path of :func:`point_parts`."""
    total = policy.base + policy.per_waiting_day * _waiting_days(seeker, today, policy)
    for flag in seeker.urgency:
        total += policy.urgency.get(flag, 0)
    if seeker.languages & offer.languages:
        total += policy.language_fit
    km = distance_km(seeker.point, offer.point)
    if km is not None:
        total -= round(policy.per_km * km)
    return total


def point_parts(
    seeker: Seeker, offer: OfferPlaces, policy: AllocationPolicy, today: date
) -> list[tuple[str, int]]:
    """The points of one pairing, part by part, with a German label each."""
    parts = [(_("place at all"), policy.base)]
    days = _waiting_days(seeker, today, policy)
    if policy.per_waiting_day and days:
        label = ngettext("waiting for %(days)d day", "waiting for %(days)d days", days)
        parts.append((label % {"days": days}, policy.per_waiting_day * days))
    for flag in sorted(seeker.urgency):
        if policy.urgency.get(flag):
            parts.append((_("urgent: %(flag)s") % {"flag": flag}, policy.urgency[flag]))
    shared = sorted(seeker.languages & offer.languages)
    if shared and policy.language_fit:
        parts.append(
            (
                _("offer speaks %(languages)s") % {"languages": ", ".join(shared)},
                policy.language_fit,
            )
        )
    km = distance_km(seeker.point, offer.point)
    if km is not None and policy.per_km:
        parts.append((_("%(km)s km away") % {"km": _km(km)}, -round(policy.per_km * km)))
    return parts


@dataclass(frozen=True)
class Assignment:
    seeker: Seeker
    offer: OfferPlaces
    points: int


@dataclass
class Allocation:
    """A proposal: who gets which place, who does not and why, and the total points."""

    assignments: list[Assignment]
    unassigned: list[tuple[Seeker, str]]
    objective: int
    policy: AllocationPolicy
    today: date

    def explanation(self, assignment: Assignment) -> str:
        """Why this pairing, in words: what speaks for it and what against it (no points)."""
        parts = point_parts(assignment.seeker, assignment.offer, self.policy, self.today)[1:]
        plus = [label for label, value in parts if value > 0]
        minus = [label for label, value in parts if value < 0]
        text = _("%(who)s gets a place in “%(offer)s”.") % {
            "who": assignment.seeker.label,
            "offer": assignment.offer.title,
        }
        if plus:
            text += " " + _("In favour: %(reasons)s.") % {"reasons": ", ".join(plus)}
        if minus:
            text += " " + _("Against: %(reasons)s.") % {"reasons": ", ".join(minus)}
        return text

    def by_offer(self) -> dict[Hashable, list[Assignment]]:
        result: dict[Hashable, list[Assignment]] = {}
        for a in self.assignments:
            result.setdefault(a.offer.key, []).append(a)
        return result


@dataclass
class _Candidates:
    """Eligible pairings as parallel arrays, plus why each seeker has none."""

    seeker_index: list[int]
    offer_index: list[int]
    points: list[int]
    no_option: dict[int, str]
    # For each seeker, the positions of its pairings in the arrays above.
    by_seeker: dict[int, list[int]] = field(default_factory=dict)


def _candidates(
    seekers: Sequence[Seeker],
    offers: Sequence[OfferPlaces],
    policy: AllocationPolicy,
    today: date,
) -> _Candidates:
    position = {o.key: i for i, o in enumerate(offers)}
    s_idx: list[int] = []
    o_idx: list[int] = []
    pts: list[int] = []
    no_option: dict[int, str] = {}
    by_seeker: dict[int, list[int]] = {}
    max_km = policy.max_distance_km
    for si, seeker in enumerate(seekers):
        # The parts that do not depend on the offer, once per seeker (this loop is the hot path).
        own = policy.base + policy.per_waiting_day * _waiting_days(seeker, today, policy)
        for flag in seeker.urgency:
            own += policy.urgency.get(flag, 0)
        refused: list[OfferPlaces] = []
        mine: list[int] = []
        for key in seeker.offers:
            oi = position.get(key)
            if oi is None:
                continue
            offer = offers[oi]
            km = distance_km(seeker.point, offer.point)
            if (
                offer.free_places <= 0
                or (offer.women_only and not seeker.is_woman)
                or (seeker.needs_childcare and not offer.childcare)
                or (
                    seeker.age is not None
                    and (
                        (offer.min_age is not None and seeker.age < offer.min_age)
                        or (offer.max_age is not None and seeker.age > offer.max_age)
                    )
                )
                or (max_km is not None and km is not None and km > max_km)
            ):
                refused.append(offer)
                continue
            total = own
            if seeker.languages & offer.languages:
                total += policy.language_fit
            if km is not None:
                total -= round(policy.per_km * km)
            mine.append(len(pts))
            s_idx.append(si)
            o_idx.append(oi)
            pts.append(total)
        if mine:
            by_seeker[si] = mine
        else:
            reasons = [f"{o.title}: {', '.join(exclusions(seeker, o, policy))}" for o in refused]
            no_option[si] = (
                _("No suitable offer — %(reasons)s.") % {"reasons": "; ".join(reasons)}
                if reasons
                else _("None of the requested offers is open for allocation.")
            )
    return _Candidates(s_idx, o_idx, pts, no_option, by_seeker)


def _unassigned_reason(
    si: int, cand: _Candidates, taken_points: dict[int, int], offers: Sequence[OfferPlaces]
) -> str:
    if si in cand.no_option:
        return cand.no_option[si]
    own = cand.by_seeker[si]
    return ngettext(
        "The place of the suitable offer went to a request with higher priority "
        "(waiting longer, more urgent, fitting language or living closer).",
        "The places of the %(n)d suitable offers went to requests with higher priority "
        "(waiting longer, more urgent, fitting language or living closer).",
        len(own),
    ) % {"n": len(own)}


def allocate(
    seekers: Sequence[Seeker],
    offers: Sequence[OfferPlaces],
    *,
    policy: AllocationPolicy,
    today: date,
) -> Allocation:
    """The optimal proposal: the maximum total of points over all places (min-cost flow)."""
    from ortools.graph.python import min_cost_flow

    cand = _candidates(seekers, offers, policy, today)
    n_s, n_o, n_e = len(seekers), len(offers), len(cand.points)
    assignments: list[Assignment] = []
    chosen: dict[int, int] = {}
    if n_e:
        source, sink = n_s + n_o, n_s + n_o + 1
        s_arr = np.asarray(cand.seeker_index, dtype=np.int32)
        o_arr = np.asarray(cand.offer_index, dtype=np.int32)
        pts = np.asarray(cand.points, dtype=np.int64)
        caps = np.asarray([max(0, o.free_places) for o in offers], dtype=np.int64)
        # source → seeker (1), seeker → offer (1, cost −points), offer → sink (free places),
        # source → sink (leaving people without a place costs nothing).
        tails = np.concatenate(
            [np.full(n_s, source), s_arr, n_s + np.arange(n_o), [source]]
        ).astype(np.int32)
        heads = np.concatenate([np.arange(n_s), n_s + o_arr, np.full(n_o, sink), [sink]]).astype(
            np.int32
        )
        capacities = np.concatenate([np.ones(n_s, np.int64), np.ones(n_e, np.int64), caps, [n_s]])
        costs = np.concatenate([np.zeros(n_s, np.int64), -pts, np.zeros(n_o, np.int64), [0]])
        flow = min_cost_flow.SimpleMinCostFlow()
        arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
        supplies = np.zeros(n_s + n_o + 2, dtype=np.int64)
        supplies[source], supplies[sink] = n_s, -n_s
        flow.set_nodes_supplies(np.arange(n_s + n_o + 2, dtype=np.int32), supplies)
        status = flow.solve()
        if status != flow.OPTIMAL:  # pragma: no cover - the network is always feasible
            raise RuntimeError(f"min-cost flow failed: {status}")
        used = flow.flows(arcs[n_s : n_s + n_e])
        for k in np.flatnonzero(used):
            si, oi = int(s_arr[k]), int(o_arr[k])
            chosen[si] = k
            assignments.append(Assignment(seekers[si], offers[oi], int(pts[k])))
    return _result(seekers, offers, cand, assignments, chosen, policy, today)


def allocate_greedy(
    seekers: Sequence[Seeker],
    offers: Sequence[OfferPlaces],
    *,
    policy: AllocationPolicy,
    today: date,
) -> Allocation:
    """The baseline a spreadsheet would do: best pairings first, each taken while places last."""
    cand = _candidates(seekers, offers, policy, today)
    left = [max(0, o.free_places) for o in offers]
    order = sorted(range(len(cand.points)), key=lambda k: -cand.points[k])
    assignments: list[Assignment] = []
    chosen: dict[int, int] = {}
    for k in order:
        si, oi = cand.seeker_index[k], cand.offer_index[k]
        if si in chosen or left[oi] == 0:
            continue
        left[oi] -= 1
        chosen[si] = k
        assignments.append(Assignment(seekers[si], offers[oi], cand.points[k]))
    return _result(seekers, offers, cand, assignments, chosen, policy, today)


def _result(seekers, offers, cand, assignments, chosen, policy, today) -> Allocation:
    taken_points: dict[int, int] = {}
    for k in chosen.values():
        oi = cand.offer_index[k]
        taken_points[oi] = min(taken_points.get(oi, cand.points[k]), cand.points[k])
    unassigned = [
        (seeker, _unassigned_reason(si, cand, taken_points, offers))
        for si, seeker in enumerate(seekers)
        if si not in chosen
    ]
    assignments.sort(key=lambda a: (str(a.offer.key), -a.points, str(a.seeker.key)))
    return Allocation(
        assignments=assignments,
        unassigned=unassigned,
        objective=sum(a.points for a in assignments),
        policy=policy,
        today=today,
    )


def check_hard_constraints(allocation: Allocation, offers: Iterable[OfferPlaces]) -> list[str]:
    """Every violated rule of a proposal (empty for a valid one); used by tests and services."""
    problems = []
    places = {o.key: o.free_places for o in offers}
    taken: dict[Hashable, int] = {}
    seen: set[Hashable] = set()
    for a in allocation.assignments:
        if a.seeker.key in seen:
            problems.append(f"{a.seeker.key} placed twice")
        seen.add(a.seeker.key)
        if a.offer.key not in a.seeker.offers:
            problems.append(f"{a.seeker.key} placed in {a.offer.key} without asking for it")
        taken[a.offer.key] = taken.get(a.offer.key, 0) + 1
        why = exclusions(a.seeker, a.offer, allocation.policy)
        if why:
            problems.append(f"{a.seeker.key} in {a.offer.key}: {why}")
    for key, count in taken.items():
        if count > places.get(key, 0):
            problems.append(f"{key}: {count} placed, {places.get(key, 0)} free")
    return problems
