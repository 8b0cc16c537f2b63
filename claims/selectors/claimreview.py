"""schema.org ClaimReview for one claim: the JSON-LD embedded in the claim page and served by the API
(`/api/v1/claims/{id}/claimreview/` and its DataFeed), so that both carry the same fields and values.

Choices, for Google's fact-check markup and for readers of the data:
- `claimReviewed` is the claim in the words as stated, in the article's language (Google asks for the
  claim as it was made, not a rewording); `itemReviewed.inLanguage` says which language that is, and
  the English rendering goes in `itemReviewed.name` when there is one. The review itself (`inLanguage`
  "en") is written in English.
- Only a claim whose status has a rating value has a ClaimReview: schema.org's `reviewRating` needs
  `ratingValue`, `bestRating` and `worstRating`, and a status that rates nothing ("Unverified", "In
  review", "Not verifiable yet", "Not checkable", "Retracted") cannot give them. `has_claim_review()`
  says so for one claim and `with_claim_review()` for a queryset, so that the claim page, the API's
  claimreview/ and the DataFeed agree on which claims have one.
- `reviewRating` also names the status (`alternateName`).
- `datePublished` is the date the current status took effect (`StatusChange.effective_at` of the change
  that set it): what was known when. A rated status is always reached through a status change (claims
  start "unverified"), so a rated claim has one; were one missing, the key would be left out rather
  than invented (`check_invariants` reports such a claim).
- `itemReviewed.author` is the source the article attributes the claim to, else the article's
  publisher, else left out: never guessed.

The caller fetches the claim with `claim_review_queryset()` (or CLAIM_REVIEW_SELECT_RELATED and
CLAIM_REVIEW_PREFETCH); claim_review() itself then runs no query.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from claims.models import Claim, Source, StatusChange

CLAIM_REVIEW_SELECT_RELATED = ("status", "article__publisher", "attributed_to")
# The history, to find when the current status took effect.
CLAIM_REVIEW_PREFETCH = ("history",)


class NoClaimReview(ValueError):
    """The claim's status rates nothing, so the claim has no ClaimReview."""


def has_claim_review(claim: Claim) -> bool:
    """Whether the claim has a ClaimReview: its status has a rating value. Twin of with_claim_review()."""
    return claim.status.rating_value is not None


def with_claim_review(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """The claims of `queryset` that have a ClaimReview: has_claim_review() in SQL."""
    return queryset.filter(status__rating_value__isnull=False)


def claim_review_queryset(queryset: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    """Claims with everything claim_review() reads: 1 query for the claims, 1 for their histories."""
    queryset = Claim.objects.all() if queryset is None else queryset
    return queryset.select_related(*CLAIM_REVIEW_SELECT_RELATED).prefetch_related(*CLAIM_REVIEW_PREFETCH)


def current_status_change(claim: Claim) -> StatusChange | None:
    """The change that set the claim's current status (the latest one to it), from the prefetched history."""
    found = None
    for change in claim.history.all():
        if change.to_status_id == claim.status_id and (found is None or change.claim_version > found.claim_version):
            found = change
    return found


def _utc_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).date().isoformat()


def _party(source: Source) -> dict[str, Any]:
    party: dict[str, Any] = {
        "@type": "Person" if source.kind == Source.Kind.PERSON else "Organization",
        "name": source.name,
    }
    if source.url:
        party["url"] = source.url
    return party


def _rating(claim: Claim) -> dict[str, Any]:
    status = claim.status
    return {
        "@type": "Rating",
        "ratingValue": status.rating_value,
        "bestRating": status.best_rating,
        "worstRating": status.worst_rating,
        "alternateName": status.label,
    }


def _appearance(claim: Claim) -> dict[str, Any]:
    article = claim.article
    appearance: dict[str, Any] = {
        "@type": "NewsArticle"
        if article.publisher and article.publisher.kind == Source.Kind.OUTLET
        else "CreativeWork",
        "headline": article.title,
        "datePublished": article.published_on.isoformat(),
        "inLanguage": article.language,
    }
    if article.url:
        appearance["url"] = article.url
    if article.publisher:
        appearance["publisher"] = _party(article.publisher)
    return appearance


def claim_review(claim: Claim, *, base_url: str) -> dict[str, Any]:
    """The ClaimReview of `claim` as a JSON-LD dict; `base_url` is the public site's absolute root
    (claims.selectors.links.site_base_url()). Raises NoClaimReview for a
    claim whose status rates nothing: ask has_claim_review() first."""
    if not has_claim_review(claim):
        raise NoClaimReview(f"\u201c{claim.status.label}\u201d rates nothing: claim {claim.pk} has no ClaimReview.")
    base_url = base_url.rstrip("/")
    author: dict[str, Any] = {"@type": "Organization", "name": settings.FACTCHECK_PUBLISHER_NAME}
    publisher_url = settings.FACTCHECK_PUBLISHER_URL or base_url
    if publisher_url:
        author["url"] = publisher_url

    item: dict[str, Any] = {
        "@type": "Claim",
        "inLanguage": claim.article.language,
        "datePublished": claim.article.published_on.isoformat(),
        "appearance": _appearance(claim),
    }
    if claim.text_en:
        item["name"] = claim.text_en
    said_by = claim.attributed_to or claim.article.publisher
    if said_by is not None:
        item["author"] = _party(said_by)

    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{base_url}{claim.get_absolute_url()}",
        "inLanguage": "en",
        "claimReviewed": claim.text,
        "reviewRating": _rating(claim),
        "author": author,
        "itemReviewed": item,
    }
    change = current_status_change(claim)
    if change is not None:
        review["datePublished"] = _utc_date(change.effective_at)
    return review
