"""Units: the words and symbols of each unit the database accepts, per language, in the order they are
tried, with the units it has no place for (kilometres, tonnes, kWh...) and foreign currencies listed
so that their figures are left out rather than misread; the people, jobs and homes nouns; the plural
nouns that make a plain count after digits; and currency signs and codes written before a number.

A unit row's first field is a value of claims.choices.QuantityUnit, or a name the finder converts or
drops: "bp" (basis points, to "pp"), "pt" (points, "pp" only where the sentence speaks of per cent),
"week" (to days), "FOREIGN" and "EXCLUDED".
"""

from __future__ import annotations

import regex

from claims.language._common import alternation, rx, words
from claims.language.amounts.numbers import DE
from claims.language.dates.tables import MONTHS_EN, MONTHS_FR


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
# A month name is never a counted noun ("le 12 mars").
_MONTH_NAMES = frozenset(MONTHS_FR) | frozenset(MONTHS_EN)
_COUNT_NOUN = {
    "fr": regex.compile(r"(?P<noun>\p{Ll}[\p{Ll}-]{2,}[sx])(?![\p{L}])"),
    "en": regex.compile(r"(?P<noun>\p{Ll}[\p{Ll}-]{2,}s)(?![\p{L}])"),
}
HYPHEN_UNIT = {
    "fr": regex.compile(r"-(?P<unit>ans?)(?![\p{L}-])", regex.IGNORECASE),
    "en": regex.compile(
        r"-(?P<unit>years?|months?|days?|weeks?|megawatts?|gigawatts?|MW|GW)(?![\p{L}])(?!-old)", regex.IGNORECASE
    ),
}

# Currency signs and codes written before the number.
CURRENCY_PREFIX = regex.compile(
    rx(
        r"(?:(?P<foreign>C|CA|A|AU|NZ|HK|S|NT|R)\$|(?P<USD>US\$|U\.S\.\$|\$|USD⟨s⟩?)|(?P<EUR>€|EUR⟨s⟩?)|"
        r"(?P<GBP>£|GBP⟨s⟩?)|(?P<CNY>CN¥|RMB⟨s⟩?|CNY⟨s⟩?)|(?P<JPY>¥|JPY⟨s⟩?))$",
    )
)


_SPACES = regex.compile(
    rx(
        r"⟨s⟩*",
    )
)
_DE_RE = regex.compile(DE)
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
            noun=alternation(words(" ".join(groups.values()))),
        )
    )
    for lang, groups in _PEOPLE.items()
}
_MODIFIER = regex.compile(
    rx(
        r"\p{Ll}[\p{Ll}-]+(?=⟨s⟩)",
    )
)
# Words before a people noun that show it is not an adjective of it: "300 of the workers" is no amount.
_MODIFIER_STOP = frozenset(
    words("""the a an of de du des la le les in en and et to à for pour par per by sur on with avec from that qui
    que which is are was were have has will would this these ses son sa leurs their its""")
)


def match_unit(
    text: str, lang: str, pos: int, *, allow_count_noun: bool, after_scale: bool
) -> tuple[str, str, int, str | None] | None:
    """The unit starting at pos (after optional spaces, and "de"/"d'" in French after a scale)."""
    at = _SPACES.match(text, pos).end()
    candidates = [at]
    if lang == "fr" and after_scale:
        connector = _DE_RE.match(text, at)
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


def _people_noun(text: str, lang: str, pos: int) -> tuple[str, str, int, str | None] | None:
    found = _PEOPLE_RE[lang].match(text, pos)
    if not found:
        return None
    modifiers = _MODIFIER.findall(text[pos : found.start("noun")])
    if any(m in _MODIFIER_STOP for m in modifiers):
        return None
    noun = found.group("noun")
    for unit, nouns in _PEOPLE[lang].items():
        if noun in nouns.split():
            return unit, unit, found.end(), noun
    return None  # pragma: no cover - the pattern only matches listed nouns


def _is_count_noun(noun: str) -> bool:
    return noun not in _STOP_PLURALS and noun not in _MONTH_NAMES
