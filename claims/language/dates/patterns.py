"""The date patterns, French and English: days, numeric and ISO dates, months, quarters, halves,
early/mid/late year, years after a preposition, year ranges, relative words and weekdays, each with its
leading preposition; and which matches are kept (a bare "mars" or "May" is no date).

Each pattern is (kind, source); the kind tells the resolver how to read the named groups: year,
year_b, day, month, wd (weekday), qn/hn (quarter/half number), yy (two-digit year), ord (ordinal),
part (early/mid/late), pre (preposition), rel/relm/relq/reld/relw (relative words).
"""

from __future__ import annotations

import regex

from claims.language._common import HSPACE, alternation, fold, non_overlapping, rx
from claims.language.dates.tables import MONTHS_EN, MONTHS_FR, WEEKDAYS_EN, WEEKDAYS_FR

HY = rx(
    r"(?:-|⟨s⟩)",
)

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
M_FR = r"(?P<month>" + alternation(MONTHS_FR) + r")\b"
M_EN = r"(?P<month>" + alternation(MONTHS_EN) + r")\b\.?"
WD_FR = r"(?P<wd>" + alternation(WEEKDAYS_FR) + r")\b"
WD_EN = r"(?P<wd>" + alternation(WEEKDAYS_EN) + r")\b"

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
# The same in both languages.
_ISO = r"(?<![\p{N}-])(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\p{N}])"
_YEAR_RANGE = YEAR + r"[-–]" + YEAR_B

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
    ("iso", _ISO),
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
    ("range", _YEAR_RANGE),
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
    ("iso", _ISO),
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
    ("range", _YEAR_RANGE),
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
            rel_year=_REL_YEAR_EN.replace(r"|the" + HSPACE + r"+year", ""),
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


def raw_matches(text: str, lang: str) -> list[tuple[str, regex.Match]]:
    """(kind, match) of every acceptable date phrase of text, unresolved, in text order, without overlaps."""
    found = []
    for kind, pattern in _COMPILED[lang]:
        for match in pattern.finditer(text):
            if _acceptable(kind, match, lang):
                found.append((kind, match))
    return non_overlapping(found, lambda km: km[1].span())


def group(match: regex.Match, name: str) -> str | None:
    """The text of a named group, or None when it did not match or this kind's pattern has no such group."""
    try:
        return match.group(name)
    except (IndexError, regex.error):
        return None


def _acceptable(kind: str, match: regex.Match, lang: str) -> bool:
    month = group(match, "month")
    pre = group(match, "pre")
    if lang == "en":
        # "may" the modal, "march" the verb: English month and weekday names are capitalized.
        if month and month[0].isalpha() and not month[0].isupper():
            return False
        wd = group(match, "wd")
        if wd and not wd[0].isupper():
            return False
        if kind == "quarter" and group(match, "qn") and "Q" not in match.group():
            return False
    if kind == "month":
        # A bare month name needs a year or a preposition: "mars" is also the planet, "May" a name.
        has_context = bool(group(match, "year") or pre or group(match, "part") or "mi-" in match.group().lower())
        if not has_context:
            return False
        if lang == "fr" and pre and fold(pre) in ("le", "du", "ce", "a"):
            return False
    if kind == "year" and pre and fold(pre) in ("le", "du", "ce", "a", "on", "later", "earlier"):
        return False
    if kind in ("quarter", "half") and group(match, "ord") and fold(group(match, "ord")) in ("dernier", "last"):
        return bool(group(match, "year"))
    return True
