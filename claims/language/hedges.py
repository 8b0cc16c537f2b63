"""The uncertainty an article itself expresses: conditionals, modals, bounds, approximations, plans,
explicit doubt and attribution cues, each with its words as stated.

Kinds, and the words that give them:
  - reported: the French conditional of reported speech ("préparerait", "serait", "aurait signé",
    "s'apprêterait"), "reportedly", "allegedly", "is said to", "a reported", "would";
  - speculation: "pourrait", "pourraient", "aurait pu", "peut-être", "could", "might", "may" (the
    modal, never the month), "possibly";
  - forecast: "devrait", "doit"/"doivent" + infinitive, "prévoit de", "vise à", the French future
    ("démarrera", "nécessiteront"), "will", "is expected to", "is forecast to", "plans to";
  - bound: "jusqu'à", "up to", "as much as" before a figure;
  - approximation: "environ", "près de", "quelque", "about", "around", "roughly", "nearly", "some"...
    before a figure ("environ" and "roughly" anywhere); "une quarantaine";
  - doubt: "des incertitudes subsistent", "reste incertain", "it is unclear", "remains uncertain"...;
  - attribution: "selon", "d'après", "according to".

The French conditional and future are recognised by their endings, with the nouns and imperfects
that share them left out ("le retrait", "un portrait", "il tirait", "l'opéra", "la caméra") and no
verb reading after an article ("le trait", "l'aura").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from claims.choices import ClaimUncertainty
from claims.language._common import non_overlapping, rules_language, rx, whole_words, words

# Every kind is an uncertainty of claims.choices.ClaimUncertainty; "none" is the absence of a hedge.
KINDS = tuple(kind for kind in ClaimUncertainty.values if kind != ClaimUncertainty.NONE)


@dataclass(frozen=True)
class Hedge:
    start: int
    end: int
    as_stated: str
    kind: str


# What a bound or an approximation must be followed by: a figure, a currency sign or a number word.
_FIGURE = rx(
    r"(?=⟨s⟩*(?:[+\-−]?\d|[$€£¥]|US\$|(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|"
    r"quinze|vingt|trente|quarante|cinquante|soixante|cent|mille|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|a⟨s⟩+(?:third|"
    r"half|quarter|dozen|hundred|thousand|million|billion)|half|a⟨s⟩+year|an?⟨s⟩+\w+⟨s⟩+(?:percent|"
    r"per⟨s⟩+cent))\b))",
)

_TABLE: dict[str, list[tuple[str, str]]] = {
    "fr": [
        (
            "doubt",
            rx(
                r"(?:des⟨s⟩+)?incertitudes?⟨s⟩+(?:subsiste(?:nt)?|demeure(?:nt)?|pèse(?:nt)?|plane(?:nt)?|"
                r"persiste(?:nt)?|demeurent)",
            ),
        ),
        (
            "doubt",
            rx(
                r"(?:reste(?:nt)?|demeure(?:nt)?)⟨s⟩+(?:très⟨s⟩+)?incertaine?s?",
            ),
        ),
        (
            "doubt",
            rx(
                r"(?:il⟨s⟩+)?n⟨a⟩est⟨s⟩+pas⟨s⟩+(?:encore⟨s⟩+)?(?:clair|certain|acquis|établi)",
            ),
        ),
        (
            "doubt",
            rx(
                r"on⟨s⟩+ignore|nul⟨s⟩+ne⟨s⟩+sait|reste⟨s⟩+à⟨s⟩+savoir|reste(?:nt)?⟨s⟩+à⟨s⟩+(?:confirmer|préciser|"
                r"démontrer|consolider|prouver)|n⟨a⟩a⟨s⟩+pas⟨s⟩+pu⟨s⟩+être⟨s⟩+(?:vérifiée?|confirmée?)|"
                r"sans⟨s⟩+garantie|(?:des⟨s⟩+)?doutes⟨s⟩+(?:subsistent|persistent|planent)",
            ),
        ),
        (
            "speculation",
            rx(
                r"aurai(?:t|ent)⟨s⟩+pu",
            ),
        ),
        (
            "speculation",
            rx(
                r"(?:pourrai(?:t|ent)|pourrions|pourriez)(?:-(?:il|elle|on|ils|elles))?|peut-être|éventuellement|"
                r"potentiellement|il⟨s⟩+est⟨s⟩+possible⟨s⟩+que|risque⟨s⟩+d(?:e|⟨a⟩)",
            ),
        ),
        (
            "forecast",
            rx(
                r"devrai(?:t|ent)|(?:doit|doivent)(?=⟨s⟩+(?:(?:encore|aussi|également|notamment|désormais|bientôt|"
                r"ensuite|donc)⟨s⟩+)?(?:s⟨a⟩|se⟨s⟩+)?\p{Ll}+(?:er|ir|re|oir)\b)|prévoi(?:t|ent)⟨s⟩+d(?:e|⟨a⟩)|"
                r"prévue?s?(?=⟨s⟩+(?:pour|en|le|d⟨a⟩ici|au|à|dès|début|fin|mi-|avant|courant))|"
                r"vise(?:nt)?(?:⟨s⟩+(?:non⟨s⟩+seulement|aussi|également|notamment|surtout|d⟨a⟩abord|"
                r"avant⟨s⟩+tout))?⟨s⟩+à|ambitionne(?:nt)?⟨s⟩+de|entend(?:ent)?(?=⟨s⟩+\p{Ll}+(?:er|ir|re)\b)|"
                r"compte(?:nt)?(?=⟨s⟩+(?:s⟨a⟩|se⟨s⟩+)?\p{Ll}+(?:er|ir|re)\b)|attendue?s?(?=⟨s⟩+(?:pour|en|le|"
                r"d⟨a⟩ici|au|à|dès|début|fin|mi-|avant|courant))|(?:objectif|ambition)⟨s⟩+(?:de|d⟨a⟩|est⟨s⟩+de)",
            ),
        ),
        (
            "bound",
            rx(
                r"jusqu⟨a⟩⟨s⟩?(?:à|au)⟨figure⟩|au⟨s⟩+maximum|tout⟨s⟩+au⟨s⟩+plus",
                figure=_FIGURE,
            ),
        ),
        (
            "approximation",
            rx(
                r"environ|approximativement|de⟨s⟩+l⟨a⟩ordre⟨s⟩+de|grosso⟨s⟩+modo",
            ),
        ),
        (
            "approximation",
            rx(
                r"(?:près⟨s⟩+d(?:e|⟨a⟩)|quelque|autour⟨s⟩+d(?:e|⟨a⟩)|quasiment|presque|aux⟨s⟩+alentours⟨s⟩+d(?:e|"
                r"⟨a⟩))⟨figure⟩",
                figure=_FIGURE,
            ),
        ),
        (
            "approximation",
            rx(
                r"(?<=\b(?:une|un)⟨s⟩+)(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|"
                r"soixantaine|centaine|millier)",
            ),
        ),
        (
            "attribution",
            rx(
                r"selon|d⟨a⟩après",
            ),
        ),
    ],
    "en": [
        (
            "doubt",
            rx(
                r"it⟨s⟩+(?:is|was|remains|remained)⟨s⟩+(?:still⟨s⟩+)?(?:unclear|not⟨s⟩+clear|uncertain|"
                r"not⟨s⟩+known|unknown)",
            ),
        ),
        (
            "doubt",
            rx(
                r"(?:remains?|remained)⟨s⟩+(?:unclear|uncertain|in⟨s⟩+doubt)|unclear⟨s⟩+(?:whether|if|how|when)|"
                r"could⟨s⟩+not⟨s⟩+(?:be⟨s⟩+)?(?:independently⟨s⟩+)?(?:verif(?:y|ied)|confirm(?:ed)?)|"
                r"questions⟨s⟩+remain|(?:is|are)⟨s⟩+unconfirmed",
            ),
        ),
        (
            "reported",
            rx(
                r"reportedly|allegedly|purportedly|supposedly|(?:is|are|was|were)⟨s⟩+(?:said|believed|thought|"
                r"reported|understood)⟨s⟩+to|(?<=\ba⟨s⟩+)reported",
            ),
        ),
        (
            "speculation",
            rx(
                r"could|might|may|possibly|perhaps|potentially|it⟨s⟩+is⟨s⟩+possible",
            ),
        ),
        ("reported", r"would"),
        (
            "forecast",
            rx(
                r"(?:is|are|was|were)⟨s⟩+(?:(?:also|now|still|widely)⟨s⟩+)?(?:expected|forecast|projected|"
                r"scheduled|set|slated|due|poised|likely)⟨s⟩+to|(?:expected|forecast|projected|scheduled|"
                r"slated)⟨s⟩+to|plans?⟨s⟩+to|planned⟨s⟩+to|planning⟨s⟩+to|aims?⟨s⟩+to|intends?⟨s⟩+to|expects?|"
                r"targets?⟨s⟩+(?=\d)|will|shall|(?<=\w)['’]ll|(?:is|are)⟨s⟩+due|due⟨s⟩+(?:in|by|on|to⟨s⟩+be)\b",
            ),
        ),
        (
            "bound",
            rx(
                r"(?:up⟨s⟩+to|as⟨s⟩+(?:much|many|high)⟨s⟩+as|at⟨s⟩+most|no⟨s⟩+more⟨s⟩+than)⟨figure⟩",
                figure=_FIGURE,
            ),
        ),
        (
            "approximation",
            rx(
                r"roughly|approximately|an⟨s⟩+estimated",
            ),
        ),
        (
            "approximation",
            rx(
                r"(?:about|around|nearly|almost|some|close⟨s⟩+to|circa)⟨figure⟩",
                figure=_FIGURE,
            ),
        ),
        (
            "attribution",
            rx(
                r"according⟨s⟩+to",
            ),
        ),
    ],
}
_COMPILED = {lang: [(kind, whole_words(pattern)) for kind, pattern in table] for lang, table in _TABLE.items()}
# "may" is also the month: only lower case, and not next to a day or a year.
_MAY_MONTH = regex.compile(
    rx(
        r"^May$|may⟨s⟩+\d|\d⟨s⟩+may",
    )
)

_CONDITIONAL = regex.compile(
    rx(
        r"(?<![\p{L}\p{N}])(?P<refl>s⟨a⟩)?(?P<word>\p{Ll}+(?:e|i|d|r|tt|ît)rai(?:t|ent)|aurai(?:t|ent)|"
        r"saurai(?:t|ent)|devrai(?:t|ent)|recevrai(?:t|ent)|conclurai(?:t|ent)|irai(?:t|"
        r"ent))(?![\p{L}\p{N}])",
    )
)
_FUTURE = regex.compile(
    rx(
        r"(?<![\p{L}\p{N}])(?P<refl>s⟨a⟩)?(?P<word>\p{Ll}{2,}(?:e|i|d|r|tt|ît|u)r(?:a|ont)|sera|seront|"
        r"aura|auront|fera|feront|ira|iront|devra|devront|pourra|pourront|verra|verront|faudra|vaudra|"
        r"saura|sauront)(?![\p{L}\p{N}])",
    )
)
_NOT_CONDITIONAL = frozenset(
    words("""tirait attirait retirait virait inspirait désirait admirait expirait respirait aspirait soupirait déchirait
    chavirait délirait transpirait conspirait étirait encadrait cadrait serrait barrait enterrait desserrait
    resserrait attrait""")
)
_NOT_FUTURE = frozenset(
    words("""caméra caméras opéra opéras choléra ultra extra intra cobra sierra riviera tiara mantra tantra hydra zébra
    tira attira retira inspira aspira dura jura assura mesura figura cadra encadra madura ira""")
)
_ARTICLE_BEFORE = regex.compile(
    rx(
        r"(?:\b(?:le|la|les|un|une|du|des|ce|cet|cette|son|sa|ses|leur|leurs|au|aux)⟨s⟩+|\bl⟨a⟩|\bd⟨a⟩)$",
    ),
    regex.IGNORECASE,
)
_PARTICIPLE = regex.compile(
    rx(
        r"⟨s⟩+(?:(?:déjà|aussi|également|bien|même|finalement)⟨s⟩+)?(?P<pp>\p{Ll}+(?:é|ée|és|ées|is|it|"
        r"ait|u|us|ert|int|ort|rt))(?![\p{L}])",
    )
)


def find_hedges(text: str, language: str) -> list[Hedge]:
    """Every hedge of text, in text order, without overlaps."""
    lang = rules_language(language)
    found: list[Hedge] = []
    for kind, pattern in _COMPILED[lang]:
        for match in pattern.finditer(text):
            if lang == "en" and match.group().lower() == "may" and _is_month_may(text, match):
                continue
            found.append(Hedge(match.start(), match.end(), match.group(), kind))
    if lang == "fr":
        found.extend(_french_verbs(text))
    return non_overlapping(found, lambda h: (h.start, h.end))


def _is_month_may(text: str, match: regex.Match) -> bool:
    if match.group() == "May":
        return True
    around = text[max(0, match.start() - 4) : match.end() + 5]
    return bool(_MAY_MONTH.search(around))


def _french_verbs(text: str) -> list[Hedge]:
    hedges: list[Hedge] = []
    for match in _CONDITIONAL.finditer(text):
        word = match.group("word")
        if word in _NOT_CONDITIONAL or _ARTICLE_BEFORE.search(text[max(0, match.start() - 8) : match.start()]):
            continue
        end = match.end()
        if word.startswith(("pourrai", "faudrai")):
            kind = "speculation"
        elif word.startswith("devrai"):
            kind = "forecast"
        else:
            kind = "reported"
            if word.startswith(("aurai", "serai")):
                participle = _PARTICIPLE.match(text, end)
                if participle and participle.group("pp") != "pu":
                    end = participle.end()
        hedges.append(Hedge(match.start(), end, text[match.start() : end], kind))
    for match in _FUTURE.finditer(text):
        word = match.group("word")
        if word in _NOT_FUTURE or _ARTICLE_BEFORE.search(text[max(0, match.start() - 8) : match.start()]):
            continue
        hedges.append(Hedge(match.start(), match.end(), match.group(), "forecast"))
    return hedges
