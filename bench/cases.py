"""Benchmark: name search and duplicate check over 200,000 generated persons (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/teilhabe_cases_bench \\
        .venv/bin/python -m bench.cases [--persons 200000] [--queries 500] [--seed 1]

Generates persons (Arabic, Farsi/Dari, Pashto, Tigrinya, Ukrainian/Russian names; dates of
birth, some only with the year) for the Caritas case worker of the Essen scenario, then
*plants* duplicates: for ``--queries`` existing persons a new registration under another
transliteration (Mohammed → Muhammad, Abdul → Abd al-, El- → Al-, Oleksandr → Aleksandr …),
with the date of birth partly missing or day and month swapped. Prints p95 of the name search
and of the duplicate check, recall of the planted duplicates in the top 5 and precision of
the warning (a warning names the true person; fresh, non-duplicate registrations with common
names count against precision when they warn).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench._machine import machine_line  # noqa: E402

# Given names with their transliteration variants (first = as in most documents).
GIVEN = [
    ["Mohammed", "Muhammad", "Mohamad", "Mohamed", "Muhammed"],
    ["Ahmad", "Ahmed", "Achmed"],
    ["Abdulrahman", "Abd al-Rahman", "Abdelrahman", "Abdul Rahman"],
    ["Abdullah", "Abd Allah", "Abdallah"],
    ["Yusuf", "Youssef", "Jusuf", "Yousef"],
    ["Khalid", "Chalid", "Khaled"],
    ["Hussein", "Hussain", "Husein"],
    ["Omar", "Umar", "Omer"],
    ["Fatima", "Fatma", "Fatimah"],
    ["Aisha", "Aischa", "Ayesha"],
    ["Zainab", "Zeinab", "Sainab"],
    ["Maryam", "Mariam", "Marjam"],
    ["Shirin", "Schirin", "Chirine"],
    ["Reza", "Resa", "Rasa"],
    ["Mahmoud", "Mahmud", "Machmud"],
    ["Mustafa", "Mostafa", "Moustafa"],
    ["Hamid", "Hameed", "Hamed"],
    ["Farhad", "Farhat"],
    ["Gul", "Gol"],
    ["Habibullah", "Habib Ullah", "Habibollah"],
    ["Tesfaye", "Tesfay", "Tesfai"],
    ["Yonas", "Jonas", "Yonass"],
    ["Senait", "Senayt"],
    ["Oleksandr", "Aleksandr", "Alexander", "Olexandr"],
    ["Olena", "Elena", "Jelena", "Yelena"],
    ["Serhii", "Sergei", "Serhiy", "Sergey"],
    ["Iryna", "Irina"],
    ["Dmytro", "Dmitri", "Dmitry"],
    ["Yuliia", "Julia", "Yulia"],
    ["Mykola", "Nikolai", "Nikolay"],
    ["Tetiana", "Tatjana", "Tatiana"],
    ["Andrii", "Andrej", "Andriy"],
    ["Natalia", "Natalija", "Nataliya"],
    ["Viktoriia", "Viktoria", "Victoria"],
    ["Hassan", "Hasan"],
    ["Ali", "Aly"],
    ["Ibrahim", "Ebrahim", "Ibraheem"],
    ["Karim", "Kareem"],
    ["Layla", "Leila", "Laila"],
    ["Nour", "Nur", "Noor"],
]
FAMILY = [
    ["El-Sayed", "Al-Sayed", "Sayed", "Elsayed"],
    ["Al-Hassan", "El Hassan", "Alhassan"],
    ["Haddad", "Hadad", "Al-Haddad"],
    ["Khoury", "Khouri", "Churi"],
    ["Al-Masri", "El-Masri", "Masri"],
    ["Abdullah", "Abd Allah", "Abdallah"],
    ["Ibrahim", "Ebrahim"],
    ["Mahmoud", "Mahmud"],
    ["Hussaini", "Husseini", "Hosseini"],
    ["Ahmadi", "Achmadi"],
    ["Rahimi", "Rachimi"],
    ["Karimi", "Kareemi"],
    ["Mohammadi", "Muhammadi", "Mohamadi"],
    ["Rezaei", "Resai", "Rezai"],
    ["Sultani", "Soltani"],
    ["Noori", "Nuri", "Nouri"],
    ["Stanekzai", "Stanikzai"],
    ["Yousafzai", "Yusufzai", "Yousufzai"],
    ["Tesfamariam", "Tesfa Mariam"],
    ["Gebremedhin", "Gebre Medhin", "Ghebremedhin"],
    ["Haile", "Hayle"],
    ["Berhane", "Berhané", "Berhanie"],
    ["Kovalenko", "Kowalenko"],
    ["Shevchenko", "Schewtschenko", "Shevtchenko"],
    ["Bondarenko", "Bondarenka"],
    ["Tkachenko", "Tkatschenko"],
    ["Kravchenko", "Krawtschenko"],
    ["Melnyk", "Melnik", "Mielnik"],
    ["Boiko", "Boyko", "Bojko"],
    ["Oliinyk", "Olijnyk", "Oleinik"],
    ["Kuznetsov", "Kusnezow", "Kuznetsow"],
    ["Popov", "Popow"],
    ["Ivanenko", "Iwanenko"],
    ["Hrytsenko", "Gritsenko", "Hryzenko"],
    ["Savchenko", "Sawtschenko"],
    ["Al-Khatib", "El-Khatib", "Khatib"],
    ["Saleh", "Salih", "Saleh"],
    ["Nasser", "Nassar", "Naser"],
    ["Darwish", "Darwisch", "Derwish"],
    ["Othman", "Osman", "Uthman"],
    ["Barakzai", "Barakzay"],
    ["Jafari", "Dschafari", "Jaafari"],
    ["Qasemi", "Ghasemi", "Kasemi"],
    ["Mansour", "Mansur", "Mansoor"],
    ["Amini", "Emini"],
    ["Zadeh", "Sadeh", "Zade"],
    ["Tahir", "Taher"],
    ["Wardak", "Vardak"],
    ["Samadi", "Ssamadi"],
    ["Azimi", "Asimi"],
]


# Syllables for family names beyond the list above, so that 200,000 persons do not share a
# few hundred names (real populations are far more diverse).
_ONSETS = ["b", "d", "f", "g", "h", "k", "kh", "l", "m", "n", "r", "s", "sh", "t", "z", "w", "y"]
_VOWELS = ["a", "e", "i", "o", "u", "ou", "ee"]
_CODAS = ["", "", "n", "r", "d", "m", "l", "s", "k"]
_ENDINGS = ["", "i", "zai", "enko", "ov", "yan", "ani", "ullah", "eh"]


def _synthetic_family(rng):
    root = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(2))
    name = (root + rng.choice(_ENDINGS)).capitalize()
    return ("Al-" + name) if rng.random() < 0.15 else name


# Realistic spelling changes between documents (transliteration and German/English habits).
_RULES = [
    ("ou", "u"),
    ("u", "ou"),
    ("ee", "i"),
    ("i", "ee"),
    ("o", "u"),
    ("e", "i"),
    ("kh", "ch"),
    ("sh", "sch"),
    ("w", "v"),
    ("y", "j"),
    ("z", "s"),
    ("enko", "enka"),
    ("ov", "ow"),
    ("Al-", "El-"),
    ("Al-", ""),
    ("eh", "e"),
]


def _spell_variant(name: str, rng) -> str:
    applicable = [(a, b) for a, b in _RULES if a in name or a.capitalize() in name]
    rng.shuffle(applicable)
    for a, b in applicable[: rng.randint(1, 2)]:
        if a in name:
            name = name.replace(a, b, 1)
        else:
            name = name.replace(a.capitalize(), b.capitalize(), 1)
    return name.lstrip("-") or "X"


def _birth(rng):
    y = rng.randint(1950, 2022)
    r = rng.random()
    if r < 0.08:
        return y, None, None  # only the year known
    if r < 0.12:
        return y, 1, 1  # the common "1 January" of unknown dates
    return y, rng.randint(1, 12), rng.randint(1, 28)


def generate(n: int, rng: random.Random):
    from teilhabe.cases.models import CaseKind, Household, Person
    from teilhabe.cases.services import _derive_keys
    from teilhabe.organisations.models import Organisation

    org = Organisation.objects.get(key="caritas-essen")
    if Person.objects.filter(organisation=org).count() >= n:
        return org
    Person.objects.filter(household__name__startswith="Bench ").delete()
    Household.objects.filter(name__startswith="Bench ").delete()
    CaseKind.objects.get(key="wohnungsbetreuung")
    households = Household.objects.bulk_create(
        [Household(organisation=org, name=f"Bench {i}") for i in range(n // 3 + 1)],
        batch_size=5000,
    )
    batch = []
    for i in range(n):
        g = rng.choice(GIVEN)
        f = rng.choice(FAMILY) if rng.random() < 0.2 else [_synthetic_family(rng)]
        y, m, d = _birth(rng)
        p = Person(
            organisation=org,
            household=households[i // 3],
            household_role="head" if i % 3 == 0 else "relative",
            family_name=f[0],
            given_names=g[0] if rng.random() < 0.7 else f"{g[0]} {rng.choice(GIVEN)[0]}",
            birth_year=y,
            birth_month=m,
            birth_day=d,
            bamf_file_number=f"{rng.randint(1000000, 9999999)}-{rng.randint(100, 999)}",
        )
        _derive_keys(p)
        batch.append(p)
        if len(batch) == 5000:
            Person.objects.bulk_create(batch)
            batch = []
    if batch:
        Person.objects.bulk_create(batch)
    with connection.cursor() as c:
        c.execute("ANALYZE cases_person")
    return org


def _variant(name: str, table, rng) -> str:
    for row in table:
        if row[0] == name.split()[0]:
            others = list(row[1:]) or row
            return " ".join([rng.choice(others), *name.split()[1:]])
    return _spell_variant(name, rng)


def p95(values):
    return statistics.quantiles(values, n=20)[-1] * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Run on PostgreSQL: DATABASE_URL=postgres://…/teilhabe_cases_bench")
    call_command("migrate", verbosity=0)
    from teilhabe.scenario.loading import scenario_load

    scenario_load(demo_password=settings.DEMO_PASSWORD)
    from teilhabe.access import Action, visible
    from teilhabe.accounts.models import User
    from teilhabe.cases.duplicates import find_duplicates
    from teilhabe.cases.models import Person
    from teilhabe.cases.selectors import persons_for

    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    generate(args.persons, rng)
    gen_s = time.perf_counter() - t0
    user = User.objects.get(email="fachkraft@essen.teilhabe.example")
    total = Person.objects.count()

    sample = list(
        Person.objects.filter(household__name__startswith="Bench ")
        .order_by("?")
        .values("pk", "family_name", "given_names", "birth_year", "birth_month", "birth_day")[
            : args.queries
        ]
    )
    # Name search: type a variant spelling of a full name.
    search_times = []
    for s in sample:
        q = f"{_variant(s['given_names'], GIVEN, rng)} {_variant(s['family_name'], FAMILY, rng)}"
        t = time.perf_counter()
        list(persons_for(user, q=q)[:25])
        search_times.append(time.perf_counter() - t)

    # Duplicate check: planted variants (must find) and fresh persons (must not warn wrongly).
    dup_times, found, warned_right, warnings = [], 0, 0, 0
    persons = visible(user, Action.VIEW_CASES, Person)
    for s in sample:
        y, m, d = s["birth_year"], s["birth_month"], s["birth_day"]
        r = rng.random()
        if r < 0.25:
            m, d = None, None  # only the year given this time
        elif r < 0.5 and m and d and d <= 12 and m != d:
            m, d = d, m  # day and month swapped
        given = _variant(s["given_names"], GIVEN, rng)
        family = _variant(s["family_name"], FAMILY, rng)
        if rng.random() < 0.1:
            given, family = family, given  # family and given name swapped on a form
        t = time.perf_counter()
        cands = find_duplicates(
            persons,
            family_name=family,
            given_names=given,
            birth_year=y,
            birth_month=m,
            birth_day=d,
        )
        dup_times.append(time.perf_counter() - t)
        ids = [c.person.pk for c in cands]
        if s["pk"] in ids:
            found += 1
        if cands:
            warnings += 1
            warned_right += s["pk"] in ids
    fresh_warnings = 0
    for _ in range(args.queries):
        y, m, d = _birth(rng)
        t = time.perf_counter()
        cands = find_duplicates(
            persons,
            family_name=rng.choice(FAMILY)[0] if rng.random() < 0.2 else _synthetic_family(rng),
            given_names=rng.choice(GIVEN)[0],
            birth_year=y,
            birth_month=m,
            birth_day=d,
        )
        dup_times.append(time.perf_counter() - t)
        if cands:
            # A true person with this name and date may exist by chance; count it as a
            # wrong warning only if no candidate has the same full date of birth.
            same = any(
                (c.person.birth_year, c.person.birth_month, c.person.birth_day) == (y, m, d)
                for c in cands
            )
            fresh_warnings += 1
            warnings += 1
            warned_right += same
    recall = found / len(sample)
    precision = warned_right / warnings if warnings else 1.0
    print(
        f"persons: {total:,} (generated in {gen_s:.0f} s); queries: {len(sample)} planted + {args.queries} fresh"
    )
    print(
        f"name search p95: {p95(search_times):.1f} ms (median {statistics.median(search_times) * 1000:.1f} ms)"
    )
    print(
        f"duplicate check p95: {p95(dup_times):.1f} ms (median {statistics.median(dup_times) * 1000:.1f} ms)"
    )
    print(f"recall of planted duplicates in top 5: {recall:.1%}")
    print(
        f"precision of duplicate warnings: {precision:.1%} ({warnings} warnings, {fresh_warnings} on fresh registrations)"
    )
    print(machine_line())


if __name__ == "__main__":
    main()
