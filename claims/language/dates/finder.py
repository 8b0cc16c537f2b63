"""The date finder: `find_dates` resolves every date phrase of a text against a reference date;
`date_spans` only locates them, for the amount finder to leave them out.
"""

from __future__ import annotations

import datetime as dt

from claims.language._common import rules_language
from claims.language.dates.patterns import raw_matches
from claims.language.dates.resolve import resolve
from claims.language.dates.span import DateSpan


def find_dates(text: str, language: str, *, reference: dt.date) -> list[DateSpan]:
    """Every date phrase of text that can be resolved, in text order, without overlaps."""
    lang = rules_language(language)
    found: list[DateSpan] = []
    for kind, match in raw_matches(text, lang):
        found.extend(resolve(text, lang, kind, match, reference))
    return found


def date_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Offsets of the date phrases find_dates would report, without resolving them (cheap): the
    amount finder uses it so that "12" in "le 12 mars" or "2027" in "en 2027" is never an amount."""
    lang = rules_language(language)
    return [match.span() for _kind, match in raw_matches(text, lang)]
