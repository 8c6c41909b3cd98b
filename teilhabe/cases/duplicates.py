"""Likely duplicates of a person, shown before a new person is created.

Two steps, as in record linkage:

1. **Candidates** (one indexed query, no cut that could drop the right person): persons whose
   stored keys fall into one of several *blocks* of the entered person — both name keys equal
   (in either order) within three years of the date of birth; the family name key with the
   year and day/month of birth (a typing error in the given name); the given name key with the
   full date of birth (a typing error in the family name, or a family name changed by
   marriage). Each block is an index range (see ``Person.Meta.indexes``).
2. **Ranking**: each candidate is scored on the names (equal keys, else the edit distance of
   the written names and of their keys: one letter dropped, doubled, swapped or replaced),
   the date of birth (partial dates, 1 January as the usual stand-in for an unknown date,
   day and month swapped, the year off by up to three) and, where both are known, phone and
   address as extra evidence. Candidates from ``THRESHOLD`` are shown, best first.

Only persons the user may see are searched — a duplicate in another organisation stays
invisible. docs/cases.md lists what is recognised and what is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from teilhabe.cases.models import Person
from teilhabe.cases.names import (
    MIN_GROUP_KEY,
    bare_name,
    first_name,
    listed_forms,
    name_frame,
    name_key,
    search_text,
)

THRESHOLD = 0.8
# Both names equal: the year of birth may be off by this much (an estimated year).
YEAR_WINDOW = 3
# Safety net against pathological blocks (thousands of persons with one name and no date):
# far above what a block holds (about 100 persons share a common full name among 1,000,000).
MAX_CANDIDATES = 2000
NAME_WEIGHT, BIRTH_WEIGHT = 0.6, 0.4
FAMILY_WEIGHT, GIVEN_WEIGHT = 0.6, 0.4
PHONE_BONUS = ADDRESS_BONUS = 0.15
# Same given names and full date of birth, another family name (marriage), and one more piece
# of evidence (phone, address, or at least two given names that all agree).
CHANGED_FAMILY_NAME_SCORE = 0.82


@dataclass
class Candidate:
    person: Person
    score: float
    reasons: list[str]


def _birth_score(a: tuple, b: tuple) -> tuple[float, str]:
    """How well two (year, month, day) agree: 1 for the same date, less for partial dates,
    swapped day and month or a year off by a little, 0 for different dates."""
    (ay, am, ad), (by, bm, bd) = a, b
    # 1 January is the usual stand-in for a date of which only the year is known.
    if (am, ad) == (1, 1) and (bm, bd) == (1, 1):
        if ay == by:
            return 0.85, "year (1 January)"
        am = ad = bm = bd = None
    elif (am, ad) == (1, 1):
        am = ad = None
    elif (bm, bd) == (1, 1):
        bm = bd = None
    if not ay or not by:
        if am and bm and ad and bd:  # the year unknown, day and month given
            if (am, ad) == (bm, bd):
                return 0.8, "day and month"
            if (am, ad) == (bd, bm):
                return 0.7, "day/month swapped"
            return 0.3, "year unknown"
        return 0.6, "date unknown"
    same_day = bool(am and bm and am == bm and (not ad or not bd or ad == bd))
    if ay == by:
        if not (am and bm):
            return 0.8, "year"
        if same_day:
            return 1.0, "date"
        if ad and bd and am == bd and ad == bm:
            return 0.9, "day/month swapped"
        return 0.3, "year"
    off = abs(ay - by)
    if off <= YEAR_WINDOW and same_day:
        return (0.65 if off == 1 else 0.6), f"year ±{off}"
    return 0.0, ""


def _edits(a: str, b: str, *, one: int, two: int) -> float:
    """0.85 for one edit (a letter dropped, doubled, swapped with its neighbour or replaced)
    between names of at least ``one`` letters, 0.6 for two edits between names of at least
    ``two`` letters, else 0."""
    if not a or not b:
        return 0.0
    distance = OSA.distance(a, b, score_cutoff=2)
    shorter = min(len(a), len(b))
    if distance <= 1 and shorter >= one:
        return 0.85
    if distance <= 2 and shorter >= two:
        return 0.6
    return 0.0


def _part(
    a_text: str, a_key: str, b_text: str, b_key: str, *, short: int = 4, frame: float = 0.45
) -> float:
    """How well one name part agrees (0–1), on the bare written forms (letters, no articles).

    Equal keys: 1.0 if the frames (consonants with the places of vowels, see
    ``names.name_frame``) are at most one edit apart, or both are forms listed for the key in
    the table of equivalent names (Pavlo / Paul), 0.85 at two edits, 0.6 beyond (different
    names that share a skeleton: "Wunkiki" / "Ivanenko"); a key of one letter ("Ali",
    "Layla") counts only with similar spelling. Otherwise typing errors: one edit in the
    written form (names of four letters or more) 0.85 — also against each listed form of the
    other name (Pavel → "Oavel") — two edits in long names 0.6, one edit in the frame (names
    of ``short`` letters or more) ``frame`` (another transliteration with a typing error in
    it; weak evidence: random names of a million persons are often one frame edit apart, so
    it counts only together with a full date of birth); else a rescaled overall similarity
    that leaves unrelated names near 0."""
    if a_text == b_text:
        return 1.0
    a_frame, b_frame = name_frame(a_text), name_frame(b_text)
    best = 0.0
    if a_key and a_key == b_key and (len(a_key) >= 2 or ratio(a_text, b_text) >= 60):
        listed = listed_forms(a_key)
        distance = OSA.distance(a_frame, b_frame, score_cutoff=2)
        if distance <= 1 or (a_text in listed and b_text in listed):
            return 1.0
        best = 0.85 if distance == 2 else 0.6
    shorter = min(len(a_frame), len(b_frame))
    if shorter >= short and OSA.distance(a_frame, b_frame, score_cutoff=1) <= 1:
        best = max(best, frame)
    best = max(
        best,
        _edits(a_text, b_text, one=4, two=7),
        max(0.0, (ratio(a_text, b_text) / 100 - 0.5) / 0.5) * 0.5,
    )
    if best < 0.85:
        for form in _group_forms(b_text, b_key):
            best = max(best, _edits(a_text, form, one=4, two=7))
        for form in _group_forms(a_text, a_key):
            best = max(best, _edits(b_text, form, one=4, two=7))
    return best


def _group_forms(text: str, key: str) -> tuple[str, ...]:
    """The listed forms of the group a name belongs to (by its spelling, or by a skeleton of
    three letters or more); a short key alone ("Layla" → "l", Oleh's key) is no membership."""
    forms = listed_forms(key)
    return forms if text in forms or len(key) >= MIN_GROUP_KEY else ()


def _letters(value: str) -> str:
    return value.replace(" ", "")


_DIGITS = re.compile(r"\D+")


def phone_digits(value: str) -> str:
    """The last nine digits of a phone number (0201 …, +49 201 …, 0049 201 … agree)."""
    return _DIGITS.sub("", value or "")[-9:]


def address_key(street: str, postcode: str) -> str:
    street_text = search_text(street or "").replace("strasse", "str").replace(" ", "")
    return f"{(postcode or '').strip()}|{street_text}" if street_text else ""


@dataclass(frozen=True)
class _Query:
    """The entered person, normalised once per check."""

    fam_t: str
    giv_t: str
    giv_all: str
    fam_first: str
    fk: str
    gk: str
    gk_all: str
    fk_first: str
    phone: str
    address: str

    @classmethod
    def of(cls, given: str, family: str, phone: str, street: str, postcode: str) -> _Query:
        giv_t, fam_first = first_name(given), first_name(family)
        return cls(
            bare_name(family),
            giv_t,
            search_text(given),
            fam_first,
            name_key(family),
            name_key(giv_t),
            name_key(given),
            name_key(fam_first),
            phone_digits(phone),
            address_key(street, postcode),
        )


def _name_parts(q: _Query, person: Person) -> tuple[float, float]:
    """(name score, given-name part): family name weighs 0.6, first given name 0.4;
    family and given name may be swapped; known spellings of the person count as well."""
    p_fam, p_giv = bare_name(person.family_name), first_name(person.given_names)
    fam = _part(q.fam_t, q.fk, p_fam, person.family_key, short=5, frame=0.5)
    giv = _part(q.giv_t, q.gk, p_giv, person.given_key)
    if giv < 1.0 and " " in q.giv_all:
        # Several given names: a typing error in the first may be outweighed by the others.
        p_all = _letters(search_text(person.given_names))
        giv = max(giv, 0.9 * _edits(_letters(q.giv_all), p_all, one=4, two=7))
    best = FAMILY_WEIGHT * fam + GIVEN_WEIGHT * giv
    # Family and given name swapped on the form (the given names field may hold a family
    # name of two words: "Tesfa Mariam").
    swapped_family = max(
        _part(q.giv_t, q.gk, p_fam, person.family_key, short=5, frame=0.5),
        _part(bare_name(q.giv_all), q.gk_all, p_fam, person.family_key, short=5, frame=0.5),
    )
    swapped = FAMILY_WEIGHT * swapped_family + (
        GIVEN_WEIGHT * _part(q.fam_first, q.fk_first, p_giv, person.given_key)
    )
    best = max(best, swapped)
    if person.other_spellings:
        wanted = f"{q.giv_t} {q.fam_t}"
        for spelling in person.spellings:
            best = max(best, ratio(wanted, search_text(spelling)) / 100)
    return best, giv


def _blocks(q: _Query, year: int | None, month: int | None, day: int | None) -> Q:
    """The candidate blocks of one entered person (each an index range)."""
    fk, gk, fk_first = q.fk, q.gk, q.fk_first
    # Family and given name swapped on the form: the given names field as family name (its
    # first name or all of it: "Tesfa Mariam"), the first family name as given name.
    swapped_families = sorted({k for k in (gk, q.gk_all) if k})
    if year:
        near = Q(birth_year__gte=year - YEAR_WINDOW, birth_year__lte=year + YEAR_WINDOW) | Q(
            birth_year__isnull=True
        )
    else:
        near = Q()
    # Both name keys equal (also swapped): any date of birth close enough.
    blocks = Q(Q(family_key=fk, given_key=gk), near)
    if swapped_families and fk_first:
        blocks |= Q(Q(family_key__in=swapped_families, given_key=fk_first), near)
    if not year:
        return blocks
    # One name key and the date of birth: the other name may carry a typing error or, for the
    # family name, have changed. The day and month as entered or swapped, or not stored
    # (only the year, or 1 January standing in for it). Only the year entered: the family
    # name with every date of that year, the given name (far more common) only with persons
    # of whom the year alone is known.
    unknown_day = Q(birth_month__isnull=True) | Q(birth_month=1, birth_day=1)
    family_dates = given_dates = unknown_day
    if month and day:
        family_dates = given_dates = (
            unknown_day | Q(birth_month=month, birth_day=day) | Q(birth_month=day, birth_day=month)
        )
    elif month:
        family_dates = given_dates = unknown_day | Q(birth_month=month)
    else:
        family_dates = Q()
    for family_key in [fk, *swapped_families]:
        if family_key:
            blocks |= Q(Q(family_key=family_key, birth_year=year), family_dates)
    for given_key in (gk, fk_first):
        if given_key:
            blocks |= Q(Q(given_key=given_key, birth_year=year), given_dates)
    return blocks


def find_duplicates(
    persons: QuerySet[Person],
    *,
    family_name: str,
    given_names: str,
    birth_year: int | None = None,
    birth_month: int | None = None,
    birth_day: int | None = None,
    phone: str = "",
    street: str = "",
    postcode: str = "",
    limit: int = 5,
) -> list[Candidate]:
    """Up to ``limit`` likely duplicates among ``persons`` (already limited to what the user
    may see), best first. One database query."""
    query = _Query.of(given_names, family_name, phone, street, postcode)
    if not query.fk and not query.gk:
        return []
    rows = (
        persons.filter(
            _blocks(query, birth_year, birth_month, birth_day),
            merged_into__isnull=True,
            anonymised_at__isnull=True,
        )
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
            "phone",
            "street",
            "postcode",
            "household__name",
            "household__code",
        )[:MAX_CANDIDATES]
    )
    entered = (birth_year, birth_month, birth_day)
    found = []
    for p in rows:
        birth, why = _birth_score(entered, (p.birth_year, p.birth_month, p.birth_day))
        names, giv = _name_parts(query, p)
        score = NAME_WEIGHT * names + BIRTH_WEIGHT * birth
        reasons = ["name"] + ([why] if why else [])
        evidence = []
        if query.phone and len(query.phone) >= 6 and query.phone == phone_digits(p.phone):
            evidence.append("phone")
            score += PHONE_BONUS
        if query.address and query.address == address_key(p.street, p.postcode):
            evidence.append("address")
            score += ADDRESS_BONUS
        if (
            score < CHANGED_FAMILY_NAME_SCORE
            and giv >= 0.85
            and why == "date"
            and all(entered)
            and (evidence or _all_given_names_agree(query, p))
        ):
            score = CHANGED_FAMILY_NAME_SCORE
            reasons.append("family name changed")
        if score >= THRESHOLD:
            found.append(Candidate(p, round(min(score, 1.0), 3), reasons + evidence))
    found.sort(key=lambda c: (-c.score, c.person.family_name, c.person.given_names))
    return found[:limit]


def _all_given_names_agree(q: _Query, person: Person) -> bool:
    """At least two given names, and the same ones by key."""
    mine = [name_key(w) for w in q.giv_all.split()]
    theirs = [name_key(w) for w in search_text(person.given_names).split()]
    return len(mine) >= 2 and mine == theirs
