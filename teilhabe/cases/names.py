"""Name keys for search and the duplicate check.

Names of refugees reach German forms through many transliterations: from Arabic (Mohammed /
Muhammad / Mohamad, Abdul / Abd al-, El- / Al-), Farsi and Pashto, Tigrinya, and Cyrillic
(Oleksandr / Aleksandr / Alexander). :func:`search_text` makes a lower-case Latin text without
diacritics (for trigram search); :func:`name_key` reduces one name to a consonant skeleton in
which the usual spelling variants coincide.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ё": "io",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip
_GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}

# Article and prefix variants: "Abd al-Rahman" ~ "Abdul Rahman" ~ "Abdelrahman",
# "El-Sayed" ~ "Al Sayed" ~ "Sayed".
_PREFIXES = re.compile(r"\b(?:abd[\s-]*(?:al|el|ul|ol|ol|u|e)[\s-]*|abdul[\s-]*|abdel[\s-]*)")
_ARTICLE = re.compile(r"\b(?:al|el|ul|ad|ar|as|ash|az|an|at)[\s-]+")

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
    value = "".join(_CYRILLIC.get(ch, _GERMAN.get(ch, ch)) for ch in value)
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = re.sub(r"[^a-z0-9]+", " ", value)
    return value.strip()


def name_key(value: str) -> str:
    """Consonant skeleton of a name: "Mohammed", "Muhammad", "Mohamad" → "mhmd"."""
    text = search_text(value)
    if not text:
        return ""
    text = _PREFIXES.sub("abd ", text)
    text = _ARTICLE.sub("", text)
    text = _FINAL_H.sub(r"\1", text)
    text = _NON_LETTERS.sub("", text)
    for a, b in _CLUSTERS:
        text = text.replace(a, b)
    text = _REPEATS.sub(r"\1", text)
    skeleton = _VOWELS.sub("", text)
    skeleton = _REPEATS.sub(r"\1", skeleton)
    return (skeleton or text)[:60]


def first_name(value: str) -> str:
    """The first of several names, articles dropped and "Abd al-…" kept together:
    "Mohammed Ali" → "mohammed", "Abd al-Rahman Karim" → "abdrahman", "Al-Haddad" → "haddad"."""
    text = _PREFIXES.sub("abd", search_text(value))
    text = _ARTICLE.sub("", text)
    parts = text.split()
    return parts[0] if parts else ""


def first_key(value: str) -> str:
    """Key of the first of several given names ("Mohammed Ali" → key of "Mohammed")."""
    return name_key(first_name(value))
