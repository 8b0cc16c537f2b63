"""What the words around a date say about it: whether its clause is in the past or the future (which
year a date stated without one falls in) and its role (announced, starts, ends, event, period), from
the preposition first, then from cue words in the few words before it.
"""

from __future__ import annotations

import regex

from claims.language._common import sentence_bounds

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


def clause_tense(text: str, lang: str, start: int, end: int, pre_folded: str) -> str | None:
    """ "past", "future" or None (both or neither) for the date at text[start:end], from its preposition,
    else from the verbs of its sentence."""
    if pre_folded.startswith(_PAST_PRE):
        return "past"
    if pre_folded.startswith(_FUTURE_PRE):
        return "future"
    left, right = sentence_bounds(text, start, end)
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


def date_role(text: str, lang: str, start: int, pre_folded: str, precision: str) -> str:
    """The role of the date starting at `start`: from its preposition, else from the last cue word in
    the 45 characters before it, else "event" for a day or month and "period" for longer spans."""
    if pre_folded.startswith(_ENDS_PRE):
        return "ends"
    if pre_folded.startswith(_STARTS_PRE):
        return "starts"
    left, _right = sentence_bounds(text, start, start)
    before = text[max(left, start - 45) : start].lower()
    best: tuple[int, str] | None = None
    for role, pattern in _CONTEXT[lang]:
        for found in pattern.finditer(before):
            if best is None or found.end() > best[0]:
                best = (found.end(), role)
    if best:
        return best[1]
    return "event" if precision in ("day", "month") else "period"
