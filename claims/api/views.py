"""Thin viewsets: shape the queryset, check the role, hand writes to claims.services.

Who sees drafts: users holding `claims.view_claim` (the contributors and editors groups) can read a draft
claim at claims/{id}/ and its history, edit it, and list drafts with `?visibility=draft` (or `all`).
Everyone else, including staff without a group, gets 404 for a draft. The claims list, its CSV and the
feed show published claims unless a draft-reader asks otherwise; articles and ClaimReview never show drafts.
"""

from __future__ import annotations

import re
from collections import namedtuple
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, permissions, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from claims import claimreview, revision
from claims.api import serializers as api
from claims.api.conditional import make_etag, not_modified, set_validators
from claims.api.filters import ClaimFilter, can_see_drafts, unfiltered_list
from claims.api.renderers import CSVRenderer, JSONRenderer, claim_row, csv_lines
from claims.api.schema import ERRORS_READ, ERRORS_WRITE
from claims.models import (
    Article,
    Citation,
    Claim,
    DataRevision,
    DateMention,
    Quantity,
    Source,
    StatusChange,
    VerificationStatus,
)
from claims.services import claim_change_status, claim_create, claim_update
from claims.validation import format_partial_date

ID_PATTERN = "[0-9]{1,18}"  # larger ids cannot exist in a bigint column; they get the API's 404


_SourceRow = namedtuple("_SourceRow", ["pk", "slug", "name", "kind"])
_DateRow = namedtuple("_DateRow", ["role", "value", "precision", "as_stated"])  # value: DateMention.value
_QUANTITY_FIELDS = ("measure", "value", "unit", "lower_bound", "upper_bound", "qualifier", "as_stated")
_CITATION_FIELDS = (
    "pk", "url", "title", "publisher", "published_on", "accessed_on", "archived_url", "quote", "stance",
    "is_primary", "access", "access_note",
)  # fmt: skip


def with_children(claims: list[Claim]) -> list[Claim]:
    """Give each claim its entities, quantities, dates and citations (in display order) as plain lists
    (`entity_list`, …; read through serializers.claim_children): one query per kind, whatever the number
    of claims. Done by hand rather than with prefetch_related, whose per-claim bookkeeping (a related
    manager and a queryset for each claim and relation) cost more than the four queries themselves."""
    by_id = {claim.pk: claim for claim in claims}
    for claim in claims:
        claim.entity_list, claim.quantity_list, claim.date_list, claim.citation_list = [], [], [], []
    if not by_id:
        return claims
    # Rows as named tuples, not model instances: a page holds some 400 children, and building a model
    # instance for each was a third of the request.
    links = Claim.entities.through.objects.filter(claim_id__in=by_id).order_by("source__name", "source_id")
    for link in links.values_list("claim_id", "source__id", "source__slug", "source__name", "source__kind"):
        by_id[link[0]].entity_list.append(_SourceRow(*link[1:]))
    quantities = Quantity.objects.filter(claim_id__in=by_id).order_by("position", "id")
    for quantity in quantities.values_list("claim_id", *_QUANTITY_FIELDS, named=True):
        by_id[quantity.claim_id].quantity_list.append(quantity)
    dates = DateMention.objects.filter(claim_id__in=by_id).order_by("position", "id")
    for claim_id, role, precision, year, month, day, as_stated in dates.values_list(
        "claim_id", "role", "precision", "year", "month", "day", "as_stated"
    ):
        value = format_partial_date(precision, year, month, day)
        by_id[claim_id].date_list.append(_DateRow(role, value, precision, as_stated))
    citations = Citation.objects.filter(claim_id__in=by_id).order_by("published_on", "id")
    for citation in citations.values_list("claim_id", *_CITATION_FIELDS, named=True):
        by_id[citation.claim_id].citation_list.append(citation)
    return claims


def claim_queryset_for_display(queryset):
    """The claims with what ClaimSerializer reads from other tables joined (article, status, attributed
    source; the article's long text left out). Their children come from with_children()."""
    return queryset.select_related("article", "status", "attributed_to").only(*_DISPLAY_FIELDS)


# What ClaimSerializer and the CSV read: the rest (the article's text, descriptions, who created the
# claim) is left out, so that each row builds smaller instances.
_DISPLAY_FIELDS = (
    *(f.name for f in Claim._meta.concrete_fields if f.name not in ("created_by", "created_at")),
    *(f"article__{name}" for name in ("id", "slug", "title", "published_on", "language")),
    *(f"status__{name}" for name in ("code", "label", "normalized")),
    *(f"attributed_to__{name}" for name in ("id", "slug", "name", "kind")),
)


def _in_chunks(queryset, size: int = 500):
    """Claims with their children, a chunk at a time: memory stays flat however many claims match."""
    chunk: list[Claim] = []
    for claim in queryset.iterator(chunk_size=size):
        chunk.append(claim)
        if len(chunk) == size:
            yield from with_children(chunk)
            chunk = []
    yield from with_children(chunk)


def _claim_etag(claim: Claim, token: int | None) -> str:
    return _etag_of(claim.pk, claim.version, claim.updated_at, token)


def _etag_of(pk: int, version: int, updated_at, token: int | None) -> str:
    # Readable on purpose: "id.version.updated_at.revision" lets If-Match carry the version a write
    # expects. The data revision covers what the claim shows from other rows (its article's title, a
    # source's name), which can change without the claim's version.
    return f'"{pk}.{version}.{int(updated_at.timestamp() * 1_000_000)}.{token or 0}"'


def _with_token(queryset):
    """The data revision in the same query as the claim, so that a 304 costs one query."""
    return queryset.annotate(data_token=Subquery(DataRevision.objects.filter(pk=1).values("token")[:1]))


# Parameters that choose a page or a rendering, not which claims: the list's count is shared across them
# (a client walking a list by cursor pays for the count once, not once per page).
PAGE_PARAMETERS = {"page", "page_size", "format", "cursor"}


def _stats_scope(request) -> tuple:
    matching = sorted((key, values) for key, values in request.query_params.lists() if key not in PAGE_PARAMETERS)
    return (matching, can_see_drafts(request.user))


def list_stats(name: str, request, queryset, token: int | None) -> dict:
    """How many claims match and when the latest changed, computed once per data revision."""
    compute = lambda: queryset.aggregate(count=Count("pk"), last=Max("updated_at"))  # noqa: E731
    return revision.cached(name, token, _stats_scope(request), compute)


def _validators_scope(request, pk) -> tuple:
    return (str(pk), can_see_drafts(request.user))


def known_list_stats(name: str, request, token: int | None) -> dict | None:
    """The stats list_stats cached for this request's filters under this revision, if any. They exist
    only once the same filters were read and answered for the same role under the same data, so a
    client holding the ETag may have its 304 before the filters are parsed again."""
    return revision.peek(name, token, _stats_scope(request))


_IF_MATCH = re.compile(r'^\s*(?:W/)?"?(?:(?P<id>\d+)\.)?(?P<version>\d{1,9})(?:\.\d+){0,2}"?\s*$')


def expected_version(request, claim: Claim, body_version: int | None) -> int:
    """The version the client saw: `version` in the body or If-Match (our ETag, or a bare version)."""
    header = request.headers.get("If-Match")
    header_version = None
    if header:
        match = _IF_MATCH.match(header)
        if not match or (match["id"] and int(match["id"]) != claim.pk):
            raise ValidationError({"If-Match": ["Send this claim's ETag, or the version you read, as If-Match."]})
        header_version = int(match["version"])
    if body_version is not None and header_version is not None and body_version != header_version:
        raise ValidationError({"version": ["The body's version and If-Match disagree."]})
    version = body_version if body_version is not None else header_version
    if version is None:
        raise ValidationError({"version": ["Send the version you read (body `version` or If-Match): see 409."]})
    return version


class JSONErrorsMixin:
    def handle_exception(self, exc):
        # Errors are JSON even when the client asked for CSV, so that they keep the one error shape.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class ClaimPermission(permissions.BasePermission):
    """Reads: anyone. Create: claims.add_claim. Edit: claims.change_claim. Status: a status permission
    (which statuses the role may set is the service's rule). Anonymous writers get 401."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if view.action is None:
            return True  # a method this address lacks: the 405 says more than a 403
        if view.action == "change_status":
            return user.has_perm("claims.set_review_status") or user.has_perm("claims.set_verdict")
        if view.action == "create":
            return user.has_perm("claims.add_claim")
        return user.has_perm("claims.change_claim")


LIST_PARAMETERS = [
    OpenApiParameter(
        "format", OpenApiTypes.STR, enum=["json", "csv"], description="csv: every matching claim, one row each."
    ),
]

CONDITIONAL_HEADERS = [
    OpenApiParameter("If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, description="An ETag you hold."),
]
IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, description="The claim's ETag (or version) you read."
)


@extend_schema_view(
    list=extend_schema(
        summary="Published claims, filtered",
        parameters=LIST_PARAMETERS + CONDITIONAL_HEADERS,
        responses={
            (200, "application/json"): api.ClaimSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
            304: OpenApiResponse(description="Not modified."),
            **ERRORS_READ,
        },
    ),
    retrieve=extend_schema(
        summary="One claim",
        parameters=CONDITIONAL_HEADERS,
        responses={200: api.ClaimSerializer, 304: OpenApiResponse(description="Not modified."), **ERRORS_READ},
    ),
    create=extend_schema(
        summary="Record a claim (contributors and editors)",
        request=api.ClaimWriteSerializer,
        responses={201: api.ClaimSerializer, **ERRORS_WRITE},
    ),
    partial_update=extend_schema(
        summary="Edit some of a claim's fields",
        parameters=[IF_MATCH],
        request=api.ClaimWriteSerializer,
        responses={200: api.ClaimSerializer, **ERRORS_WRITE},
    ),
)
class ClaimViewSet(JSONErrorsMixin, viewsets.GenericViewSet):
    serializer_class = api.ClaimSerializer
    filterset_class = ClaimFilter
    permission_classes = [ClaimPermission]
    lookup_value_regex = ID_PATTERN
    # Edits are PATCH only: a PUT that reset what it left out (visibility back to draft) would surprise.
    http_method_names = ["get", "post", "patch", "head", "options"]
    known_count: int | None = None

    def get_queryset(self):
        if can_see_drafts(self.request.user):
            return Claim.objects.all()
        return Claim.objects.published()

    def get_renderers(self):
        if getattr(self, "action", None) == "list":
            return [JSONRenderer(), CSVRenderer()]
        return [JSONRenderer()]

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        if not set(self.request.query_params) - PAGE_PARAMETERS:
            return unfiltered_list(queryset)  # no filter sent: nothing to parse
        return super().filter_queryset(queryset)

    # ------------------------------------------------------------------------------------- reads

    def list(self, request, *args, **kwargs):
        # The count and the latest change give the validators and the paginator's count; computed once
        # per data revision, so a request costs the revision, the page and its children.
        token = revision.current_token()
        fmt = request.accepted_renderer.format

        def validators(stats):
            params = sorted(request.query_params.lists())
            return make_etag("claims", fmt, params, token, stats["count"], stats["last"]), stats["last"]

        if (known := known_list_stats("claims", request, token)) is not None:
            etag, last = validators(known)
            if response := not_modified(request, etag=etag, last_modified=last):
                return set_validators(response, etag=etag, last_modified=last)
        queryset = self.filter_queryset(self.get_queryset())
        stats = list_stats("claims", request, queryset, token)
        etag, last = validators(stats)
        if response := not_modified(request, etag=etag, last_modified=last):
            return set_validators(response, etag=etag, last_modified=last)
        if fmt == "csv":
            response = self._csv(request, queryset)
        else:
            self.known_count = stats["count"]
            page = with_children(self.paginate_queryset(claim_queryset_for_display(queryset)))
            response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        return set_validators(response, etag=etag, last_modified=last)

    def _csv(self, request, queryset):
        rows = (
            claim_row(claim, request.build_absolute_uri(claim.get_absolute_url()))
            for claim in _in_chunks(claim_queryset_for_display(queryset))
        )
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in csv_lines(rows)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response

    def retrieve(self, request, *args, **kwargs):
        if "If-None-Match" in request.headers or "If-Modified-Since" in request.headers:
            # A client that may hold the current copy: the validators this claim was last answered with
            # under this revision (for this role), else its four columns; never the claim's fifty.
            token = revision.current_token()
            row = revision.cached(
                "claim-validators",
                token,
                _validators_scope(request, kwargs["pk"]),
                lambda: (
                    self.get_queryset().filter(pk=kwargs["pk"]).values_list("pk", "version", "updated_at").first()
                    or False
                ),  # not there (or a draft this role cannot read): the 404 below, cached as such
            )
            if row:
                etag = _etag_of(*row, token)
                if response := not_modified(request, etag=etag, last_modified=row[2]):
                    return set_validators(response, etag=etag, last_modified=row[2])
        claim = self.get_object(for_display=True)
        etag = _claim_etag(claim, claim.data_token)
        if response := not_modified(request, etag=etag, last_modified=claim.updated_at):
            return set_validators(response, etag=etag, last_modified=claim.updated_at)
        return self._claim_response(claim)

    def get_object(self, *, for_display: bool = False):
        # The row with its joins and the data revision; children are fetched when the body is rendered.
        # A read takes only the columns it shows; a write loads the whole claim, which it validates.
        if for_display:
            queryset = claim_queryset_for_display(self.get_queryset())
        else:
            queryset = self.get_queryset().select_related("article", "status", "attributed_to").defer("article__text")
        claim = get_object_or_404(_with_token(queryset), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, claim)
        return claim

    def _claim_response(self, claim: Claim, *, status_code=status.HTTP_200_OK, headers=None):
        with_children([claim])
        validators = (claim.pk, claim.version, claim.updated_at)
        revision.remember("claim-validators", claim.data_token, _validators_scope(self.request, claim.pk), validators)
        response = Response(self.get_serializer(claim).data, status=status_code, headers=headers)
        return set_validators(response, etag=_claim_etag(claim, claim.data_token), last_modified=claim.updated_at)

    @extend_schema(
        summary="The claim's status history: the public corrections log",
        parameters=CONDITIONAL_HEADERS,
        responses={
            200: api.StatusChangeSerializer(many=True),
            304: OpenApiResponse(description="Not modified."),
            **ERRORS_READ,
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, pk=None):
        claim = self.get_object()
        etag = make_etag("history", _claim_etag(claim, claim.data_token))
        if response := not_modified(request, etag=etag, last_modified=claim.updated_at):
            return set_validators(response, etag=etag, last_modified=claim.updated_at)
        changes = (
            StatusChange.objects.filter(claim=claim)
            .select_related("to_status")
            .prefetch_related(Prefetch("citations", queryset=Citation.objects.only("id")))
            .order_by("claim_version")
        )
        data = api.StatusChangeSerializer(changes, many=True, context=self.get_serializer_context()).data
        return set_validators(Response(data), etag=etag, last_modified=claim.updated_at)

    @extend_schema(
        summary="The claim as schema.org ClaimReview (JSON-LD)",
        parameters=CONDITIONAL_HEADERS,
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            304: OpenApiResponse(description="Not modified."),
            **ERRORS_READ,
        },
    )
    @action(detail=True, methods=["get"], url_path="claimreview", filter_backends=[])
    def claim_review(self, request, pk=None):
        # Public markup: published claims only, whoever asks.
        claim = get_object_or_404(_with_token(claimreview.claim_review_queryset(Claim.objects.published())), pk=pk)
        if not claimreview.has_claim_review(claim):
            # The API's 404, whose detail tells a claim without a rating from a claim that is not there.
            raise NotFound(f"No ClaimReview: this claim's status (\u201c{claim.status.label}\u201d) gives no rating.")
        etag = make_etag("claimreview", _claim_etag(claim, claim.data_token))
        if response := not_modified(request, etag=etag, last_modified=claim.updated_at):
            return set_validators(response, etag=etag, last_modified=claim.updated_at)
        data = claimreview.claim_review(claim, base_url=claimreview.site_base_url(request))
        return set_validators(Response(data), etag=etag, last_modified=claim.updated_at)

    # ------------------------------------------------------------------------------------ writes

    def create(self, request, *args, **kwargs):
        serializer = api.ClaimWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with _integrity_as_400():
            claim = claim_create(by=request.user, entities=data["entities"] or (), **data["fields"])
            _write_children(claim, data)
        claim = _with_token(self.get_queryset().select_related("article", "status", "attributed_to")).get(pk=claim.pk)
        location = reverse("api:claim-detail", kwargs={"pk": claim.pk})
        return self._claim_response(claim, status_code=status.HTTP_201_CREATED, headers={"Location": location})

    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        serializer = api.ClaimWriteSerializer(
            claim, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = expected_version(request, claim, data["version"])
        with _integrity_as_400():
            claim_update(claim=claim, by=request.user, expected_version=version, data=data["fields"])
            if data["entities"] is not None:
                claim.entities.set(data["entities"])
            _write_children(claim, data)
        claim = _with_token(self.get_queryset().select_related("article", "status", "attributed_to")).get(pk=claim.pk)
        return self._claim_response(claim)

    @extend_schema(
        summary="Change the claim's status (editors: verdicts; contributors: in review)",
        parameters=[IF_MATCH],
        request=api.StatusChangeWriteSerializer,
        responses={200: api.ClaimSerializer, **ERRORS_WRITE},
    )
    @action(detail=True, methods=["post"], url_path="status", filter_backends=[])
    def change_status(self, request, pk=None):
        claim = self.get_object()
        serializer = api.StatusChangeWriteSerializer(
            data=request.data, context={**self.get_serializer_context(), "claim": claim}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = expected_version(request, claim, data.get("version"))
        claim_change_status(
            claim=claim,
            to_status=data["status"],
            rationale=data["rationale"],
            by=request.user,
            citations=data["citations"],
            expected_version=version,
        )
        claim = _with_token(self.get_queryset().select_related("article", "status", "attributed_to")).get(pk=claim.pk)
        return self._claim_response(claim)


@contextmanager
def _integrity_as_400():
    """All or nothing; a database rule that the checks above could not see (two writers taking the same
    slug at once) is the client's 400, not a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationError(
            {"non_field_errors": ["This change conflicts with data saved meanwhile (a slug or address taken)."]}
        ) from None


def _write_children(claim: Claim, data: dict) -> None:
    """Replace the lists that were sent; the claim's version was raised by the service call before."""
    if "quantities" in data:
        claim.quantities.all().delete()
        Quantity.objects.bulk_create(
            Quantity(claim=claim, position=position, **item) for position, item in enumerate(data["quantities"])
        )
    if "dates" in data:
        claim.dates.all().delete()
        DateMention.objects.bulk_create(
            DateMention(claim=claim, position=position, **item) for position, item in enumerate(data["dates"])
        )
    if "citations" in data:
        existing = {citation.pk: citation for citation in claim.citations.all()}
        kept = {item["id"] for item in data["citations"] if "id" in item}
        claim.citations.filter(pk__in=set(existing) - kept).delete()
        for item in data["citations"]:
            fields = {name: value for name, value in item.items() if name != "id"}
            if "id" in item:
                citation = existing[item["id"]]
                for name, value in fields.items():
                    setattr(citation, name, value)
                citation.save()
            else:
                Citation.objects.create(claim=claim, **fields)


class RevisionETagMixin:
    """ETag for articles, sources and statuses: the data revision and the request, one query whatever
    the number of rows (the revision changes with any row these answers show)."""

    def list(self, request, *args, **kwargs):
        etag = make_etag(self.basename, sorted(request.query_params.lists()), revision.current_token())
        if response := not_modified(request, etag=etag, last_modified=None):
            return set_validators(response, etag=etag, last_modified=None)
        return set_validators(super().list(request, *args, **kwargs), etag=etag, last_modified=None)

    def retrieve(self, request, *args, **kwargs):
        if not self.get_queryset().filter(pk=kwargs["pk"]).exists():
            return super().retrieve(request, *args, **kwargs)  # the 404, whatever validator was sent
        etag = make_etag(self.basename, kwargs["pk"], revision.current_token())
        if response := not_modified(request, etag=etag, last_modified=None):
            return set_validators(response, etag=etag, last_modified=None)
        return set_validators(super().retrieve(request, *args, **kwargs), etag=etag, last_modified=None)


def _read_docs(serializer, detail_serializer=None, summary=""):
    return dict(
        list=extend_schema(
            summary=f"{summary}: list",
            parameters=CONDITIONAL_HEADERS,
            responses={200: serializer(many=True), 304: OpenApiResponse(description="Not modified."), **ERRORS_READ},
        ),
        retrieve=extend_schema(
            summary=f"{summary}: one",
            parameters=CONDITIONAL_HEADERS,
            responses={
                200: detail_serializer or serializer,
                304: OpenApiResponse(description="Not modified."),
                **ERRORS_READ,
            },
        ),
    )


@extend_schema_view(**_read_docs(api.ArticleSerializer, api.ArticleDetailSerializer, "Articles"))
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
                    queryset=claim_queryset_for_display(Claim.objects.published()).order_by("start", "id"),
                    to_attr="published_claim_list",
                )
            )
        return queryset.defer("text")

    def get_object(self):
        article = super().get_object()
        with_children(article.published_claim_list)
        return article

    def get_serializer_class(self):
        return api.ArticleDetailSerializer if self.action == "retrieve" else api.ArticleSerializer


@extend_schema_view(**_read_docs(api.SourceSerializer, summary="Sources (outlets, companies, people)"))
class SourceViewSet(JSONErrorsMixin, RevisionETagMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Source.objects.order_by("name", "id")
    serializer_class = api.SourceSerializer
    lookup_value_regex = ID_PATTERN


@extend_schema_view(**_read_docs(api.StatusSerializer, summary="The verification scale"))
class StatusViewSet(JSONErrorsMixin, RevisionETagMixin, viewsets.ReadOnlyModelViewSet):
    queryset = VerificationStatus.objects.order_by("order", "code")
    serializer_class = api.StatusSerializer
    pagination_class = None  # a handful of rows: the whole scale at once
    lookup_value_regex = "[a-z0-9_-]{1,40}"


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
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            304: OpenApiResponse(description="Not modified."),
            **ERRORS_READ,
        },
    )
    def get(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        token = revision.current_token()
        stats = list_stats("feed", request, queryset, token)
        etag = make_etag("feed", sorted(request.query_params.lists()), token, stats["count"], stats["last"])
        if response := not_modified(request, etag=etag, last_modified=stats["last"]):
            return set_validators(response, etag=etag, last_modified=stats["last"])
        base_url = claimreview.site_base_url(request)
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
        return set_validators(Response(feed), etag=etag, last_modified=stats["last"])


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def api_root(request):
    """Where everything is: the address the reader site's footer links to."""

    def link(name: str) -> str:
        return request.build_absolute_uri(reverse(f"api:{name}"))

    return Response(
        {
            "claims": link("claim-list"),
            "articles": link("article-list"),
            "sources": link("source-list"),
            "statuses": link("status-list"),
            "claimreview_feed": link("claimreview-feed"),
            "schema": link("schema"),
            "docs": link("docs"),
        }
    )
