"""Benchmark: name search and duplicate check at 200,000 and 1,000,000 persons (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/teilhabe_cases_bench \\
        nice .venv/bin/python -m bench.cases [--scales 200000,1000000] [--queries 500] [--seed 1]

One run: removes earlier bench persons, generates persons with COPY up to the first scale
(secondary indexes dropped while loading and built afterwards, then ``VACUUM ANALYZE``),
measures, grows to the next scale the same way, measures again, and prints one table.

Persons (for the Caritas case worker of the Essen scenario): Arabic, Farsi/Dari, Pashto,
Tigrinya and Ukrainian/Russian given names (about 50, so common names are very common) and
family names (a fifth from a list, the rest synthetic), some written in Cyrillic; dates of
birth, some only with the year or with the 1 January that stands in for an unknown date;
phone and address for about half.

At each scale ``--queries`` registrations of existing persons are *planted*: each is another
transliteration of both names plus one of the kinds in ``KINDS`` (other name forms such as
Mykola / Nikolai, German or Cyrillic spelling, a typing error, a changed date, a family name
changed by marriage …), and carries the person's phone and address where stored with
probability ``EVIDENCE_RATE`` each. As many *fresh* registrations (new persons) are checked
too. The definitions of the figures are printed with the table (and in docs/cases.md).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import string
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bench._machine import machine_line  # noqa: E402

# Given names with their transliteration variants and other forms of the same name (first =
# as in most documents; Cyrillic where the name is Ukrainian or Russian).
GIVEN = [
    ["Mohammed", "Muhammad", "Mohamad", "Mohamed", "Muhammed", "Mehmet"],
    ["Ahmad", "Ahmed", "Achmed"],
    ["Abdulrahman", "Abd al-Rahman", "Abdelrahman", "Abdul Rahman"],
    ["Abdullah", "Abd Allah", "Abdallah"],
    ["Yusuf", "Youssef", "Jusuf", "Yousef"],
    ["Khalid", "Chalid", "Khaled"],
    ["Hussein", "Hussain", "Husein"],
    ["Omar", "Umar", "Omer"],
    ["Fatima", "Fatma", "Fatimah"],
    ["Aisha", "Aischa", "Ayesha", "Ayşe"],
    ["Zainab", "Zeinab", "Sainab", "Zeynep"],
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
    ["Oleksandr", "Aleksandr", "Alexander", "Olexandr", "Олександр"],
    ["Olena", "Elena", "Jelena", "Yelena", "Олена"],
    ["Serhii", "Sergei", "Serhiy", "Sergey", "Сергій"],
    ["Iryna", "Irina", "Ірина"],
    ["Dmytro", "Dmitri", "Dmitry", "Дмитро"],
    ["Yuliia", "Julia", "Yulia", "Julija", "Юлія"],
    ["Mykola", "Nikolai", "Nikolay", "Микола", "Николай"],
    ["Tetiana", "Tatjana", "Tatiana", "Тетяна"],
    ["Andrii", "Andrej", "Andriy", "Андрій"],
    ["Natalia", "Natalija", "Nataliya", "Наталія"],
    ["Viktoriia", "Viktoria", "Victoria"],
    ["Petro", "Pyotr", "Peter", "Петро"],
    ["Pavlo", "Pavel", "Paul", "Павло"],
    ["Oleh", "Oleg", "Олег"],
    ["Hanna", "Anna", "Ганна"],
    ["Yevhen", "Jewhen", "Evgeni", "Євген"],
    ["Hassan", "Hasan"],
    ["Ali", "Aly"],
    ["Ibrahim", "Ebrahim", "Ibraheem"],
    ["Karim", "Kareem"],
    ["Layla", "Leila", "Laila"],
    ["Nour", "Nur", "Noor"],
]
# Given names with another form of the same name that is no transliteration (the curated
# table teilhabe/cases/data/name_equivalents.toml): first → the other forms.
EQUIVALENT = {
    "Mohammed": ["Mehmet"],
    "Aisha": ["Ayşe"],
    "Zainab": ["Zeynep"],
    "Shirin": ["Chirine"],
    "Farhad": ["Farhat"],
    "Oleksandr": ["Aleksandr", "Alexander"],
    "Mykola": ["Nikolai", "Nikolay", "Николай"],
    "Petro": ["Pyotr", "Peter"],
    "Pavlo": ["Pavel", "Paul"],
    "Oleh": ["Oleg"],
    "Hanna": ["Anna"],
}
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
    ["Al-Khatib", "El-Khatib", "Khatib"],
]
# Ukrainian and Russian family names: English, German spelling, Cyrillic.
UKRAINIAN = [
    ["Kovalenko", "Kowalenko", "Коваленко"],
    ["Shevchenko", "Schewtschenko", "Шевченко"],
    ["Bondarenko", "Bondarenko", "Бондаренко"],
    ["Tkachenko", "Tkatschenko", "Ткаченко"],
    ["Kravchenko", "Krawtschenko", "Кравченко"],
    ["Melnyk", "Melnik", "Мельник"],
    ["Boiko", "Bojko", "Бойко"],
    ["Oliinyk", "Olijnyk", "Олійник"],
    ["Kuznetsov", "Kusnezow", "Кузнецов"],
    ["Popov", "Popow", "Попов"],
    ["Ivanenko", "Iwanenko", "Іваненко"],
    ["Hrytsenko", "Grizenko", "Гриценко"],
    ["Savchenko", "Sawtschenko", "Савченко"],
    ["Zakharchenko", "Sachartschenko", "Захарченко"],
    ["Shcherbak", "Schtscherbak", "Щербак"],
    ["Khomenko", "Chomenko", "Хоменко"],
]
STREETS = [
    f"{a}{b}"
    for a in ("Alten", "Berg", "Frieden", "Garten", "Kirch", "Linden", "Markt", "Schul", "Wald")
    for b in ("straße", "weg", "platz", "allee", "ring", "gasse", "str.")
]

# Syllables for family names beyond the lists above, so that a million persons do not share a
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
    if not name.endswith("eh"):
        applicable = [r for r in applicable if r != ("eh", "e")]  # a silent final h only
    rng.shuffle(applicable)
    for a, b in applicable[: rng.randint(1, 2)]:
        if a in name:
            name = name.replace(a, b, 1)
        else:
            name = name.replace(a.capitalize(), b.capitalize(), 1)
    return name.lstrip("-") or "X"


_ROWS = {n: row for row in GIVEN + FAMILY + UKRAINIAN for n in row}


def _variant(name: str, rng, *, latin: bool = False) -> str:
    """Another transliteration of the first word (another spelling of its row, or spelling
    rules for names outside the lists); ``latin``: never a Cyrillic one."""
    first, *rest = name.split()
    row = _ROWS.get(first)
    if row:
        others = [v for v in row if v != first and (not latin or v.isascii())]
        first = rng.choice(others or [first])
    elif first.isascii():
        first = _spell_variant(first, rng)
    return " ".join([first, *rest])


def _latin(name: str) -> str:
    row = _ROWS.get(name.split()[0])
    if row and not name.isascii():
        return " ".join([row[0], *name.split()[1:]])
    return name


def _typo(name: str, rng) -> tuple[str, str]:
    """One typing error in a Latin name: a letter dropped, doubled, swapped with its
    neighbour, or replaced."""
    op = rng.choice(["dropped", "doubled", "swapped", "replaced"])
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    i = rng.choice(letters[:-1] if op == "swapped" else letters)
    if op == "dropped":
        return name[:i] + name[i + 1 :], op
    if op == "doubled":
        return name[: i + 1] + name[i] + name[i + 1 :], op
    if op == "swapped" and name[i + 1].isalpha() and name[i] != name[i + 1]:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :], op
    ch = rng.choice([c for c in string.ascii_lowercase if c != name[i].lower()])
    return name[:i] + (ch.upper() if name[i].isupper() else ch) + name[i + 1 :], "replaced"


def _birth(rng):
    y = rng.randint(1950, 2022)
    r = rng.random()
    if r < 0.08:
        return y, None, None  # only the year known
    if r < 0.12:
        return y, 1, 1  # the common "1 January" of unknown dates
    return y, rng.randint(1, 12), rng.randint(1, 28)


def _phone(rng):
    return f"015{rng.randint(1, 9)} {rng.randint(1000000, 9999999)}"


def _address(rng):
    return f"{rng.choice(STREETS)} {rng.randint(1, 150)}", f"45{rng.randint(100, 399)}"


def _new_person(rng):
    """Names, date of birth, phone and address of a generated person."""
    g = rng.choice(GIVEN)[0]
    if rng.random() < 0.3:
        g = f"{g} {rng.choice(GIVEN)[0]}"
    r = rng.random()
    if r < 0.15:
        f = rng.choice(FAMILY)[0]
    elif r < 0.2:
        row = rng.choice(UKRAINIAN)
        f = row[2] if rng.random() < 0.3 else row[0]
        cyrillic = [v for v in _ROWS.get(g, []) if not v.isascii()]
        if cyrillic and rng.random() < 0.3:
            g = cyrillic[0]
    else:
        f = _synthetic_family(rng)
    y, m, d = _birth(rng)
    phone = _phone(rng) if rng.random() < 0.5 else ""
    street, postcode = _address(rng) if rng.random() < 0.6 else ("", "")
    return {
        "family_name": f,
        "given_names": g,
        "birth_year": y,
        "birth_month": m,
        "birth_day": d,
        "phone": phone,
        "street": street,
        "postcode": postcode,
    }


# --- Loading ---------------------------------------------------------------------------------


def _secondary_indexes(cur) -> list[tuple[str, str]]:
    cur.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = 'cases_person'::regclass AND NOT x.indisprimary AND NOT x.indisunique"
    )
    return cur.fetchall()


def _grow(target: int, rng, org_id: int, indexes: list[tuple[str, str]]) -> None:
    """Add bench persons (and households of three) up to ``target`` with COPY, the secondary
    indexes of cases_person dropped while loading and built again afterwards."""
    from teilhabe.cases.models import Household, Person
    from teilhabe.cases.names import person_keys

    have = Person.objects.filter(household__name__startswith="Bench ").count()
    n = target - have
    if n <= 0:
        return
    now = datetime.datetime.now(datetime.UTC)
    # One transaction: an interrupted run leaves neither half the rows nor dropped indexes.
    phases = {}
    t = time.perf_counter()
    with transaction.atomic(), connection.connection.cursor() as cur:
        # Foreign-key triggers off while loading (as pg_restore --disable-triggers does): the
        # rows are built consistent (reserved household ids, the existing organisation).
        cur.execute("SET LOCAL session_replication_role = replica")
        for name, _ in indexes:
            cur.execute(f'DROP INDEX IF EXISTS "{name}"')
        cur.execute(
            "SELECT nextval(pg_get_serial_sequence('cases_household', 'id')) "
            "FROM generate_series(1, %s)",
            [n // 3 + 1],
        )
        household_ids = [r[0] for r in cur.fetchall()]
        with cur.copy(
            "COPY cases_household (id, code, organisation_id, name, created_at) FROM STDIN"
        ) as copy:
            for i, hid in enumerate(household_ids):
                copy.write_row((hid, uuid.uuid4(), org_id, f"Bench {have // 3 + i}", now))
        fields = [f for f in Person._meta.concrete_fields if not f.primary_key]
        columns = [f.column for f in fields]
        defaults = {f.column: f.get_default() for f in fields}
        defaults.update(
            organisation_id=org_id, created_at=now, updated_at=now, household_role="relative"
        )
        with cur.copy(f"COPY cases_person ({', '.join(columns)}) FROM STDIN") as copy:
            for i in range(n):
                values = dict(defaults)
                values.update(_new_person(rng))
                values.update(
                    person_keys(values["family_name"], values["given_names"], ""),
                    code=uuid.uuid4(),
                    household_id=household_ids[i // 3],
                    household_role="head" if i % 3 == 0 else "relative",
                    bamf_file_number=f"{rng.randint(1000000, 9999999)}-{rng.randint(100, 999)}",
                )
                copy.write_row([values[c] for c in columns])
        phases["rows"] = time.perf_counter() - t
        t = time.perf_counter()
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cur.execute(definition)
        phases["indexes"] = time.perf_counter() - t
    t = time.perf_counter()
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE cases_household")
        c.execute("VACUUM ANALYZE cases_person")
    phases["vacuum"] = time.perf_counter() - t
    print(
        f"… {n:,} persons added: rows and COPY {phases['rows']:.0f} s, indexes "
        f"{phases['indexes']:.0f} s, VACUUM ANALYZE {phases['vacuum']:.0f} s",
        flush=True,
    )
    assert Household.objects.filter(name__startswith="Bench ").count() >= n // 3


def _clear() -> None:
    """Remove the persons and households of an earlier run (with the indexes in place: the
    foreign keys that point to persons are checked through them)."""
    with connection.connection.cursor() as c:
        c.execute(
            "DELETE FROM cases_person WHERE household_id IN "
            "(SELECT id FROM cases_household WHERE name LIKE 'Bench %')"
        )
        c.execute("DELETE FROM cases_household WHERE name LIKE 'Bench %'")


# --- Registrations ---------------------------------------------------------------------------

# What a planted registration changes besides another transliteration of both names, and how
# often (per cent).
KINDS = {
    "transliteration only": 13,
    "other form of the given name (Mykola/Nikolai)": 8,
    "German or Cyrillic family name (Kowalenko/Коваленко)": 8,
    "family and given name swapped": 5,
    "typing error in the family name": 12,
    "typing error in the given name": 12,
    "day and month swapped": 8,
    "only the year of birth": 8,
    "year of birth off by 1-3": 9,
    "year of birth unknown (day and month given)": 4,
    "date of birth unknown": 3,
    "family name changed (marriage)": 10,
}
EVIDENCE_RATE = 0.4


def _full_date(p) -> bool:
    return bool(p["birth_month"] and p["birth_day"]) and (p["birth_month"], p["birth_day"]) != (
        1,
        1,
    )


def _fits(kind: str, p) -> bool:
    first = _latin(p["given_names"]).split()[0]
    if kind.startswith("other form"):
        return first in EQUIVALENT
    if kind.startswith("German or Cyrillic"):
        return _latin(p["family_name"]) in {row[0] for row in UKRAINIAN}
    if kind == "day and month swapped":
        return _full_date(p) and p["birth_day"] <= 12 and p["birth_day"] != p["birth_month"]
    if kind in ("only the year of birth", "year of birth off by 1-3") or kind.startswith(
        "year of birth unknown"
    ):
        return _full_date(p)
    if kind.startswith("family name changed"):
        evidence = p["phone"] or p["street"] or len(p["given_names"].split()) >= 2
        return _full_date(p) and bool(evidence)
    return True


def _plant(kind: str, p, rng) -> dict:
    """A new registration of the existing person ``p``."""
    family = _variant(p["family_name"], rng)
    given = _variant(p["given_names"], rng)
    y, m, d = p["birth_year"], p["birth_month"], p["birth_day"]
    phone = p["phone"] if rng.random() < EVIDENCE_RATE else ""
    street, postcode = (p["street"], p["postcode"]) if rng.random() < EVIDENCE_RATE else ("", "")
    if kind.startswith("other form"):
        first, *rest = _latin(p["given_names"]).split()
        given = " ".join([rng.choice(EQUIVALENT[first]), *rest])
    elif kind.startswith("German or Cyrillic"):
        row = next(r for r in UKRAINIAN if r[0] == _latin(p["family_name"]))
        family = rng.choice(row[1:]) if p["family_name"] == row[0] else rng.choice(row[:2])
    elif kind == "family and given name swapped":
        family, given = given, family
    elif kind == "typing error in the family name":
        family, _ = _typo(_variant(_latin(p["family_name"]), rng, latin=True), rng)
    elif kind == "typing error in the given name":
        given, _ = _typo(_variant(_latin(p["given_names"]), rng, latin=True), rng)
    elif kind == "day and month swapped":
        m, d = d, m
    elif kind == "only the year of birth":
        m = d = None
    elif kind == "year of birth off by 1-3":
        y += rng.choice([-3, -2, -1, 1, 2, 3])
    elif kind.startswith("year of birth unknown"):
        y = None
    elif kind == "date of birth unknown":
        y = m = d = None
    elif kind.startswith("family name changed"):
        family = _synthetic_family(rng)
        # The registration brings what the person has: phone or address, each kept with
        # probability 1/2 but at least one where stored (two given names suffice otherwise).
        phone = p["phone"] if rng.random() < 0.5 else ""
        street, postcode = (p["street"], p["postcode"]) if rng.random() < 0.5 else ("", "")
        if not (phone or street):
            if p["phone"] and (not p["street"] or rng.random() < 0.5):
                phone = p["phone"]
            elif p["street"]:
                street, postcode = p["street"], p["postcode"]
    return {
        "family_name": family,
        "given_names": given,
        "birth_year": y,
        "birth_month": m,
        "birth_day": d,
        "phone": phone,
        "street": street,
        "postcode": postcode,
    }


def _twin(reg, person) -> bool:
    """An existing person that the data cannot tell from a fresh registration: the same name
    keys, and a date of birth that agrees in every part both state."""
    from teilhabe.cases.names import first_key, name_key

    if (person.family_key, person.given_key) != (
        name_key(reg["family_name"]),
        first_key(reg["given_names"]),
    ):
        return False
    mine = (reg["birth_year"], reg["birth_month"], reg["birth_day"])
    theirs = (person.birth_year, person.birth_month, person.birth_day)
    # 1 January stands for an unknown day (as in the generated data and the check).
    mine, theirs = (
        (y, None, None) if (m, d) == (1, 1) else (y, m, d) for y, m, d in (mine, theirs)
    )
    return all(a is None or b is None or a == b for a, b in zip(mine, theirs, strict=True))


def p95(values):
    return statistics.quantiles(values, n=20)[-1] * 1000


def measure(user, queries: int, rng, *, show_misses: bool = False) -> dict:
    from teilhabe.access import Action, visible
    from teilhabe.cases.duplicates import find_duplicates
    from teilhabe.cases.models import Person
    from teilhabe.cases.selectors import persons_for

    fields = [
        "pk",
        "family_name",
        "given_names",
        "birth_year",
        "birth_month",
        "birth_day",
        "phone",
        "street",
        "postcode",
    ]
    pool = list(
        Person.objects.filter(household__name__startswith="Bench ")
        .order_by("?")
        .values(*fields)[: queries * 8]
    )
    weights = list(KINDS.values())
    plants = []
    for _ in range(queries):
        kind = rng.choices(list(KINDS), weights)[0]
        person = next(p for p in pool if _fits(kind, p))
        pool.remove(person)
        plants.append((kind, person, _plant(kind, person, rng)))

    # Name search: a variant spelling of the full name.
    search_times, search_found = [], 0
    for _, s, _ in plants:
        q = f"{_variant(s['given_names'], rng)} {_variant(s['family_name'], rng)}"
        t = time.perf_counter()
        rows = list(persons_for(user, q=q)[:25])
        search_times.append(time.perf_counter() - t)
        search_found += s["pk"] in [r.pk for r in rows]

    persons = visible(user, Action.VIEW_CASES, Person)
    dup_times, warnings, right = [], 0, 0
    by_kind: dict[str, list[int]] = {k: [0, 0] for k in KINDS}
    first = 0
    for kind, s, reg in plants:
        t = time.perf_counter()
        cands = find_duplicates(persons, **reg)
        dup_times.append(time.perf_counter() - t)
        ids = [c.person.pk for c in cands]
        if show_misses and s["pk"] not in ids:
            print(f"missed ({kind}): {s} ← {reg}: {[(str(c.person), c.score) for c in cands]}")
        by_kind[kind][0] += 1
        by_kind[kind][1] += s["pk"] in ids
        first += bool(ids) and ids[0] == s["pk"]
        if cands:
            warnings += 1
            right += s["pk"] in ids
    fresh_wrong = fresh_twins = 0
    for _ in range(queries):
        reg = _new_person(rng)
        t = time.perf_counter()
        cands = find_duplicates(persons, **reg)
        dup_times.append(time.perf_counter() - t)
        if cands:
            warnings += 1
            if any(_twin(reg, c.person) for c in cands):
                fresh_twins += 1
                right += 1
            else:
                fresh_wrong += 1
                if show_misses:
                    shown = [(str(c.person), c.person.birth_display, c.score) for c in cands]
                    print(f"wrong warning: {reg}: {shown}")
    found = sum(v[1] for v in by_kind.values())
    return {
        "persons": Person.objects.count(),
        "search_p95": p95(search_times),
        "search_median": statistics.median(search_times) * 1000,
        "search_found": search_found / len(search_times),
        "dup_p95": p95(dup_times),
        "dup_median": statistics.median(dup_times) * 1000,
        "recall": found / len(plants),
        "recall_first": first / len(plants),
        "precision": right / warnings if warnings else 1.0,
        "warnings": warnings,
        "fresh_wrong": fresh_wrong,
        "fresh_twins": fresh_twins,
        "fresh": queries,
        "by_kind": by_kind,
    }


DEFINITIONS = """\
Definitions:
  planted registration: an existing person registered again (another transliteration of both
    names plus one kind below; phone and address kept with probability 0.4 each).
  fresh registration: a newly generated person (not in the database).
  warning: a duplicate check that shows at least one candidate (at most 5 are shown).
  recall: planted registrations whose person is among the shown candidates / planted.
  precision: right warnings / all warnings (planted and fresh); a warning is right when it
    shows the planted person, or, for a fresh registration, a person the data cannot tell
    apart from it (same name keys, date of birth agreeing in every part both state; 1 January
    counts as an unknown day, as in the generated data).
  wrong warnings on fresh registrations: fresh registrations warned without such a person.
  name search: a variant spelling of a planted person's full name, first 25 rows; 'finds'
    counts the person among them. p95 over the searches, duplicate check p95 over planted and
    fresh checks, in-process (selector / function, no HTTP)."""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="200000,1000000")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-misses", action="store_true", help="print each miss")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    if connection.vendor != "postgresql":
        raise SystemExit("Run on PostgreSQL: DATABASE_URL=postgres://…/teilhabe_cases_bench")
    call_command("migrate", verbosity=0)
    from teilhabe.scenario.loading import scenario_load

    scenario_load(demo_password=settings.DEMO_PASSWORD)
    from teilhabe.accounts.models import User
    from teilhabe.organisations.models import Organisation

    org = Organisation.objects.get(key="caritas-essen")
    user = User.objects.get(email="fachkraft@essen.teilhabe.example")
    rng = random.Random(args.seed)
    connection.ensure_connection()
    with connection.connection.cursor() as cur:
        indexes = _secondary_indexes(cur)
    t0 = time.perf_counter()
    _clear()
    results, gen_s = [], []
    for scale in scales:
        t = time.perf_counter()
        _grow(scale, rng, org.pk, indexes)
        gen_s.append(time.perf_counter() - t)
        print(f"… {scale:,} persons generated in {sum(gen_s):.0f} s, measuring", flush=True)
        results.append(
            measure(
                user,
                args.queries,
                random.Random(args.seed + scale),
                show_misses=args.show_misses,
            )
        )
    total_s = time.perf_counter() - t0

    def row(label, fmt):
        cells = "".join(f"{fmt(r):>16}" for r in results)
        print(f"{label:<58}{cells}")

    print()
    row("persons in the database", lambda r: f"{r['persons']:,}")
    print(
        f"{'generation (COPY, indexes, VACUUM ANALYZE), cumulative s':<58}"
        + "".join(f"{sum(gen_s[: i + 1]):>16.0f}" for i in range(len(gen_s)))
    )
    row(
        "name search p95 ms (median)", lambda r: f"{r['search_p95']:.1f} ({r['search_median']:.1f})"
    )
    row("name search finds the person in the first 25", lambda r: f"{r['search_found']:.1%}")
    row("duplicate check p95 ms (median)", lambda r: f"{r['dup_p95']:.1f} ({r['dup_median']:.1f})")
    row("recall of planted duplicates (in the top 5)", lambda r: f"{r['recall']:.1%}")
    row("  … the planted person shown first", lambda r: f"{r['recall_first']:.1%}")
    row("precision of warnings", lambda r: f"{r['precision']:.1%}")
    row("warnings (planted + fresh)", lambda r: f"{r['warnings']}")
    row(
        "wrong warnings on fresh registrations",
        lambda r: f"{r['fresh_wrong']}/{r['fresh']} ({r['fresh_wrong'] / r['fresh']:.1%})",
    )
    row("fresh registrations warned of a twin", lambda r: f"{r['fresh_twins']}")
    print("recall by kind (found/planted):")
    for kind in KINDS:
        row(f"  {kind}", lambda r, k=kind: "{1}/{0}".format(*r["by_kind"][k]))
    print(f"total run {total_s:.0f} s (without migrate and scenario)")
    print(DEFINITIONS)
    print(machine_line())


if __name__ == "__main__":
    main()
