"""Words for people: status symbols, amounts ("up to 4.5 GW", "about $300 billion", "about $300 billion over about 5
years"), dates at their precision ("early 2025", "Q3 2025"), a claim's sentence in its article, an
article's text with its claims marked, and a text colour that stays readable on a status colour.

Pure functions of model instances already loaded: no queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim, DateMention, Quantity, VerificationStatus

# --- statuses --------------------------------------------------------------------------------------

# A symbol beside every written status, so that colour is never the only signal. Symbols from the
# common Unicode blocks, which the system fonts of phones and desktops carry.
STATUS_SYMBOLS = {
    "unverified": "?",
    "in_review": "…",
    "accurate": "✓",
    "mostly_accurate": "≈",
    "misleading": "!",
    "inaccurate": "✗",
    "unverifiable_yet": "◷",
    "not_checkable": "∅",
    "retracted": "⊘",
}
NORMALIZED_SYMBOLS = {"true": "✓", "false": "✗", "mixture": "!", "other": "•"}


def status_symbol(status: VerificationStatus) -> str:
    return STATUS_SYMBOLS.get(status.code) or NORMALIZED_SYMBOLS.get(status.normalized, "•")


def share_description(claim: Claim) -> str:
    """What a shared link says of the claim: its status, then the rationale."""
    return f"{status_symbol(claim.status)} {claim.status.label}. {claim.rationale}".strip()[:300]


# --- amounts ---------------------------------------------------------------------------------------

_QUALIFIER_WORDS = {
    Quantity.Qualifier.EXACT: "",
    Quantity.Qualifier.APPROXIMATELY: "about",
    Quantity.Qualifier.UP_TO: "up to",
    Quantity.Qualifier.AT_LEAST: "at least",
    Quantity.Qualifier.MORE_THAN: "more than",
    Quantity.Qualifier.LESS_THAN: "less than",
}
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥"}
# Units written after the number, with their singular and plural words where they have them.
_UNIT_WORDS = {
    "%": ("%", "%"),
    "pp": ("percentage point", "percentage points"),
    "year": ("year", "years"),
    "month": ("month", "months"),
    "day": ("day", "days"),
    "people": ("person", "people"),
    "jobs": ("job", "jobs"),
    "homes": ("home", "homes"),
    "count": ("", ""),
}
_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def format_number(value: Decimal) -> str:
    """300000000000 -> "300 billion", 4.5000 -> "4.5", 25000 -> "25,000"."""
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{format_number(value / size)} {word}"
    text = f"{value.normalize():,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_amount(value: Decimal, unit: str) -> str:
    number = format_number(value)
    if unit in _CURRENCY_SIGNS:
        return f"{_CURRENCY_SIGNS[unit]}{number}"
    if unit == "%":
        return f"{number}%"
    singular, plural = _UNIT_WORDS.get(unit, (unit, unit))
    word = singular if value == 1 else plural
    return f"{number} {word}".strip()


def describe_quantity(quantity: Quantity) -> str:
    """The amount as a reader says it: the qualifier, then the bound it qualifies (or the value)."""
    qualifier = quantity.qualifier
    if qualifier in (Quantity.Qualifier.UP_TO, Quantity.Qualifier.LESS_THAN) and quantity.upper_bound is not None:
        amount = quantity.upper_bound
    elif qualifier in (Quantity.Qualifier.AT_LEAST, Quantity.Qualifier.MORE_THAN) and quantity.lower_bound is not None:
        amount = quantity.lower_bound
    else:
        amount = quantity.value
    words = _QUALIFIER_WORDS.get(qualifier, "")
    text = f"{words} {format_amount(amount, quantity.unit)}".strip()
    has_range = quantity.lower_bound is not None and quantity.upper_bound is not None
    if has_range and qualifier in (Quantity.Qualifier.EXACT, Quantity.Qualifier.APPROXIMATELY):
        low = format_amount(quantity.lower_bound, quantity.unit)
        high = format_amount(quantity.upper_bound, quantity.unit)
        text += f" (between {low} and {high})"
    return text


DURATION_UNITS = frozenset({Quantity.Unit.YEAR, Quantity.Unit.MONTH})
# A money amount measured per period ("annual revenue") is not spread over a duration: "$30 billion over
# 5 years" would misstate "$30 billion a year for 5 years". Such amounts keep their own line.
_PER_PERIOD = re.compile(r"\b(annual|annually|yearly|monthly|per (year|month)|a (year|month))\b", re.I)


@dataclass(frozen=True)
class Amount:
    """One line of a claim's amounts: what is measured, the words for people, the quantities worded."""

    measure: str
    text: str
    quantities: tuple[Quantity, ...]


def describe_amounts(quantities: Iterable[Quantity]) -> list[Amount]:
    """A claim's quantities in their order, each worded by describe_quantity(); a money amount and the
    duration it runs over become one line, "about $300 billion over about 5 years", in the money
    amount's place. Only when the pairing is certain: exactly one money amount, not one per period, and
    exactly one duration (years or months); otherwise every quantity keeps its own line."""
    quantities = list(quantities)
    money = [q for q in quantities if q.unit in Quantity.CURRENCIES]
    durations = [q for q in quantities if q.unit in DURATION_UNITS]
    pair = None
    if len(money) == 1 and len(durations) == 1 and not _PER_PERIOD.search(money[0].measure):
        pair = (money[0], durations[0])
    amounts = []
    for quantity in quantities:
        if pair and quantity is pair[1]:
            continue
        if pair and quantity is pair[0]:
            amount, duration = pair
            text = f"{describe_quantity(amount)} over {describe_quantity(duration)}"
            amounts.append(Amount(f"{amount.measure} and {duration.measure}", text, (amount, duration)))
        else:
            amounts.append(Amount(quantity.measure, describe_quantity(quantity), (quantity,)))
    return amounts


# --- dates -----------------------------------------------------------------------------------------

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def describe_date(mention: DateMention) -> str:
    """A date at the precision it was stated: "21 January 2025", "early 2025", "Q3 2025", "2027"."""
    precision, year, month = mention.precision, mention.year, mention.month
    if precision == DateMention.Precision.DAY:
        return f"{mention.day} {_MONTHS[month - 1]} {year}"
    if precision == DateMention.Precision.MONTH:
        return f"{_MONTHS[month - 1]} {year}"
    if precision == DateMention.Precision.QUARTER:
        return f"Q{(month - 1) // 3 + 1} {year}"
    if precision == DateMention.Precision.HALF:
        return f"{'first' if month == 1 else 'second'} half of {year}"
    if precision == DateMention.Precision.EARLY_YEAR:
        return f"early {year}"
    if precision == DateMention.Precision.MID_YEAR:
        return f"mid-{year}"
    if precision == DateMention.Precision.LATE_YEAR:
        return f"late {year}"
    return str(year)


def html_datetime(mention: DateMention) -> str:
    """The value for <time datetime>, which knows days, months and years but not quarters or seasons."""
    if mention.precision in (DateMention.Precision.DAY, DateMention.Precision.MONTH):
        return mention.value
    if mention.precision == DateMention.Precision.YEAR:
        return f"{mention.year:04d}"
    return ""


# --- a claim in its article ------------------------------------------------------------------------

# A sentence ends at . ! ? or … followed by a space, or at a paragraph break.
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n\s*\n")


@dataclass(frozen=True)
class InContext:
    before: str
    passage: str
    after: str


def sentence_in_context(claim: Claim) -> InContext:
    """The sentence (or sentences) holding the claim's passage, cut around it."""
    text = claim.article.text
    start, end = claim.start, claim.end
    sentence_start = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        sentence_start = match.end()
    following = _SENTENCE_END.search(text, end)
    if following is None:
        sentence_end = len(text)
    elif following.group().strip():  # a full stop belongs to its sentence, a paragraph break does not
        sentence_end = following.end()
    else:
        sentence_end = following.start()
    return InContext(
        before=text[sentence_start:start].lstrip(),
        passage=text[start:end],
        after=text[end:sentence_end].rstrip(),
    )


# --- an article with its claims marked -------------------------------------------------------------


@dataclass
class Segment:
    text: str
    claims: list[Claim] = field(default_factory=list)  # covering this text, outermost first
    ends: list[Claim] = field(default_factory=list)  # whose passage ends with this segment


def _segments(text: str, claims: list[Claim]) -> list[list[Segment]]:
    """Cut the text at every paragraph break and every claim's start and end; each piece knows which
    claims cover it. Returns paragraphs of segments."""
    cuts = {0, len(text)}
    for claim in claims:
        cuts.update((max(0, min(claim.start, len(text))), max(0, min(claim.end, len(text)))))
    breaks = [(m.start(), m.end()) for m in re.finditer(r"\n\s*\n", text)]
    for b_start, b_end in breaks:
        cuts.update((b_start, b_end))
    points = sorted(cuts)
    # Outermost first: earlier start, then longer passage; nesting is then the same in every segment.
    ordered = sorted(claims, key=lambda c: (c.start, -c.end, c.pk or 0))
    paragraphs: list[list[Segment]] = [[]]
    for left, right in zip(points, points[1:], strict=False):
        if any(b_start <= left and right <= b_end for b_start, b_end in breaks):
            if paragraphs[-1]:
                paragraphs.append([])
            # A claim ending inside the break still gets its reference, at the end of the paragraph before.
            ending = [c for c in ordered if left < c.end <= right]
            if ending and len(paragraphs) > 1 and paragraphs[-2]:
                paragraphs[-2][-1].ends.extend(ending)
            continue
        covering = [c for c in ordered if c.start <= left and right <= c.end]
        ending = [c for c in ordered if c.end == right]
        paragraphs[-1].append(Segment(text=text[left:right], claims=covering, ends=ending))
    return [paragraph for paragraph in paragraphs if paragraph]


def annotate_article(text: str, claims: list[Claim], *, reference, mark_class=None) -> SafeString:
    """The article's text as HTML paragraphs, every claim's passage in <mark> elements.

    Overlapping passages never produce crossed tags: the text is cut wherever a passage starts or ends,
    and each piece opens and closes its own marks (nested, outermost first). After the piece where a
    passage ends comes `reference(claim)`: the link to its claim page, with its status written.
    `mark_class(item)` names the mark's classes (by default the claim's status); the items may be any
    objects with `pk`, `start` and `end` (the editors' workbench marks candidate claims).
    """
    mark_class = mark_class or (lambda claim: f"claim status-{claim.status_id}")
    numbers = {claim.pk: n for n, claim in enumerate(sorted(claims, key=lambda c: (c.start, c.end)), 1)}
    html: list[str] = []
    for paragraph in _segments(text, claims):
        html.append("<p>")
        for segment in paragraph:
            opened = [
                format_html('<mark class="{}" data-claim="{}">', mark_class(claim), numbers[claim.pk])
                for claim in segment.claims
            ]
            html.extend(opened)
            html.append(str(conditional_escape(segment.text)).replace("\n", "<br>"))
            html.append("</mark>" * len(opened))
            for claim in segment.ends:
                html.append(str(reference(claim, numbers[claim.pk])))
        html.append("</p>")
    return mark_safe("".join(html))  # noqa: S308 -- every piece of text above is escaped


# --- colours ---------------------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on `background` (WCAG contrast)."""
    return "#ffffff" if contrast_ratio(background, "#ffffff") >= contrast_ratio(background, "#000000") else "#000000"


def tint(hex_colour: str, whiteness: float) -> str:
    """`hex_colour` mixed with white: a background light enough for black text."""
    channels = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * whiteness):02x}" for c in channels)


def describe_correction(change: dict) -> str:
    """One field of a correction (claims.services.record) in words: what it read and what it reads now; for a
    list (amounts, dates, citations), the items removed and added."""
    label, before, after = change["label"], change.get("before") or "", change.get("after") or ""
    if change.get("kind") != "items":
        return f"{label} read \u201c{before or '(nothing)'}\u201d; now \u201c{after or '(nothing)'}\u201d."
    if before and after:
        return f"{label}: \u201c{before}\u201d replaced by \u201c{after}\u201d."
    if after:
        return f"{label}: added \u201c{after}\u201d."
    return f"{label}: removed \u201c{before}\u201d."
