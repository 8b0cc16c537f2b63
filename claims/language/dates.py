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
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import regex

from claims.language._common import fold, non_overlapping, rx

PRECISIONS = ("day", "month", "quarter", "half", "early_year", "mid_year", "late_year", "year")
ROLES = ("announced", "starts", "ends", "event", "period")


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
        if self.precision == "day":
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        if self.precision == "quarter":
            return f"{self.year:04d}-Q{(self.month - 1) // 3 + 1}"
        if self.precision == "half":
            return f"{self.year:04d}-H{1 if self.month == 1 else 2}"
        return f"{self.year:04d}"


S = r"[^\S\n]"  # one horizontal space, no-break ones included
HY = rx(
    r"(?:-|⟨s⟩)",
)

MONTHS_FR = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}  # fmt: skip
MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS_FR = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
WEEKDAYS_EN = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
ORDINALS = {
    "premier": 1, "première": 1, "1er": 1, "1re": 1, "first": 1, "1st": 1, "front": 1,
    "deuxième": 2, "2e": 2, "2ème": 2, "second": 2, "seconde": 2, "2nd": 2, "latter": 2, "back": 2,
    "troisième": 3, "3e": 3, "3ème": 3, "third": 3, "3rd": 3,
    "quatrième": 4, "4e": 4, "4ème": 4, "fourth": 4, "4th": 4, "final": 4, "dernier": 4, "last": 4,
}  # fmt: skip


def _alt(choices) -> str:
    """Alternatives for a regex, longest first so that "millions" is tried before "million"."""
    return "|".join(sorted((regex.escape(w) for w in choices), key=len, reverse=True))


# A year is not a date when a unit follows it: "2000 emplois", "2025 MW".
_NOT_UNIT = rx(
    r"(?!⟨s⟩*(?:%|€|\$|£|¥|[kMGT]W|(?:de|d⟨a⟩|of)⟨s⟩*(?:dollars|euros)|(?:emplois?|postes|salariés|"
    r"personnes|habitants|foyers|logements|jobs|people|homes|employees|workers|millions?|milliards?|"
    r"billions?|euros?|dollars?|mégawatts|megawatts|gigawatts)\b))",
)
YEAR = r"(?<![\p{N}$€£¥.,])(?P<year>(?:18|19|20|21)\d{2})(?![\p{N}])" + _NOT_UNIT
YEAR_B = r"(?<![\p{N}$€£¥.,])(?P<year_b>(?:18|19|20|21)\d{2}|\d{2})(?![\p{N}])" + _NOT_UNIT
DAY = r"(?P<day>1er|[12]\d|3[01]|0?[1-9])(?![\p{N}])"
DAY_EN = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\p{N}])"
M_FR = r"(?P<month>" + _alt(MONTHS_FR) + r")\b"
M_EN = r"(?P<month>" + _alt(MONTHS_EN) + r")\b\.?"
WD_FR = r"(?P<wd>" + _alt(WEEKDAYS_FR) + r")\b"
WD_EN = r"(?P<wd>" + _alt(WEEKDAYS_EN) + r")\b"

_REL_YEAR_FR = rx(
    r"(?P<rel>cette⟨s⟩+année|l⟨a⟩année⟨s⟩+en⟨s⟩+cours|l⟨a⟩an⟨s⟩+prochain|l⟨a⟩année⟨s⟩+prochaine|"
    r"l⟨a⟩an⟨s⟩+dernier|l⟨a⟩année⟨s⟩+dernière|l⟨a⟩an⟨s⟩+passé|l⟨a⟩année⟨s⟩+passée)",
)
_REL_YEAR_EN = rx(
    r"(?P<rel>this⟨s⟩+year|next⟨s⟩+year|last⟨s⟩+year|the⟨s⟩+year)",
)

_PRE_FR_DAY = rx(
    r"(?P<pre>d⟨a⟩ici⟨s⟩+(?:au|le)|jusqu⟨a⟩(?:au|à⟨s⟩+fin)|à⟨s⟩+partir⟨s⟩+du|à⟨s⟩+compter⟨s⟩+du|"
    r"dès⟨s⟩+le|depuis⟨s⟩+le|avant⟨s⟩+le|après⟨s⟩+le|pour⟨s⟩+le|au|le|du)",
)
_PRE_FR = rx(
    r"(?P<pre>d⟨a⟩ici⟨s⟩+à|d⟨a⟩ici|jusqu⟨a⟩(?:en|à|au)|à⟨s⟩+partir⟨s⟩+d(?:e|u|⟨a⟩)|"
    r"à⟨s⟩+compter⟨s⟩+d(?:e|u|⟨a⟩)|dès|depuis|avant|après|en|au|pour|vers|courant|durant|pendant|"
    r"à⟨s⟩+l⟨a⟩horizon|l⟨a⟩horizon|horizon|l⟨a⟩année|l⟨a⟩exercice|le|du|ce|à)",
)
_PRE_EN = rx(
    r"(?P<pre>in|by|until|till|through|since|from|starting(?:⟨s⟩+in)?|beginning(?:⟨s⟩+in)?|before|"
    r"after|during|for|as⟨s⟩+of|around|circa|fiscal(?:⟨s⟩+year)?|on|the⟨s⟩+year|calendar|effective|"
    r"no⟨s⟩+later⟨s⟩+than|later|earlier)",
)
_PRE_EN_MONTH = rx(
    r"(?P<pre>in|by|until|till|through|since|from|starting(?:⟨s⟩+in)?|beginning(?:⟨s⟩+in)?|before|"
    r"after|during|last|next|this|for|as⟨s⟩+of|no⟨s⟩+later⟨s⟩+than)",
)
_PART_FR = r"(?P<part>début|fin|milieu|mi-|courant)"
_PART_EN = rx(
    r"(?P<part>early|late|later|mid-?|middle⟨s⟩+of|end⟨s⟩+of|beginning⟨s⟩+of|start⟨s⟩+of|turn⟨s⟩+of|"
    r"close⟨s⟩+of)",
)

_FR_PATTERNS = [
    (
        "day",
        rx(
            r"(?:⟨pre_fr_day⟩⟨s⟩+)?(?:⟨wd_fr⟩⟨s⟩+)?⟨day⟩⟨s⟩+⟨m_fr⟩(?:⟨s⟩+⟨year⟩)?",
            pre_fr_day=_PRE_FR_DAY,
            wd_fr=WD_FR,
            day=DAY,
            m_fr=M_FR,
            year=YEAR,
        ),
    ),
    ("numeric", r"(?<![\p{N}/])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>\d{4})(?![\p{N}/])"),
    ("iso", r"(?<![\p{N}-])(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\p{N}])"),
    (
        "quarter",
        rx(
            r"(?:⟨pre_fr⟩⟨s⟩+)?(?P<ord>premier|1er|deuxième|2e|2ème|second|troisième|3e|3ème|quatrième|4e|"
            r"4ème|dernier)⟨s⟩+trimestre(?:⟨s⟩+(?:de⟨s⟩+|d⟨a⟩)?(?:⟨rel_year_fr⟩|⟨year⟩))?",
            pre_fr=_PRE_FR,
            rel_year_fr=_REL_YEAR_FR,
            year=YEAR,
        ),
    ),
    (
        "quarter",
        rx(
            r"(?:⟨pre_fr⟩⟨s⟩+)?(?<![\p{L}\p{N}])[TQ](?P<qn>[1-4])⟨s⟩*⟨year⟩",
            pre_fr=_PRE_FR,
            year=YEAR,
        ),
    ),
    (
        "half",
        rx(
            r"(?:⟨pre_fr⟩⟨s⟩+)?(?P<ord>premier|1er|second|deuxième|2e|2nd)⟨s⟩+semestre(?:⟨s⟩+(?:de⟨s⟩+|"
            r"d⟨a⟩)?(?:⟨rel_year_fr⟩|⟨year⟩))?",
            pre_fr=_PRE_FR,
            rel_year_fr=_REL_YEAR_FR,
            year=YEAR,
        ),
    ),
    (
        "half",
        rx(
            r"(?:⟨pre_fr⟩⟨s⟩+)?(?:la⟨s⟩+)?(?P<ord>première|seconde|deuxième)⟨s⟩+moitié⟨s⟩+(?:de⟨s⟩+|"
            r"d⟨a⟩)(?:l⟨a⟩année⟨s⟩+)?(?:⟨rel_year_fr⟩|⟨year⟩)",
            pre_fr=_PRE_FR,
            rel_year_fr=_REL_YEAR_FR,
            year=YEAR,
        ),
    ),
    (
        "half",
        rx(
            r"(?:⟨pre_fr⟩⟨s⟩+)?(?<![\p{L}\p{N}])[HS](?P<hn>[12])⟨s⟩*⟨year⟩",
            pre_fr=_PRE_FR,
            year=YEAR,
        ),
    ),
    (
        "part",
        rx(
            r"(?:⟨pre_fr⟩⟨s⟩+)?(?:(?:la|le)⟨s⟩+)?⟨part_fr⟩(?:⟨s⟩*|(?<=-))(?:(?:de⟨s⟩+|d⟨a⟩)?(?:l⟨a⟩)?(?:année|"
            r"an)⟨s⟩+)?⟨year⟩",
            pre_fr=_PRE_FR,
            part_fr=_PART_FR,
            year=YEAR,
        ),
    ),
    (
        "part",
        rx(
            r"(?:⟨pre_fr⟩⟨s⟩+)?(?:(?:la|le)⟨s⟩+)?(?P<part>début|fin|milieu)⟨s⟩+d(?:e⟨s⟩+|"
            r"⟨a⟩)(?:l⟨a⟩)?(?:année|an)(?:⟨s⟩+(?P<relw>prochaine|prochain|dernière|dernier|passée|passé|"
            r"en⟨s⟩+cours))?",
            pre_fr=_PRE_FR,
        ),
    ),
    (
        "month",
        rx(
            r"(?:⟨pre_fr⟩⟨s⟩*|(?:(?:au|en)⟨s⟩+)?(?P<part>début|fin|milieu)⟨s⟩+(?:d(?:e⟨s⟩+|⟨a⟩))?|"
            r"(?:(?:à⟨s⟩+)?la⟨s⟩+|vers⟨s⟩+la⟨s⟩+)?mi-)⟨m_fr⟩(?:⟨s⟩+⟨year⟩)?",
            pre_fr=_PRE_FR,
            m_fr=M_FR,
            year=YEAR,
        ),
    ),
    (
        "month",
        rx(
            r"⟨m_fr⟩⟨s⟩+⟨year⟩",
            m_fr=M_FR,
            year=YEAR,
        ),
    ),
    (
        "range",
        rx(
            r"(?P<pre>de|entre|du)⟨s⟩+⟨year⟩⟨s⟩+(?:à|au|et)⟨s⟩+⟨year_b⟩",
            year=YEAR,
            year_b=YEAR_B,
        ),
    ),
    ("range", YEAR + r"[-–]" + YEAR_B),
    (
        "year",
        rx(
            r"⟨pre_fr⟩⟨s⟩+⟨year⟩",
            pre_fr=_PRE_FR,
            year=YEAR,
        ),
    ),
    (
        "relative",
        rx(
            r"(?:(?P<pre>d⟨a⟩ici|depuis|dès|jusqu⟨a⟩à|avant|après|pour)⟨s⟩+)?(?:⟨rel_year_fr⟩|"
            r"(?P<relm>ce⟨s⟩+mois-ci|le⟨s⟩+mois⟨s⟩+prochain|le⟨s⟩+mois⟨s⟩+dernier)|(?P<relq>ce⟨s⟩+trimestre|"
            r"le⟨s⟩+trimestre⟨s⟩+prochain|le⟨s⟩+trimestre⟨s⟩+dernier)|(?P<reld>aujourd⟨a⟩hui|hier|demain))",
            rel_year_fr=_REL_YEAR_FR,
        ),
    ),
    (
        "weekday",
        rx(
            r"(?:(?P<pre>dès|depuis|avant|après|pour|le|ce)⟨s⟩+)?⟨wd_fr⟩(?:⟨s⟩+(?P<relw>prochain|dernier))?",
            wd_fr=WD_FR,
        ),
    ),
]

_EN_PATTERNS = [
    (
        "day",
        rx(
            r"(?:(?P<pre>on|by|until|till|through|since|from|starting(?:⟨s⟩+on)?|beginning(?:⟨s⟩+on)?|before|"
            r"after|as⟨s⟩+of|effective)⟨s⟩+)?(?:⟨wd_en⟩,?⟨s⟩+)?⟨m_en⟩⟨s⟩*⟨day_en⟩(?:,?⟨s⟩+⟨year⟩)?",
            wd_en=WD_EN,
            m_en=M_EN,
            day_en=DAY_EN,
            year=YEAR,
        ),
    ),
    (
        "day",
        rx(
            r"(?:(?P<pre>on|by|until|till|through|since|from|starting(?:⟨s⟩+on)?|beginning(?:⟨s⟩+on)?|before|"
            r"after|as⟨s⟩+of|"
            r"effective)⟨s⟩+)?(?:⟨wd_en⟩,?⟨s⟩+)?(?:the⟨s⟩+)?⟨day_en⟩⟨s⟩+(?:of⟨s⟩+)?⟨m_en⟩(?:,?⟨s⟩+⟨year⟩)?",
            wd_en=WD_EN,
            day_en=DAY_EN,
            m_en=M_EN,
            year=YEAR,
        ),
    ),
    ("iso", r"(?<![\p{N}-])(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\p{N}])"),
    (
        "quarter",
        rx(
            r"(?:⟨pre_en⟩⟨s⟩+)?(?:the⟨s⟩+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th|"
            r"last)⟨hy⟩quarter(?:⟨s⟩+of)?(?:⟨s⟩+(?:⟨rel_year_en⟩|⟨year⟩))?",
            pre_en=_PRE_EN,
            hy=HY,
            rel_year_en=_REL_YEAR_EN,
            year=YEAR,
        ),
    ),
    (
        "quarter",
        rx(
            r"(?:⟨pre_en⟩⟨s⟩+)?(?<![\p{L}\p{N}])Q(?P<qn>[1-4])(?![\p{L}\p{N}])(?:⟨s⟩*(?:⟨year⟩|"
            r"FY⟨s⟩?(?P<yy>\d{2})|['’](?P<yy>\d{2})))?",
            pre_en=_PRE_EN,
            year=YEAR,
        ),
    ),
    (
        "half",
        rx(
            r"(?:⟨pre_en⟩⟨s⟩+)?(?:the⟨s⟩+)?(?P<ord>first|second|1st|2nd|latter|back|"
            r"front)⟨hy⟩half⟨s⟩+of⟨s⟩+(?:⟨rel_year_en⟩|⟨year⟩)",
            pre_en=_PRE_EN,
            hy=HY,
            rel_year_en=_REL_YEAR_EN,
            year=YEAR,
        ),
    ),
    (
        "half",
        rx(
            r"(?:⟨pre_en⟩⟨s⟩+)?(?<![\p{L}\p{N}])H(?P<hn>[12])⟨s⟩*⟨year⟩",
            pre_en=_PRE_EN,
            year=YEAR,
        ),
    ),
    (
        "part",
        rx(
            r"(?:⟨pre_en⟩⟨s⟩+)?(?:the⟨s⟩+)?⟨part_en⟩(?:⟨s⟩*|(?<=-))(?:the⟨s⟩+year⟨s⟩+)?(?:⟨rel_year_en⟩|"
            r"⟨year⟩)",
            pre_en=_PRE_EN,
            part_en=_PART_EN,
            rel_year_en=_REL_YEAR_EN,
            year=YEAR,
        ),
    ),
    (
        "month",
        rx(
            r"(?:⟨pre_en_month⟩⟨s⟩+)?(?:(?:the⟨s⟩+)?(?P<part>early|late|mid-?|end⟨s⟩+of|beginning⟨s⟩+of|"
            r"start⟨s⟩+of)⟨s⟩*)?⟨m_en⟩(?:,?⟨s⟩+⟨year⟩)?",
            pre_en_month=_PRE_EN_MONTH,
            m_en=M_EN,
            year=YEAR,
        ),
    ),
    (
        "range",
        rx(
            r"(?P<pre>between|from)⟨s⟩+⟨year⟩⟨s⟩+(?:and|to|through|until)⟨s⟩+⟨year_b⟩",
            year=YEAR,
            year_b=YEAR_B,
        ),
    ),
    ("range", YEAR + r"[-–]" + YEAR_B),
    (
        "year",
        rx(
            r"⟨pre_en⟩⟨s⟩+⟨year⟩",
            pre_en=_PRE_EN,
            year=YEAR,
        ),
    ),
    (
        "relative",
        rx(
            r"(?:(?P<pre>by|since|until|from|before|after|for|in|during|later|earlier|through)⟨s⟩+)?(?:⟨rel_year⟩|"
            r"(?P<relm>this⟨s⟩+month|next⟨s⟩+month|last⟨s⟩+month)|(?P<relq>this⟨s⟩+quarter|next⟨s⟩+quarter|"
            r"last⟨s⟩+quarter)|(?P<reld>today|yesterday|tomorrow))\b",
            rel_year=_REL_YEAR_EN.replace(r"|the" + S + r"+year", ""),
        ),
    ),
    (
        "weekday",
        rx(
            r"(?:(?P<pre>on|by|until|since|from|before|after|last|next|this)⟨s⟩+)?⟨wd_en⟩",
            wd_en=WD_EN,
        ),
    ),
]


def _compile(patterns) -> list[tuple[str, regex.Pattern]]:
    return [(kind, regex.compile(r"(?<![\p{L}\p{N}])(?:" + p + r")", regex.IGNORECASE)) for kind, p in patterns]


_COMPILED = {"fr": _compile(_FR_PATTERNS), "en": _compile(_EN_PATTERNS)}

_ENDS_PRE = ("d'ici", "jusqu", "avant", "by", "until", "till", "through", "before", "no later")
_STARTS_PRE = ("a partir", "a compter", "des", "depuis", "since", "from", "starting", "beginning", "as of", "effective")
_PAST_PRE = ("depuis", "since")
_FUTURE_PRE = ("d'ici", "jusqu", "by", "until", "till", "starting", "a partir", "a compter", "des")

_CONTEXT = {
    "fr": [
        ("announced", regex.compile(r"\b(?:annonc\w*|dévoil\w*|présent[ée]\w*|officialis\w*|confirm[ée]\w*)\b")),
        (
            "starts",
            regex.compile(
                r"\b(?:démarr\w*|commenc\w*|débute\w*|débuter|lanc\w*|ouvr\w*|ouverture|mise en service"
                r"|en production|entrer\w*|entrera\w*|inaugur\w*)\b"
            ),
        ),
        ("ends", regex.compile(r"\b(?:achev\w*|termin\w*|prendr\w* fin|expir\w*|livr\w*|échéance|fin des)\b")),
    ],
    "en": [
        ("announced", regex.compile(r"\b(?:announc\w*|unveil\w*|disclos\w*|said|says|confirm\w*)\b")),
        (
            "starts",
            regex.compile(r"\b(?:start\w*|begin\w*|began|launch\w*|open\w*|commission\w*|operating|kick\w* off)\b"),
        ),
        ("ends", regex.compile(r"\b(?:complet\w*|finish\w*|end|ends|ended|expir\w*|deadline|deliver\w*|conclud\w*)\b")),
    ],
}

_FUTURE = {
    "fr": regex.compile(
        r"\b(?:\p{Ll}{2,}(?:era|ira|dra|rra|ttra|ront)|sera|aura|fera|ira|doit|doivent|devra|devront|prévu\w*"
        r"|prochain\w*|va|vont|compte|comptent|prévoit|prévoient|attendu\w*|vis\w* à)\b"
    ),
    "en": regex.compile(
        r"\b(?:will|shall|'ll|(?:is|are|was|were)\s+(?:expected|scheduled|due|set|slated|planned|forecast|projected"
        r"|likely)\s+to|plans?\s+to|planning\s+to|aims?\s+to|intends?\s+to|next|upcoming|due)\b"
    ),
}
_PAST = {
    "fr": regex.compile(
        r"\b(?:a|ont|avait|avaient|était|étaient|fut|furent)\s+(?:\p{Ll}+\s+)?\p{Ll}+(?:é|ée|és|ées|i|is|it|u|us"
        r"|ert|int)\b|\b\p{Ll}{3,}(?<!r)(?:ait|aient)\b|\bdernier\b|\bdernière\b|\bpassée?\b|\bdéjà\b|\bhier\b"
    ),
    "en": regex.compile(
        r"\b(?:was|were|had|did|ago|last|previously|said|told|rose|risen|fell|fallen|grew|grown|won|made|took|taken"
        r"|lost|sold|bought|paid|spent|began|begun|became|came|went|saw|wrote|chose|led|brought|held|kept|left|ran"
        r"|gave|built|cut|hit|set|put|met|since)\b|\b\p{Ll}{2,}ed\b"
    ),
}
_FUTURE_CONSTRUCTIONS = regex.compile(
    r"\b(?:is|are|was|were|be|been)\s+(?:\w+\s+)?(?:expected|scheduled|planned|forecast|projected|slated)\b"
)
_SENTENCE_EDGE = regex.compile(r"[.!?;\n]")


def find_dates(text: str, language: str, *, reference: dt.date) -> list[DateSpan]:
    """Every date phrase of text that can be resolved, in text order, without overlaps."""
    lang = "fr" if language == "fr" else "en"
    found: list[DateSpan] = []
    for kind, match in _raw_matches(text, lang):
        found.extend(_resolve(text, lang, kind, match, reference))
    return found


def date_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Offsets of the date phrases find_dates would report, without resolving them (cheap): the
    amount finder uses it so that "12" in "le 12 mars" or "2027" in "en 2027" is never an amount."""
    lang = "fr" if language == "fr" else "en"
    return [match.span() for _kind, match in _raw_matches(text, lang)]


def _raw_matches(text: str, lang: str) -> list[tuple[str, regex.Match]]:
    found = []
    for kind, pattern in _COMPILED[lang]:
        for match in pattern.finditer(text):
            if _acceptable(kind, match, lang):
                found.append((kind, match))
    return non_overlapping(found, lambda km: km[1].span())


def _group(match: regex.Match, name: str) -> str | None:
    try:
        return match.group(name)
    except (IndexError, regex.error):
        return None


def _acceptable(kind: str, match: regex.Match, lang: str) -> bool:
    month = _group(match, "month")
    pre = _group(match, "pre")
    if lang == "en":
        # "may" the modal, "march" the verb: English month and weekday names are capitalized.
        if month and month[0].isalpha() and not month[0].isupper():
            return False
        wd = _group(match, "wd")
        if wd and not wd[0].isupper():
            return False
        if kind == "quarter" and _group(match, "qn") and "Q" not in match.group():
            return False
    if kind == "month":
        # A bare month name needs a year or a preposition: "mars" is also the planet, "May" a name.
        has_context = bool(_group(match, "year") or pre or _group(match, "part") or "mi-" in match.group().lower())
        if not has_context:
            return False
        if lang == "fr" and pre and fold(pre) in ("le", "du", "ce", "a"):
            return False
    if kind == "year" and pre and fold(pre) in ("le", "du", "ce", "a", "on", "later", "earlier"):
        return False
    if kind in ("quarter", "half") and _group(match, "ord") and fold(_group(match, "ord")) in ("dernier", "last"):
        return bool(_group(match, "year"))
    return True


def _month_number(name: str, lang: str) -> int:
    key = name.lower().rstrip(".")
    return (MONTHS_FR if lang == "fr" else MONTHS_EN).get(key) or MONTHS_FR.get(key) or MONTHS_EN[key]


def _resolve(text: str, lang: str, kind: str, match: regex.Match, reference: dt.date) -> list[DateSpan]:
    pre = _group(match, "pre")
    pre_folded = fold(pre) if pre else ""
    start, end = match.span()
    if kind == "range":
        return _resolve_range(text, lang, match, reference)
    year = int(match.group("year")) if _group(match, "year") else None
    if year is None and _group(match, "yy"):
        year = 2000 + int(match.group("yy"))
    year_offset = _relative_offset(_group(match, "rel"), _group(match, "relw"))
    month = day = None
    if kind in ("day", "numeric", "iso"):
        precision = "day"
        month = int(match.group("month")) if kind in ("numeric", "iso") else _month_number(match.group("month"), lang)
        day_text = match.group("day").lower()
        day = 1 if day_text == "1er" else int(day_text)
    elif kind == "month":
        precision = "month"
        month = _month_number(match.group("month"), lang)
    elif kind == "quarter":
        precision = "quarter"
        number = int(match.group("qn")) if _group(match, "qn") else ORDINALS[match.group("ord").lower()]
        month = 3 * (number - 1) + 1
    elif kind == "half":
        precision = "half"
        number = int(match.group("hn")) if _group(match, "hn") else ORDINALS[match.group("ord").lower()]
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
    if year is None and kind == "part" and not _group(match, "rel") and not _group(match, "relw"):
        year_offset = 0  # "fin de l'année", "the end of the year": the current year
    if year is None and year_offset is not None:
        year = reference.year + year_offset
    if year is None:
        year = _nearest_year(precision, month, day, reference, _tense(text, lang, start, end, pre_folded))
        if year is None:
            return []
    try:
        first, last = span_days(precision, year, month, day)
    except ValueError:
        return []  # "31 février"
    role = _role(text, lang, start, pre_folded, precision)
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
    pre_folded = fold(_group(match, "pre") or "")
    month = day = None
    if _group(match, "rel"):
        precision = "year"
        year = reference.year + (_relative_offset(match.group("rel"), None) or 0)
    elif _group(match, "relm"):
        precision = "month"
        offset = _relative_offset(match.group("relm"), None) or 0
        index = reference.year * 12 + reference.month - 1 + offset
        year, month = divmod(index, 12)
        month += 1
    elif _group(match, "relq"):
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
    role = _role(text, lang, start, pre_folded, precision)
    return [DateSpan(start, end, text[start:end], precision, year, month, day, role, first, last)]


def _resolve_weekday(text: str, lang: str, match: regex.Match, reference: dt.date) -> list[DateSpan]:
    start, end = match.span()
    pre_folded = fold(_group(match, "pre") or "")
    weekday = (WEEKDAYS_FR if lang == "fr" else WEEKDAYS_EN)[match.group("wd").lower()]
    relw = fold(_group(match, "relw") or "")
    back = (weekday - reference.weekday()) % 7  # days forward to the next such weekday (0: today)
    if "next" in pre_folded or "prochain" in relw:
        target = reference + dt.timedelta(days=back or 7)
    elif "last" in pre_folded or "dernier" in relw:
        target = reference - dt.timedelta(days=(reference.weekday() - weekday) % 7 or 7)
    elif _tense(text, lang, start, end, pre_folded) == "future":
        target = reference + dt.timedelta(days=back)
    else:
        target = reference - dt.timedelta(days=(reference.weekday() - weekday) % 7)
    role = _role(text, lang, start, pre_folded, "day")
    return [DateSpan(start, end, text[start:end], "day", target.year, target.month, target.day, role, target, target)]


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


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and not _SENTENCE_EDGE.match(text, left - 1):
        left -= 1
    right = _SENTENCE_EDGE.search(text, end)
    return left, right.start() if right else len(text)


def _tense(text: str, lang: str, start: int, end: int, pre_folded: str) -> str | None:
    if pre_folded.startswith(_PAST_PRE):
        return "past"
    if pre_folded.startswith(_FUTURE_PRE):
        return "future"
    left, right = _sentence_bounds(text, start, end)
    clause = text[left:start] + " " + text[end:right]
    future = bool(_FUTURE[lang].search(clause))
    if lang == "en":
        clause = _FUTURE_CONSTRUCTIONS.sub(" ", clause)
    past = bool(_PAST[lang].search(clause))
    if future and not past:
        return "future"
    if past and not future:
        return "past"
    return None


def _role(text: str, lang: str, start: int, pre_folded: str, precision: str) -> str:
    if pre_folded.startswith(_ENDS_PRE):
        return "ends"
    if pre_folded.startswith(_STARTS_PRE):
        return "starts"
    left, _right = _sentence_bounds(text, start, start)
    before = text[max(left, start - 45) : start].lower()
    best: tuple[int, str] | None = None
    for role, pattern in _CONTEXT[lang]:
        for found in pattern.finditer(before):
            if best is None or found.end() > best[0]:
                best = (found.end(), role)
    if best:
        return best[1]
    return "event" if precision in ("day", "month") else "period"
