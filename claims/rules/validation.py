"""Cross-field rules shared by the models' clean(), the admin forms, the API serializers and the import
command, so that every path gives the same message for the same mistake.

Each function raises ValidationError; where the rule concerns one field the error is keyed by it.
"""

from __future__ import annotations

import calendar
import re
from decimal import Decimal
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

# The largest amount the database accepts (its quantity constraints use it). An explicit ceiling also keeps
# PostgreSQL's numeric 'NaN' out: NaN sorts above every number, so it fails `value <= MAX_AMOUNT`.
MAX_AMOUNT = Decimal("9999999999999999.9999")

# Characters that show nothing (zero-width spaces and joiners, the word joiner, the byte-order mark, the soft
# hyphen): a text made only of them is empty to a reader.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Bidirectional embeddings, overrides and isolates reorder what readers see: "Accurate" could display as
# anything. Editors' words never need them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
BIDI_MESSAGE = (
    "Remove the bidirectional control characters (U+202A–U+202E, U+2066–U+2069): they reorder what readers see."
)


def no_bidi_controls(value: str) -> None:
    """A field validator: an editor's words carry no bidirectional control character."""
    if value and _BIDI_CONTROLS.search(value):
        raise ValidationError(BIDI_MESSAGE, code="bidi")


def visible_text(value: str, field: str) -> str:
    """`value` without surrounding blanks, or "" when nothing in it would show; a bidirectional control
    character is refused, keyed by `field`."""
    if _BIDI_CONTROLS.search(value or ""):
        raise ValidationError({field: BIDI_MESSAGE})
    if not (value or "").translate(_INVISIBLE).strip():
        return ""
    return value.strip()


_PARTIAL_DATE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<quarter>Q[1-4])|(?P<half>H[12])|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?$"
)


# What a passage copied from another tab or typed by hand may carry instead of the article's own characters:
# straight or curly quotes and apostrophes, guillemets, and the no-break and thin spaces French puts inside
# them. A passage is matched through these, and stored with the article's exact characters.
_TYPOGRAPHIC = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
        "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2039": '"', "\u203a": '"',
        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    }
)  # fmt: skip


def _typographic_key(text: str) -> tuple[str, list[int]]:
    """`text` with its typographic variants made plain, runs of white space made one space, and no space
    beside a quotation mark ("« mot »" and '"mot"' read alike); with, for each character kept, its index
    in `text`."""
    kept: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text.translate(_TYPOGRAPHIC)):
        if char.isspace():
            if kept and kept[-1] in ' "':
                continue
            char = " "
        elif char == '"' and kept and kept[-1] == " ":
            kept.pop()
            where.pop()
        kept.append(char)
        where.append(index)
    return "".join(kept), where


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def locate_passage(article_text: str, passage: str, start: int | None = None) -> tuple[int, int]:
    """Return (start, end) of `passage` in `article_text`; the caller stores `article_text[start:end]`, the
    article's own characters.

    The passage is found as typed, or else through typographic variants (quotes, apostrophes, guillemets,
    no-break spaces). With `start`, the passage must stand exactly there unless it occurs only once (a stale
    or guessed offset is then corrected); without it, its first occurrence is used.
    """
    if not passage or not passage.strip():
        raise ValidationError("The words as stated cannot be empty.")
    if start is not None and article_text[start : start + len(passage)] == passage:
        return start, start + len(passage)
    spans = [(at, at + len(passage)) for at in _occurrences(article_text, passage)]
    if not spans:
        text_key, where = _typographic_key(article_text)
        passage_key, _ = _typographic_key(passage.strip())
        spans = [(where[at], where[at + len(passage_key) - 1] + 1) for at in _occurrences(text_key, passage_key)]
    if not spans:
        raise ValidationError("This passage does not occur in the article's text; quote it exactly.")
    if start is None:
        return spans[0]
    for span in spans:
        if span[0] == start:
            return span
    # The offset is stale (the text moved) or was guessed: keep the passage, fix the offset, but only when
    # the passage is unambiguous.
    if len(spans) > 1:
        raise ValidationError(
            f"This passage occurs more than once in the article; no occurrence starts at offset {start}."
        )
    return spans[0]


def check_quantity(
    *,
    value: Decimal | None,
    unit: str | None,
    lower_bound: Decimal | None,
    upper_bound: Decimal | None,
    qualifier: str | None,
) -> None:
    errors: dict[str, str] = {}
    for name, amount in (("value", value), ("lower_bound", lower_bound), ("upper_bound", upper_bound)):
        if amount is None:
            continue
        if not amount.is_finite():
            errors[name] = "Enter a finite number."
        elif amount < 0:
            errors[name] = "Amounts cannot be negative; say what decreases in the measure instead."
    if not errors:
        if lower_bound is not None and value is not None and lower_bound > value:
            errors["lower_bound"] = "The lower bound cannot be above the value."
        if upper_bound is not None and value is not None and upper_bound < value:
            errors["upper_bound"] = "The upper bound cannot be below the value."
        if lower_bound is not None and upper_bound is not None and lower_bound > upper_bound:
            errors["lower_bound"] = "The lower bound cannot be above the upper bound."
    if qualifier in ("up_to", "less_than") and upper_bound is None:
        errors.setdefault("upper_bound", f"\u201c{qualifier.replace('_', ' ')}\u201d needs an upper bound.")
    if qualifier in ("at_least", "more_than") and lower_bound is None:
        errors.setdefault("lower_bound", f"\u201c{qualifier.replace('_', ' ')}\u201d needs a lower bound.")
    if errors:
        raise ValidationError(errors)


def check_date_parts(precision: str, year: int | None, month: int | None, day: int | None) -> None:
    """A date's parts must be exactly those its precision states, and must exist in the calendar."""
    errors: dict[str, str] = {}
    if year is None:
        raise ValidationError({"year": "Every date needs a year."})
    if precision == "day":
        if month is None:
            errors["month"] = "A day-precision date needs a month."
        if day is None:
            errors["day"] = "A day-precision date needs a day."
    elif precision == "month":
        if month is None:
            errors["month"] = "A month-precision date needs a month."
        if day is not None:
            errors["day"] = "A month-precision date has no day; choose day precision."
    elif precision in ("quarter", "half"):
        allowed = (1, 4, 7, 10) if precision == "quarter" else (1, 7)
        if month not in allowed:
            errors["month"] = f"A {precision} is given by its first month: one of {', '.join(map(str, allowed))}."
        if day is not None:
            errors["day"] = f"A {precision} has no day."
    else:
        if month is not None:
            errors["month"] = "This precision has no month; choose month or day precision."
        if day is not None:
            errors["day"] = "This precision has no day; choose day precision."
    if not errors and month is not None and not 1 <= month <= 12:
        errors["month"] = "Months run from 1 to 12."
    if not errors and day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        errors["day"] = f"{year}-{month:02d} has no day {day}."
    if errors:
        raise ValidationError(errors)


def parse_partial_date(text: str, precision: str) -> tuple[int, int | None, int | None]:
    """Read "2025", "2025-01", "2025-01-21", "2025-Q1" or "2026-H2" as (year, month, day) and check it
    against `precision`."""
    match = _PARTIAL_DATE.match(text or "")
    if not match:
        raise ValidationError(
            {"value": "Write the date as YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Hn, at its precision."}
        )
    year = int(match["year"])
    month = day = None
    if match["quarter"]:
        if precision != "quarter":
            raise ValidationError({"value": "A quarter (YYYY-Qn) goes with quarter precision."})
        month = (int(match["quarter"][1]) - 1) * 3 + 1
    elif match["half"]:
        if precision != "half":
            raise ValidationError({"value": "A half-year (YYYY-Hn) goes with half precision."})
        month = 1 if match["half"] == "H1" else 7
    else:
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if precision in ("quarter", "half"):
            raise ValidationError({"value": f"Write a {precision} as YYYY-{'Q' if precision == 'quarter' else 'H'}n."})
    try:
        check_date_parts(precision, year, month, day)
    except ValidationError as exc:
        raise ValidationError({"value": [m for msgs in exc.message_dict.values() for m in msgs]}) from None
    return year, month, day


def format_partial_date(precision: str, year: int, month: int | None, day: int | None) -> str:
    if precision == "day":
        return f"{year:04d}-{month:02d}-{day:02d}"
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    if precision == "quarter":
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if precision == "half":
        return f"{year:04d}-H{1 if month == 1 else 2}"
    return f"{year:04d}"


def check_http_url(value: str) -> None:
    """Only http(s) addresses: a citation must never carry javascript:, data: or file: links."""
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValidationError("Only http:// and https:// addresses are accepted.")
