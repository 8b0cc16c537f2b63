"""Dates stated in an article, with their precision, their role and the span of days they cover.

Spans are found with this module's own French and English patterns (days, months, quarters, halves,
early/mid/late year, years, year ranges, relative words, weekdays) and parsed with its own month
tables: no dateparser call per token, and offsets are exact. The phrase as stated includes its
leading preposition ("en 2027", "d'ici 2030", "by 2028", "le 12 mars", "au premier trimestre 2028").

Dates without a year ("le 12 mars", "in February", "au troisième trimestre", "mercredi") take their
year from `reference`, the article's publication date:
  - when the clause is in the past ("a voté", "approved", "was", "since ...") the latest such date
    that starts on or before the reference;
  - when it is in the future ("démarrera", "will", "is expected to", "by ...") the earliest such date
    that ends on or after the reference;
  - otherwise the nearest one (distance 0 when the span contains the reference; a tie goes to the
    earlier one).
A weekday alone is the latest such day on or before the reference (the usual "a confirmé mercredi",
"said on Monday"), the next one for "prochain"/"next" or a future clause.

The parts of early/mid/late year are taken as thirds of the year (January-April, May-August,
September-December) for first_day/last_day.

Precisions and roles are the database's (claims.choices.DateMentionPrecision and DateMentionRole), and
`DateSpan.value` is written as claims.rules.validation.format_partial_date writes a date.

Modules:
  - tables: month and weekday names, ordinals;
  - patterns: the span patterns per language and which matches are kept;
  - span: `DateSpan`, `span_days`, PRECISIONS and ROLES;
  - context: the tense of a date's clause and its role, from the words around it;
  - resolve: a match read into `DateSpan`s against the reference date;
  - finder: `find_dates` and `date_spans`.
"""

from claims.language.dates.finder import date_spans, find_dates
from claims.language.dates.span import PRECISIONS, ROLES, DateSpan, span_days

__all__ = ["PRECISIONS", "ROLES", "DateSpan", "date_spans", "find_dates", "span_days"]
