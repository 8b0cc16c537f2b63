"""Reading numbers: digits in each language's typography, number words (text2num), French
approximate nouns ("une quarantaine de"), and the scales that may follow a number ("milliards", "bn",
"m", "M€"). Nothing here knows units: a number becomes an amount only in the finder.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex
from text_to_num import text2num

from claims.language._common import alternation, rx, words

# French "de"/"des"/"d'" between a scale or an approximate noun and what it counts: "milliards de
# dollars", "une quarantaine d'emplois".
DE = rx(
    r"(?:de⟨s⟩+|d⟨a⟩⟨s⟩*)",
)
DE_AFTER_SPACES = regex.compile(
    rx(
        r"⟨s⟩*⟨de⟩",
        de=DE,
    )
)

# --- numbers -------------------------------------------------------------------------------------------
# Not inside a word or code ("Q1", "A380", "COVID-19"), not the tail of another number ("4,5", "1.2").
_START = r"(?<![\p{L}][-‐]?)(?<![\p{N}])(?<![\p{N}][.,])(?<![\p{L}\p{N}]\.)"
DIGITS = {
    "fr": regex.compile(
        _START + r"(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\p{N}])(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\p{N}])"
    ),
    "en": regex.compile(
        _START + r"(?:\d{1,3}(?:,\d{3})+(?![\p{N}])(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?![\p{N}])"
        r"(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{N}])"
    ),
}
_NUMBER_WORDS = {
    "fr": words("""zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize
        vingt vingts trente quarante cinquante soixante septante huitante octante nonante cent cents mille
        million millions milliard milliards"""),
    "en": words("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
        sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
        thousand million billion trillion"""),
}
_SCALE_WORDS = frozenset(words("million millions milliard milliards thousand billion trillion hundred"))
ARTICLES = frozenset({"un", "une", "a", "an"})

WORD_RUN = {
    lang: regex.compile(
        rx(
            # "a year" (only after a qualifier, see finder.parse_after_number), "a hundred", "vingt et un",
            # "twenty-five", "trois cents millions".
            r"(?<![\p{L}\p{N}-])(?:(?:a|an)(?=⟨s⟩+(?:years?|months?|days?|weeks?)\b)"
            r"|(?:(?:a|an)⟨s⟩+(?=(?:hundred|thousand|million|billion|trillion)\b))?(?:⟨number⟩)"
            r"(?:(?:⟨s⟩+|-|⟨s⟩+(?:et|and)⟨s⟩+)(?:⟨number⟩))*)(?![\p{L}])",
            number=alternation(vocabulary),
        ),
        regex.IGNORECASE,
    )
    for lang, vocabulary in _NUMBER_WORDS.items()
}
APPROX_NOUNS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
    "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000, "dozen": 12,
}  # fmt: skip
APPROX_RUN = {
    "fr": regex.compile(
        rx(
            r"(?<![\p{L}])(?:une|un)⟨s⟩+(?P<noun>⟨noun⟩)⟨s⟩+⟨de⟩",
            noun=alternation(k for k in APPROX_NOUNS if k != "dozen"),
            de=DE,
        ),
        regex.IGNORECASE,
    ),
    "en": regex.compile(
        rx(
            r"(?<![\p{L}])a⟨s⟩+(?P<noun>dozen)⟨s⟩+",
        ),
        regex.IGNORECASE,
    ),
}

# --- what follows a number --------------------------------------------------------------------------
_SCALES = {
    "thousand": 10**3, "mille": 10**3, "k": 10**3,
    "million": 10**6, "millions": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6,
    "milliard": 10**9, "milliards": 10**9, "md": 10**9, "mds": 10**9, "mrd": 10**9, "mrds": 10**9,
    "bn": 10**9, "b": 10**9, "billion_en": 10**9, "billion_fr": 10**12,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12,
}  # fmt: skip
SCALE_ATTACHED = regex.compile(r"(?P<scale>bn|mn|mln|tn|trn|Mds|Md|Mrds|Mrd|m|M|b|k)(?![\p{L}\p{N}])")
SCALE_SPACED = regex.compile(
    rx(
        r"⟨s⟩*(?P<scale>milliards?|millions?|billions?|trillions?|thousand|mille|bn|mn|mln|tn|Mds|Md|Mrds|"
        r"Mrd|M(?=⟨s⟩?[€$£]))(?![\p{L}])",
    ),
    regex.IGNORECASE,
)


def digits_value(raw: str, lang: str) -> Decimal | None:
    """The value of digits as written in the language: "4,5" is 4.5 in French, "1,200" 1200 in English."""
    cleaned = regex.sub(r"[ \u00a0\u202f\u2009]", "", raw)
    cleaned = cleaned.replace(",", ".") if lang == "fr" else cleaned.replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None


def word_numbers(text: str, lang: str, match: regex.Match) -> list[tuple[int, int, Decimal]]:
    """Read a run of number words with text2num, shortening it from the right until it parses."""
    tokens = list(regex.finditer(r"[\p{L}]+", match.group()))
    while tokens:
        first, last = tokens[0], tokens[-1]
        words = [t.group().lower() for t in tokens]
        start, end = match.start() + first.start(), match.start() + last.end()
        phrase = text[start:end].lower()
        if set(words) <= _SCALE_WORDS | {"et", "and"}:
            return []  # "millions de", "thousands": vague
        if words[0] in ("a", "an"):
            phrase = "one" + phrase[len(words[0]) :]
        try:
            return [(start, end, Decimal(text2num(regex.sub(r"\s+", " ", phrase), lang)))]
        except ValueError:
            tokens = tokens[:-1]
            while tokens and tokens[-1].group().lower() in ("et", "and"):
                tokens = tokens[:-1]
    return []


def scale_factor(word: str, lang: str) -> int:
    """The factor of a scale word or abbreviation; "billion" is 10^12 in French, 10^9 in English."""
    key = word.lower()
    if key in ("billion", "billions"):
        key = "billion_fr" if lang == "fr" else "billion_en"
    if key in ("trillions",):
        key = "trillion"
    return _SCALES[key]


def looks_like_year(raw: str) -> bool:
    """Four bare digits from 1800 to 2199 are read as a year, never as a count."""
    return raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2199
