"""Candidate claims of an article: found by claims.language, stored for editors, accepted as draft claims or
dismissed with a reason.

Candidates are found again whenever an article's text changes: a passage already accepted or dismissed keeps
its decision when it is still in the text (matched by its words), the open ones are replaced.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.language import candidates as language
from claims.language.attribution import KnownSource
from claims.language.names import NameIndex
from claims.models import Article, Candidate, Claim, DateMention, Quantity, Source
from claims.rules.validation import locate_passage
from claims.services.claims import claim_create

MAX_DISMISS_REASON = 500
# Beyond the longest article (claims.models.MAX_ARTICLE_TEXT) and within a PositiveIntegerField.
_PARKED = 2_000_000_000


class _Catalogue:
    """The sources a newsroom recorded, as the language layer matches them: attributions by name, and the
    names a passage mentions (outlets left out of those: an outlet reports a claim, it is rarely what the
    claim is about)."""

    def __init__(self):
        rows = list(Source.objects.values_list("slug", "name", "kind"))
        self.known = [KnownSource(key=slug, names=(name,)) for slug, name, _ in rows]
        self.names = NameIndex([(slug, name) for slug, name, _ in rows])
        self.outlets = {slug for slug, _, kind in rows if kind == Source.Kind.OUTLET}

    def named_in(self, text: str) -> list[str]:
        return [key for _, _, key in self.names.find(text) if key not in self.outlets]

    @staticmethod
    def ids(found: list[language.Candidate], named: list[str]) -> dict[str, int]:
        slugs = {c.attribution.source_key for c in found if c.attribution and c.attribution.source_key}
        return dict(Source.objects.filter(slug__in=slugs | set(named)).values_list("slug", "pk"))


@transaction.atomic
def article_find_candidates(*, article: Article) -> list[Candidate]:
    """Find the article's candidates again and store them; decided ones whose passage is still in the text
    keep their decision (moved to where the passage now stands)."""
    catalogue = _Catalogue()
    found = language.find_candidates(
        article.text, language=article.language, published_on=article.published_on, sources=catalogue.known
    )
    named = {c.text: catalogue.named_in(c.text) for c in found}
    source_ids = catalogue.ids(found, [slug for keys in named.values() for slug in keys])
    decided = {c.text: c for c in article.candidates.exclude(status=Candidate.Status.OPEN)}
    article.candidates.filter(status=Candidate.Status.OPEN).delete()
    kept: list[Candidate] = []
    fresh: list[Candidate] = []
    for item in found:
        previous = decided.pop(item.text, None)
        if previous is not None:
            previous.start, previous.end = item.start, item.end
            kept.append(previous)
            continue
        fresh.append(
            Candidate(
                article=article,
                start=item.start,
                end=item.end,
                text=item.text,
                score=Decimal(str(round(min(1.0, max(0.0, item.score)), 3))),
                reasons=list(item.reasons),
                proposal=proposal_of(item, source_ids, entities=named[item.text]),
            )
        )
    # Decisions whose passage is gone from the text: a dismissal no longer applies to anything; an accepted
    # candidate follows its claim, which the article's update re-anchored.
    for stale in decided.values():
        if stale.status == Candidate.Status.DISMISSED or stale.claim_id is None:
            stale.delete()
        else:
            claim = Claim.objects.get(pk=stale.claim_id)
            stale.start, stale.end, stale.text = claim.start, claim.end, claim.text
            kept.append(stale)
    # Decided rows move through positions no text reaches first, so that two of them trading places never
    # hold one passage at once (claims_candidate_one_per_passage).
    for parked, candidate in enumerate(kept, start=_PARKED):
        Candidate.objects.filter(pk=candidate.pk).update(start=parked, end=parked + 1)
    for candidate in kept:
        candidate.save(update_fields=["start", "end", "text"])
    Candidate.objects.bulk_create([c for c in fresh if not _taken(c, kept)])
    return list(article.candidates.order_by("start", "end"))


def _taken(candidate: Candidate, kept: list[Candidate]) -> bool:
    return any(k.start == candidate.start and k.end == candidate.end for k in kept)


def proposal_of(found: language.Candidate, source_ids: dict[str, int], *, entities=()) -> dict[str, Any]:
    """What a claim of the passage would hold, in the claim's own fields; a quantity or date the models would
    refuse is left out rather than proposed. `entities`: slugs of the known sources the passage names."""
    attributed = found.attribution.source_key if found.attribution else None
    proposal: dict[str, Any] = {
        "entities": sorted({source_ids[slug] for slug in entities if slug in source_ids}),
        "quantities": [q for q in (_quantity(a) for a in found.amounts) if q],
        "dates": [d for d in (_date(d) for d in found.dates) if d],
        "attribution_as_stated": found.attribution.as_stated[:300] if found.attribution else "",
        "attributed_to": source_ids.get(attributed) if attributed else None,
        "attribution_basis": (found.attribution.basis[:300] if found.attribution else ""),
        "uncertainty": found.uncertainty,
        "uncertainty_as_stated": found.uncertainty_as_stated[:300],
        "checkability": found.checkability,
        "recheck_on": found.recheck_on.isoformat() if found.recheck_on else None,
    }
    if proposal["attributed_to"] is None:
        proposal["attribution_basis"] = ""  # a basis needs a source (claims_claim_basis_needs_source)
    return proposal


def _quantity(amount) -> dict[str, Any] | None:
    fields = {
        "measure": amount.measure[:120],
        "value": amount.value,
        "unit": amount.unit,
        "lower_bound": amount.lower_bound,
        "upper_bound": amount.upper_bound,
        "qualifier": amount.qualifier,
        "as_stated": amount.as_stated[:300],
    }
    try:
        Quantity(**fields).full_clean(exclude=["claim"], validate_constraints=False)
    except ValidationError:
        return None
    return {name: str(value) if isinstance(value, Decimal) else value for name, value in fields.items()}


def _date(span) -> dict[str, Any] | None:
    fields = {
        "role": span.role,
        "precision": span.precision,
        "year": span.year,
        "month": span.month,
        "day": span.day,
        "as_stated": span.as_stated[:200],
    }
    try:
        DateMention(**fields).full_clean(exclude=["claim"], validate_constraints=False)
    except ValidationError:
        return None
    return fields


@transaction.atomic
def candidate_for_passage(*, article: Article, passage: str, by, candidate: Candidate | None = None) -> Candidate:
    """A candidate for the words an editor chose (selected in the text, or typed: found through typographic
    variants, stored as the article has them), with what they state read again. With `candidate`, that open
    candidate's passage is moved instead of a new one being added."""
    start, end = locate_passage(article.text, passage)
    catalogue = _Catalogue()
    found = language.describe_passage(
        article.text,
        start,
        end,
        language=article.language,
        published_on=article.published_on,
        sources=catalogue.known,
    )
    named = catalogue.named_in(found.text)
    source_ids = catalogue.ids([found], named)
    same = article.candidates.filter(start=start, end=end).exclude(pk=getattr(candidate, "pk", None)).first()
    if same is not None:
        raise ValidationError(
            {"passage": f"This passage is already a candidate ({same.get_status_display().lower()})."}
        )
    if candidate is not None:
        candidate = Candidate.objects.select_for_update().get(pk=candidate.pk, article=article)
        if candidate.status != Candidate.Status.OPEN:
            raise ValidationError({"candidate": f"This candidate is already {candidate.get_status_display().lower()}."})
    else:
        candidate = Candidate(article=article)
    candidate.start, candidate.end, candidate.text = start, end, article.text[start:end]
    candidate.score = Decimal(str(round(min(1.0, max(0.0, found.score)), 3)))
    candidate.reasons = ["chosen by an editor", *found.reasons]
    candidate.proposal = proposal_of(found, source_ids, entities=named)
    candidate.save()
    return candidate


@transaction.atomic
def candidate_accept(*, candidate: Candidate, by) -> Claim:
    """Make a draft claim of the candidate, with its quantities, dates, attribution, uncertainty and
    checkability, and mark it accepted. Accepting twice is refused."""
    candidate = Candidate.objects.select_for_update().select_related("article").get(pk=candidate.pk)
    if candidate.status != Candidate.Status.OPEN:
        raise ValidationError({"candidate": f"This candidate is already {candidate.get_status_display().lower()}."})
    proposal = candidate.proposal or {}
    attributed_to = (
        Source.objects.filter(pk=proposal.get("attributed_to")).first() if proposal.get("attributed_to") else None
    )
    recheck_on = proposal.get("recheck_on")
    claim = claim_create(
        by=by,
        article=candidate.article,
        text=candidate.text,
        start=candidate.start,
        end=candidate.end,
        summary=_summary(candidate.text),
        attributed_to=attributed_to,
        attribution_as_stated=proposal.get("attribution_as_stated", ""),
        attribution_basis=proposal.get("attribution_basis", "") if attributed_to else "",
        uncertainty=proposal.get("uncertainty", Claim.Uncertainty.NONE),
        uncertainty_as_stated=proposal.get("uncertainty_as_stated", ""),
        checkability=proposal.get("checkability", Claim.Checkability.CHECKABLE_NOW),
        recheck_on=dt.date.fromisoformat(recheck_on) if recheck_on else None,
        entities=list(Source.objects.filter(pk__in=proposal.get("entities", []))),
        quantities=[_stored_quantity(q) for q in proposal.get("quantities", [])],
        dates=proposal.get("dates", []),
    )
    candidate.status = Candidate.Status.ACCEPTED
    candidate.claim = claim
    candidate.decided_by = by if getattr(by, "pk", None) else None
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["status", "claim", "decided_by", "decided_at"])
    return claim


def _stored_quantity(item: dict[str, Any]) -> dict[str, Any]:
    amounts = ("value", "lower_bound", "upper_bound")
    return {name: Decimal(value) if name in amounts and value is not None else value for name, value in item.items()}


def _summary(text: str) -> str:
    """A first title for lists and the admin: the passage, cut at a word before 200 characters."""
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "\u2026"


@transaction.atomic
def candidate_dismiss(*, candidate: Candidate, by, reason: str) -> Candidate:
    """Set the candidate aside; who, when and why are kept, and finding candidates again keeps it aside."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Say why this passage is not worth a claim: the next editor will read it."})
    if len(reason) > MAX_DISMISS_REASON:
        raise ValidationError({"reason": f"Keep the reason under {MAX_DISMISS_REASON} characters."})
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != Candidate.Status.OPEN:
        raise ValidationError({"candidate": f"This candidate is already {candidate.get_status_display().lower()}."})
    candidate.status = Candidate.Status.DISMISSED
    candidate.dismiss_reason = reason
    candidate.decided_by = by if getattr(by, "pk", None) else None
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["status", "dismiss_reason", "decided_by", "decided_at"])
    return candidate
