"""Fair allocation: optimal, within every hard constraint, explained in German."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import numpy as np
import pytest
from django.utils import translation

from teilhabe.referrals.allocation import (
    AllocationPolicy,
    OfferPlaces,
    PolicyError,
    Seeker,
    allocate,
    allocate_greedy,
    check_hard_constraints,
    distance_km,
    load_policies,
    points,
)

TODAY = date(2026, 11, 26)
ESSEN = (7.0116, 51.4556)
POLICY = AllocationPolicy(
    urgency={"Jobcenter-Auflage": 90, "Alleinerziehend": 60}, max_distance_km=15.0
)


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def seeker(key, days=10, offers=("a",), **kw):
    return Seeker(
        key=key,
        label=f"Anfrage {key}",
        waiting_since=TODAY - timedelta(days=days),
        offers=tuple(offers),
        **kw,
    )


def offer(key, places=1, **kw):
    return OfferPlaces(key=key, title=f"Kurs {key}", free_places=places, **kw)


def test_the_default_policies_load_and_are_valid():
    policies = load_policies()
    assert "standard" in policies
    assert policies["standard"].urgency["Schulpflicht ohne Schulplatz"] == 200


def test_a_policy_whose_base_does_not_outweigh_the_rest_is_refused():
    with pytest.raises(PolicyError, match="muss größer sein als alle übrigen Punkte"):
        AllocationPolicy(base=100, per_waiting_day=1, max_waiting_days=730)


def test_a_policy_with_negative_or_unknown_weights_is_refused():
    with pytest.raises(PolicyError, match="ganze Zahl ≥ 0"):
        AllocationPolicy(per_km=-1)
    with pytest.raises(PolicyError, match="unbekannte Angabe"):
        AllocationPolicy.from_mapping("x", {"gewicht": 3})


def test_the_longer_waiting_person_gets_the_last_place():
    result = allocate(
        [seeker("new", days=3), seeker("old", days=300)], [offer("a")], policy=POLICY, today=TODAY
    )
    assert [a.seeker.key for a in result.assignments] == ["old"]
    (who, why) = result.unassigned[0]
    assert who.key == "new"
    assert "höherem Vorrang" in why and not any(c.isdigit() for c in why)


def test_the_optimum_places_more_people_than_first_come_first_served():
    # "x" could take a or b; "y" only a. Greedy gives a to x (more points) and leaves y out.
    seekers = [seeker("x", days=400, offers=("a", "b")), seeker("y", days=5, offers=("a",))]
    offers = [offer("a"), offer("b")]
    greedy = allocate_greedy(seekers, offers, policy=POLICY, today=TODAY)
    best = allocate(seekers, offers, policy=POLICY, today=TODAY)
    assert len(best.assignments) == 2
    assert best.objective >= greedy.objective
    assert {(a.seeker.key, a.offer.key) for a in best.assignments} == {("x", "b"), ("y", "a")}


def test_women_only_childcare_and_age_are_hard_constraints():
    offers = [offer("frauen", women_only=True, childcare=True, min_age=18, places=5)]
    seekers = [
        seeker("mann", offers=("frauen",), is_woman=False, age=30),
        seeker("frau", offers=("frauen",), is_woman=True, age=30, needs_childcare=True),
        seeker("jung", offers=("frauen",), is_woman=True, age=16),
    ]
    result = allocate(seekers, offers, policy=POLICY, today=TODAY)
    assert [a.seeker.key for a in result.assignments] == ["frau"]
    reasons = {s.key: why for s, why in result.unassigned}
    assert "nur für Frauen" in reasons["mann"]
    assert "jünger als 18" in reasons["jung"]


def test_offers_beyond_the_maximum_distance_are_not_proposed():
    far = (6.7735, 51.2277)  # Düsseldorf
    result = allocate(
        [seeker("p", point=ESSEN)], [offer("a", point=far)], policy=POLICY, today=TODAY
    )
    assert result.assignments == []
    assert "km entfernt (mehr als 15,0 km)" in result.unassigned[0][1]


def test_every_person_gets_a_plain_german_explanation():
    result = allocate(
        [
            seeker(
                "p",
                days=42,
                urgency=frozenset({"Alleinerziehend"}),
                languages=frozenset({"ar"}),
                point=ESSEN,
            )
        ],
        [offer("a", languages=frozenset({"ar", "de"}), point=(7.03, 51.46))],
        policy=POLICY,
        today=TODAY,
    )
    text = result.explanation(result.assignments[0])
    assert text.startswith("Anfrage p erhält einen Platz in „Kurs a“.")
    assert "Dafür spricht: wartet seit 42 Tagen, dringend: Alleinerziehend, Angebot auf ar." in text
    assert "Dagegen: " in text and "km entfernt" in text
    assert not any(ch.isdigit() for ch in text.replace("42", "").split("Dagegen")[0])
    assert "Punkte" not in text and "(+" not in text


def test_distance_is_measured_on_the_sphere():
    assert distance_km(ESSEN, (6.7735, 51.2277)) == pytest.approx(30.6, abs=0.5)
    assert distance_km(ESSEN, None) is None


def _random_instance(rng: random.Random, n_seekers: int, n_offers: int):
    offers = [
        OfferPlaces(
            key=f"o{i}",
            title=f"Kurs {i}",
            free_places=rng.randint(0, 3),
            languages=frozenset(rng.sample(["de", "ar", "fa", "uk", "tr"], 2)),
            point=(7.0 + rng.random() * 0.1, 51.4 + rng.random() * 0.1),
            women_only=rng.random() < 0.2,
            childcare=rng.random() < 0.5,
            min_age=rng.choice([None, 16, 18]),
            max_age=rng.choice([None, 27, 99]),
        )
        for i in range(n_offers)
    ]
    seekers = [
        Seeker(
            key=f"s{i}",
            label=f"Anfrage {i}",
            waiting_since=TODAY - timedelta(days=rng.randint(0, 800)),
            offers=tuple(o.key for o in rng.sample(offers, rng.randint(1, min(4, n_offers)))),
            urgency=frozenset(
                rng.sample(["Jobcenter-Auflage", "Alleinerziehend"], rng.randint(0, 2))
            ),
            languages=frozenset(rng.sample(["ar", "fa", "uk", "tr", "ru"], 1)),
            point=(7.0 + rng.random() * 0.1, 51.4 + rng.random() * 0.1),
            is_woman=rng.random() < 0.5,
            age=rng.randint(14, 70),
            needs_childcare=rng.random() < 0.2,
        )
        for i in range(n_seekers)
    ]
    return seekers, offers


def _brute_force_optimum(seekers, offers, policy) -> int:
    """Try every assignment (tiny instances only)."""
    options = []
    by_key = {o.key: o for o in offers}
    from teilhabe.referrals.allocation import exclusions

    for s in seekers:
        choices = [None] + [k for k in s.offers if not exclusions(s, by_key[k], policy)]
        options.append(choices)
    best = 0
    for combo in itertools.product(*options):
        used: dict[str, int] = {}
        total = 0
        ok = True
        for s, k in zip(seekers, combo, strict=True):
            if k is None:
                continue
            used[k] = used.get(k, 0) + 1
            if used[k] > by_key[k].free_places:
                ok = False
                break
            total += points(s, by_key[k], policy, TODAY)
        if ok:
            best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_small_random_proposals_are_optimal_and_respect_every_hard_constraint(seed):
    rng = random.Random(seed)
    seekers, offers = _random_instance(rng, 7, 4)
    result = allocate(seekers, offers, policy=POLICY, today=TODAY)
    assert check_hard_constraints(result, offers) == []
    assert result.objective == _brute_force_optimum(seekers, offers, POLICY)
    greedy = allocate_greedy(seekers, offers, policy=POLICY, today=TODAY)
    assert check_hard_constraints(greedy, offers) == []
    assert greedy.objective <= result.objective
    assert len(result.assignments) + len(result.unassigned) == len(seekers)


def test_a_larger_proposal_matches_an_independent_linear_programming_solver():
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, vstack

    from teilhabe.referrals.allocation import _candidates

    rng = random.Random(99)
    seekers, offers = _random_instance(rng, 600, 120)
    result = allocate(seekers, offers, policy=POLICY, today=TODAY)
    assert check_hard_constraints(result, offers) == []

    cand = _candidates(seekers, offers, POLICY, TODAY)
    e = len(cand.points)
    rows = coo_matrix((np.ones(e), (cand.seeker_index, np.arange(e))), shape=(len(seekers), e))
    cols = coo_matrix((np.ones(e), (cand.offer_index, np.arange(e))), shape=(len(offers), e))
    caps = np.array([o.free_places for o in offers], dtype=float)
    lp = linprog(
        -np.array(cand.points, dtype=float),
        A_ub=vstack([rows, cols]).tocsr(),
        b_ub=np.concatenate([np.ones(len(seekers)), caps]),
        bounds=(0, 1),
        method="highs",
    )
    assert lp.status == 0
    assert result.objective == round(-lp.fun)


def test_nobody_is_placed_without_free_places():
    result = allocate([seeker("p")], [offer("a", places=0)], policy=POLICY, today=TODAY)
    assert result.assignments == []
    assert "kein freier Platz" in result.unassigned[0][1]
