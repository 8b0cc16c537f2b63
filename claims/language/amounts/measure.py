"""The measure of an amount: a short English noun saying what the figure measures ("contract value",
"investment", "revenue growth", "solar capacity", "term", "employees"...), from the keywords of its
sentence near the figure, the counted noun, or a default per kind of unit.
"""

from __future__ import annotations

import regex

from claims.language._common import rx, sentence_bounds

# Measures are English nouns: a French counted noun is translated ("count" when not listed here); an
# English one is the measure itself.
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
    """The measure of the keyword nearest to `anchor` (the amount's place in `window`), before or after."""
    best: tuple[int, str] | None = None
    for pattern, measure in table:
        for found in pattern.finditer(window):
            distance = anchor - found.end() if found.end() <= anchor else found.start() - anchor
            if best is None or distance < best[0]:
                best = (distance, measure)
    return best[1] if best else None


def measure_of(text: str, lang: str, start: int, end: int, kind: str, noun: str | None) -> str:
    """The measure of the amount at text[start:end], of a unit of `kind`, counting `noun` if any."""
    # The window: up to 90 characters of the sentence before the amount, up to 50 after it.
    sentence_left, sentence_right = sentence_bounds(text, start, end, reach=90)
    window_end = min(sentence_right, end + 50)
    before, after = text[sentence_left:start], text[end:window_end]
    window = before + " " + after
    anchor = len(before)
    if kind in ("people",) and noun:
        return _PEOPLE_MEASURE.get(noun.lower(), "people")
    if kind == "jobs":
        return "jobs"
    if kind == "count":
        if noun:
            return _FR_COUNT_MEASURE.get(noun, "count") if lang == "fr" else noun
        return "count"
    if kind == "duration":
        if _TERM_BEFORE.search(before) or "-" in text[start:end]:
            return "term"
        return _nearest_keyword(_MEASURES_RE["duration"], window, anchor) or "duration"
    if kind == "percent":
        signed = text[start : start + 1] in "+-−"
        up = _nearest_keyword([(_CHANGE_UP, "growth")], before[-45:], len(before[-45:]))
        down = _nearest_keyword([(_CHANGE_DOWN, "decline")], before[-45:], len(before[-45:]))
        direction = None
        if signed:
            direction = "growth" if text[start] == "+" else "decline"
        elif up or down:
            direction = up or down
        if direction:
            subject = _nearest_keyword(_CHANGE_SUBJECT, window, anchor)
            return f"{subject} {direction}" if subject else direction
    table = _MEASURES_RE.get(kind)
    if table and kind in ("power", "energy"):
        # Ordered from the most specific ("data center capacity") to the most general ("capacity").
        found = next((measure for pattern, measure in table if pattern.search(window)), None)
        if found:
            return found
    elif table:
        found = _nearest_keyword(table, window, anchor)
        if found:
            return found
    return _DEFAULT_MEASURE.get(kind, "amount")
