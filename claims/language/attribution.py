"""Who a statement is attributed to, in the article's words, and which known source that is.

Four French and English shapes are recognised, each a cue word and a source phrase:
  - a preposition before the source: "Selon le Wall Street Journal", "D'après Reuters",
    "according to people familiar with the matter";
  - a reporting verb after a comma or a closing quote, then the source (French incise, English
    inversion): "…, a indiqué Sam Altman", "», estime son chef de file, Sandrine Olivo", "…, said Ray";
  - a source then a reporting verb: "the company said", "Bloomberg reported", "Its chief executive,
    Dana Whitcombe, told", "OpenAI a indiqué que";
  - anonymous sources anywhere in those places ("des sources proches du dossier", "two people briefed
    on the transaction"): source_name is None and the phrase is kept as the basis; "citing people
    familiar with the matter" after a named source adds the basis to it.

source_name is a proper name when one can be told ("Wall Street Journal" from "le Wall Street
Journal", "Orvane Conseil" from "le cabinet Orvane Conseil", "Hélène Marchetti" from an apposition),
else the phrase as stated ("the company", "le PDG d'Oracle", "lui"). Matching to a known source folds
case and diacritics and drops a leading article; an exact match wins, otherwise rapidfuzz's ratio
must reach 92 on names of at least 8 letters (one typo in "Bloomberg") and point to a single source.
A role of an organisation ("le PDG d'Oracle", "Analysts at Brayfield Securities") is matched through
the organisation's name, because the organisation is who the statement commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from claims.language._common import alternation, fold, non_overlapping, rules_language, rx, words


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    as_stated: str
    source_name: str | None
    basis: str
    source_key: str | None
    cue: str = ""  # the cue words as stated: "Selon", "a indiqué", "said"


@dataclass(frozen=True)
class KnownSource:
    key: str
    names: tuple[str, ...]


# Fuzzy matching only for names long enough that one wrong letter cannot make another name.
FUZZY_MIN_LETTERS = 8
FUZZY_MIN_RATIO = 92

_STOP = r"[,.;:!?()«»\"“”\n—–]"
_NAME_WORD = r"(?:[\p{Lu}][\p{L}\p{M}\p{N}&’'.-]*[\p{L}\p{N}]|[\p{Lu}]|[\p{Ll}]+[\p{Lu}][\p{L}\p{N}]*)"
_NAME_LINK = rx(
    r"(?:⟨s⟩+(?:(?:de⟨s⟩+la|de|du|des|of⟨s⟩+the|of|the|and|&|la|le|von|van|da)⟨s⟩+)?|⟨s⟩*-⟨s⟩*|"
    r"⟨s⟩+d⟨a⟩)",
)
_NAME = _NAME_WORD + r"(?:" + _NAME_LINK + _NAME_WORD + r"){0,6}"
_NAME_RE = regex.compile(_NAME)

_VERBS_PP_FR = words(
    "indiqué déclaré affirmé précisé expliqué ajouté assuré souligné confirmé estimé rapporté annoncé martelé "
    "reconnu insisté confié avancé commenté témoigné dit écrit prévenu répondu rappelé observé noté jugé"
) + ["fait savoir"]
_VERBS_PRES_FR = words(
    "indique déclare affirme précise explique ajoute assure souligne confirme estime rapporte annonce "
    "reconnaît confie avance dit écrit rappelle observe note juge prévient tranche résume révèle"
)
_VERBS_EN = words(
    "said says told reported reports added stated noted wrote announced confirmed estimates estimated "
    "estimate claimed claims argued argues insists insisted warned warns predicted predicts say tell"
)
_INVERTED_EN = words("said says told added wrote noted")


_CUE_FR = rx(
    r"(?:(?:a|ont|avait|avaient)(?:-t-(?:il|elle|on|ils|elles))?⟨s⟩+(?:⟨participle⟩)|(?:⟨verb⟩)(?:-t-(?:il|elle|"
    r"on))?)",
    participle=alternation(_VERBS_PP_FR),
    verb=alternation(_VERBS_PRES_FR),
)
_DET_FR = rx(
    r"(?:[Ll]e|[Ll]a|[Ll]es|[Ll]⟨a⟩|[Uu]n|[Uu]ne|[Dd]es|[Ss]on|[Ss]a|[Ss]es|[Ll]eur|[Ll]eurs|[Cc]e|"
    r"[Cc]ette|[Nn]otre)",
)
_ROLE_FR = (
    r"(?:porte-parole|PDG|président\w*|directeur\w*|directrice\w*|ministre|dirigeant\w*|responsable\w*|représentant\w*"
    r"|patron\w*|fondat\w*|analyste\w*|expert\w*|société|entreprise|groupe|compagnie|constructeur|cabinet|agence"
    r"|gouvernement|ministère|mairie|métropole|préfecture|syndicat\w*|association|étude|rapport|communiqué"
    r"|document\w*|source\w*|proche\w*|quotidien|journal|hebdomadaire|magazine|site|banque|économiste\w*|maire"
    r"|chef|opérateur|gestionnaire|conseil|commission|autorité\w*|régulateur|institut|organisation|fédération)"
)
_SUBJ_FR = rx(
    r"(?P<src>(?:il|elle|ils|elles|Il|Elle|Ils|Elles)|(?:⟨det_fr⟩⟨s⟩*)?(?:⟨name⟩|"
    r"⟨role_fr⟩(?:⟨s⟩+\p{Ll}[\p{Ll}-]*){0,2}(?:⟨s⟩+(?:de⟨s⟩+la|de|du|des)⟨s⟩+\p{L}[\p{L}-]*|"
    r"⟨s⟩+d⟨a⟩\p{L}[\p{L}-]*)?(?:⟨s⟩+⟨name⟩)?))",
    det_fr=_DET_FR,
    name=_NAME,
    role_fr=_ROLE_FR,
)
_ROLE_EN_WORDS = words(
    "spokesperson spokesman spokeswoman chief executive ceo chairman chairwoman president director minister "
    "official officials executive executives analyst analysts expert experts company firm group government "
    "ministry agency regulator statement report filing document documents newspaper people person source "
    "sources lawmakers economists researchers study survey officer founder owner operator utility board "
    "council investors banker bankers representative representatives fishermen residents"
)
_LINK_EN_WORDS = words("familiar with the matter close to at of in from briefed on knowledge plans deal talks")
_TOKEN_EN = r"(?:" + _NAME_WORD + r"(?:[’']s)?|(?:" + alternation(_ROLE_EN_WORDS + _LINK_EN_WORDS) + r")(?![\p{L}]))"
_DET_EN = (
    r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Ss]everal|[Mm]any|[Oo]ther"
    r"|[Mm]ost)"
)
_SUBJ_EN = rx(
    r"(?P<src>(?:he|she|they|it|we|He|She|They|It|We|I)|"
    r"(?:⟨det_en⟩⟨s⟩+)?(?:⟨token_en⟩⟨s⟩+){0,5}⟨token_en⟩)",
    det_en=_DET_EN,
    token_en=_TOKEN_EN,
)
_APPOS = rx(
    r"(?P<appos>,⟨s⟩+(?P<apname>⟨name⟩),)?",
    name=_NAME,
)

_PATTERNS = {
    "fr": [
        (
            "prep",
            regex.compile(
                rx(
                    r"(?<![\p{L}])(?P<cue>[Ss]elon|"
                    r"[Dd]⟨a⟩après)⟨s⟩+(?P<src>[^,.;:!?()«»\"“”\n—–]{1,160}?)(?=⟨s⟩*(?:⟨stop⟩|$))",
                    stop=_STOP,
                )
            ),
        ),
        (
            "inverted",
            regex.compile(
                rx(
                    r"(?:^|(?<=[,»\"”)]⟨s⟩{0,3}))(?P<cue>⟨cue_fr⟩)⟨s⟩+(?P<src>(?:⟨det_fr⟩⟨s⟩*|"
                    r"(?=\p{Lu}))[^,.;:!?()«»\"“”\n—–]{1,120}?)(?P<appos>,⟨s⟩+(?P<apname>⟨name⟩))?(?=⟨s⟩*(?:⟨stop⟩|$))",
                    cue_fr=_CUE_FR,
                    det_fr=_DET_FR,
                    name=_NAME,
                    stop=_STOP,
                )
            ),
        ),
        (
            "subject",
            regex.compile(
                rx(
                    r"(?<![\p{L}\p{N}’'-])⟨subj_fr⟩⟨appos⟩⟨s⟩+(?P<cue>⟨cue_fr⟩)(?=(?:⟨s⟩+[\p{L}\p{N}’']+){0,5}?⟨s⟩+(?:que|"
                    r"qu⟨a⟩)|⟨s⟩*[:«\",]|⟨s⟩*$)",
                    subj_fr=_SUBJ_FR,
                    appos=_APPOS,
                    cue_fr=_CUE_FR,
                )
            ),
        ),
    ],
    "en": [
        (
            "prep",
            regex.compile(
                rx(
                    r"(?<![\p{L}])(?P<cue>[Aa]ccording⟨s⟩+to)⟨s⟩+(?P<src>[^,.;:!?()«»\"“”\n—–]{1,160}?)(?=⟨s⟩*(?:⟨stop⟩|"
                    r"$))",
                    stop=_STOP,
                )
            ),
        ),
        (
            "inverted",
            regex.compile(
                rx(
                    r"(?<=[,\"”]⟨s⟩{0,3})(?P<cue>⟨verb⟩)⟨s⟩+(?P<src>(?:⟨det_en⟩⟨s⟩+)?(?:⟨name⟩|"
                    r"(?:\p{Ll}+⟨s⟩+){0,3}\p{Ll}+))(?=⟨s⟩*(?:⟨stop⟩|$|⟨s⟩+(?:who|in|at|on|to)\b))",
                    verb=alternation(_INVERTED_EN),
                    det_en=_DET_EN,
                    name=_NAME,
                    stop=_STOP,
                )
            ),
        ),
        (
            "subject",
            regex.compile(
                rx(
                    r"(?<![\p{L}\p{N}’'-])⟨subj_en⟩⟨appos⟩⟨s⟩+(?P<cue>⟨verb⟩)(?![\p{L}])",
                    subj_en=_SUBJ_EN,
                    appos=_APPOS,
                    verb=alternation(_VERBS_EN),
                )
            ),
        ),
    ],
}
_ANONYMOUS = regex.compile(
    rx(
        r"^(?:(?:a|an|one|two|three|four|several|multiple|some|des|deux|trois|plusieurs|une|un|nos|"
        r"de⟨s⟩+nombreuses)⟨s⟩+)?(?:(?:people|persons?|sources?|officials?|executives?|insiders?|"
        r"individuals?|personnes?|proches?|interlocuteurs?)⟨s⟩+(?:(?:\p{L}+⟨s⟩+){0,2})?(?:familiar|close|"
        r"briefed|with⟨s⟩+knowledge|knowledgeable|aware|who|proches?|au⟨s⟩+fait|familières?|informée?s?|"
        r"bien⟨s⟩+informée?s?|internes?|concordantes?|ayant|du⟨s⟩+dossier|de⟨s⟩+l)|informations|"
        r"proches?⟨s⟩+du⟨s⟩+dossier|(?:people|sources?)$)",
    ),
    regex.IGNORECASE,
)
_CITING = regex.compile(
    rx(
        r"(?:citing|citant|"
        r"s⟨a⟩appuyant⟨s⟩+sur)⟨s⟩+(?P<basis>[^,.;:!?()«»\"“”\n—–]{3,120}?)(?=⟨s⟩*(?:⟨stop⟩|$))",
        stop=_STOP,
    ),
    regex.IGNORECASE,
)
_CUT = {
    "fr": regex.compile(
        rx(
            r"⟨s⟩+(?:dans|lors|devant|auprès|en⟨s⟩+marge|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche|"
            r"hier|jeudi|le⟨s⟩+\d|qui|dont|alors|mais|et⟨s⟩+(?:que|qui))\b.*$",
        )
    ),
    "en": regex.compile(
        rx(
            r"⟨s⟩+(?:in⟨s⟩+a|on⟨s⟩+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|who|which|"
            r"that|last|this|when|while|during)\b.*$",
        )
    ),
}
_LEADING_DET = regex.compile(
    rx(
        r"^(?:(?:le|la|les|the)⟨s⟩+|l⟨a⟩(?=\p{Lu}))",
    ),
    regex.IGNORECASE,
)
_KIND_WORDS = frozenset(
    words("""quotidien journal hebdomadaire magazine site agence groupe société entreprise constructeur banque cabinet
    institut chaîne radio newspaper outlet agency bank firm company group consultancy broker documents document
    rapport étude report study""")
)
_PERSON_ROLE = regex.compile(
    rx(
        r"^(?:(?:le|la|les|l⟨a⟩|un|une|son|sa|ses|the|its|their|his|her|a|an)⟨s⟩*)?(?:porte-parole|PDG|"
        r"président\w*|directeur\w*|directrice\w*|ministre|dirigeant\w*|responsable\w*|représentant\w*|"
        r"patron\w*|fondat\w*|analyste\w*|chef|maire|spokes\w*|chief|ceo|chair\w*|president|director|"
        r"minister|officials?|executives?|analysts?|founder|head|fishermen|residents)\b",
    ),
    regex.IGNORECASE,
)
_CAPITAL_STOP = frozenset(
    words("""On In At For But And Last This Next Then So Yet Also However Meanwhile Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday January February March April May June July August September October November
    December Earlier Later Under After Before While When Since""")
)


def find_attributions(text: str, language: str, *, sources: Sequence[KnownSource] = ()) -> list[Attribution]:
    """Every attribution phrase of text, in text order, without overlaps."""
    lang = rules_language(language)
    found: list[Attribution] = []
    for kind, pattern in _PATTERNS[lang]:
        for match in pattern.finditer(text):
            attribution = _build(text, lang, kind, match, sources)
            if attribution:
                found.append(attribution)
    kept = non_overlapping(found, lambda a: (a.start, a.end))
    return [_with_citing_basis(text, lang, a) for a in kept]


def _build(text: str, lang: str, kind: str, match: regex.Match, sources: Sequence[KnownSource]) -> Attribution | None:
    src_start, src_end = match.span("src")
    source = text[src_start:src_end]
    if kind in ("prep", "inverted"):
        cut = _CUT[lang].search(source)
        if cut and cut.start() > 0:
            source = source[: cut.start()]
            src_end = src_start + len(source)
        if len(source.split()) > 12:
            return None
    if kind == "prep" and regex.match(r"(?:que|qu|les cas|le cas|moi|nous)\b", fold(source)):
        return None  # "selon que", "selon les cas": not a source
    if kind == "subject":
        source, src_start = _trim_subject(source, src_start)
        if not source or not _plausible_subject(source, lang):
            return None
    apname = match.group("apname") if "apname" in match.groupdict() else None
    start = min(match.start("cue"), src_start)
    end = max(match.end("cue"), src_end)
    if apname and match.end("appos") > end:
        end = match.end("appos") if kind == "inverted" else end
    as_stated = text[start:end].rstrip(", ")
    end = start + len(as_stated)
    if _ANONYMOUS.match(source):
        return Attribution(start, end, as_stated, None, source, None, match.group("cue"))
    name, org = _source_name(source, apname)
    key = match_source(name, sources) or (match_source(org, sources) if org else None)
    return Attribution(start, end, as_stated, name, "", key, match.group("cue"))


def _trim_subject(source: str, offset: int) -> tuple[str, int]:
    """Drop leading words that belong to the sentence, not the subject ("On Monday Corvane")."""
    words = list(regex.finditer(r"\S+", source))
    while words and words[0].group().rstrip(",") in _CAPITAL_STOP:
        words = words[1:]
    if not words:
        return "", offset
    return source[words[0].start() :], offset + words[0].start()


def _plausible_subject(source: str, lang: str) -> bool:
    words = source.split()
    if len(words) == 1 and words[0].lower() in ("he", "she", "they", "it", "we", "i", "il", "elle", "ils", "elles"):
        return True
    if any(w[:1].isupper() and w not in ("The", "A", "An", "Le", "La", "Les", "Un", "Une") for w in words):
        return True
    role_words = set(_ROLE_EN_WORDS) if lang == "en" else set()
    return bool(role_words & {w.lower() for w in words}) or bool(regex.search(_ROLE_FR, source))


def _source_name(source: str, apname: str | None) -> tuple[str, str | None]:
    """(the name to show, an organisation name to match when the source is a role of it)."""
    if apname:
        return apname, None
    stripped = _LEADING_DET.sub("", source).strip()
    if stripped[:1].isupper() and not _PERSON_ROLE.match(source) and not _ORG_BEFORE.match(stripped):
        return stripped, None
    names = [m.group() for m in _NAME_RE.finditer(source) if m.start() > 0 or not _LEADING_DET.match(source)]
    head = fold(stripped.split()[0]) if stripped.split() else ""
    if names and head in {fold(w) for w in _KIND_WORDS}:
        return names[-1], None
    if names and regex.search(
        rx(
            r"\b(?:consultés|cités|obtenus|vus|seen|obtained|reviewed)⟨s⟩+(?:par|by)\b",
        ),
        source,
    ):
        return names[-1], None
    return source.strip(), _organisation_of(source)


_ORG_AFTER = regex.compile(
    rx(
        r"(?:\b(?:de⟨s⟩+la|de|du|des|of⟨s⟩+the|of|at|chez|for)⟨s⟩+|\bd⟨a⟩)(?P<org>⟨name⟩)$",
        name=_NAME,
    )
)
_ORG_BEFORE = regex.compile(
    rx(
        r"^(?:the⟨s⟩+)?(?P<org>⟨name⟩)[’']s\b",
        name=_NAME,
    )
)


def _organisation_of(source: str) -> str | None:
    """ "le PDG d'Oracle" -> "Oracle"; "Oracle's chief executive" -> "Oracle"."""
    found = _ORG_AFTER.search(source.strip()) or _ORG_BEFORE.match(source.strip())
    return found.group("org") if found else None


def _with_citing_basis(text: str, lang: str, attribution: Attribution) -> Attribution:
    if attribution.basis or attribution.source_name is None:
        return attribution
    citing = _CITING.match(text, _skip_comma(text, attribution.end))
    if citing and _ANONYMOUS.match(citing.group("basis")):
        return Attribution(
            attribution.start, attribution.end, attribution.as_stated, attribution.source_name,
            citing.group("basis"), attribution.source_key, attribution.cue,
        )  # fmt: skip
    return attribution


def _skip_comma(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in ", \u00a0\u202f":
        pos += 1
    return pos


def _normalized(name: str) -> str:
    folded = fold(name).strip()
    folded = regex.sub(r"^(?:the|le|la|les)\s+|^l'", "", folded)
    folded = regex.sub(r"[^\p{L}\p{N}&]+", " ", folded)
    return folded.strip()


def match_source(name: str | None, sources: Sequence[KnownSource]) -> str | None:
    """The key of the known source named `name`, or None when no source matches without doubt."""
    if not name or not sources:
        return None
    wanted = _normalized(name)
    if not wanted:
        return None
    for source in sources:
        if any(_normalized(n) == wanted for n in source.names):
            return source.key
    if len(wanted.replace(" ", "")) < FUZZY_MIN_LETTERS:
        return None
    scores: dict[str, float] = {}
    for source in sources:
        for candidate in source.names:
            normalized = _normalized(candidate)
            if len(normalized.replace(" ", "")) < FUZZY_MIN_LETTERS:
                continue
            scores[source.key] = max(scores.get(source.key, 0.0), fuzz.ratio(wanted, normalized))
    good = [key for key, score in scores.items() if score >= FUZZY_MIN_RATIO]
    return good[0] if len(good) == 1 else None
