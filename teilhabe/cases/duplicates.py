"""Likely duplicates of a person, shown before a new person is created.

Candidates come from indexed keys (consonant skeletons of family and first given name, see
:mod:`teilhabe.cases.names`), with family and given name also tried swapped; each candidate
is scored on names (known spellings included) and the date of birth, where a partial date
matches what it states and a swapped day/month counts almost as a match. Only persons the
user may see are searched — a duplicate in another organisation stays invisible.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Q, QuerySet

from teilhabe.cases.models import Person
from teilhabe.cases.names import first_name, name_key, search_text

THRESHOLD = 0.75


@dataclass
class Candidate:
    person: Person
    score: float
    reasons: list[str]


def _birth_score(a: tuple, b: tuple) -> tuple[float, str]:
    (ay, am, ad), (by, bm, bd) = a, b
    if not ay or not by:
        return 0.5, ""
    if ay != by:
        return (0.25, "year ±1") if abs(ay - by) == 1 and am and am == bm and ad == bd else (0, "")
    if not (am and bm):
        return 0.8, "year"
    if am == bm and (not ad or not bd or ad == bd):
        return 1.0, "date"
    if ad and bd and am == bd and ad == bm:
        return 0.9, "day/month swapped"
    return 0.3, "year"


def _part(a_text: str, a_key: str, b_text: str, b_key: str) -> float:
    """1.0 for equal skeletons (a one-letter skeleton — "Ali", "Layla" — only with similar
    spelling); otherwise the similarity of the written forms, rescaled so that unrelated
    names (which still share half their letters) score near 0 and close spellings about 0.6."""
    if a_text == b_text:
        return 1.0
    ratio = SequenceMatcher(None, a_text, b_text).ratio()
    if a_key and a_key == b_key and (len(a_key) >= 2 or ratio >= 0.6):
        return 1.0
    return max(0.0, (ratio - 0.5) / 0.5)


@dataclass(frozen=True)
class _Query:
    """The entered names, normalised once per check."""

    fam_t: str
    giv_t: str
    fam_first: str
    fk: str
    gk: str
    fk_first: str

    @classmethod
    def of(cls, given: str, family: str) -> _Query:
        giv_t, fam_first = first_name(given), first_name(family)
        return cls(
            search_text(family),
            giv_t,
            fam_first,
            name_key(family),
            name_key(giv_t),
            name_key(fam_first),
        )


def _name_score(q: _Query, person: Person) -> float:
    """Family name weighs 0.6, first given name 0.4; family and given name may be swapped;
    known spellings of the person count as well."""
    p_fam, p_giv = search_text(person.family_name), first_name(person.given_names)
    straight = 0.6 * _part(q.fam_t, q.fk, p_fam, person.family_key) + 0.4 * _part(
        q.giv_t, q.gk, p_giv, person.given_key
    )
    swapped = 0.6 * _part(q.giv_t, q.gk, p_fam, person.family_key) + 0.4 * _part(
        q.fam_first, q.fk_first, p_giv, person.given_key
    )
    best = max(straight, swapped)
    wanted = f"{q.giv_t} {q.fam_t}"
    for spelling in person.spellings:
        best = max(best, SequenceMatcher(None, wanted, search_text(spelling)).ratio())
    return best


def find_duplicates(
    persons: QuerySet[Person],
    *,
    family_name: str,
    given_names: str,
    birth_year: int | None = None,
    birth_month: int | None = None,
    birth_day: int | None = None,
    limit: int = 5,
) -> list[Candidate]:
    """Up to ``limit`` likely duplicates among ``persons`` (already limited to what the user
    may see), best first."""
    query = _Query.of(given_names, family_name)
    fk, gk = query.fk, query.gk
    fk_first = query.fk_first  # family and given name swapped on the form
    if not fk and not gk:
        return []
    # Exact skeleton matches (also swapped), or one name plus the year of birth.
    q = Q(family_key=fk, given_key=gk) | Q(family_key=gk, given_key=fk_first)
    if birth_year:
        years = [birth_year - 1, birth_year, birth_year + 1]
        q |= Q(family_key=fk, birth_year__in=years) | Q(given_key=gk, birth_year=birth_year)
        q |= Q(family_key=gk, birth_year=birth_year) | Q(given_key=fk_first, birth_year=birth_year)
    rows = list(
        persons.filter(q, merged_into__isnull=True, anonymised_at__isnull=True)
        .select_related("household")
        .only(
            "code",
            "family_name",
            "given_names",
            "other_spellings",
            "birth_year",
            "birth_month",
            "birth_day",
            "family_key",
            "given_key",
            "household__name",
            "household__code",
        )[:400]
    )
    found = []
    for p in rows:
        birth, why = _birth_score(
            (birth_year, birth_month, birth_day), (p.birth_year, p.birth_month, p.birth_day)
        )
        if 0.6 + 0.4 * birth < THRESHOLD:
            continue  # even identical names would not make it a likely duplicate
        score = 0.6 * _name_score(query, p) + 0.4 * birth
        if score >= THRESHOLD:
            reasons = ["name"] + ([why] if why else [])
            found.append(Candidate(p, round(score, 3), reasons))
    found.sort(key=lambda c: -c.score)
    return found[:limit]
