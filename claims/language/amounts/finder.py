"""The amount finder: numbers (digits, words, approximate nouns) with their scale, unit and qualifier,
ranges merged, dates and ages left out, values in the unit the database stores and bounds that follow
the qualifier. `Amount` is what it reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from claims.choices import CURRENCIES, QuantityQualifier, QuantityUnit
from claims.language._common import inside_any, non_overlapping, rules_language, rx, sentence_bounds
from claims.language.amounts.measure import measure_of
from claims.language.amounts.numbers import (
    APPROX_NOUNS,
    APPROX_RUN,
    ARTICLES,
    DE_AFTER_SPACES,
    DIGITS,
    SCALE_ATTACHED,
    SCALE_SPACED,
    WORD_RUN,
    digits_value,
    looks_like_year,
    scale_factor,
    word_numbers,
)
from claims.language.amounts.qualifiers import RANGE_BEFORE, not_a_range, qualifier_before
from claims.language.amounts.units import CURRENCY_PREFIX, HYPHEN_UNIT, match_unit
from claims.language.dates import date_spans
from claims.rules.validation import MAX_AMOUNT

# What an Amount's unit and qualifier may be: the database's own vocabularies.
UNITS = tuple(QuantityUnit.values)
QUALIFIERS = tuple(QuantityQualifier.values)


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    as_stated: str
    value: Decimal
    unit: str
    qualifier: str
    lower_bound: Decimal | None
    upper_bound: Decimal | None
    measure: str


@dataclass
class _Parsed:
    start: int
    end: int
    value: Decimal
    unit: str
    kind: str
    scale: int
    qualifier: str
    noun: str | None
    words: bool
    upper: Decimal | None = None


# Ages ("âgé de 45 ans", "aged 45") and time ago ("il y a 5 ans", "5 years ago") are no amounts.
_EXCLUDED_BEFORE = {
    "fr": regex.compile(
        rx(
            r"(?:il⟨s⟩+y⟨s⟩+a|âgée?s?⟨s⟩+de|à⟨s⟩+l⟨a⟩âge⟨s⟩+de)⟨s⟩+$",
        ),
        regex.IGNORECASE,
    ),
    "en": regex.compile(
        rx(
            r"(?:aged)⟨s⟩+$",
        ),
        regex.IGNORECASE,
    ),
}
_EXCLUDED_AFTER = {
    "fr": regex.compile(
        rx(
            r"^(?:-|⟨s⟩+)(?:plus⟨s⟩+tôt|auparavant)\b",
        ),
        regex.IGNORECASE,
    ),
    "en": regex.compile(
        rx(
            r"^(?:-|⟨s⟩+)(?:ago|old|earlier|before)\b",
        ),
        regex.IGNORECASE,
    ),
}
# "points" alone are percentage points only in a sentence that speaks of per cent or a rate.
_PERCENT_CONTEXT = regex.compile(r"%|pourcentage|percent|per cent|taux|rate", regex.IGNORECASE)


def find_amounts(text: str, language: str) -> list[Amount]:
    """Every amount of text with a known unit, in text order, without overlaps."""
    lang = rules_language(language)
    dates = date_spans(text, lang)
    parsed: list[_Parsed] = []
    for match in DIGITS[lang].finditer(text):
        if inside_any(match.start(), dates):
            continue
        value = digits_value(match.group(), lang)
        if value is not None:
            found = _parse_after_number(text, lang, match.start(), match.end(), value, words=False)
            if found:
                parsed.append(found)
    for match in WORD_RUN[lang].finditer(text):
        for start, end, value in word_numbers(text, lang, match):
            if inside_any(start, dates):
                continue
            found = _parse_after_number(text, lang, start, end, value, words=True)
            if found:
                parsed.append(found)
    for match in APPROX_RUN[lang].finditer(text):
        found = _parse_approx_noun(text, lang, match)
        if found:
            parsed.append(found)
    kept = non_overlapping(parsed, lambda p: (p.start, p.end))
    kept = _merge_ranges(text, lang, kept)
    return [_to_amount(text, lang, p) for p in kept if p.value <= MAX_AMOUNT]


def _parse_approx_noun(text: str, lang: str, match: regex.Match) -> _Parsed | None:
    base = Decimal(APPROX_NOUNS[match.group("noun").lower()])
    pos = match.end()
    scale = 1
    scale_match = SCALE_SPACED.match(text, pos)
    if scale_match:
        scale = scale_factor(scale_match.group("scale"), lang)
        pos = scale_match.end()
        connector = DE_AFTER_SPACES.match(text, pos)
        if connector:
            pos = connector.end()
    unit = match_unit(text, lang, pos, allow_count_noun=True, after_scale=scale > 1)
    if not unit or unit[1] in ("excluded", "foreign"):
        return None
    unit_name, kind, unit_end, noun = unit
    value = base * scale
    return _Parsed(match.start(), unit_end, value, unit_name, kind, scale, "approximately", noun, words=True)


def _parse_after_number(text: str, lang: str, start: int, end: int, value: Decimal, *, words: bool) -> _Parsed | None:
    phrase_start = start
    unit: str | None = None
    kind = ""
    noun: str | None = None
    scale = 1
    # Currency symbol or code before the number, and a sign before that.
    prefix = CURRENCY_PREFIX.search(text[max(0, start - 6) : start])
    if prefix and not words:
        if prefix.group("foreign"):
            return None
        unit = next(name for name in CURRENCIES if prefix.group(name))
        kind = "currency"
        phrase_start = start - (len(prefix.group()))
    if (
        phrase_start > 0
        and text[phrase_start - 1] in "+-−"
        and (phrase_start < 2 or not text[phrase_start - 2].isalnum())
    ):
        phrase_start -= 1
    pos = end
    if not words:
        attached = SCALE_ATTACHED.match(text, pos)
        if attached and _attached_scale_ok(text, lang, attached, kind):
            scale = scale_factor(attached.group("scale"), lang)
            pos = attached.end()
        else:
            spaced = SCALE_SPACED.match(text, pos)
            if spaced:
                scale = scale_factor(spaced.group("scale"), lang)
                pos = spaced.end()
    hyphen = HYPHEN_UNIT[lang].match(text, pos)
    if hyphen and unit is None:
        hyphen_unit = hyphen.group("unit").lower().rstrip("s")
        unit = {"year": "year", "an": "year", "month": "month", "day": "day", "week": "week"}.get(hyphen_unit)
        unit = unit or ("GW" if hyphen_unit.startswith(("gigawatt", "gw")) else "MW")
        kind = "duration" if unit in ("year", "month", "day", "week") else "power"
        pos = hyphen.end()
    elif unit is None:
        found = match_unit(text, lang, pos, allow_count_noun=not words, after_scale=scale > 1 or words)
        if found:
            unit, kind, pos, noun = found
            if kind in ("excluded", "foreign"):
                return None
    if unit is None:
        if scale > 1 or (words and any(w in text[start:end].lower() for w in ("million", "milliard", "billion"))):
            unit, kind = "count", "count"
        elif not words and _bare_figure(text, lang, start, end, phrase_start):
            unit, kind = "count", "count"  # "en accueille près de 140 000," : the noun was said before
        else:
            return None
    if _EXCLUDED_BEFORE[lang].search(text[max(0, phrase_start - 20) : phrase_start]):
        return None
    if kind == "duration" and _EXCLUDED_AFTER[lang].match(text[pos : pos + 12]):
        return None
    value = value * scale
    if unit == "pt":
        sentence_start, sentence_end = sentence_bounds(text, start, start)
        if not _PERCENT_CONTEXT.search(text[sentence_start:sentence_end]):
            return None
        unit, kind = "pp", "points"
    if unit == "bp":
        unit, kind, value = "pp", "points", value / 100
    if unit == "week":
        unit, value = "day", value * 7
    if words and value < 10 and kind in ("count", "people", "jobs", "homes"):
        return None  # "deux entreprises", "two people briefed": not figures anyone records
    if not words and kind == "count" and scale == 1 and looks_like_year(text[start:end]):
        return None
    article = words and text[start:end].lower() in ARTICLES
    qualifier, qualifier_start = qualifier_before(text, lang, phrase_start, kind)
    if article and kind != "duration":
        return None
    if article and lang == "en" and qualifier == "exact":
        return None  # "a year" alone is a rate ("$5bn a year"), not a duration
    return _Parsed(qualifier_start, pos, value, unit, kind, scale, qualifier, noun, words)


def _attached_scale_ok(text: str, lang: str, attached: regex.Match, kind: str) -> bool:
    """ "$45m", "£2m", "5bn", "2m people" are scaled; "250m" alone is metres, "5k" alone a distance."""
    if attached.group("scale").lower() not in ("m", "b", "k"):
        return True
    if kind == "currency":
        return True
    follows = match_unit(text, lang, attached.end(), allow_count_noun=False, after_scale=True)
    return bool(follows) and follows[1] not in ("excluded", "foreign")


_BARE_END = regex.compile(
    rx(
        r"⟨s⟩*(?:[,.;:)]|⟨s⟩(?:dont|soit|contre|of|which|including|compared)\b|$)",
    )
)


def _bare_figure(text: str, lang: str, start: int, end: int, phrase_start: int) -> bool:
    """A number with no unit still states an amount when a qualifier says so and nothing follows it."""
    raw = text[start:end]
    value = digits_value(raw, lang)
    if value is None or value < 10 or looks_like_year(raw):
        return False
    qualifier, _at = qualifier_before(text, lang, phrase_start, "count")
    return qualifier != "exact" and bool(_BARE_END.match(text, end))


def _merge_ranges(text: str, lang: str, parsed: list[_Parsed]) -> list[_Parsed]:
    """ "entre 3 et 5 milliards d'euros", "between $3bn and $5bn", "3-5 GW": one amount with both bounds."""
    result: list[_Parsed] = []
    for item in parsed:
        if item.qualifier != "exact":
            result.append(item)
            continue
        before = text[max(0, item.start - 40) : item.start]
        found = RANGE_BEFORE[lang].search(before)
        if not found or not_a_range(text, lang, item.start - (len(before) - found.start()), found):
            result.append(item)
            continue
        low = digits_value(found.group("num"), lang)
        scale = scale_factor(found.group("scale").strip(), lang) if found.group("scale") else item.scale
        low = low * scale if low is not None else None
        if low is None or low >= item.value:
            result.append(item)
            continue
        range_start = item.start - (len(before) - found.start())
        if result and result[-1].start >= range_start:
            result.pop()  # the lower figure was read as an amount of its own
        result.append(
            _Parsed(
                range_start,
                item.end,
                low,
                item.unit,
                item.kind,
                item.scale,
                "range",
                item.noun,
                item.words,
                upper=item.value,
            )
        )
    return result


def _clean(value: Decimal) -> Decimal:
    """A whole value without decimals (300000000000, not 300000000000.0), any other without trailing
    zeros (4.5, not 4.50)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _to_amount(text: str, lang: str, p: _Parsed) -> Amount:
    # The bounds claims.rules.validation.check_quantity asks of each qualifier; a range is the only
    # encoding the constraints accept without inventing a midpoint.
    value = _clean(p.value)
    lower = upper = None
    qualifier = p.qualifier
    if qualifier == "range":
        qualifier = "at_least"
        lower, upper = value, _clean(p.upper)
    elif qualifier in ("up_to", "less_than"):
        upper = value
    elif qualifier in ("at_least", "more_than"):
        lower = value
    measure = measure_of(text, lang, p.start, p.end, p.kind, p.noun)
    return Amount(p.start, p.end, text[p.start : p.end], value, p.unit, qualifier, lower, upper, measure)
