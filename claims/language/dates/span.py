"""What a date is once found: `DateSpan`, its precision and role from the database's vocabularies
(claims.choices.DateMentionPrecision and DateMentionRole), and the days a precision covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from claims.choices import DateMentionPrecision, DateMentionRole
from claims.rules.validation import format_partial_date

PRECISIONS = tuple(DateMentionPrecision.values)
ROLES = tuple(DateMentionRole.values)


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    as_stated: str
    precision: str
    year: int
    month: int | None
    day: int | None
    role: str
    first_day: dt.date
    last_day: dt.date

    @property
    def value(self) -> str:
        """ISO 8601-style text at the stated precision: 2025-03-12, 2025-03, 2025-Q1, 2026-H2, 2025."""
        return format_partial_date(self.precision, self.year, self.month, self.day)


def span_days(precision: str, year: int, month: int | None, day: int | None) -> tuple[dt.date, dt.date]:
    """First and last day covered by a date at a precision (early/mid/late year: thirds of the year)."""
    if precision == "day":
        d = dt.date(year, month, day)
        return d, d
    if precision in ("month", "quarter", "half"):
        months = {"month": 1, "quarter": 3, "half": 6}[precision]
        last_month = month + months - 1
        return dt.date(year, month, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    if precision == "early_year":
        return dt.date(year, 1, 1), dt.date(year, 4, 30)
    if precision == "mid_year":
        return dt.date(year, 5, 1), dt.date(year, 8, 31)
    if precision == "late_year":
        return dt.date(year, 9, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
