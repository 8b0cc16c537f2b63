"""Reading a date match into `DateSpan`s: its precision and parts, the year of a date stated without
one (from the reference date, the article's publication date, and the tense of its clause), relative
words ("l'an prochain", "this quarter", "hier"), weekdays, and year ranges (a start and an end).
"""

from __future__ import annotations

import datetime as dt

import regex

from claims.language._common import fold
from claims.language.dates.context import clause_tense, date_role
from claims.language.dates.patterns import group
from claims.language.dates.span import DateSpan, span_days
from claims.language.dates.tables import ORDINALS, WEEKDAYS_EN, WEEKDAYS_FR, month_number


def resolve(text: str, lang: str, kind: str, match: regex.Match, reference: dt.date) -> list[DateSpan]:
    """The dates a match of `kind` states (two for a year range, none for "31 février"), against `reference`."""
    pre = group(match, "pre")
    pre_folded = fold(pre) if pre else ""
    start, end = match.span()
    if kind == "range":
        return _resolve_range(text, lang, match, reference)
    year = int(match.group("year")) if group(match, "year") else None
    if year is None and group(match, "yy"):
        year = 2000 + int(match.group("yy"))
    year_offset = _relative_offset(group(match, "rel"), group(match, "relw"))
    month = day = None
    if kind in ("day", "numeric", "iso"):
        precision = "day"
        month = int(match.group("month")) if kind in ("numeric", "iso") else month_number(match.group("month"), lang)
        day_text = match.group("day").lower()
        day = 1 if day_text == "1er" else int(day_text)
    elif kind == "month":
        precision = "month"
        month = month_number(match.group("month"), lang)
    elif kind == "quarter":
        precision = "quarter"
        number = int(match.group("qn")) if group(match, "qn") else ORDINALS[match.group("ord").lower()]
        month = 3 * (number - 1) + 1
    elif kind == "half":
        precision = "half"
        number = int(match.group("hn")) if group(match, "hn") else ORDINALS[match.group("ord").lower()]
        month = 1 if number == 1 else 7
    elif kind == "part":
        precision = _part_precision(match.group("part"))
    elif kind == "year":
        precision = "year"
    elif kind == "relative":
        return _resolve_relative(text, lang, match, reference)
    elif kind == "weekday":
        return _resolve_weekday(text, lang, match, reference)
    else:  # pragma: no cover - every pattern kind is handled above
        return []
    if year is None and kind == "part" and not group(match, "rel") and not group(match, "relw"):
        year_offset = 0  # "fin de l'année", "the end of the year": the current year
    if year is None and year_offset is not None:
        year = reference.year + year_offset
    if year is None:
        year = _nearest_year(precision, month, day, reference, clause_tense(text, lang, start, end, pre_folded))
        if year is None:
            return []
    try:
        first, last = span_days(precision, year, month, day)
    except ValueError:
        return []  # "31 février"
    role = date_role(text, lang, start, pre_folded, precision)
    return [DateSpan(start, end, text[start:end], precision, year, month, day, role, first, last)]


def _part_precision(part: str) -> str:
    part = fold(part).replace("-", "").strip()
    if part in ("debut", "early", "beginning of", "start of") or part.startswith(("beginning", "start")):
        return "early_year"
    if part in ("fin", "late", "later") or part.startswith(("end", "close", "turn")):
        return "late_year"
    if part in ("courant",):
        return "year"
    return "mid_year"


def _relative_offset(rel: str | None, relw: str | None) -> int | None:
    words = fold(" ".join(w for w in (rel, relw) if w))
    if not words:
        return None
    if any(w in words for w in ("prochain", "next")):
        return 1
    if any(w in words for w in ("dernier", "derniere", "passe", "last")):
        return -1
    return 0


def _resolve_range(text: str, lang: str, match: regex.Match, reference: dt.date) -> list[DateSpan]:
    first_year = int(match.group("year"))
    second_text = match.group("year_b")
    second_year = int(second_text) if len(second_text) == 4 else (first_year // 100) * 100 + int(second_text)
    if second_year <= first_year:
        return []
    first_start = match.start()
    first_end = match.end("year")
    second_start = match.start("year_b")
    spans = []
    for s, e, year, role in (
        (first_start, first_end, first_year, "starts"),
        (second_start, match.end(), second_year, "ends"),
    ):
        first, last = span_days("year", year, None, None)
        spans.append(DateSpan(s, e, text[s:e], "year", year, None, None, role, first, last))
    return spans


def _resolve_relative(text: str, lang: str, match: regex.Match, reference: dt.date) -> list[DateSpan]:
    start, end = match.span()
    pre_folded = fold(group(match, "pre") or "")
    month = day = None
    if group(match, "rel"):
        precision = "year"
        year = reference.year + (_relative_offset(match.group("rel"), None) or 0)
    elif group(match, "relm"):
        precision = "month"
        offset = _relative_offset(match.group("relm"), None) or 0
        index = reference.year * 12 + reference.month - 1 + offset
        year, month = divmod(index, 12)
        month += 1
    elif group(match, "relq"):
        precision = "quarter"
        offset = _relative_offset(match.group("relq"), None) or 0
        index = reference.year * 4 + (reference.month - 1) // 3 + offset
        year, quarter = divmod(index, 4)
        month = quarter * 3 + 1
    else:
        precision = "day"
        word = fold(match.group("reld"))
        shift = {"hier": -1, "yesterday": -1, "demain": 1, "tomorrow": 1}.get(word, 0)
        target = reference + dt.timedelta(days=shift)
        year, month, day = target.year, target.month, target.day
    first, last = span_days(precision, year, month, day)
    role = date_role(text, lang, start, pre_folded, precision)
    return [DateSpan(start, end, text[start:end], precision, year, month, day, role, first, last)]


def _resolve_weekday(text: str, lang: str, match: regex.Match, reference: dt.date) -> list[DateSpan]:
    start, end = match.span()
    pre_folded = fold(group(match, "pre") or "")
    weekday = (WEEKDAYS_FR if lang == "fr" else WEEKDAYS_EN)[match.group("wd").lower()]
    relw = fold(group(match, "relw") or "")
    back = (weekday - reference.weekday()) % 7  # days forward to the next such weekday (0: today)
    if "next" in pre_folded or "prochain" in relw:
        target = reference + dt.timedelta(days=back or 7)
    elif "last" in pre_folded or "dernier" in relw:
        target = reference - dt.timedelta(days=(reference.weekday() - weekday) % 7 or 7)
    elif clause_tense(text, lang, start, end, pre_folded) == "future":
        target = reference + dt.timedelta(days=back)
    else:
        target = reference - dt.timedelta(days=(reference.weekday() - weekday) % 7)
    role = date_role(text, lang, start, pre_folded, "day")
    return [DateSpan(start, end, text[start:end], "day", target.year, target.month, target.day, role, target, target)]


def _nearest_year(
    precision: str, month: int | None, day: int | None, reference: dt.date, tense: str | None
) -> int | None:
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            first, last = span_days(precision, year, month, day)
        except ValueError:
            continue  # 29 February
        if tense == "past" and first > reference:
            continue
        if tense == "future" and last < reference:
            continue
        if tense == "past":
            distance = (reference - first).days
        elif tense == "future":
            distance = max(0, (first - reference).days)
        elif first <= reference <= last:
            distance = 0
        else:
            distance = min(abs((first - reference).days), abs((last - reference).days))
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None
