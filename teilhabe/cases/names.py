"""Name keys for search and the duplicate check.

Names of refugees reach German forms through many transliterations: from Arabic (Mohammed /
Muhammad / Mohamad, Abdul / Abd al-, El- / Al-), Farsi and Pashto, Tigrinya, and Cyrillic
(Oleksandr / Aleksandr / Alexander). :func:`search_text` makes a lower-case Latin text without
diacritics (for trigram search); :func:`name_key` reduces one name to a consonant skeleton in
which the usual spelling variants coincide, and then to the key of its group in the curated
table of equivalent names (``data/name_equivalents.toml``: Mykola / Nikolai, Mehmet /
Mohammed, Farhad / Farhat), which no skeleton can bring together.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from pathlib import Path

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ё": "io",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip
_GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
_TRANSLATE = str.maketrans({**_CYRILLIC, **_GERMAN})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Article and prefix variants: "Abd al-Rahman" ~ "Abdul Rahman" ~ "Abdelrahman",
# "El-Sayed" ~ "Al Sayed" ~ "Sayed".
_PREFIXES = re.compile(r"\b(?:abd[\s-]*(?:al|el|ul|ol|ol|u|e)[\s-]*|abdul[\s-]*|abdel[\s-]*)")
_ARTICLE = re.compile(r"\b(?:al|el|ul|ad|ar|as|ash|az|an|at)[\s-]+")
# Second parts of compound names written apart: "Habib Ullah" ~ "Habibullah",
# "Nur ad-Din" / "Nur Eddin" ~ "Nureddin".
_SUFFIXES = re.compile(r"\s+(?:(?:ad|ed|ud)\s+din|ullah|ollah|allah|uddin|eddin|addin)\b")

# Consonant clusters written differently in English, French, German transliterations.
_CLUSTERS = [
    ("tsch", "ch"),
    ("dsch", "j"),
    ("sch", "sh"),
    ("kh", "h"),
    ("ch", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("z", "s"),
    ("ts", "s"),
    ("j", "y"),
    # Ukrainian h ~ Russian g (Hrytsenko / Gritsenko, Serhii / Sergei).
    ("g", "h"),
]
# A silent final h after a vowel (Abdullah / Abdulla, Zadeh / Zade).
_FINAL_H = re.compile(r"([aeiou])h\b")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")
_NON_LETTERS = re.compile(r"[^a-z]+")


def search_text(value: str) -> str:
    """Lower-case Latin letters and single spaces, without diacritics."""
    value = value.lower()
    if not value.isascii():
        value = value.translate(_TRANSLATE)
        value = unicodedata.normalize("NFKD", value)
        value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", value).strip()


EQUIVALENTS_FILE = Path(__file__).parent / "data" / "name_equivalents.toml"
# Skeletons at least this long join their group by the skeleton (every spelling of it);
# shorter ones ("Anna" → "n", "Oleh" → "l") only by the spellings listed in the table.
MIN_GROUP_KEY = 3


@functools.cache
def _equivalents() -> tuple[dict[str, str], dict[str, str]]:
    """(skeleton → group key, written form → group key) from the equivalence table."""
    by_key: dict[str, str] = {}
    by_text: dict[str, str] = {}
    data = tomllib.loads(EQUIVALENTS_FILE.read_text(encoding="utf-8"))
    ambiguous = set(data.get("ambiguous_skeletons", []))
    for group in data["groups"]:
        canonical = _skeleton(search_text(group[0]))
        for name in group:
            key = _skeleton(search_text(name))
            text = search_text(name).replace(" ", "")
            for table, entry in ((by_text, text), (by_key, key)):
                if table is by_key and (len(key) < MIN_GROUP_KEY or key in ambiguous):
                    continue
                if table.get(entry, canonical) != canonical:
                    raise ValueError(f"{name!r} is in two groups of {EQUIVALENTS_FILE.name}")
                table[entry] = canonical
    return by_key, by_text


def _processed(text: str) -> str:
    """Letters of a name after the prefix, article and cluster rules."""
    if not text:
        return ""
    text = _PREFIXES.sub("abd ", text)
    text = _ARTICLE.sub("", text)
    text = _FINAL_H.sub(r"\1", text)
    text = _NON_LETTERS.sub("", text)
    for a, b in _CLUSTERS:
        text = text.replace(a, b)
    return _REPEATS.sub(r"\1", text)


def _skeleton(text: str) -> str:
    text = _processed(text)
    skeleton = _REPEATS.sub(r"\1", _VOWELS.sub("", text))
    return (skeleton or text)[:60]


_VOWEL_RUNS = re.compile(r"[aeiouy]+")


@functools.lru_cache(maxsize=65536)
def name_frame(value: str) -> str:
    """Consonants of a name after the cluster rules, each run of vowels as one "a" ("Olena",
    "Jelena" → "alana"; "Yuliia", "Julija" → "ala"): candidates are ranked by edit distance
    here too, across transliterations ("Jeleka" is one letter from "Olena")."""
    text = _processed(search_text(value))
    return _REPEATS.sub(r"\1", _VOWEL_RUNS.sub("a", text))[:60]


@functools.lru_cache(maxsize=65536)
def name_key(value: str) -> str:
    """Key of a name: its consonant skeleton ("Mohammed", "Muhammad", "Mohamad" → "mhmd"), or
    the key of its group of equivalent names ("Nikolai" → "mkl", the key of "Mykola")."""
    text = search_text(value)
    skeleton = _skeleton(text)
    if not skeleton:
        return ""
    by_key, by_text = _equivalents()
    return by_text.get(text.replace(" ", "")) or by_key.get(skeleton) or skeleton


def bare_name(value: str) -> str:
    """The letters of a name without articles ("Al-Haddad" → "haddad", "Abd al-Rahman" →
    "abdrahman"): the written form that candidates are compared on."""
    text = _PREFIXES.sub("abd", search_text(value))
    text = _SUFFIXES.sub(lambda m: m.group(0).replace(" ", ""), text)
    return _NON_LETTERS.sub("", _ARTICLE.sub("", text))


def listed_forms(key: str) -> tuple[str, ...]:
    """The written forms that the table of equivalent names lists for a key ("pvl" →
    pavlo, pavel, paul, pawel); empty for keys outside the table."""
    return _forms().get(key, ())


@functools.cache
def _forms() -> dict[str, tuple[str, ...]]:
    forms: dict[str, list[str]] = {}
    for text, key in _equivalents()[1].items():
        forms.setdefault(key, []).append(text)
    return {k: tuple(v) for k, v in forms.items()}


def first_name(value: str) -> str:
    """The first of several names, articles dropped and "Abd al-…" kept together:
    "Mohammed Ali" → "mohammed", "Abd al-Rahman Karim" → "abdrahman", "Al-Haddad" → "haddad",
    "Habib Ullah" → "habibullah"."""
    text = _PREFIXES.sub("abd", search_text(value))
    text = _SUFFIXES.sub(lambda m: m.group(0).replace(" ", ""), text)
    text = _ARTICLE.sub("", text)
    parts = text.split()
    return parts[0] if parts else ""


def first_key(value: str) -> str:
    """Key of the first of several given names ("Mohammed Ali" → key of "Mohammed")."""
    return name_key(first_name(value))


def person_keys(family_name: str, given_names: str, other_spellings: str) -> dict[str, str]:
    """The stored keys of a person: ``search_name`` (normalised names and known spellings,
    for the trigram search), ``family_key`` and ``given_key`` (first given name)."""
    spellings = [s.strip() for s in (other_spellings or "").splitlines() if s.strip()]
    names = [f"{given_names} {family_name}", *spellings]
    return {
        "search_name": " | ".join(search_text(n) for n in names)[:600],
        "family_key": name_key(family_name),
        "given_key": first_key(given_names),
    }


def person_keys_refresh(persons, *, batch_size: int = 2000) -> int:
    """Recompute the stored keys of ``persons`` (a queryset, also of a migration's historical
    model) where they changed — after the rules or the equivalence table changed. Returns how
    many persons were updated. The building block of the migration that introduced the keys;
    everything else goes through the service ``teilhabe.cases.services.person_keys_update``
    (system only, audited)."""
    fields = ["search_name", "family_key", "given_key"]
    changed, updated = [], 0
    rows = persons.only("pk", "family_name", "given_names", "other_spellings", *fields)
    for person in rows.order_by("pk").iterator(chunk_size=batch_size):
        keys = person_keys(person.family_name, person.given_names, person.other_spellings)
        if any(getattr(person, f) != v for f, v in keys.items()):
            for f, v in keys.items():
                setattr(person, f, v)
            changed.append(person)
        if len(changed) >= batch_size:
            updated += persons.model.objects.bulk_update(changed, fields)
            changed = []
    if changed:
        updated += persons.model.objects.bulk_update(changed, fields)
    return updated
