"""Sources and the verification scale: public reads.

A source is public once published work names it: a published claim is attributed to it or is about it, or
it published an article that holds a published claim. Anonymous readers (and staff without a group) see
those only, at sources/ and sources/{id}/ (404 for the others, as for a draft); contributors and editors,
who name sources in the claims they write, see every source.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema_view
from rest_framework import viewsets

from claims.api.errors import JSONErrorsMixin
from claims.api.http_cache import RevisionETagMixin, answer_if_current, make_etag, set_validators
from claims.api.parameters import KnownParametersMixin
from claims.api.permissions import can_see_drafts
from claims.api.schema import read_docs
from claims.api.serializers.read import (
    SourceSerializer,
    StatusSerializer,
)
from claims.api.views.claims import ID_PATTERN
from claims.models import Claim, Source, VerificationStatus
from claims.selectors import revision


def public_sources():
    """The sources published work names (see the module's docstring): three index lookups per source."""
    published = Claim.objects.published()
    return Source.objects.filter(
        Exists(published.filter(attributed_to=OuterRef("pk")))
        | Exists(published.filter(entities=OuterRef("pk")))
        | Exists(published.filter(article__publisher=OuterRef("pk")))
    )


@extend_schema_view(
    **read_docs(SourceSerializer, summary="Sources named by published work (every source for contributors and editors)")
)
class SourceViewSet(KnownParametersMixin, JSONErrorsMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SourceSerializer
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        sources = Source.objects.all() if can_see_drafts(self.request.user) else public_sources()
        return sources.order_by("name", "id")

    # RevisionETagMixin's validators, with the reader's role in them: the same address answers more sources
    # to contributors and editors, and a copy one role holds must never be confirmed to another.
    def _etag(self, *parts) -> str:
        return make_etag(self.basename, *parts, revision.current_token(), can_see_drafts(self.request.user))

    def list(self, request, *args, **kwargs):
        etag = self._etag(sorted(request.query_params.lists()))
        if response := answer_if_current(request, etag=etag, last_modified=None):
            return response
        return set_validators(super().list(request, *args, **kwargs), etag=etag, last_modified=None)

    def retrieve(self, request, *args, **kwargs):
        if not self.get_queryset().filter(pk=kwargs["pk"]).exists():
            return super().retrieve(request, *args, **kwargs)  # the 404, whatever validator was sent
        etag = self._etag(kwargs["pk"])
        if response := answer_if_current(request, etag=etag, last_modified=None):
            return response
        return set_validators(super().retrieve(request, *args, **kwargs), etag=etag, last_modified=None)


@extend_schema_view(**read_docs(StatusSerializer, summary="The verification scale"))
class StatusViewSet(KnownParametersMixin, JSONErrorsMixin, RevisionETagMixin, viewsets.ReadOnlyModelViewSet):
    queryset = VerificationStatus.objects.order_by("order", "code")
    serializer_class = StatusSerializer
    pagination_class = None  # a handful of rows: the whole scale at once
    lookup_value_regex = "[a-z0-9_-]{1,40}"
