"""Candidate claims: the passages of an article worth recording, pre-filled with what the other
extractors found in them, scored for check-worthiness.

A candidate is a sentence, or a clause of it when the sentence joins two claims with "et"/"and" and
each side states its own amount or date ("ce partenariat démarre en 2027 et prévoit jusqu'à 4,5
gigawatts"). Its score adds weighted features (an amount, a date, named organisations or people, a
record or superlative, a comparison or change, a measurable action, an institution, a vague
quantity, a figure in a unit the database has no place for, an attribution, doubt, a report or a
forecast) and subtracts opinion words, questions, headings and no-comment boilerplate; `reasons`
lists every feature found, in the article's words ("nothing verifiable found" when there is none).
Candidates under `min_score` are dropped.

The uncertainty is the strongest hedge of the passage, in the order doubt > speculation > reported >
forecast > bound > approximation > attribution; an attribution anywhere in the sentence applies to
each of its clauses. A passage is checkable later when one of its dates ends after the publication
date (recheck the day after that date's last day) or when it states a forecast without one (recheck a
year after publication); it is not checkable when it states nothing factual (no amount, date, name,
record, comparison, action, institution or report) and is opinion, speculation or nothing at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from claims.choices import ClaimUncertainty
from claims.language._common import overlaps, rules_language, rx, words
from claims.language.amounts import Amount, find_amounts
from claims.language.attribution import Attribution, KnownSource, find_attributions
from claims.language.dates import DateSpan, find_dates
from claims.language.features import FEATURES
from claims.language.hedges import Hedge, find_hedges
from claims.language.sentences import split_sentences

# Chosen with bench/intake_quality.py --sweep (see docs/intake.md): a lone name (0.2) or a lone
# attribution (0.15) is not enough; an amount (0.45), a date, a report or explicit doubt (0.35 each),
# or a named organisation doing something measurable (0.2 + 0.15) is.
DEFAULT_MIN_SCORE = 0.35

# The uncertainties of claims.choices.ClaimUncertainty, strongest first ("none" apart): a passage's is its
# strongest hedge.
UNCERTAINTY_ORDER = tuple(
    ClaimUncertainty[name].value
    for name in ("DOUBT", "SPECULATION", "REPORTED", "FORECAST", "BOUND", "APPROXIMATION", "ATTRIBUTION")
)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    score: float
    reasons: tuple[str, ...]
    amounts: tuple[Amount, ...]
    dates: tuple[DateSpan, ...]
    attribution: Attribution | None
    hedges: tuple[Hedge, ...]
    uncertainty: str
    uncertainty_as_stated: str
    checkability: str
    recheck_on: dt.date | None


_FIGURE = regex.compile(
    rx(
        r"(?<![\p{L}\p{N}])\d[\d \u00a0\u202f.,]*⟨s⟩*(?:km|kilomètres?|kilometres?|kilometers?|mètres?|"
        r"metres?|meters?|hectares?|tonnes?|tons?|litres?|liters?|gallons?|barils?|barrels?|miles?|acres?|"
        r"m3|m²|kWh|heures?|hours?)(?![\p{L}])",
    ),
    regex.IGNORECASE,
)
_CAPITALIZED = regex.compile(r"(?<![\p{L}\p{N}’'-])[\p{Lu}][\p{L}\p{N}&’'-]*")
_NAME_STOP = frozenset(
    words("""Le La Les L’ L' Un Une Des Du De Ce Cet Cette Ces Il Elle Ils Elles On Nous Vous Je Mais Et Ou Donc Or Ni
    Car Pour Par Sur Sous Dans Avec Sans Selon Depuis Après Avant Pendant En Au Aux Si Enfin Ensuite Puis
    Alors Ainsi Toutefois Pourtant Cependant Néanmoins D’abord D'abord D’après D'après C’est C'est Qui Que
    Quand Comment Pourquoi Où Tout Tous Toute Toutes Son Sa Ses Leur Leurs Notre Nos Votre Vos Mon Ma Mes
    Plusieurs Certains Certaines Chaque Aucun Aucune Oui Non Faut-il Est-ce
    The A An It Its He She They We I You This That These Those There Here In On At For By From With Without
    About After Before Since Until While When Where What Who Why How Which But And Or Nor So Yet If Then
    Also However Meanwhile According Under Over Not No Yes Some Several Many Most Each Every Any All Both
    Neither Either Whether Frankly Analysts Officials Fishermen Local State
    IA AI PDG CEO UE EU US USA
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche Janvier Février
    Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre""")
)
_NAME_LINK = regex.compile(
    rx(
        r"^(?:⟨s⟩+(?:de⟨s⟩+la|de|du|des|of|the|and|&|la)⟨s⟩+|⟨s⟩+|⟨s⟩*-⟨s⟩*|⟨s⟩+d⟨a⟩)$",
    )
)
_CONJUNCTION = {
    "fr": regex.compile(
        rx(
            r",?⟨s⟩+et⟨s⟩+(?=\p{L})",
        )
    ),
    "en": regex.compile(
        rx(
            r",?⟨s⟩+and⟨s⟩+(?=\p{L})",
        )
    ),
}
_FINAL = regex.compile(r"[.!?…»\"”)’:]\s*$")
_QUESTION = regex.compile(r"\?[" + '»"”’)\u00a0\u202f ' + r"]*$")
_OPENING = regex.compile(r"[«“\"(]")
_CLOSING = regex.compile(r"[»”\")]")


def find_candidates(
    text: str,
    *,
    language: str,
    published_on: dt.date,
    sources: Sequence[KnownSource] = (),
    min_score: float = DEFAULT_MIN_SCORE,
) -> list[Candidate]:
    """The check-worthy passages of an article, in text order, each with its score and what it states."""
    lang = rules_language(language)
    sentences = split_sentences(text, lang)
    amounts = find_amounts(text, lang)
    dates = find_dates(text, lang, reference=published_on)
    attributions = find_attributions(text, lang, sources=sources)
    hedges = find_hedges(text, lang)
    known_names = _mid_sentence_names(text, sentences) | {n for s in sources for n in s.names}
    candidates: list[Candidate] = []
    for sentence in sentences:
        attribution = next((a for a in attributions if overlaps((a.start, a.end), sentence)), None)
        sentence_hedges = [h for h in hedges if sentence[0] <= h.start and h.end <= sentence[1]]
        for clause in _clauses(text, lang, sentence, amounts, dates, attributions):
            candidate = _candidate(
                text, lang, sentence, clause, amounts, dates, attribution, sentence_hedges, known_names, published_on
            )
            if candidate.score >= min_score:
                candidates.append(candidate)
    return candidates


def describe_passage(
    text: str, start: int, end: int, *, language: str, published_on: dt.date, sources: Sequence[KnownSource] = ()
) -> Candidate:
    """What the passage text[start:end] an editor chose states, scored as find_candidates() scores one; the
    sentences around it lend it their attribution and hedges ("Selon…" before the chosen words still holds)."""
    lang = rules_language(language)
    sentences = split_sentences(text, lang)
    around = [s for s in sentences if overlaps(s, (start, end))] or [(start, end)]
    sentence = (min(start, around[0][0]), max(end, around[-1][1]))
    attributions = find_attributions(text, lang, sources=sources)
    attribution = next((a for a in attributions if overlaps((a.start, a.end), sentence)), None)
    hedges = [h for h in find_hedges(text, lang) if sentence[0] <= h.start and h.end <= sentence[1]]
    known_names = _mid_sentence_names(text, sentences) | {n for s in sources for n in s.names}
    amounts = find_amounts(text, lang)
    dates = find_dates(text, lang, reference=published_on)
    return _candidate(
        text, lang, sentence, (start, end), amounts, dates, attribution, hedges, known_names, published_on
    )


def _inside(span: tuple[int, int], items) -> list:
    return [item for item in items if span[0] <= item.start and item.end <= span[1]]


def _clauses(text: str, lang: str, sentence: tuple[int, int], amounts, dates, attributions) -> list[tuple[int, int]]:
    """The sentence, cut at "et"/"and" where each side states its own amount or date."""
    start, end = sentence
    pieces: list[tuple[int, int]] = []
    piece_start = start
    protected = [(x.start, x.end) for x in (*amounts, *dates, *attributions)]
    for conj in _CONJUNCTION[lang].finditer(text, start, end):
        if any(s <= conj.start() < e for s, e in protected):
            continue
        before = text[piece_start : conj.start()]
        if len(_OPENING.findall(before)) != len(_CLOSING.findall(before)):
            continue  # inside a quotation or brackets
        left, right = (piece_start, conj.start()), (conj.end(), end)
        facts_left = _inside(left, amounts) + _inside(left, dates)
        facts_right = _inside(right, amounts) + _inside(right, dates)
        if not facts_left or not facts_right:
            continue
        if len(text[left[0] : left[1]].split()) < 4 or len(text[right[0] : right[1]].split()) < 4:
            continue
        word_before = text[: conj.start()].split()[-1] if text[: conj.start()].split() else ""
        word_after = text[conj.end() :].split()[0] if text[conj.end() :].split() else ""
        if word_before[:1].isupper() and word_after[:1].isupper():
            continue  # "SoftBank et MGX": a list of names, not two claims
        pieces.append(left)
        piece_start = right[0]
    pieces.append((piece_start, end))
    return pieces


def _mid_sentence_names(text: str, sentences: list[tuple[int, int]]) -> set[str]:
    names: set[str] = set()
    for start, end in sentences:
        for found in _CAPITALIZED.finditer(text, start, end):
            if found.start() > start and found.group() not in _NAME_STOP and not _after_opening(text, found.start()):
                names.add(found.group())
    return names


def _after_opening(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos].rstrip(" \u00a0\u202f")
    return before.endswith(("«", "“", '"', ":", "(", "—", "–")) and not before.endswith(": ")


def _names_in(text: str, span: tuple[int, int], known: set[str]) -> list[str]:
    """Proper names in the span, consecutive capitalized words taken as one name."""
    start, end = span
    tokens = []
    for found in _CAPITALIZED.finditer(text, start, end):
        word = found.group().rstrip("’'")
        if word in _NAME_STOP or len(word) < 2:
            continue
        at_start = not text[start : found.start()].strip(" «“\"'(")
        if at_start and word not in known and not any(c.isupper() for c in word[1:]):
            continue  # the first word of a sentence is capitalized anyway
        tokens.append(found)
    names: list[str] = []
    previous = None
    for token in tokens:
        if previous is not None and _NAME_LINK.match(text[previous.end() : token.start()]):
            names[-1] = names[-1] + text[previous.end() : token.end()]
        else:
            names.append(token.group())
        previous = token
    return names


def _first(pattern: regex.Pattern, text: str, span: tuple[int, int]) -> str | None:
    found = pattern.search(text, span[0], span[1])
    return found.group() if found else None


def _candidate(
    text: str,
    lang: str,
    sentence: tuple[int, int],
    clause: tuple[int, int],
    all_amounts: list[Amount],
    all_dates: list[DateSpan],
    attribution: Attribution | None,
    sentence_hedges: list[Hedge],
    known_names: set[str],
    published_on: dt.date,
) -> Candidate:
    start, end = clause
    while end > start and text[end - 1] in ", ;\u00a0\u202f":
        end -= 1
    span = (start, end)
    passage = text[start:end]
    amounts = tuple(_inside(span, all_amounts))
    dates = tuple(_inside(span, all_dates))
    hedges = [h for h in sentence_hedges if start <= h.start and h.end <= end]
    attribution_hedges = [h for h in sentence_hedges if h.kind == "attribution" and h not in hedges]
    if attribution and attribution_hedges:
        hedges = sorted([*hedges, *attribution_hedges], key=lambda h: h.start)
    features = FEATURES[lang]
    score = 0.0
    reasons: list[str] = []

    def add(weight: float, reason: str) -> None:
        nonlocal score
        score += weight
        reasons.append(reason)

    if amounts:
        add(0.45 + min(0.1, 0.05 * (len(amounts) - 1)), f"states an amount ({amounts[0].as_stated})")
    if dates:
        add(0.35, f"gives a date ({dates[0].as_stated})")
    # The source of an attribution is who says it, not what is said: "Northwake insists" names nobody in
    # the claim.
    names = [
        n for n in _names_in(text, span, known_names)
        if not (attribution and n in text[attribution.start : attribution.end])
    ]  # fmt: skip
    if names:
        weight = 0.2 if len(names) == 1 else 0.3 if len(names) == 2 else 0.35
        add(weight, f"names an organisation or person ({', '.join(dict.fromkeys(names))})")
    for key, weight, label in (
        ("superlative", 0.3, "record or superlative"),
        ("comparison", 0.15, "comparison or change"),
        ("action", 0.15, "reports a measurable action"),
        ("institution", 0.1, "involves an institution"),
        ("vague", 0.2, "vague quantity"),
    ):
        found = _first(features[key], text, span)
        if found:
            add(weight, f"{label} ({found})")
    figure = _first(_FIGURE, text, span)
    if figure and not amounts:
        add(0.3, f"states a figure in another unit ({figure.strip()})")
    if attribution:
        add(0.15, f"attributed ({attribution.as_stated})")
    kinds = {h.kind: h for h in reversed(hedges)}
    for kind, weight, label in (
        ("doubt", 0.35, "expresses doubt"),
        ("reported", 0.35, "reported, not confirmed"),
        ("forecast", 0.1, "forecast or plan"),
        ("speculation", 0.05, "speculation"),
    ):
        if kind in kinds:
            hedge = kinds[kind]
            if kind == "reported" and hedge.as_stated.lower() == "would":
                weight = 0.1  # the English modal is as often hypothetical as reported speech
            add(weight, f"{label} ({hedge.as_stated})")
    opinion = _first(features["opinion"], text, span)
    factual = bool(
        amounts or dates or names or figure or {"reported", "doubt"} & set(kinds)
        or any(_first(features[k], text, span) for k in ("superlative", "action", "comparison", "institution", "vague"))
    )  # fmt: skip
    if opinion:
        add(-0.3, f"opinion words ({opinion})")
    boilerplate = _first(features["boilerplate"], text, span)
    if boilerplate:
        add(-0.35, f"no-comment boilerplate ({boilerplate})")
    if _QUESTION.search(text[sentence[0] : sentence[1]]):
        add(-0.6, "question")
    elif not _FINAL.search(text[sentence[0] : sentence[1]]) and len(passage.split()) <= 15:
        add(-0.6, "heading")
    if len(passage.split()) < 5:
        add(-0.15, "very short")
    if not reasons:
        reasons.append("nothing verifiable found")
    uncertainty, uncertainty_as_stated = _uncertainty(hedges, attribution)
    checkability, recheck_on = _checkability(dates, hedges, factual, opinion, published_on)
    return Candidate(
        start=start,
        end=end,
        text=passage,
        score=round(max(0.0, min(1.0, score)), 2),
        reasons=tuple(reasons),
        amounts=amounts,
        dates=dates,
        attribution=attribution,
        hedges=tuple(hedges),
        uncertainty=uncertainty,
        uncertainty_as_stated=uncertainty_as_stated,
        checkability=checkability,
        recheck_on=recheck_on,
    )


def _uncertainty(hedges: list[Hedge], attribution: Attribution | None) -> tuple[str, str]:
    for kind in UNCERTAINTY_ORDER:
        for hedge in hedges:
            if hedge.kind == kind:
                return kind, hedge.as_stated
    if attribution:
        return "attribution", attribution.cue
    return "none", ""


def _checkability(
    dates: tuple[DateSpan, ...], hedges: list[Hedge], factual: bool, opinion: str | None, published_on: dt.date
) -> tuple[str, dt.date | None]:
    future = [d.last_day for d in dates if d.last_day > published_on]
    if future:
        return "checkable_later", max(future) + dt.timedelta(days=1)
    kinds = {h.kind for h in hedges}
    if not factual and (opinion or "speculation" in kinds or "forecast" not in kinds):
        return "not_checkable", None
    if "forecast" in kinds:
        try:
            return "checkable_later", published_on.replace(year=published_on.year + 1)
        except ValueError:  # 29 February
            return "checkable_later", published_on.replace(year=published_on.year + 1, day=28)
    return "checkable_now", None
