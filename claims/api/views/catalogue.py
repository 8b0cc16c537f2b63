"""Articles, sources and the verification scale: public reads."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from drf_spectacular.utils import extend_schema_view
from rest_framework import viewsets

from claims.api.errors import JSONErrorsMixin
from claims.api.http_cache import RevisionETagMixin
from claims.api.schema import read_docs
from claims.api.serializers.read import (
    ArticleDetailSerializer,
    ArticleSerializer,
    SourceSerializer,
    StatusSerializer,
)
from claims.api.views.claims import ID_PATTERN
from claims.models import Article, Claim, Source, VerificationStatus
from claims.selectors import api as reads


@extend_schema_view(**read_docs(ArticleSerializer, ArticleDetailSerializer, "Articles"))
class ArticleViewSet(JSONErrorsMixin, RevisionETagMixin, viewsets.ReadOnlyModelViewSet):
    """Articles, with the number of their published claims; one article with its text and published claims."""

    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        published = Q(claims__visibility=Claim.Visibility.PUBLISHED)
        queryset = (
            # As on the reader pages: an article with no published claim is still being worked on.
            Article.objects.filter(Exists(Claim.objects.published().filter(article=OuterRef("pk"))))
            .select_related("publisher")
            .annotate(published_claims=Count("claims", filter=published))
            .order_by("-published_on", "id")
        )
        if self.action == "retrieve":
            return queryset.prefetch_related(
                Prefetch(
                    "claims",
                    queryset=reads.for_display(Claim.objects.published()).order_by("start", "id"),
                    to_attr="published_claim_list",
                )
            )
        return queryset.defer("text")

    def get_object(self):
        article = super().get_object()
        reads.with_children(article.published_claim_list)
        return article

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer


@extend_schema_view(**read_docs(SourceSerializer, summary="Sources (outlets, companies, people)"))
class SourceViewSet(JSONErrorsMixin, RevisionETagMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Source.objects.order_by("name", "id")
    serializer_class = SourceSerializer
    lookup_value_regex = ID_PATTERN


@extend_schema_view(**read_docs(StatusSerializer, summary="The verification scale"))
class StatusViewSet(JSONErrorsMixin, RevisionETagMixin, viewsets.ReadOnlyModelViewSet):
    queryset = VerificationStatus.objects.order_by("order", "code")
    serializer_class = StatusSerializer
    pagination_class = None  # a handful of rows: the whole scale at once
    lookup_value_regex = "[a-z0-9_-]{1,40}"
