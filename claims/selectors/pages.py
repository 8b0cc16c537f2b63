"""Reads for the public reader pages. Everything here sees published claims only: a draft, and
everything hanging from it (its history, its passage in the article), does not exist for the public.

Every function fetches what its page shows in a fixed number of queries, whatever the number of
claims; the tests of the reader pages pin each count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.http import Http404

from claims.models import Article, Citation, Claim, Revision, Source, StatusChange, VerificationStatus
from claims.selectors import revision
from claims.selectors.claim_filters import LIST_ORDER, ClaimFilters, filter_claims
from claims.selectors.claimreview import CLAIM_REVIEW_SELECT_RELATED

PUBLISHED = Claim.Visibility.PUBLISHED


def published_claims() -> QuerySet[Claim]:
    return Claim.objects.published()


# --- the claim list --------------------------------------------------------------------------------


def _filtered(filters: ClaimFilters) -> QuerySet[Claim]:
    return filter_claims(published_claims(), filters)


def claim_list(filters: ClaimFilters) -> QuerySet[Claim]:
    """Published claims matching every filter, the most recently changed first."""
    return _filtered(filters).select_related("status", "article", "attributed_to").order_by(*LIST_ORDER)


def status_counts(filters: ClaimFilters) -> dict[str, int]:
    """How many claims each status would show with the other filters as they are: one query."""
    rows = _filtered(replace(filters, statuses=())).order_by().values_list("status_id").annotate(n=Count("id"))
    return dict(rows)


def cached_status_counts(filters: ClaimFilters, token: int | None) -> dict[str, int]:
    """status_counts(), computed once per data revision and set of filters (the status filter aside)."""
    others = replace(filters, statuses=())
    return revision.cached("status-counts", token, (others,), lambda: status_counts(others))


def statuses() -> list[VerificationStatus]:
    return list(VerificationStatus.objects.order_by("order", "code"))


def cached_statuses(token: int | None) -> list[VerificationStatus]:
    return revision.cached("statuses", token, (), statuses)


# The list's article, entity and source choices: those with the most published claims, so that the page
# stays small however many there are (100,000 claims name some 14,000 articles); any other is reached
# from its article's or its claims' pages, whose links carry the filter, and is then listed too.
FILTER_CHOICES = 50
FILTER_KINDS = ("article", "entity", "source")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")


@dataclass(frozen=True)
class FilterChoices:
    """One filter's choices, (slug, name) in the order a reader scans them, and whether some were left out."""

    options: tuple[tuple[str, str], ...]
    left_out: bool


def _human_order(kind: str, rows) -> tuple[tuple[str, str], ...]:
    """Articles newest first, then by title; entities and sources by name. Rows: (slug, name, date)."""
    if kind == "article":
        rows = sorted(rows, key=lambda row: (-row[2].toordinal(), row[1].casefold(), row[0]))
    else:
        rows = sorted(rows, key=lambda row: (row[1].casefold(), row[0]))
    return tuple((row[0], row[1]) for row in rows)


def _most_claimed(kind: str, limit: int) -> list[tuple]:
    """(slug, name, date) of the `limit` articles, entities or sources with the most published claims,
    ties to the newest article or the first name: one GROUP BY query."""
    if kind == "article":
        rows = published_claims().values_list("article__slug", "article__title", "article__published_on")
        order = ("-n", "-article__published_on", "article__slug")
    elif kind == "entity":
        links = Claim.entities.through.objects.filter(claim__visibility=PUBLISHED)
        rows = links.values_list("source__slug", "source__name")
        order = ("-n", "source__name", "source__slug")
    else:
        rows = published_claims().filter(attributed_to__isnull=False)
        rows = rows.values_list("attributed_to__slug", "attributed_to__name")
        order = ("-n", "attributed_to__name", "attributed_to__slug")
    top = rows.annotate(n=Count("pk")).order_by(*order)[:limit]
    return [(row[0], row[1], row[2] if kind == "article" else None) for row in top]


def _one_choice(kind: str, slug: str) -> list[tuple]:
    """(slug, name, date) of one article, entity or source if it has a published claim: one query."""
    published = published_claims()
    if kind == "article":
        found = Article.objects.filter(Exists(published.filter(article=OuterRef("pk"))))
        return list(found.filter(slug=slug).values_list("slug", "title", "published_on"))
    if kind == "entity":
        links = Claim.entities.through.objects.filter(source=OuterRef("pk"), claim__visibility=PUBLISHED)
        found = Source.objects.filter(Exists(links))
    else:
        found = Source.objects.filter(Exists(published.filter(attributed_to=OuterRef("pk"))))
    return [(*row, None) for row in found.filter(slug=slug).values_list("slug", "name")]


def filter_choices(token: int | None, selected: dict[str, str]) -> dict[str, FilterChoices]:
    """The choices of the article, entity and source filters: for each, the FILTER_CHOICES with the most
    published claims, plus the value selected (if it has published claims) even when it is not among
    them. Cached under the data revision: 3 queries once per revision, then one per selected value
    outside the most claimed, once per revision too."""

    def most_claimed() -> dict[str, list[tuple]]:
        return {kind: _most_claimed(kind, FILTER_CHOICES + 1) for kind in FILTER_KINDS}

    top = revision.cached("filter-choices", token, (FILTER_CHOICES,), most_claimed)
    choices = {}
    for kind in FILTER_KINDS:
        rows = top[kind][:FILTER_CHOICES]
        value = selected.get(kind) or ""
        if value and _SLUG.match(value) and value not in {row[0] for row in rows}:
            # A value nobody has is cached too (an empty list), and the form then names the field.
            rows = [*rows, *revision.cached("filter-choice", token, (kind, value), partial(_one_choice, kind, value))]
        choices[kind] = FilterChoices(_human_order(kind, rows), left_out=len(top[kind]) > FILTER_CHOICES)
    return choices


# --- one claim -------------------------------------------------------------------------------------


def claim_for_page(slug: str) -> Claim:
    """A published claim with everything its page and its ClaimReview show: 7 queries."""
    try:
        return _with_page_data(published_claims()).get(slug=slug)
    except Claim.DoesNotExist:
        raise Http404("No published claim has this address.") from None


def claim_for_preview(pk: int) -> Claim:
    """Any claim, drafts included, with what its page shows: for the editors' preview, never for readers."""
    try:
        return _with_page_data(Claim.objects.all()).get(pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No claim has this id.") from None


def _with_page_data(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """`claims` with the status, article, publisher, source, history, citations, quantities, dates and
    entities a claim page shows joined or prefetched."""
    history = StatusChange.objects.select_related("from_status", "to_status").prefetch_related(
        Prefetch("citations", queryset=Citation.objects.order_by("published_on", "id"))
    )
    return claims.select_related(*CLAIM_REVIEW_SELECT_RELATED).prefetch_related(
        # Same attribute as CLAIM_REVIEW_PREFETCH ("history"), with what the timeline shows.
        Prefetch("history", queryset=history.order_by("claim_version")),
        "citations",
        "quantities",
        "dates",
        Prefetch("entities", queryset=Source.objects.order_by("name")),
    )


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


def article_corrections(article: Article) -> list[Revision]:
    """The corrections of the article's own fields (title, date, address...), oldest first: one query."""
    return list(Revision.objects.filter(claim__isnull=True, article=article).order_by("recorded_at", "id"))


def articles_with_claims() -> QuerySet[Article]:
    """Articles with at least one published claim, newest first, with how many."""
    return (
        Article.objects.filter(claims__visibility=PUBLISHED)
        .annotate(claim_count=Count("claims"))
        .select_related("publisher")
        .order_by("-published_on", "title")
    )


# --- the corrections log ---------------------------------------------------------------------------


def revisions_of(claim: Claim) -> list[Revision]:
    """The corrections of a published claim and of the article it quotes, oldest first: one query."""
    return list(
        Revision.objects.filter(Q(claim=claim) | Q(claim__isnull=True, article_id=claim.article_id)).order_by(
            "recorded_at", "id"
        )
    )


@dataclass(frozen=True)
class CorrectionEntry:
    """One line of the corrections log: a status change or a correction (revision), with its date."""

    kind: str  # "status" or "revision"
    when: object
    change: StatusChange | None = None
    revision: Revision | None = None


class CorrectionsLog:
    """Every status change and every correction of published claims (and of the articles they quote), newest
    first, as one sequence a Paginator pages: one query for the count, one for a page's keys, one per kind
    for its rows."""

    def __init__(self):
        changes = (
            StatusChange.objects.filter(claim__visibility=PUBLISHED)
            .annotate(kind=Value("status"), when=F("effective_at"))
            .order_by()  # no ORDER BY inside a compound statement (SQLite refuses it)
            .values("kind", "id", "when")
        )
        published_article = Exists(published_claims().filter(article=OuterRef("article_id")))
        revisions = (
            Revision.objects.filter(Q(claim__visibility=PUBLISHED) | Q(claim__isnull=True, article__isnull=False))
            .filter(Q(claim__isnull=False) | published_article)
            .annotate(kind=Value("revision"), when=F("recorded_at"))
            .order_by()
            .values("kind", "id", "when")
        )
        self.keys = changes.union(revisions, all=True).order_by("-when", "-kind", "-id")

    def count(self) -> int:
        return self.keys.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[CorrectionEntry]:
        keys = list(self.keys[window])
        changes = StatusChange.objects.select_related("claim", "claim__article", "from_status", "to_status").in_bulk(
            [k["id"] for k in keys if k["kind"] == "status"]
        )
        revisions = Revision.objects.select_related("claim", "article").in_bulk(
            [k["id"] for k in keys if k["kind"] == "revision"]
        )
        return [
            CorrectionEntry("status", k["when"], change=changes[k["id"]])
            if k["kind"] == "status"
            else CorrectionEntry("revision", k["when"], revision=revisions[k["id"]])
            for k in keys
        ]


def public_changes() -> QuerySet[StatusChange]:
    """Every status change of published claims, newest first (index claims_statuschange_recent)."""
    return (
        StatusChange.objects.filter(claim__visibility=PUBLISHED)
        .select_related("claim", "claim__article", "from_status", "to_status")
        .order_by("-effective_at", "-id")
    )
