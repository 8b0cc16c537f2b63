"""Amounts stated in an article: value, unit, qualifier and bounds, in the units the database accepts.

A number is found as digits ("300", "4,5", "1,200", "2 000" with a space or no-break space as
grouping, "$4.2bn") or as words read with text2num ("trois cents millions", "five"), or as a French
approximate noun ("une quarantaine de"). It becomes an amount only with a unit the database knows:
a currency, power or energy, a percentage or percentage points, a duration, or a count of people,
jobs or homes; digits (not words) followed by another plural noun give a plain count ("22 stations").
Everything else is left out on purpose: years and other date parts ("en 2027", "le 12 mars", "Q1"),
vague quantities ("des milliers d'emplois", "millions of"), units the database has no place for
(kilometres, tonnes, hectares, kWh...), ages ("45-year-old") and "il y a 5 ans" / "5 years ago".

The qualifier comes from the words just before the number ("jusqu'à", "environ", "au moins",
"plus de", "up to", "about", "at least", "more than", "less than"...) and is part of the phrase as
stated. A range ("entre 3 et 5 milliards d'euros", "between $3bn and $5bn", "3-5 GW") is recorded
as at_least the lower figure with the upper figure as upper bound. Values are unscaled in the unit:
"300 milliards de dollars" is 300000000000 USD; "points de base"/"basis points" are hundredths of a
percentage point; weeks are counted as 7 days. French reads "," as the decimal mark and "billion" as
10^12; English reads "," as grouping.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex
from text_to_num import text2num

from claims.language._common import inside_any, non_overlapping, rx, words
from claims.language.dates import date_spans

UNITS = (
    "USD", "EUR", "GBP", "JPY", "CNY", "W", "kW", "MW", "GW", "MWh", "GWh", "TWh", "%", "pp",
    "year", "month", "day", "count", "people", "jobs", "homes",
)  # fmt: skip
QUALIFIERS = ("exact", "approximately", "up_to", "at_least", "more_than", "less_than")
CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY", "CNY"})
# The database's ceiling (claims.models.MAX_AMOUNT), repeated here because this layer sits below models.
MAX_VALUE = Decimal("9999999999999999.9999")


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


_DE = rx(
    r"(?:de⟨s⟩+|d⟨a⟩⟨s⟩*)",
)

# --- numbers -------------------------------------------------------------------------------------------
# Not inside a word or code ("Q1", "A380", "COVID-19"), not the tail of another number ("4,5", "1.2").
_START = r"(?<![\p{L}][-‐]?)(?<![\p{N}])(?<![\p{N}][.,])(?<![\p{L}\p{N}]\.)"
_DIGITS = {
    "fr": regex.compile(
        _START + r"(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\p{N}])(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\p{N}])"
    ),
    "en": regex.compile(
        _START + r"(?:\d{1,3}(?:,\d{3})+(?![\p{N}])(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?![\p{N}])"
        r"(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{N}])"
    ),
}
_NUMBER_WORDS = {
    "fr": words("""zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize
        vingt vingts trente quarante cinquante soixante septante huitante octante nonante cent cents mille
        million millions milliard milliards"""),
    "en": words("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
        sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
        thousand million billion trillion"""),
}
_SCALE_WORDS = frozenset(words("million millions milliard milliards thousand billion trillion hundred"))
_ARTICLES = frozenset({"un", "une", "a", "an"})


def _alt(choices) -> str:
    """Alternatives for a regex, longest first so that "millions" is tried before "million"."""
    return "|".join(sorted((regex.escape(w) for w in choices), key=len, reverse=True))


_WORD_RUN = {
    lang: regex.compile(
        rx(
            # "a year" (only after a qualifier, see _parse_after_number), "a hundred", "vingt et un",
            # "twenty-five", "trois cents millions".
            r"(?<![\p{L}\p{N}-])(?:(?:a|an)(?=⟨s⟩+(?:years?|months?|days?|weeks?)\b)"
            r"|(?:(?:a|an)⟨s⟩+(?=(?:hundred|thousand|million|billion|trillion)\b))?(?:⟨number⟩)"
            r"(?:(?:⟨s⟩+|-|⟨s⟩+(?:et|and)⟨s⟩+)(?:⟨number⟩))*)(?![\p{L}])",
            number=_alt(vocabulary),
        ),
        regex.IGNORECASE,
    )
    for lang, vocabulary in _NUMBER_WORDS.items()
}
_APPROX_NOUNS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
    "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000, "dozen": 12,
}  # fmt: skip
_APPROX_RUN = {
    "fr": regex.compile(
        rx(
            r"(?<![\p{L}])(?:une|un)⟨s⟩+(?P<noun>⟨noun⟩)⟨s⟩+⟨de⟩",
            noun=_alt(k for k in _APPROX_NOUNS if k != "dozen"),
            de=_DE,
        ),
        regex.IGNORECASE,
    ),
    "en": regex.compile(
        rx(
            r"(?<![\p{L}])a⟨s⟩+(?P<noun>dozen)⟨s⟩+",
        ),
        regex.IGNORECASE,
    ),
}

# --- what follows a number --------------------------------------------------------------------------
_SCALES = {
    "thousand": 10**3, "mille": 10**3, "k": 10**3,
    "million": 10**6, "millions": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6,
    "milliard": 10**9, "milliards": 10**9, "md": 10**9, "mds": 10**9, "mrd": 10**9, "mrds": 10**9,
    "bn": 10**9, "b": 10**9, "billion_en": 10**9, "billion_fr": 10**12,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12,
}  # fmt: skip
_SCALE_ATTACHED = regex.compile(r"(?P<scale>bn|mn|mln|tn|trn|Mds|Md|Mrds|Mrd|m|M|b|k)(?![\p{L}\p{N}])")
_SCALE_SPACED = regex.compile(
    rx(
        r"⟨s⟩*(?P<scale>milliards?|millions?|billions?|trillions?|thousand|mille|bn|mn|mln|tn|Mds|Md|Mrds|"
        r"Mrd|M(?=⟨s⟩?[€$£]))(?![\p{L}])",
    ),
    regex.IGNORECASE,
)


def _unit_table(lang: str) -> list[tuple[str, str, str]]:
    """(unit, kind, pattern) in the order they are tried; kind drives the measure and the rules."""
    fr = lang == "fr"
    pounds = (
        rx(
            r"livres?⟨s⟩+sterling|livres?⟨s⟩+britanniques?",
        )
        if fr
        else rx(
            r"pounds?(?:⟨s⟩+sterling)?",
        )
    )
    return [
        (
            "FOREIGN",
            "foreign",
            rx(
                r"(?:dollars?⟨s⟩+(?:canadiens?|australiens?|néo-zélandais|de⟨s⟩+(?:Hong⟨s⟩+Kong|Singapour|Taïwan)|"
                r"zimbabwéens?)|(?:Canadian|Australian|Hong⟨s⟩+Kong|Singapore|New⟨s⟩+Zealand|Taiwan(?:ese)?|"
                r"Zimbabwe(?:an)?)⟨s⟩+dollars?|francs?(?:⟨s⟩+suisses?)?|Swiss⟨s⟩+francs?|CHF|roubles?|rupees?|"
                r"roupies?|wons?|reals?|réals?|pesos?|rands?|lires?|couronnes?|kronor|krona|dirhams?|dinars?|"
                r"riyals?|zlotys?)",
            ),
        ),
        (
            "USD",
            "currency",
            rx(
                r"(?:US⟨s⟩?dollars?|U\.S\.⟨s⟩+dollars?|dollars?(?:⟨s⟩+(?:américains?|US))?|US\$|\$|USD)",
            ),
        ),
        ("EUR", "currency", r"(?:euros?|€|EUR)"),
        ("GBP", "currency", r"(?:" + pounds + r"|£|GBP|sterling)"),
        ("JPY", "currency", r"(?:yens?|¥|JPY)"),
        ("CNY", "currency", r"(?:yuans?|renminbis?|RMB|CNY)"),
        ("TWh", "energy", r"(?:térawatt[s-]?heures?|terawatt[- ]?hours?|TWh)"),
        ("GWh", "energy", r"(?:gigawatt[s-]?heures?|gigawatt[- ]?hours?|GWh)"),
        ("MWh", "energy", r"(?:mégawatt[s-]?heures?|megawatt[- ]?hours?|MWh)"),
        ("EXCLUDED", "excluded", r"(?:kilowatt[s-]?heures?|kilowatt[- ]?hours?|kWh|Wh)"),
        ("GW", "power", r"(?:gigawatts?|GW[cep]?)"),
        ("MW", "power", r"(?:mégawatts?|megawatts?|MW[cep]?)"),
        ("kW", "power", r"(?:kilowatts?|kW[cep]?)"),
        ("W", "power", r"(?:watts?)"),
        (
            "%",
            "percent",
            rx(
                r"(?:%|pour⟨s⟩?cent|pourcent|percent|per⟨s⟩+cent|pct\.?)",
            ),
        ),
        (
            "pp",
            "points",
            rx(
                r"(?:points?⟨s⟩+de⟨s⟩+pourcentage|percentage[- ]points?|pp|p\.p\.|ppts?)",
            ),
        ),
        (
            "bp",
            "points",
            rx(
                r"(?:points?⟨s⟩+de⟨s⟩+base|basis⟨s⟩+points?|bps|bp)",
            ),
        ),
        ("pt", "points", r"(?:points?)"),
        ("year", "duration", r"(?:années|année|ans|an)" if fr else r"(?:years?)"),
        ("month", "duration", r"(?:mois)" if fr else r"(?:months?)"),
        ("week", "duration", r"(?:semaines?)" if fr else r"(?:weeks?)"),
        ("day", "duration", r"(?:jours?|journées?)" if fr else r"(?:days?)"),
        (
            "EXCLUDED",
            "excluded",
            r"(?:km²|km2|km/h|km|kilomètres?|kilometres?|kilometers?|mètres?|metres?|meters?"
            r"|m²|m2|m³|m3|cm|mm|hectares?|ha|acres?|tonnes?|tons?|kg|kilos?|kilogrammes?|grammes?|litres?|liters?"
            r"|gallons?|barils?|barrels?|pounds?|lbs?|ounces?|oz|miles?|mph|pieds|feet|foot|ft|heures?|hours?|h|minutes?|min|secondes?"
            r"|seconds?|degrés?|degrees?|°C?|°F|fois|times|carats?|octets?|bytes?|Go|Mo|To|GB|MB|TB|ème|e|er|re"
            r"|st|nd|rd|th)",
        ),
    ]


_PEOPLE = {
    "fr": {
        "people": "personnes salariés salariées employés employées habitants habitantes voyageurs voyageuses "
        "passagers passagères agents ouvriers ouvrières travailleurs travailleuses collaborateurs "
        "collaboratrices visiteurs élèves étudiants étudiantes patients patientes résidents usagers "
        "fonctionnaires chômeurs manifestants victimes morts blessés ingénieurs techniciens soignants "
        "enseignants chercheurs",
        "jobs": "emplois emploi postes poste embauches recrutements",
        "homes": "foyers foyer logements ménages maisons habitations appartements",
    },
    "en": {
        "people": "people persons employees workers staff residents inhabitants passengers riders visitors "
        "students patients members protesters soldiers migrants children adults voters engineers "
        "technicians nurses doctors teachers researchers victims deaths",
        "jobs": "jobs job roles positions posts",
        "homes": "homes households houses dwellings apartments flats",
    },
}
_STOP_PLURALS = frozenset(
    words("""this its was has is his as us yes plus less unless thus towards across always perhaps news series
    whereas ones others those these years months days weeks hours its percent times
    dans sous sans vers chez après depuis moins tous toutes nous vous leurs ses des les mes tes ces aux
    deux trois mois fois ans jours heures mars puis alors toujours jamais dès ceux celles lesquels
    lesquelles près très pas mais dont plusieurs divers diverses quelques certains certaines autres
    mêmes tels telles chacun parmi hors selon envers malgré lors désormais ailleurs ensuite enfin""")
)
_MONTH_WORDS = frozenset(
    words("""janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre
    decembre january february march april may june july august september october november december""")
)
_COUNT_NOUN = {
    "fr": regex.compile(r"(?P<noun>\p{Ll}[\p{Ll}-]{2,}[sx])(?![\p{L}])"),
    "en": regex.compile(r"(?P<noun>\p{Ll}[\p{Ll}-]{2,}s)(?![\p{L}])"),
}
_FR_COUNT_MEASURE = {
    "stations": "stations", "rames": "trains", "trains": "trains", "boutiques": "shops", "magasins": "stores",
    "commerces": "shops", "fermetures": "closures", "véhicules": "vehicles", "voitures": "cars",
    "éoliennes": "wind turbines", "turbines": "turbines", "usines": "factories", "sites": "sites", "pays": "countries",
    "clients": "customers", "entreprises": "companies", "sociétés": "companies", "projets": "projects",
    "communes": "municipalities", "villes": "cities", "écoles": "schools", "lits": "beds", "bus": "buses",
    "avions": "aircraft", "navires": "ships", "centrales": "power plants", "réacteurs": "reactors",
    "batteries": "batteries", "puces": "chips", "serveurs": "servers", "abonnés": "subscribers",
    "utilisateurs": "users", "brevets": "patents", "contrats": "contracts", "licenciements": "layoffs",
}  # fmt: skip
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
_HYPHEN_UNIT = {
    "fr": regex.compile(r"-(?P<unit>ans?)(?![\p{L}-])", regex.IGNORECASE),
    "en": regex.compile(
        r"-(?P<unit>years?|months?|days?|weeks?|megawatts?|gigawatts?|MW|GW)(?![\p{L}])(?!-old)", regex.IGNORECASE
    ),
}

# --- what comes before a number --------------------------------------------------------------------
_CURRENCY_PREFIX = regex.compile(
    rx(
        r"(?:(?P<foreign>C|CA|A|AU|NZ|HK|S|NT|R)\$|(?P<USD>US\$|U\.S\.\$|\$|USD⟨s⟩?)|(?P<EUR>€|EUR⟨s⟩?)|"
        r"(?P<GBP>£|GBP⟨s⟩?)|(?P<CNY>CN¥|RMB⟨s⟩?|CNY⟨s⟩?)|(?P<JPY>¥|JPY⟨s⟩?))$",
    )
)
_QUALIFIERS = {
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
                de=_DE,
            ),
        ),
        (
            "at_least",
            rx(
                r"au⟨s⟩+moins|au⟨s⟩+minimum|pas⟨s⟩+moins⟨s⟩+⟨de⟩|a⟨s⟩+minima",
                de=_DE,
            ),
        ),
        (
            "more_than",
            rx(
                r"plus⟨s⟩+⟨de⟩|au-delà⟨s⟩+⟨de⟩|supérieure?s?⟨s⟩+à|dépassant|excédant",
                de=_DE,
            ),
        ),
        (
            "less_than",
            rx(
                r"moins⟨s⟩+⟨de⟩|inférieure?s?⟨s⟩+à|en⟨s⟩+deçà⟨s⟩+⟨de⟩|sous⟨s⟩+la⟨s⟩+barre⟨s⟩+(?:des?|du|d⟨a⟩)⟨s⟩*",
                de=_DE,
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
    for lang, table in _QUALIFIERS.items()
}
# Duration words after "over"/"sur"/"under" are a period, not a bound: "over five years".
_PERIOD_QUALIFIERS = regex.compile(r"^(?:over|under|sur)$", regex.IGNORECASE)
_RANGE_NUM = r"(?<![\p{N}][ \u00a0\u202f\u2009]?)(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+(?:[.,]\d+)?)"
_RANGE_BEFORE = {
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
_SENTENCE_EDGE = regex.compile(r"[.!?;\n]")
_PERCENT_CONTEXT = regex.compile(r"%|pourcentage|percent|per cent|taux|rate", regex.IGNORECASE)


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


def find_amounts(text: str, language: str) -> list[Amount]:
    """Every amount of text with a known unit, in text order, without overlaps."""
    lang = "fr" if language == "fr" else "en"
    dates = date_spans(text, lang)
    parsed: list[_Parsed] = []
    for match in _DIGITS[lang].finditer(text):
        if inside_any(match.start(), dates):
            continue
        value = _digits_value(match.group(), lang)
        if value is not None:
            found = _parse_after_number(text, lang, match.start(), match.end(), value, words=False)
            if found:
                parsed.append(found)
    for match in _WORD_RUN[lang].finditer(text):
        for start, end, value in _word_numbers(text, lang, match):
            if inside_any(start, dates):
                continue
            found = _parse_after_number(text, lang, start, end, value, words=True)
            if found:
                parsed.append(found)
    for match in _APPROX_RUN[lang].finditer(text):
        found = _parse_approx_noun(text, lang, match)
        if found:
            parsed.append(found)
    kept = non_overlapping(parsed, lambda p: (p.start, p.end))
    kept = _merge_ranges(text, lang, kept)
    return [_to_amount(text, lang, p) for p in kept if p.value <= MAX_VALUE]


def _digits_value(raw: str, lang: str) -> Decimal | None:
    cleaned = regex.sub(r"[ \u00a0\u202f\u2009]", "", raw)
    cleaned = cleaned.replace(",", ".") if lang == "fr" else cleaned.replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None


def _word_numbers(text: str, lang: str, match: regex.Match) -> list[tuple[int, int, Decimal]]:
    """Read a run of number words with text2num, shortening it from the right until it parses."""
    tokens = list(regex.finditer(r"[\p{L}]+", match.group()))
    while tokens:
        first, last = tokens[0], tokens[-1]
        words = [t.group().lower() for t in tokens]
        start, end = match.start() + first.start(), match.start() + last.end()
        phrase = text[start:end].lower()
        if set(words) <= _SCALE_WORDS | {"et", "and"}:
            return []  # "millions de", "thousands": vague
        if words[0] in ("a", "an"):
            phrase = "one" + phrase[len(words[0]) :]
        try:
            return [(start, end, Decimal(text2num(regex.sub(r"\s+", " ", phrase), lang)))]
        except ValueError:
            tokens = tokens[:-1]
            while tokens and tokens[-1].group().lower() in ("et", "and"):
                tokens = tokens[:-1]
    return []


def _parse_approx_noun(text: str, lang: str, match: regex.Match) -> _Parsed | None:
    base = Decimal(_APPROX_NOUNS[match.group("noun").lower()])
    pos = match.end()
    scale = 1
    scale_match = _SCALE_SPACED.match(text, pos)
    if scale_match:
        scale = _scale_factor(scale_match.group("scale"), lang)
        pos = scale_match.end()
        connector = regex.compile(
            rx(
                r"⟨s⟩*⟨de⟩",
                de=_DE,
            )
        ).match(text, pos)
        if connector:
            pos = connector.end()
    unit = _match_unit(text, lang, pos, allow_count_noun=True, after_scale=scale > 1)
    if not unit or unit[1] in ("excluded", "foreign"):
        return None
    unit_name, kind, unit_end, noun = unit
    value = base * scale
    return _Parsed(match.start(), unit_end, value, unit_name, kind, scale, "approximately", noun, words=True)


def _scale_factor(word: str, lang: str) -> int:
    key = word.lower()
    if key in ("billion", "billions"):
        key = "billion_fr" if lang == "fr" else "billion_en"
    if key in ("trillions",):
        key = "trillion"
    return _SCALES[key]


def _match_unit(
    text: str, lang: str, pos: int, *, allow_count_noun: bool, after_scale: bool
) -> tuple[str, str, int, str | None] | None:
    """The unit starting at pos (after optional spaces, and "de"/"d'" in French after a scale)."""
    space = regex.compile(
        rx(
            r"⟨s⟩*",
        )
    ).match(text, pos)
    at = space.end()
    candidates = [at]
    if lang == "fr" and after_scale:
        connector = regex.compile(_DE).match(text, at)
        if connector:
            candidates.insert(0, connector.end())
    for position in candidates:
        for unit, kind, pattern in _UNIT_PATTERNS[lang]:
            found = pattern.match(text, position)
            if found:
                if unit == "GBP" and lang == "en" and not after_scale and found.group().lower().startswith("pound"):
                    continue  # "200 pounds" is as often a weight as a sum; "£" or "million pounds" is money
                return unit, kind, found.end(), None
        noun = _people_noun(text, lang, position)
        if noun:
            return noun
        if allow_count_noun:
            generic = _COUNT_NOUN[lang].match(text, position)
            if generic and _is_count_noun(generic.group("noun")):
                return "count", "count", generic.end(), generic.group("noun")
    return None


_UNIT_PATTERNS = {
    lang: [
        (
            unit,
            kind,
            regex.compile(r"(?:" + pattern + r")(?![\p{L}\p{N}])", 0 if kind == "excluded" else regex.IGNORECASE),
        )
        for unit, kind, pattern in _unit_table(lang)
    ]
    for lang in ("fr", "en")
}
_PEOPLE_RE = {
    lang: regex.compile(
        rx(
            r"(?:(?P<mod>\p{Ll}[\p{Ll}-]+)⟨s⟩+){0,⟨most⟩}?(?P<noun>⟨noun⟩)(?![\p{L}])",
            most="1" if lang == "fr" else "2",
            noun=_alt(words(" ".join(groups.values()))),
        )
    )
    for lang, groups in _PEOPLE.items()
}
_MODIFIER_STOP = frozenset(
    words("""the a an of de du des la le les in en and et to à for pour par per by sur on with avec from that qui
    que which is are was were have has will would this these ses son sa leurs their its""")
)


def _people_noun(text: str, lang: str, pos: int) -> tuple[str, str, int, str | None] | None:
    found = _PEOPLE_RE[lang].match(text, pos)
    if not found:
        return None
    modifiers = regex.findall(
        rx(
            r"\p{Ll}[\p{Ll}-]+(?=⟨s⟩)",
        ),
        text[pos : found.start("noun")],
    )
    if any(m in _MODIFIER_STOP for m in modifiers):
        return None
    noun = found.group("noun")
    for unit, nouns in _PEOPLE[lang].items():
        if noun in nouns.split():
            return unit, unit, found.end(), noun
    return None  # pragma: no cover - the pattern only matches listed nouns


def _is_count_noun(noun: str) -> bool:
    return noun not in _STOP_PLURALS and noun not in _MONTH_WORDS


def _parse_after_number(text: str, lang: str, start: int, end: int, value: Decimal, *, words: bool) -> _Parsed | None:
    phrase_start = start
    unit: str | None = None
    kind = ""
    noun: str | None = None
    scale = 1
    # Currency symbol or code before the number, and a sign before that.
    prefix = _CURRENCY_PREFIX.search(text[max(0, start - 6) : start])
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
        attached = _SCALE_ATTACHED.match(text, pos)
        if attached and _attached_scale_ok(text, lang, attached, kind):
            scale = _scale_factor(attached.group("scale"), lang)
            pos = attached.end()
        else:
            spaced = _SCALE_SPACED.match(text, pos)
            if spaced:
                scale = _scale_factor(spaced.group("scale"), lang)
                pos = spaced.end()
    hyphen = _HYPHEN_UNIT[lang].match(text, pos)
    if hyphen and unit is None:
        hyphen_unit = hyphen.group("unit").lower().rstrip("s")
        unit = {"year": "year", "an": "year", "month": "month", "day": "day", "week": "week"}.get(hyphen_unit)
        unit = unit or ("GW" if hyphen_unit.startswith(("gigawatt", "gw")) else "MW")
        kind = "duration" if unit in ("year", "month", "day", "week") else "power"
        pos = hyphen.end()
    elif unit is None:
        found = _match_unit(text, lang, pos, allow_count_noun=not words, after_scale=scale > 1 or words)
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
        if not _PERCENT_CONTEXT.search(_sentence(text, start)):
            return None
        unit, kind = "pp", "points"
    if unit == "bp":
        unit, kind, value = "pp", "points", value / 100
    if unit == "week":
        unit, value = "day", value * 7
    if words and value < 10 and kind in ("count", "people", "jobs", "homes"):
        return None  # "deux entreprises", "two people briefed": not figures anyone records
    if not words and kind == "count" and scale == 1 and _looks_like_year(text[start:end]):
        return None
    article = words and text[start:end].lower() in _ARTICLES
    qualifier, qualifier_start = _qualifier(text, lang, phrase_start, kind)
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
    follows = _match_unit(text, lang, attached.end(), allow_count_noun=False, after_scale=True)
    return bool(follows) and follows[1] not in ("excluded", "foreign")


_BARE_END = regex.compile(
    rx(
        r"⟨s⟩*(?:[,.;:)]|⟨s⟩(?:dont|soit|contre|of|which|including|compared)\b|$)",
    )
)


def _bare_figure(text: str, lang: str, start: int, end: int, phrase_start: int) -> bool:
    """A number with no unit still states an amount when a qualifier says so and nothing follows it."""
    raw = text[start:end]
    value = _digits_value(raw, lang)
    if value is None or value < 10 or _looks_like_year(raw):
        return False
    qualifier, _at = _qualifier(text, lang, phrase_start, "count")
    return qualifier != "exact" and bool(_BARE_END.match(text, end))


def _looks_like_year(raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2199


def _qualifier(text: str, lang: str, phrase_start: int, kind: str) -> tuple[str, int]:
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


def _merge_ranges(text: str, lang: str, parsed: list[_Parsed]) -> list[_Parsed]:
    """ "entre 3 et 5 milliards d'euros", "between $3bn and $5bn", "3-5 GW": one amount with both bounds."""
    result: list[_Parsed] = []
    for item in parsed:
        if item.qualifier != "exact":
            result.append(item)
            continue
        before = text[max(0, item.start - 40) : item.start]
        found = _RANGE_BEFORE[lang].search(before)
        if not found or _not_a_range(text, lang, item.start - (len(before) - found.start()), found):
            result.append(item)
            continue
        low = _digits_value(found.group("num"), lang)
        scale = _scale_factor(found.group("scale").strip(), lang) if found.group("scale") else item.scale
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


_CHANGE_FROM = regex.compile(
    rx(
        r"(?:\bde|\bd['’]|\bfrom|\bpassé\w*⟨s⟩+de)⟨s⟩*$",
    ),
    regex.IGNORECASE,
)


def _not_a_range(text: str, lang: str, range_start: int, found: regex.Match) -> bool:
    separator = found.group("sep").lower()
    if separator in ("et", "and"):
        return not found.group("kw")  # "3 et 5 GW" lists two figures; "entre 3 et 5 GW" is a range
    if found.group("kw"):
        return separator in ("à", "to")  # "entre 3 à 5" is not idiomatic: leave it alone
    # "de 3 à 5 milliards", "from 3 to 5": a change from one figure to another, not a range.
    return bool(_CHANGE_FROM.search(text[max(0, range_start - 12) : range_start]))


def _sentence(text: str, pos: int) -> str:
    left = pos
    while left > 0 and not _SENTENCE_EDGE.match(text, left - 1):
        left -= 1
    right = _SENTENCE_EDGE.search(text, pos)
    return text[left : right.start() if right else len(text)]


def _clean(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _to_amount(text: str, lang: str, p: _Parsed) -> Amount:
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
    measure = _measure(text, lang, p)
    return Amount(p.start, p.end, text[p.start : p.end], value, p.unit, qualifier, lower, upper, measure)


# --- measure --------------------------------------------------------------------------------------------
_MEASURES = {
    "currency": [
        (r"contrats?|contract|deal|accords?|agreement|commandes?|orders?", "contract value"),
        (r"investiss\w*|invest\w*", "investment"),
        (r"chiffre d.affaires|revenus?|revenues?|sales|ventes", "revenue"),
        (r"bénéfices?|profits?|earnings|résultat net|net income", "profit"),
        (r"pertes?|loss(?:es)?|déficit", "loss"),
        (r"levée|lever|raised?|raising|funding|financement|financing|tour de table|rallonge", "funding"),
        (r"subventions?|aides?|grants?|subsid\w*|tax credits?|crédits? d.impôt", "subsidy"),
        (r"co[uû]t\w*|costs?|surco[uû]t|facture|budget|price tag|coûterait", "cost"),
        (r"valoris\w*|valuation|valued", "valuation"),
        (r"dette|debt|emprunts?|loans?|prêts?|bonds?", "debt"),
        (r"rachat|acqui\w*|takeover|buyout", "acquisition price"),
        (r"amendes?|fines?|penalt\w*", "fine"),
        (r"dividendes?|dividends?", "dividend"),
        (r"salaires?|salary|wages?", "pay"),
        (r"économie|economy|retombées", "economic impact"),
        (r"marchés?|markets?", "market size"),
        (r"fonds|funds?", "fund size"),
        (r"prix|price", "price"),
    ],
    "power": [
        (r"solaire|solar|photovolta\w*", "solar capacity"),
        (r"éolien\w*|wind", "wind capacity"),
        (r"data ?cent(?:er|re)s?|centres? de données", "data center capacity"),
        (r"consomm\w*|consumption|demand|draw", "power demand"),
        (r"capacité|capacity|puissance", "capacity"),
    ],
    "energy": [
        (r"stock\w*|storage|batter\w*", "storage capacity"),
        (r"produi\w*|production|génér\w*|generat\w*|output", "generation"),
        (r"consomm\w*|consumption", "consumption"),
        (r"capacité|capacity", "capacity"),
    ],
    "percent": [
        (r"taux de chômage|chômage|unemployment", "unemployment rate"),
        (r"parts? de marché|market share", "market share"),
        (r"participation|stake|parts?", "stake"),
        (r"rendement|return|rentabilité", "return"),
        (r"marges?|margins?", "margin"),
        (r"inflation", "inflation"),
        (r"sondage|poll|survey", "poll share"),
        (r"capacité|capacity", "capacity utilisation"),
        (r"taux|rate", "rate"),
    ],
    "points": [(r"chômage|unemployment", "unemployment rate change")],
    "duration": [
        (r"retard|delay\w*", "delay"),
        (r"contrats?|contract|deal|agreement|accord|commande|order|lease|bail|concession|mandat|term", "term"),
    ],
    "homes": [(r"aliment\w*|power\w*|approvision\w*|supply|équivalent|equivalent", "homes powered")],
}
_MEASURES_RE = {
    k: [(regex.compile(r"\b(?:" + p + r")\b", regex.IGNORECASE), m) for p, m in v] for k, v in _MEASURES.items()
}
_CHANGE_UP = regex.compile(
    r"\b(?:hausse|croissance|progress\w*|augment\w*|grow\w*|grew|growth|ris(?:e|en|ing)|rose|up|"
    r"increase\w*|bondi\w*|gain\w*|jump\w*|surg\w*)\b",
    regex.IGNORECASE,
)
_CHANGE_DOWN = regex.compile(
    r"\b(?:baisse|recul\w*|diminu\w*|declin\w*|fell|fall\w*|drop\w*|down|lost|perdu|chut\w*|"
    r"cut|plung\w*|slump\w*)\b",
    regex.IGNORECASE,
)
_CHANGE_SUBJECT = [
    (regex.compile(r"\b(?:chiffre d.affaires|revenus?|revenues?|sales|ventes)\b", regex.IGNORECASE), "revenue"),
    (regex.compile(r"\b(?:actions?|shares|share price|cours|stock)\b", regex.IGNORECASE), "share price"),
    (regex.compile(r"\b(?:prix|prices?|tarifs?)\b", regex.IGNORECASE), "price"),
    (regex.compile(r"\b(?:co[uû]ts?|costs?)\b", regex.IGNORECASE), "cost"),
]
_TERM_BEFORE = regex.compile(
    rx(
        r"(?:\b(?:sur|over)⟨s⟩+)$",
    ),
    regex.IGNORECASE,
)
_DEFAULT_MEASURE = {
    "currency": "amount", "power": "capacity", "energy": "energy", "percent": "share", "points": "change",
    "duration": "duration", "count": "count", "people": "people", "jobs": "jobs", "homes": "homes",
}  # fmt: skip
_PEOPLE_MEASURE = {
    "salariés": "employees", "salariées": "employees", "employés": "employees", "employees": "employees",
    "staff": "employees", "collaborateurs": "employees", "habitants": "residents", "residents": "residents",
    "inhabitants": "residents", "voyageurs": "passengers", "passagers": "passengers", "passengers": "passengers",
    "riders": "passengers", "workers": "workers", "ouvriers": "workers", "travailleurs": "workers",
    "visiteurs": "visitors", "visitors": "visitors", "agents": "staff", "usagers": "users",
}  # fmt: skip


def _nearest_keyword(table, window: str, anchor: int) -> str | None:
    best: tuple[int, str] | None = None
    for pattern, measure in table:
        for found in pattern.finditer(window):
            distance = anchor - found.end() if found.end() <= anchor else found.start() - anchor
            if best is None or distance < best[0]:
                best = (distance, measure)
    return best[1] if best else None


def _measure(text: str, lang: str, p: _Parsed) -> str:
    sentence_left = p.start
    while sentence_left > 0 and not _SENTENCE_EDGE.match(text, sentence_left - 1) and p.start - sentence_left < 90:
        sentence_left -= 1
    right = _SENTENCE_EDGE.search(text, p.end)
    window_end = min(right.start() if right else len(text), p.end + 50)
    before, after = text[sentence_left : p.start], text[p.end : window_end]
    window = before + " " + after
    anchor = len(before)
    if p.kind in ("people",) and p.noun:
        return _PEOPLE_MEASURE.get(p.noun.lower(), "people")
    if p.kind == "jobs":
        return "jobs"
    if p.kind == "count":
        if p.noun:
            return _FR_COUNT_MEASURE.get(p.noun, "count") if lang == "fr" else p.noun
        return "count"
    if p.kind == "duration":
        if _TERM_BEFORE.search(before) or "-" in text[p.start : p.end]:
            return "term"
        return _nearest_keyword(_MEASURES_RE["duration"], window, anchor) or "duration"
    if p.kind == "percent":
        signed = text[p.start : p.start + 1] in "+-−"
        up = _nearest_keyword([(_CHANGE_UP, "growth")], before[-45:], len(before[-45:]))
        down = _nearest_keyword([(_CHANGE_DOWN, "decline")], before[-45:], len(before[-45:]))
        direction = None
        if signed:
            direction = "growth" if text[p.start] == "+" else "decline"
        elif up or down:
            direction = up or down
        if direction:
            subject = _nearest_keyword(_CHANGE_SUBJECT, window, anchor)
            return f"{subject} {direction}" if subject else direction
    table = _MEASURES_RE.get(p.kind)
    if table and p.kind in ("power", "energy"):
        # Ordered from the most specific ("data center capacity") to the most general ("capacity").
        found = next((measure for pattern, measure in table if pattern.search(window)), None)
        if found:
            return found
    elif table:
        found = _nearest_keyword(table, window, anchor)
        if found:
            return found
    return _DEFAULT_MEASURE.get(p.kind, "amount")
