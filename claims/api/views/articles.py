"""Articles: public reads, and intake for contributors and editors (a new article in, its candidate claims
listed, accepted as draft claims or dismissed). Writes go to claims.services.intake and .candidates."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims.api.errors import JSONErrorsMixin
from claims.api.http_cache import RevisionETagMixin
from claims.api.parameters import ArticleParametersMixin
from claims.api.permissions import can_see_drafts
from claims.api.schema import ERRORS_READ, ERRORS_WRITE, read_docs
from claims.api.serializers.intake import (
    ArticleIntakeSerializer,
    CandidateSerializer,
    DismissSerializer,
    IntakeArticleSerializer,
)
from claims.api.serializers.read import ArticleDetailSerializer, ArticleSerializer, ClaimSerializer
from claims.api.views.claims import ID_PATTERN
from claims.models import Article, Candidate, Claim, Source
from claims.selectors import api as reads
from claims.selectors import revision
from claims.selectors.similar import similar_claims
from claims.services.candidates import candidate_accept, candidate_dismiss
from claims.services.intake import article_intake

CANDIDATE_ID = r"(?P<cid>[0-9]{1,18})"
# Who may do what with intake: a Django permission per action (the contributors and editors groups hold them).
INTAKE_PERMISSIONS = {
    "create": "claims.add_article",
    "candidates": "claims.view_article",
    "accept": "claims.add_claim",
    "dismiss": "claims.change_article",
}


class IntakePermission(permissions.BasePermission):
    """Intake is for the roles that hold its permissions: anonymous clients get 401, other accounts 403."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(INTAKE_PERMISSIONS[view.action]))


@extend_schema_view(
    **read_docs(ArticleSerializer, ArticleDetailSerializer, "Articles"),
    create=extend_schema(
        summary="A new article in, with its candidate claims found (contributors and editors)",
        description="Its text (`text`), or a saved page's HTML (`html`) whose main text is extracted and whose "
        "declared title, date and address fill those left out. The language is detected when not given (French "
        "and English are read). Answers the article with how many candidate claims were found and where.",
        request=ArticleIntakeSerializer,
        responses={201: IntakeArticleSerializer, **ERRORS_WRITE},
    ),
)
class ArticleViewSet(ArticleParametersMixin, JSONErrorsMixin, RevisionETagMixin, viewsets.ReadOnlyModelViewSet):
    """Articles, with the number of their published claims; one article with its text and published claims."""

    lookup_value_regex = ID_PATTERN

    def get_permissions(self):
        # Intake is for its roles; everything else keeps the API's default (public reads).
        return [IntakePermission()] if self.action in INTAKE_PERMISSIONS else super().get_permissions()

    def get_queryset(self):
        if self.action in INTAKE_PERMISSIONS:
            return Article.objects.all()  # an article being worked on has no published claim yet
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
        if self.action == "retrieve":
            reads.with_children(article.published_claim_list)
        return article

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    # ------------------------------------------------------------------------------------ intake

    def create(self, request, *args, **kwargs):
        serializer = ArticleIntakeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        article = article_intake(by=request.user, **serializer.validated_data)
        article = (
            Article.objects.select_related("publisher")
            .annotate(published_claims=Count("claims", filter=Q(claims__visibility=Claim.Visibility.PUBLISHED)))
            .annotate(candidate_count=Count("candidates", distinct=True))
            .get(pk=article.pk)
        )
        data = IntakeArticleSerializer(article, context=self.get_serializer_context()).data
        headers = {"Location": reverse("api:article-candidates", args=[article.pk])}
        return Response(data, status=status.HTTP_201_CREATED, headers=headers)

    @extend_schema(
        summary="The article's candidate claims, in reading order, with similar claims already recorded",
        description="Each with its passage's exact offsets in the article's text, a check-worthiness score and "
        "its reasons, and what a claim of it would hold, in the claim's own shapes. Contributors and editors.",
        responses={200: CandidateSerializer(many=True), **ERRORS_READ},
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def candidates(self, request, pk=None):
        article = self.get_object()
        page = self.paginate_queryset(article.candidates.order_by("start", "end", "id"))
        return self.get_paginated_response(self._candidates(request, article, page, many=True))

    @extend_schema(
        summary="Accept a candidate: a draft claim with its quantities, dates and attribution",
        description="Answers the draft claim (201). A candidate already accepted or dismissed is a 400 naming "
        "`candidate`; a candidate of another article is a 404.",
        request=None,
        responses={201: ClaimSerializer, **ERRORS_WRITE},
    )
    @action(detail=True, methods=["post"], url_path=f"candidates/{CANDIDATE_ID}/accept", filter_backends=[])
    def accept(self, request, pk=None, cid=None):
        candidate = self._candidate(cid)
        claim = candidate_accept(candidate=candidate, by=request.user)
        claim = reads.with_token(reads.for_display(Claim.objects.all())).get(pk=claim.pk)
        reads.with_children([claim])
        headers = {"Location": reverse("api:claim-detail", kwargs={"pk": claim.pk})}
        data = ClaimSerializer(claim, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED, headers=headers)

    @extend_schema(
        summary="Dismiss a candidate, saying why (kept: who, when, why)",
        description="Finding the article's candidates again keeps it dismissed.",
        request=DismissSerializer,
        responses={200: CandidateSerializer, 400: OpenApiResponse(description="No reason."), **ERRORS_WRITE},
    )
    @action(detail=True, methods=["post"], url_path=f"candidates/{CANDIDATE_ID}/dismiss", filter_backends=[])
    def dismiss(self, request, pk=None, cid=None):
        candidate = self._candidate(cid)
        serializer = DismissSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        candidate = candidate_dismiss(candidate=candidate, by=request.user, reason=serializer.validated_data["reason"])
        return Response(self._candidates(request, candidate.article, candidate))

    def _candidate(self, cid) -> Candidate:
        article = self.get_object()
        # A candidate of another article is not this article's: 404, whatever its id.
        return get_object_or_404(Candidate.objects.select_related("article"), pk=cid, article=article)

    def _candidates(self, request, article: Article, candidates, *, many: bool = False):
        items = candidates if many else [candidates]
        source_ids = {pk for c in items for pk in (c.proposal.get("attributed_to"), *c.proposal.get("entities", []))}
        sources = Source.objects.in_bulk([pk for pk in source_ids if pk])
        visible = Claim.objects.all() if can_see_drafts(request.user) else Claim.objects.published()
        token = revision.current_token()

        def similar(candidate: Candidate):
            # Once per candidate and data revision: the claims it is compared with change only with the data.
            return revision.cached(
                "candidate-similar",
                token,
                (candidate.pk, can_see_drafts(request.user)),
                lambda: similar_claims(
                    text=candidate.text,
                    language=article.language,
                    claims=visible,
                    reference=article.published_on,
                    exclude=(candidate.claim_id,) if candidate.claim_id else (),
                ),
            )

        context = {**self.get_serializer_context(), "sources": sources, "similar": similar}
        return CandidateSerializer(candidates, many=many, context=context).data
