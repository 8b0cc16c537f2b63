"""Reads for the public reader pages. Everything here sees published claims only: a draft, and
everything hanging from it (its history, its passage in the article), does not exist for the public.

Every function fetches what its page shows in a fixed number of queries, whatever the number of
claims; tests/test_pages.py pins each count.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from claims.claimreview import CLAIM_REVIEW_SELECT_RELATED
from claims.models import Article, Citation, Claim, Source, StatusChange, VerificationStatus
from claims.search import search_claims

PUBLISHED = Claim.Visibility.PUBLISHED


def published_claims() -> QuerySet[Claim]:
    return Claim.objects.published()


# --- the claim list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimFilters:
    """A reader's filters, already validated; empty strings mean "any"."""

    status: str = ""
    article: str = ""
    entity: str = ""
    source: str = ""
    uncertainty: str = ""
    checkability: str = ""
    query: str = ""


def _filtered(filters: ClaimFilters, *, with_status: bool) -> QuerySet[Claim]:
    claims = published_claims()
    if with_status and filters.status:
        claims = claims.filter(status_id=filters.status)
    if filters.article:
        claims = claims.filter(article__slug=filters.article)
    if filters.entity:
        # Entity slugs are unique, so this join yields each claim at most once.
        claims = claims.filter(entities__slug=filters.entity)
    if filters.source:
        claims = claims.filter(attributed_to__slug=filters.source)
    if filters.uncertainty:
        claims = claims.filter(uncertainty=filters.uncertainty)
    if filters.checkability:
        claims = claims.filter(checkability=filters.checkability)
    return search_claims(claims, filters.query)


def claim_list(filters: ClaimFilters) -> QuerySet[Claim]:
    """Published claims matching every filter, the most recently changed first."""
    return (
        _filtered(filters, with_status=True)
        .select_related("status", "article", "attributed_to")
        .order_by("-updated_at", "-id")
    )


def status_counts(filters: ClaimFilters) -> dict[str, int]:
    """How many claims each status would show with the other filters as they are: one query."""
    rows = _filtered(filters, with_status=False).order_by().values_list("status_id").annotate(n=Count("id"))
    return dict(rows)


def statuses() -> list[VerificationStatus]:
    return list(VerificationStatus.objects.order_by("order", "code"))


def filter_options() -> dict[str, list[tuple[str, str]]]:
    """(slug, name) of the articles, entities and attributed sources that have published claims: 3 queries."""
    published = published_claims()
    articles = Article.objects.filter(Exists(published.filter(article=OuterRef("pk")))).order_by(
        "-published_on", "title"
    )
    entities = Source.objects.filter(
        Exists(Claim.entities.through.objects.filter(source=OuterRef("pk"), claim__visibility=PUBLISHED))
    ).order_by("name")
    sources = Source.objects.filter(Exists(published.filter(attributed_to=OuterRef("pk")))).order_by("name")
    return {
        "article": list(articles.values_list("slug", "title")),
        "entity": list(entities.values_list("slug", "name")),
        "source": list(sources.values_list("slug", "name")),
    }


# --- one claim -------------------------------------------------------------------------------------


def claim_for_page(slug: str) -> Claim:
    """A published claim with everything its page and its ClaimReview show: 7 queries."""
    history = StatusChange.objects.select_related("from_status", "to_status").prefetch_related(
        Prefetch("citations", queryset=Citation.objects.order_by("published_on", "id"))
    )
    claims = (
        published_claims()
        .select_related(*CLAIM_REVIEW_SELECT_RELATED)
        .prefetch_related(
            # Same attribute as CLAIM_REVIEW_PREFETCH ("history"), with what the timeline shows.
            Prefetch("history", queryset=history.order_by("claim_version")),
            "citations",
            "quantities",
            "dates",
            Prefetch("entities", queryset=Source.objects.order_by("name")),
        )
    )
    try:
        return claims.get(slug=slug)
    except Claim.DoesNotExist:
        raise Http404("No published claim has this address.") from None


# --- an article ------------------------------------------------------------------------------------


def article_for_page(slug: str) -> tuple[Article, list[Claim]]:
    """An article and its published claims in reading order: 2 queries. An article with no published
    claim is not shown: it is still being worked on."""
    try:
        article = Article.objects.select_related("publisher").get(slug=slug)
    except Article.DoesNotExist:
        raise Http404("No article has this address.") from None
    claims = list(published_claims().filter(article=article).select_related("status").order_by("start", "end", "id"))
    if not claims:
        raise Http404("No published claim in this article yet.")
    return article, claims


def articles_with_claims() -> QuerySet[Article]:
    """Articles with at least one published claim, newest first, with how many."""
    return (
        Article.objects.filter(claims__visibility=PUBLISHED)
        .annotate(claim_count=Count("claims"))
        .select_related("publisher")
        .order_by("-published_on", "title")
    )


# --- the corrections log ---------------------------------------------------------------------------


def public_changes() -> QuerySet[StatusChange]:
    """Every status change of published claims, newest first (index claims_statuschange_recent)."""
    return (
        StatusChange.objects.filter(claim__visibility=PUBLISHED)
        .select_related("claim", "claim__article", "from_status", "to_status")
        .order_by("-effective_at", "-id")
    )
