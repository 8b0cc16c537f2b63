"""Qualifiers and ranges: the words before a number that make it a bound or an approximation
("jusqu'à", "environ", "au moins", "plus de", "up to", "about", "at least", "more than", "less than"...),
each giving a value of claims.choices.QuantityQualifier; and the lower figure of a range before it
("entre 3 et", "between $3bn and", "3-"), told apart from a change from one figure to another
("de 3 à 5", "from 3 to 5").
"""

from __future__ import annotations

import regex

from claims.language._common import rx
from claims.language.amounts.numbers import DE

_QUALIFIER_WORDS = {
    "fr": [
        (
            "up_to",
            rx(
                r"jusqu⟨a⟩⟨s⟩?(?:à|a)|pouvant⟨s⟩+aller⟨s⟩+jusqu⟨a⟩⟨s⟩?à|au⟨s⟩+maximum|au⟨s⟩+plus|"
                r"tout⟨s⟩+au⟨s⟩+plus",
            ),
        ),
        (
            "approximately",
            rx(
                r"environ|près⟨s⟩+⟨de⟩|presque|quelque|approximativement|autour⟨s⟩+⟨de⟩|aux⟨s⟩+alentours⟨s⟩+⟨de⟩|"
                r"de⟨s⟩+l⟨a⟩ordre⟨s⟩+⟨de⟩|quasiment|pas⟨s⟩+loin⟨s⟩+⟨de⟩|grosso⟨s⟩+modo|à⟨s⟩+peu⟨s⟩+près|"
                r"estimée?s?⟨s⟩+à|~",
                de=DE,
            ),
        ),
        (
            "at_least",
            rx(
                r"au⟨s⟩+moins|au⟨s⟩+minimum|pas⟨s⟩+moins⟨s⟩+⟨de⟩|a⟨s⟩+minima",
                de=DE,
            ),
        ),
        (
            "more_than",
            rx(
                r"plus⟨s⟩+⟨de⟩|au-delà⟨s⟩+⟨de⟩|supérieure?s?⟨s⟩+à|dépassant|excédant",
                de=DE,
            ),
        ),
        (
            "less_than",
            rx(
                r"moins⟨s⟩+⟨de⟩|inférieure?s?⟨s⟩+à|en⟨s⟩+deçà⟨s⟩+⟨de⟩|sous⟨s⟩+la⟨s⟩+barre⟨s⟩+(?:des?|du|d⟨a⟩)⟨s⟩*",
                de=DE,
            ),
        ),
    ],
    "en": [
        (
            "up_to",
            rx(
                r"up⟨s⟩+to|as⟨s⟩+(?:much|many|high)⟨s⟩+as|at⟨s⟩+most|no⟨s⟩+more⟨s⟩+than|not⟨s⟩+more⟨s⟩+than|"
                r"a⟨s⟩+maximum⟨s⟩+of",
            ),
        ),
        (
            "approximately",
            rx(
                r"about|around|roughly|nearly|almost|approximately|approx\.|some|close⟨s⟩+to|an⟨s⟩+estimated|"
                r"estimated⟨s⟩+at|circa|~|just⟨s⟩+(?:over|under)|more⟨s⟩+or⟨s⟩+less",
            ),
        ),
        (
            "at_least",
            rx(
                r"at⟨s⟩+least|a⟨s⟩+minimum⟨s⟩+of|no⟨s⟩+(?:fewer|less)⟨s⟩+than|not⟨s⟩+less⟨s⟩+than",
            ),
        ),
        (
            "more_than",
            rx(
                r"more⟨s⟩+than|over|above|upwards⟨s⟩+of|in⟨s⟩+excess⟨s⟩+of|exceeding|greater⟨s⟩+than|north⟨s⟩+of",
            ),
        ),
        (
            "less_than",
            rx(
                r"less⟨s⟩+than|fewer⟨s⟩+than|under|below|lower⟨s⟩+than|short⟨s⟩+of",
            ),
        ),
    ],
}
_QUALIFIER_RE = {
    lang: [
        (
            q,
            regex.compile(
                rx(
                    r"(?<![\p{L}])(?:⟨p⟩)⟨s⟩*$",
                    p=p,
                ),
                regex.IGNORECASE,
            ),
        )
        for q, p in table
    ]
    for lang, table in _QUALIFIER_WORDS.items()
}
# Duration words after "over"/"sur"/"under" are a period, not a bound: "over five years".
_PERIOD_QUALIFIERS = regex.compile(r"^(?:over|under|sur)$", regex.IGNORECASE)
_RANGE_NUM = r"(?<![\p{N}][ \u00a0\u202f\u2009]?)(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+(?:[.,]\d+)?)"
RANGE_BEFORE = {
    "fr": regex.compile(
        rx(
            r"(?:(?P<kw>entre)⟨s⟩+)?(?P<cur>[$€£¥])?⟨range_num⟩(?P<scale>⟨s⟩*(?:milliards?|millions?|Mds?|Md|"
            r"bn|m))?⟨s⟩*(?P<sep>et|à|-|–)⟨s⟩*$",
            range_num=_RANGE_NUM,
        ),
        regex.IGNORECASE,
    ),
    "en": regex.compile(
        rx(
            r"(?:(?P<kw>between)⟨s⟩+)?(?P<cur>[$€£¥])?⟨number⟩(?P<scale>⟨s⟩*(?:billion|million|bn|m|tn|"
            r"trillion))?⟨s⟩*(?P<sep>and|to|-|–)⟨s⟩*$",
            number=_RANGE_NUM.replace("[.,]", "[.]"),
        ),
        regex.IGNORECASE,
    ),
}


def qualifier_before(text: str, lang: str, phrase_start: int, kind: str) -> tuple[str, int]:
    """The qualifier stated in the 40 characters before the phrase, and where the phrase then starts;
    "exact" and phrase_start when there is none. The earliest cue wins: "au moins plus de" is at_least."""
    before = text[max(0, phrase_start - 40) : phrase_start]
    best: tuple[int, str] | None = None
    for qualifier, pattern in _QUALIFIER_RE[lang]:
        found = pattern.search(before)
        if found and (best is None or found.start() < best[0]):
            if kind == "duration" and _PERIOD_QUALIFIERS.match(found.group().strip()):
                continue
            best = (found.start(), qualifier)
    if best is None:
        return "exact", phrase_start
    return best[1], phrase_start - (len(before) - best[0])


_CHANGE_FROM = regex.compile(
    rx(
        r"(?:\bde|\bd['’]|\bfrom|\bpassé\w*⟨s⟩+de)⟨s⟩*$",
    ),
    regex.IGNORECASE,
)


def not_a_range(text: str, lang: str, range_start: int, found: regex.Match) -> bool:
    """Whether a RANGE_BEFORE match is a list or a change rather than a range."""
    separator = found.group("sep").lower()
    if separator in ("et", "and"):
        return not found.group("kw")  # "3 et 5 GW" lists two figures; "entre 3 et 5 GW" is a range
    if found.group("kw"):
        return separator in ("à", "to")  # "entre 3 à 5" is not idiomatic: leave it alone
    # "de 3 à 5 milliards", "from 3 to 5": a change from one figure to another, not a range.
    return bool(_CHANGE_FROM.search(text[max(0, range_start - 12) : range_start]))
