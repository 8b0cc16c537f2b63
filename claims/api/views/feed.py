"""The schema.org DataFeed of every published rated claim."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from claims.api import http_cache
from claims.api.errors import JSONErrorsMixin
from claims.api.filters import ClaimFilter
from claims.api.schema import CONDITIONAL_HEADERS, ERRORS_READ, NOT_MODIFIED
from claims.models import Claim
from claims.selectors import claimreview, revision
from claims.selectors.links import site_base_url


class ClaimReviewFeedView(JSONErrorsMixin, generics.GenericAPIView):
    """Every published claim whose status gives a rating, as one schema.org DataFeed of ClaimReviews.

    Accepts the claims list's filters (e.g. `updated_since` for an incremental pull)."""

    filterset_class = ClaimFilter
    pagination_class = None

    def get_queryset(self):
        # Exactly the claims that have a ClaimReview (a rated status), as claims/{id}/claimreview/ answers.
        return claimreview.with_claim_review(Claim.objects.published())

    @extend_schema(
        summary="Every published rated claim as a schema.org DataFeed of ClaimReview",
        parameters=CONDITIONAL_HEADERS,
        filters=True,
        responses={(200, "application/json"): OpenApiTypes.OBJECT, 304: NOT_MODIFIED, **ERRORS_READ},
    )
    def get(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        token = revision.current_token()
        stats = http_cache.cached_list_stats("feed", request, queryset, token)
        etag = http_cache.make_etag("feed", sorted(request.query_params.lists()), token, stats["count"], stats["last"])
        if response := http_cache.answer_if_current(request, etag=etag, last_modified=stats["last"]):
            return response
        base_url = site_base_url(request)
        elements = [
            claimreview.claim_review(claim, base_url=base_url)
            for claim in claimreview.claim_review_queryset(queryset).defer("article__text")
        ]
        feed = {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "name": f"{settings.FACTCHECK_PUBLISHER_NAME} fact-checks",
            "url": request.build_absolute_uri(),
            "dataFeedElement": elements,
        }
        if stats["last"]:
            feed["dateModified"] = stats["last"].isoformat()
        return http_cache.set_validators(Response(feed), etag=etag, last_modified=stats["last"])
