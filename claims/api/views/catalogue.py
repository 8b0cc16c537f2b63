"""Sources and the verification scale: public reads."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_view
from rest_framework import viewsets

from claims.api.errors import JSONErrorsMixin
from claims.api.http_cache import RevisionETagMixin
from claims.api.schema import read_docs
from claims.api.serializers.read import (
    SourceSerializer,
    StatusSerializer,
)
from claims.api.views.claims import ID_PATTERN
from claims.models import Source, VerificationStatus


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
