"""The schema.org DataFeed of every published rated claim, a page at a time."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from claims.api import http_cache
from claims.api.errors import JSONErrorsMixin
from claims.api.filters import ClaimFilter
from claims.api.pagination import FEED_PAGE_SIZE, MAX_PAGE_SIZE, FeedPagination
from claims.api.parameters import KnownParametersMixin
from claims.api.schema import CONDITIONAL_HEADERS, ERRORS_READ, NOT_MODIFIED
from claims.models import Claim
from claims.selectors import claimreview, revision
from claims.selectors.links import site_base_url

PAGE_PARAMETERS = [
    OpenApiParameter(
        "page", {"type": "integer", "minimum": 1}, description="A page number within the paginated result set."
    ),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        description=f"Reviews per page, 1 to {MAX_PAGE_SIZE} (default {FEED_PAGE_SIZE}).",
    ),
    OpenApiParameter(
        "cursor", OpenApiTypes.STR, description="Where a `next` link continues (default order only); instead of `page`."
    ),
]
LINK_HEADER = OpenApiParameter(
    "Link",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    description='The next and previous pages: `<url>; rel="next", <url>; rel="prev"` (RFC 8288).',
)


class ClaimReviewFeedView(KnownParametersMixin, JSONErrorsMixin, generics.GenericAPIView):
    """Every published claim whose status gives a rating, as schema.org ClaimReviews in DataFeed pages.

    Each page is a whole DataFeed of up to `page_size` reviews (100 by default), newest change first. The
    next page is at the body's `next` address and in the `Link` header (`rel="next"`); the last page has no
    `next`. Accepts the claims list's filters (e.g. `updated_since` for an incremental pull)."""

    filterset_class = ClaimFilter
    pagination_class = FeedPagination
    # The feed is this view's one read: filtered, paged and walked by cursor.
    listing_actions = frozenset({None})
    cursor_actions = frozenset({None})

    def get_queryset(self):
        # Exactly the claims that have a ClaimReview (a rated status), as claims/{id}/claimreview/ answers.
        return claimreview.with_claim_review(Claim.objects.published())

    @extend_schema(
        summary="Every published rated claim as schema.org DataFeed pages of ClaimReview",
        parameters=CONDITIONAL_HEADERS + PAGE_PARAMETERS + [LINK_HEADER],
        filters=True,
        responses={
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="A schema.org DataFeed: `dataFeedElement` holds this page's ClaimReviews; `next` and "
                "`previous` are the neighbouring pages' addresses (null at either end).",
            ),
            304: NOT_MODIFIED,
            **ERRORS_READ,
        },
    )
    def get(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        token = revision.current_token()
        stats = http_cache.cached_list_stats("feed", request, queryset, token)
        # Every parameter is in the ETag, the page's too: each page has its own.
        etag = http_cache.make_etag("feed", sorted(request.query_params.lists()), token, stats["count"], stats["last"])
        if response := http_cache.answer_if_current(request, etag=etag, last_modified=stats["last"]):
            return response
        base_url = site_base_url(request)
        claims = self.paginator.paginate_queryset(
            claimreview.claim_review_queryset(queryset).defer("article__text"), request, view=self, count=stats["count"]
        )
        feed = {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "name": f"{settings.FACTCHECK_PUBLISHER_NAME} fact-checks",
            "url": request.build_absolute_uri(),
            "dataFeedElement": [claimreview.claim_review(claim, base_url=base_url) for claim in claims],
            **self.paginator.links(),
        }
        if stats["last"]:
            feed["dateModified"] = stats["last"].isoformat()
        response = Response(feed)
        if link := self.paginator.link_header():
            response["Link"] = link
        return http_cache.set_validators(response, etag=etag, last_modified=stats["last"])
