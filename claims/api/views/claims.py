"""The claims endpoints: parse, hand the read to claims.selectors or the write to claims.services, answer.

Who sees what is claims.api.permissions'; conditional requests are claims.api.http_cache's.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from claims.api import http_cache
from claims.api.errors import JSONErrorsMixin
from claims.api.filters import ClaimFilter
from claims.api.parameters import ClaimParametersMixin
from claims.api.permissions import ClaimPermission, can_see_drafts
from claims.api.renderers import CSVRenderer, JSONRenderer, claim_row, csv_lines
from claims.api.schema import (
    CONDITIONAL_HEADERS,
    ERRORS_READ,
    ERRORS_WRITE,
    IF_MATCH,
    LIST_PARAMETERS,
    NOT_MODIFIED,
)
from claims.api.serializers.intake import SimilarQuerySerializer, SimilarSerializer, similar_items
from claims.api.serializers.read import (
    ClaimSerializer,
    PendingVerdictSerializer,
    RevisionSerializer,
    StatusChangeSerializer,
)
from claims.api.serializers.write import ClaimWriteSerializer, SignOffSerializer, StatusChangeWriteSerializer
from claims.language.detect import detect_language
from claims.models import Citation, Claim, PendingVerdict, Revision, StatusChange
from claims.selectors import api as reads
from claims.selectors import claimreview, revision
from claims.selectors.claim_filters import in_list_order
from claims.selectors.links import absolute_url, site_base_url
from claims.selectors.similar import similar_claims
from claims.services.claims import claim_create, claim_update
from claims.services.status import claim_change_status, verdict_send_back, verdict_sign_off

ID_PATTERN = "[0-9]{1,18}"  # larger ids cannot exist in a bigint column; they get the API's 404
# The claims endpoints that only read (GET and HEAD): public.
READ_ACTIONS = frozenset({"list", "retrieve", "history", "claim_review", "similar", "revisions"})


@extend_schema_view(
    list=extend_schema(
        summary="Published claims, filtered",
        parameters=LIST_PARAMETERS + CONDITIONAL_HEADERS,
        responses={
            (200, "application/json"): ClaimSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
            304: NOT_MODIFIED,
            **ERRORS_READ,
        },
    ),
    retrieve=extend_schema(
        summary="One claim",
        parameters=CONDITIONAL_HEADERS,
        responses={200: ClaimSerializer, 304: NOT_MODIFIED, **ERRORS_READ},
    ),
    create=extend_schema(
        summary="Record a claim (contributors and editors)",
        request=ClaimWriteSerializer,
        responses={201: ClaimSerializer, **ERRORS_WRITE},
    ),
    partial_update=extend_schema(
        summary="Edit some of a claim's fields",
        parameters=[IF_MATCH],
        request=ClaimWriteSerializer,
        responses={200: ClaimSerializer, **ERRORS_WRITE},
    ),
)
class ClaimViewSet(ClaimParametersMixin, JSONErrorsMixin, viewsets.GenericViewSet):
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    permission_classes = [ClaimPermission]
    lookup_value_regex = ID_PATTERN
    # Edits are PATCH only: a PUT that reset what it left out (visibility back to draft) would surprise.
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if can_see_drafts(self.request.user):
            return Claim.objects.all()
        return Claim.objects.published()

    def get_permissions(self):
        # Reads are anyone's, as ClaimPermission says (which drafts a role sees is the queryset's business);
        # AllowAny says it to the OpenAPI schema too, whose generated clients would otherwise demand a token.
        if self.action in READ_ACTIONS:
            return [permissions.AllowAny()]
        return super().get_permissions()

    def get_renderers(self):
        if getattr(self, "action", None) == "list":
            return [JSONRenderer(), CSVRenderer()]
        return [JSONRenderer()]

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        if not set(self.request.query_params) - http_cache.PAGE_PARAMETERS:
            return in_list_order(queryset)  # no filter sent: nothing to parse
        return super().filter_queryset(queryset)

    # ------------------------------------------------------------------------------------- reads

    def list(self, request, *args, **kwargs):
        # The count and the latest change give the validators and the paginator's count; computed once
        # per data revision, so a request costs the revision, the page and its children.
        token = revision.current_token()
        fmt = request.accepted_renderer.format

        def validators(stats):
            params = sorted(request.query_params.lists())
            return http_cache.make_etag("claims", fmt, params, token, stats["count"], stats["last"]), stats["last"]

        if (known := http_cache.known_list_stats("claims", request, token)) is not None:
            etag, last = validators(known)
            if response := http_cache.answer_if_current(request, etag=etag, last_modified=last):
                return response
        queryset = self.filter_queryset(self.get_queryset())
        stats = http_cache.cached_list_stats("claims", request, queryset, token)
        etag, last = validators(stats)
        if response := http_cache.answer_if_current(request, etag=etag, last_modified=last):
            return response
        if fmt == "csv":
            response = self._csv(request, queryset)
        else:
            page = self.paginator.paginate_queryset(
                reads.for_display(queryset), request, view=self, count=stats["count"]
            )
            response = self.get_paginated_response(self.get_serializer(reads.with_children(page), many=True).data)
        return http_cache.set_validators(response, etag=etag, last_modified=last)

    def _csv(self, request, queryset):
        rows = (
            claim_row(claim, absolute_url(request, claim.get_absolute_url()))
            for claim in reads.in_chunks(reads.for_display(queryset))
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
            row = http_cache.cached_claim_validators(
                request,
                kwargs["pk"],
                token,
                lambda: (
                    self.get_queryset().filter(pk=kwargs["pk"]).values_list("pk", "version", "updated_at").first()
                    or False
                ),  # not there (or a draft this role cannot read): the 404 below, cached as such
            )
            if row:
                etag = http_cache.claim_etag(*row, token)
                if response := http_cache.answer_if_current(request, etag=etag, last_modified=row[2]):
                    return response
        claim = self.get_object(for_display=True)
        etag = self._etag(claim)
        if response := http_cache.answer_if_current(request, etag=etag, last_modified=claim.updated_at):
            return response
        return self._claim_response(claim)

    def get_object(self, *, for_display: bool = False):
        # The row with its joins and the data revision; children are fetched when the body is rendered.
        # A read takes only the columns it shows; a write loads the whole claim, which it validates.
        shape = reads.for_display if for_display else reads.for_writing
        claim = get_object_or_404(reads.with_token(shape(self.get_queryset())), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, claim)
        return claim

    @staticmethod
    def _etag(claim: Claim) -> str:
        return http_cache.claim_etag(claim.pk, claim.version, claim.updated_at, claim.data_token)

    def _claim_response(self, claim: Claim, *, status_code=status.HTTP_200_OK, headers=None):
        reads.with_children([claim])
        http_cache.remember_claim_validators(self.request, claim, claim.data_token)
        response = Response(self.get_serializer(claim).data, status=status_code, headers=headers)
        return http_cache.set_validators(response, etag=self._etag(claim), last_modified=claim.updated_at)

    def _reread(self, claim: Claim):
        """The claim as stored after a write, with what its answer shows."""
        return reads.with_token(reads.for_writing(self.get_queryset())).get(pk=claim.pk)

    @extend_schema(
        summary="The claim's status history: the public corrections log",
        parameters=CONDITIONAL_HEADERS,
        responses={200: StatusChangeSerializer(many=True), 304: NOT_MODIFIED, **ERRORS_READ},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, pk=None):
        claim = self.get_object()
        etag = http_cache.make_etag("history", self._etag(claim))
        if response := http_cache.answer_if_current(request, etag=etag, last_modified=claim.updated_at):
            return response
        changes = (
            StatusChange.objects.filter(claim=claim)
            .select_related("to_status")
            .prefetch_related(Prefetch("citations", queryset=Citation.objects.only("id")))
            .order_by("claim_version")
        )
        data = StatusChangeSerializer(changes, many=True, context=self.get_serializer_context()).data
        return http_cache.set_validators(Response(data), etag=etag, last_modified=claim.updated_at)

    @extend_schema(
        summary="The claim as schema.org ClaimReview (JSON-LD)",
        parameters=CONDITIONAL_HEADERS,
        responses={(200, "application/json"): OpenApiTypes.OBJECT, 304: NOT_MODIFIED, **ERRORS_READ},
    )
    @action(detail=True, methods=["get"], url_path="claimreview", filter_backends=[])
    def claim_review(self, request, pk=None):
        # Public markup: published claims only, whoever asks.
        claim = get_object_or_404(reads.with_token(claimreview.claim_review_queryset(Claim.objects.published())), pk=pk)
        if not claimreview.has_claim_review(claim):
            # The API's 404, whose detail tells a claim without a rating from a claim that is not there.
            raise NotFound(f"No ClaimReview: this claim's status (\u201c{claim.status.label}\u201d) gives no rating.")
        etag = http_cache.make_etag("claimreview", self._etag(claim))
        if response := http_cache.answer_if_current(request, etag=etag, last_modified=claim.updated_at):
            return response
        data = claimreview.claim_review(claim, base_url=site_base_url(request))
        return http_cache.set_validators(Response(data), etag=etag, last_modified=claim.updated_at)

    @extend_schema(
        summary="Already checked? The claims most like a passage, across articles and languages",
        description="At most five, best first, each with a score from 0 to 1 and its reasons: the same amount "
        "(same unit, within 2%), overlapping dates, shared names, similar wording (with the English rendering "
        "too). Anonymous clients see published claims only.",
        parameters=[SimilarQuerySerializer],
        responses={200: SimilarSerializer(many=True), **ERRORS_READ},
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def similar(self, request):
        query = SimilarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        text = query.validated_data["text"]
        language = query.validated_data.get("language") or detect_language(text) or "en"
        found = similar_claims(text=text, language=language, claims=self.get_queryset())
        return Response(similar_items(found, request))

    # ------------------------------------------------------------------------------------ writes

    def create(self, request, *args, **kwargs):
        serializer = ClaimWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with _integrity_as_400():
            claim = claim_create(by=request.user, entities=data["entities"] or (), **_children(data), **data["fields"])
        location = reverse("api:claim-detail", kwargs={"pk": claim.pk})
        return self._claim_response(
            self._reread(claim), status_code=status.HTTP_201_CREATED, headers={"Location": location}
        )

    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        serializer = ClaimWriteSerializer(claim, data=request.data, partial=True, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = http_cache.expected_version(request, claim, data["version"])
        with _integrity_as_400():
            claim_update(
                claim=claim,
                by=request.user,
                expected_version=version,
                data=data["fields"],
                entities=data["entities"],
                reason=data["reason"],
                **_children(data),
            )
        return self._claim_response(self._reread(claim))

    @extend_schema(
        summary="Change the claim's status (editors: verdicts; contributors: in review)",
        parameters=[IF_MATCH],
        request=StatusChangeWriteSerializer,
        responses={200: ClaimSerializer, **ERRORS_WRITE},
    )
    @action(detail=True, methods=["post"], url_path="status", filter_backends=[])
    def change_status(self, request, pk=None):
        claim = self.get_object()
        serializer = StatusChangeWriteSerializer(
            data=request.data, context={**self.get_serializer_context(), "claim": claim}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        outcome = claim_change_status(
            claim=claim,
            to_status=data["status"],
            rationale=data["rationale"],
            by=request.user,
            citations=data["citations"],
            expected_version=http_cache.expected_version(request, claim, data.get("version")),
        )
        if isinstance(outcome, PendingVerdict):
            # Not public yet: a second editor signs it off (claims/{id}/sign-off/).
            location = reverse("api:claim-sign-off", kwargs={"pk": claim.pk})
            body = PendingVerdictSerializer(outcome, context=self.get_serializer_context()).data
            return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": location})
        return self._claim_response(self._reread(claim))

    @extend_schema(
        summary="The verdict awaiting sign-off (contributors and editors)",
        responses={200: PendingVerdictSerializer, **ERRORS_READ},
    )
    @extend_schema(
        methods=["POST"],
        summary="Sign off the awaiting verdict, making it public, or send it back (editors, not its author)",
        request=SignOffSerializer,
        responses={200: ClaimSerializer, **ERRORS_WRITE},
    )
    @action(detail=True, methods=["get", "post"], url_path="sign-off", url_name="sign-off", filter_backends=[])
    def sign_off(self, request, pk=None):
        claim = self.get_object()
        pending = claim.pending_verdicts.filter(state=PendingVerdict.State.AWAITING).select_related("to_status").first()
        if pending is None:
            raise NotFound("No verdict on this claim awaits sign-off.")
        if request.method == "GET":
            return Response(PendingVerdictSerializer(pending, context=self.get_serializer_context()).data)
        serializer = SignOffSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data["decision"] == "send_back":
            pending = verdict_send_back(
                pending=pending, by=request.user, note=serializer.validated_data.get("note", "")
            )
            return Response(PendingVerdictSerializer(pending, context=self.get_serializer_context()).data)
        verdict_sign_off(pending=pending, by=request.user)
        return self._claim_response(self._reread(claim))

    @extend_schema(
        summary="Corrections of the claim once published, and of the article it quotes: the public record",
        responses={200: RevisionSerializer(many=True), **ERRORS_READ},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def revisions(self, request, pk=None):
        claim = self.get_object()
        rows = Revision.objects.filter(Q(claim=claim) | Q(claim__isnull=True, article_id=claim.article_id))
        data = RevisionSerializer(rows.order_by("recorded_at", "id"), many=True).data
        return Response(data)


def _children(data: dict) -> dict:
    """The lists a write sent (a list left out is kept as it is)."""
    return {name: data[name] for name in ("quantities", "dates", "citations") if name in data}


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
