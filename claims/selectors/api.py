"""The API's reads: claims with everything ClaimSerializer and the CSV show, in a fixed number of queries
whatever the number of claims, and the statistics a list's validators and count come from.

A claim's children (entities, quantities, dates, citations) come from with_children() as plain rows, one
query per kind for a whole page, and are read back with children_of(); done by hand rather than with
prefetch_related, whose per-claim bookkeeping (a related manager and a queryset for each claim and relation)
cost more than the four queries themselves.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet, Subquery

from claims.models import CITATION_FIELDS, QUANTITY_FIELDS, Citation, Claim, DataRevision, DateMention, Quantity
from claims.rules.validation import format_partial_date

SourceRow = namedtuple("SourceRow", ["pk", "slug", "name", "kind"])
DateRow = namedtuple("DateRow", ["role", "value", "precision", "as_stated"])  # value: DateMention.value


@dataclass
class Children:
    """A claim's children in display order, as plain rows (named tuples: a page holds some 400 of them,
    and building a model instance for each was a third of the request)."""

    entities: list[SourceRow]
    quantities: list
    dates: list[DateRow]
    citations: list


def with_children(claims: list[Claim]) -> list[Claim]:
    """Give each claim its children (read them with children_of()): four queries, whatever the number of
    claims. Returns the list given."""
    by_id = {claim.pk: claim for claim in claims}
    for claim in claims:
        claim.children = Children([], [], [], [])
    if not by_id:
        return claims
    links = Claim.entities.through.objects.filter(claim_id__in=by_id).order_by("source__name", "source_id")
    for link in links.values_list("claim_id", "source__id", "source__slug", "source__name", "source__kind"):
        by_id[link[0]].children.entities.append(SourceRow(*link[1:]))
    quantities = Quantity.objects.filter(claim_id__in=by_id).order_by("position", "id")
    for quantity in quantities.values_list("claim_id", *QUANTITY_FIELDS, named=True):
        by_id[quantity.claim_id].children.quantities.append(quantity)
    dates = DateMention.objects.filter(claim_id__in=by_id).order_by("position", "id")
    for claim_id, role, precision, year, month, day, as_stated in dates.values_list(
        "claim_id", "role", "precision", "year", "month", "day", "as_stated"
    ):
        value = format_partial_date(precision, year, month, day)
        by_id[claim_id].children.dates.append(DateRow(role, value, precision, as_stated))
    citations = Citation.objects.filter(claim_id__in=by_id).order_by("published_on", "id")
    for citation in citations.values_list(
        "claim_id", "pk", *CITATION_FIELDS, "superseded_at", "corrects_id", named=True
    ):
        by_id[citation.claim_id].children.citations.append(citation)
    return claims


def children_of(claim: Claim) -> Children:
    """The children with_children() gave the claim; fetched now (four queries) if it gave none."""
    if "children" not in claim.__dict__:
        with_children([claim])
    return claim.children


# What ClaimSerializer and the CSV read: the rest (the article's text, descriptions, who created the claim)
# is left out, so that each row builds smaller instances.
DISPLAY_FIELDS = (
    *(f.name for f in Claim._meta.concrete_fields if f.name not in ("created_by", "created_at")),
    *(f"article__{name}" for name in ("id", "slug", "title", "published_on", "language")),
    *(f"status__{name}" for name in ("code", "label", "normalized")),
    *(f"attributed_to__{name}" for name in ("id", "slug", "name", "kind")),
)


def for_display(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The claims with what ClaimSerializer reads from other tables joined (article, status, attributed
    source; the article's long text left out). Their children come from with_children()."""
    return claims.select_related("article", "status", "attributed_to").only(*DISPLAY_FIELDS)


def for_writing(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The whole claim, which a write validates, with what its answer shows joined."""
    return claims.select_related("article", "status", "attributed_to").defer("article__text")


def with_token(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The data revision (as `data_token`) in the same query as the claim, so that a 304 costs one query."""
    return claims.annotate(data_token=Subquery(DataRevision.objects.filter(pk=1).values("token")[:1]))


def in_chunks(claims: QuerySet[Claim], size: int = 500) -> Iterator[Claim]:
    """Claims with their children, a chunk at a time: memory stays flat however many claims match."""
    chunk: list[Claim] = []
    for claim in claims.iterator(chunk_size=size):
        chunk.append(claim)
        if len(chunk) == size:
            yield from with_children(chunk)
            chunk = []
    yield from with_children(chunk)


def list_stats(claims: QuerySet[Claim]) -> dict:
    """How many claims match and when the latest of them changed: one aggregate query."""
    return claims.aggregate(count=Count("pk"), last=Max("updated_at"))
