"""The bare-Django baseline: the API's claim list and claim detail, built from values() and JsonResponse.

Same rows, same nested data (article, status, attributed source, entities, quantities, dates, citations),
same queries as the API: the data revision (under which the count and latest change are cached, as the
API caches them), the page of claims with its joins, then one query per child table. What is left of the
API's time above this is the framework's own cost (serializers, content negotiation, throttling,
filters), which is what the ratio in docs/benchmarks.md measures.
"""

from __future__ import annotations

from django.db.models import Count, Max
from django.http import Http404, HttpRequest, JsonResponse

from claims.api.pagination import after_row, decode_cursor
from claims.models import Citation, Claim, DateMention, Quantity, StatusChange
from claims.rules.validation import format_partial_date
from claims.selectors import revision
from claims.selectors.links import site_base_url
from claims.selectors.search import search_claims

CLAIM_FIELDS = (
    "id", "slug", "text", "start", "end", "article__language", "text_en", "summary",
    "article_id", "article__slug", "article__title", "article__published_on",
    "attributed_to_id", "attributed_to__slug", "attributed_to__name", "attributed_to__kind",
    "attribution_as_stated", "attribution_basis", "uncertainty", "uncertainty_as_stated",
    "checkability", "recheck_on", "status_id", "status__label", "status__normalized",
    "rationale", "visibility", "updated_at", "version",
)  # fmt: skip
QUANTITY_FIELDS = ("claim_id", "measure", "value", "unit", "lower_bound", "upper_bound", "qualifier", "as_stated")
DATE_FIELDS = ("claim_id", "role", "precision", "year", "month", "day", "as_stated")
CITATION_FIELDS = (
    "claim_id", "id", "url", "title", "publisher", "published_on", "accessed_on", "archived_url", "quote",
    "stance", "is_primary", "access", "access_note", "superseded_at", "corrects",
)  # fmt: skip


def _nested(request: HttpRequest, rows: list[dict]) -> list[dict]:
    """The claims as the API shapes them, children fetched with one query per table."""
    ids = [row["id"] for row in rows]
    children: dict[str, dict[int, list]] = {name: {i: [] for i in ids} for name in ("e", "q", "d", "c")}
    through = Claim.entities.through
    for link in (
        through.objects.filter(claim_id__in=ids)
        .order_by("source__name", "source_id")
        .values("claim_id", "source__id", "source__slug", "source__name", "source__kind")
    ):
        children["e"][link["claim_id"]].append(
            {
                "id": link["source__id"],
                "slug": link["source__slug"],
                "name": link["source__name"],
                "kind": link["source__kind"],
            }
        )
    for quantity in Quantity.objects.filter(claim_id__in=ids).order_by("position", "id").values(*QUANTITY_FIELDS):
        children["q"][quantity.pop("claim_id")].append(quantity)
    for date in DateMention.objects.filter(claim_id__in=ids).order_by("position", "id").values(*DATE_FIELDS):
        claim_id = date.pop("claim_id")
        children["d"][claim_id].append(
            {
                "role": date["role"],
                "value": format_partial_date(date["precision"], date["year"], date["month"], date["day"]),
                "precision": date["precision"],
                "as_stated": date["as_stated"],
            }
        )
    for citation in Citation.objects.filter(claim_id__in=ids).order_by("published_on", "id").values(*CITATION_FIELDS):
        children["c"][citation.pop("claim_id")].append(citation)
    base = site_base_url(request)
    return [
        {
            "id": row["id"],
            "url": f"{base}/claims/{row['slug']}/",
            "slug": row["slug"],
            "text": row["text"],
            "start": row["start"],
            "end": row["end"],
            "language": row["article__language"],
            "text_en": row["text_en"],
            "summary": row["summary"],
            "article": {
                "id": row["article_id"],
                "slug": row["article__slug"],
                "title": row["article__title"],
                "published_on": row["article__published_on"],
            },
            "entities": children["e"][row["id"]],
            "attributed_to": row["attributed_to_id"]
            and {
                "id": row["attributed_to_id"],
                "slug": row["attributed_to__slug"],
                "name": row["attributed_to__name"],
                "kind": row["attributed_to__kind"],
            },
            "attribution_as_stated": row["attribution_as_stated"],
            "attribution_basis": row["attribution_basis"],
            "uncertainty": {"kind": row["uncertainty"], "as_stated": row["uncertainty_as_stated"]},
            "checkability": row["checkability"],
            "recheck_on": row["recheck_on"],
            "quantities": children["q"][row["id"]],
            "dates": children["d"][row["id"]],
            "status": row["status_id"],
            "status_label": row["status__label"],
            "status_normalized": row["status__normalized"],
            "rationale": row["rationale"],
            "citations": children["c"][row["id"]],
            "visibility": row["visibility"],
            "updated_at": row["updated_at"],
            "version": row["version"],
        }
        for row in rows
    ]


def claim_list(request: HttpRequest) -> JsonResponse:
    """GET ?status=&search=&page=&page_size=: the API list's page, the same queries, no framework."""
    queryset = Claim.objects.published()
    if request.GET.get("status"):
        queryset = queryset.filter(status_id=request.GET["status"])
    if request.GET.get("search"):
        queryset = search_claims(queryset, request.GET["search"])
    # As the API: the count and latest change once per data revision.
    matching = sorted((key, request.GET.getlist(key)) for key in request.GET if key not in ("page", "page_size"))
    stats = revision.cached(
        "baseline",
        revision.current_token(),
        (matching,),
        lambda: queryset.aggregate(count=Count("pk"), last=Max("updated_at")),
    )
    page_size = int(request.GET.get("page_size", 20))
    ordered = queryset.order_by("-updated_at", "-id")
    if request.GET.get("cursor"):  # the API's keyset: the rows after the cursor's row
        _, updated_at, pk = decode_cursor(request.GET["cursor"])
        rows = list(after_row(ordered, updated_at, pk).values(*CLAIM_FIELDS)[:page_size])
        return JsonResponse({"count": stats["count"], "results": _nested(request, rows)})
    page = int(request.GET.get("page", 1))
    offset = (page - 1) * page_size
    if offset and offset >= stats["count"]:
        raise Http404("No such page.")
    rows = list(ordered.values(*CLAIM_FIELDS)[offset : offset + page_size])
    return JsonResponse({"count": stats["count"], "results": _nested(request, rows)})


def claim_detail(request: HttpRequest, pk: int) -> JsonResponse:
    rows = list(Claim.objects.published().filter(pk=pk).values(*CLAIM_FIELDS))
    if not rows:
        raise Http404("No such claim.")
    return JsonResponse(_nested(request, rows)[0])


def claim_history(request: HttpRequest, pk: int) -> JsonResponse:
    if not Claim.objects.published().filter(pk=pk).exists():
        raise Http404("No such claim.")
    changes = [
        {
            "id": row["id"],
            "from_status": row["from_status_id"],
            "to_status": row["to_status_id"],
            "to_status_label": row["to_status__label"],
            "effective_at": row["effective_at"],
            "rationale": row["rationale"],
            "citations": [],
            "claim_version": row["claim_version"],
            "signed_off_at": row["signed_off_at"],
        }
        for row in StatusChange.objects.filter(claim_id=pk)
        .order_by("claim_version")
        .values(
            "id",
            "from_status_id",
            "to_status_id",
            "to_status__label",
            "effective_at",
            "rationale",
            "claim_version",
            "signed_off_at",
        )
    ]
    cited = {change["id"]: change["citations"] for change in changes}
    for link in (
        StatusChange.citations.through.objects.filter(status_change_id__in=cited)
        .order_by("citation_id")
        .values("status_change_id", "citation_id")
    ):
        cited[link["status_change_id"]].append(link["citation_id"])
    for change in changes:
        del change["id"]
    return JsonResponse(changes, safe=False)
