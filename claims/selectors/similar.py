"""Already checked? The existing claims most like a passage, across articles and languages, each with a score
and the reasons for it:

- the same amount: a quantity in the same unit whose value is within 2% (a money amount in French and in
  English is the same number of the same currency);
- overlapping dates: a date the claim mentions whose span meets one the passage states;
- shared names: sources (companies, people, outlets) both name;
- similar wording: the passage's words against the claim's as stated and its English rendering.

Claims are gathered by index only, never by reading the whole table: quantities by (unit, value), names by
the entities' link table, words by the full-text index (rare words first: names and figures); then the
few dozen gathered are scored here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from rapidfuzz import fuzz

from claims.language import amounts as language_amounts
from claims.language import dates as language_dates
from claims.language._common import fold
from claims.language.names import NameIndex
from claims.models import Claim, DateMention, Quantity, Source
from claims.selectors import revision
from claims.selectors.search import claims_sharing_rare_words, fold_words

AMOUNT_TOLERANCE = Decimal("0.02")
GATHERED_PER_SIGNAL = 40
# A word more claims than this hold tells too little to gather by (see claims_sharing_rare_words).
RARE_WORD = 200
WEIGHTS = {"amount": 0.35, "date": 0.15, "name": 0.1, "names": 0.25, "wording": 0.3}
MIN_SCORE = 0.2
WORDING_FLOOR = 55  # percent: below it, two passages share little more than common words
# Words that say nothing about which claim this is, in either language: left out of the word search.
_COMMON = frozenset(
    " ".join(
        (
            "les des une dans pour avec sur par qui que est sont pas plus aux ces cette son ses leur leurs mais",
            "ont été être avoir fait selon dont comme entre aussi très tout tous the and for with that this from",
            "are was were have has had its their which would could will been into than more about over also",
        )
    ).split()
)


@dataclass(frozen=True)
class SimilarClaim:
    claim: Claim
    score: float
    reasons: tuple[str, ...]


def source_names(token: int | None) -> NameIndex:
    """Every source's name, indexed for claims.language.names; built once per data revision."""
    return revision.cached("source-names", token, (), lambda: NameIndex(list(Source.objects.values_list("pk", "name"))))


def similar_claims(
    *,
    text: str,
    language: str,
    claims: QuerySet[Claim],
    reference: dt.date | None = None,
    exclude: tuple[int, ...] = (),
    limit: int = 5,
) -> list[SimilarClaim]:
    """The claims of `claims` (the caller's visibility) most like `text`, best first, at most `limit`."""
    reference = reference or timezone.localdate()
    amounts = language_amounts.find_amounts(text, language)
    spans = language_dates.find_dates(text, language, reference=reference)
    named = {key for _, _, key in source_names(revision.current_token()).find(text)}
    words = _distinctive_words(text)

    gathered: set[int] = set()
    for amount in amounts[:5]:
        low, high = amount.value * (1 - AMOUNT_TOLERANCE), amount.value * (1 + AMOUNT_TOLERANCE)
        found = Quantity.objects.filter(unit=amount.unit, value__gte=low, value__lte=high)
        gathered.update(found.order_by().values_list("claim_id", flat=True)[:GATHERED_PER_SIGNAL])
    if named:
        links = Claim.entities.through.objects.filter(source_id__in=named).order_by("-claim_id")
        gathered.update(links.values_list("claim_id", flat=True)[:GATHERED_PER_SIGNAL])
    if words:
        shared = claims_sharing_rare_words(words, per_word=RARE_WORD, using=claims.db)
        gathered.update(sorted(shared, key=lambda pk: (-shared[pk], -pk))[:GATHERED_PER_SIGNAL])
    gathered.difference_update(exclude)
    if not gathered:
        return []

    found = list(
        claims.filter(pk__in=gathered)
        .select_related("article")
        .only("pk", "slug", "text", "text_en", "article__language")
    )
    ids = [claim.pk for claim in found]
    quantities: dict[int, list] = defaultdict(list)
    for row in Quantity.objects.filter(claim_id__in=ids).values_list("claim_id", "unit", "value", "as_stated"):
        quantities[row[0]].append(row[1:])
    mentions: dict[int, list[DateMention]] = defaultdict(list)
    for mention in DateMention.objects.filter(claim_id__in=ids).only(
        "claim_id", "precision", "year", "month", "day", "as_stated"
    ):
        mentions[mention.claim_id].append(mention)
    entities: dict[int, set[int]] = defaultdict(set)
    for claim_id, source_id in Claim.entities.through.objects.filter(claim_id__in=ids).values_list(
        "claim_id", "source_id"
    ):
        entities[claim_id].add(source_id)
    names = dict(Source.objects.filter(pk__in=named).values_list("pk", "name")) if named else {}

    folded = fold(text)
    results = []
    for claim in found:
        score, reasons = 0.0, []
        for amount in amounts:
            match = next((q for q in quantities[claim.pk] if q[0] == amount.unit and _close(q[1], amount.value)), None)
            if match:
                score += WEIGHTS["amount"]
                reasons.append(f"same amount: {amount.as_stated} and {match[2]} ({amount.unit}, within 2%)")
                break
        for span in spans:
            mention = next((m for m in mentions[claim.pk] if _overlap(span, m)), None)
            if mention:
                score += WEIGHTS["date"]
                reasons.append(f"overlapping dates: {span.as_stated} and {mention.as_stated}")
                break
        shared = sorted(names[pk] for pk in named & entities[claim.pk])
        if shared:
            score += min(WEIGHTS["names"], WEIGHTS["name"] * len(shared))
            reasons.append(f"shared names: {', '.join(shared)}")
        # token_sort_ratio, not token_set_ratio: a short claim whose few words all occur in a long passage is
        # not thereby the same claim.
        wording = max(
            fuzz.token_sort_ratio(folded, fold(claim.text)), fuzz.token_sort_ratio(folded, fold(claim.text_en or ""))
        )
        if wording >= WORDING_FLOOR:
            score += WEIGHTS["wording"] * wording / 100
            reasons.append(f"similar wording ({wording:.0f}%)")
        if score >= MIN_SCORE:
            results.append(SimilarClaim(claim, round(min(score, 1.0), 3), tuple(reasons)))
    results.sort(key=lambda item: (-item.score, -item.claim.pk))
    return results[:limit]


def _close(stored: Decimal, value: Decimal) -> bool:
    return abs(stored - value) <= abs(value) * AMOUNT_TOLERANCE


def _overlap(span, mention: DateMention) -> bool:
    return span.first_day <= mention.last_day and mention.first_day <= span.last_day


def _distinctive_words(text: str) -> list[str]:
    """The words that tell one claim from another: names and figures first, then the longer words; the
    full-text index finds claims sharing any of them."""
    folded = fold_words(text)
    capitalised = {fold_words(word)[0] for word in text.split() if word[:1].isupper() and fold_words(word)}
    keep = [w for w in folded if (w.isdigit() and len(w) >= 2) or (len(w) >= 4 and w not in _COMMON)]
    keep.sort(key=lambda w: (w not in capitalised and not w.isdigit(), -len(w)))
    return list(dict.fromkeys(keep))[:8]
