"""What intake reads and answers: a new article, its candidate claims, a dismissal, similar claims."""

from __future__ import annotations

from types import SimpleNamespace

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api.serializers.read import (
    ArticleSerializer,
    DateSerializer,
    QuantitySerializer,
    SourceBriefSerializer,
)
from claims.api.serializers.write import StrictSerializerMixin
from claims.models import MAX_ARTICLE_TEXT, Candidate, Source
from claims.rules.validation import format_partial_date
from claims.selectors.links import absolute_url
from claims.services.intake import MAX_HTML_CHARACTERS, SUPPORTED_LANGUAGES


class ArticleIntakeSerializer(StrictSerializerMixin, serializers.Serializer):
    """A new article: its text pasted (`text`), or a saved page's HTML (`html`) whose main text is extracted
    and whose declared title, date and address fill those left out."""

    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    text = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_ARTICLE_TEXT, trim_whitespace=False
    )
    html = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_HTML_CHARACTERS, trim_whitespace=False
    )
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    language = serializers.CharField(
        max_length=12,
        required=False,
        allow_blank=True,
        default="",
        help_text=f"One of {', '.join(SUPPORTED_LANGUAGES)}; detected from the text when left out.",
    )
    publisher = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True, default=None, help_text="Id of a source."
    )
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True, default="")


class IntakeArticleSerializer(ArticleSerializer):
    candidates = serializers.IntegerField(read_only=True, source="candidate_count", help_text="Candidates found.")
    candidates_url = serializers.SerializerMethodField(help_text="Where the candidate claims are listed.")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "candidates", "candidates_url"]

    def get_candidates_url(self, article) -> str:
        return self.context["request"].build_absolute_uri(reverse("api:article-candidates", args=[article.pk]))


class SimilarSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(help_text="The claim's page (a draft's is seen by editors only).")
    text = serializers.CharField(help_text="The claim as stated, in its language.")
    score = serializers.FloatField(help_text="0 to 1.")
    reasons = serializers.ListField(child=serializers.CharField())


def similar_items(found, request) -> list[dict]:
    return [
        {
            "id": item.claim.pk,
            "url": absolute_url(request, item.claim.get_absolute_url()),
            "text": item.claim.text,
            "score": item.score,
            "reasons": list(item.reasons),
        }
        for item in found
    ]


class CandidateSerializer(serializers.ModelSerializer):
    """A passage worth checking, with what a claim of it would hold (the claim's own fields and shapes)."""

    quantities = serializers.SerializerMethodField()
    dates = serializers.SerializerMethodField()
    attribution_as_stated = serializers.SerializerMethodField()
    attributed_to = serializers.SerializerMethodField()
    entities = serializers.SerializerMethodField()
    uncertainty = serializers.SerializerMethodField()
    uncertainty_as_stated = serializers.SerializerMethodField()
    checkability = serializers.SerializerMethodField()
    recheck_on = serializers.SerializerMethodField()
    similar = serializers.SerializerMethodField(help_text="Existing claims most like this passage.")
    score = serializers.FloatField(read_only=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "text",
            "start",
            "end",
            "score",
            "reasons",
            "quantities",
            "dates",
            "attribution_as_stated",
            "attributed_to",
            "entities",
            "uncertainty",
            "uncertainty_as_stated",
            "checkability",
            "recheck_on",
            "similar",
            "status",
            "claim",
            "dismiss_reason",
        ]
        read_only_fields = fields

    @extend_schema_field(QuantitySerializer(many=True))
    def get_quantities(self, candidate: Candidate) -> list[dict]:
        quantity = QuantitySerializer()
        return [
            quantity.to_representation(SimpleNamespace(**item)) for item in candidate.proposal.get("quantities", [])
        ]

    @extend_schema_field(DateSerializer(many=True))
    def get_dates(self, candidate: Candidate) -> list[dict]:
        return [
            {
                "role": item["role"],
                "value": format_partial_date(item["precision"], item["year"], item["month"], item["day"]),
                "precision": item["precision"],
                "as_stated": item["as_stated"],
            }
            for item in candidate.proposal.get("dates", [])
        ]

    def get_attribution_as_stated(self, candidate: Candidate) -> str:
        return candidate.proposal.get("attribution_as_stated", "")

    @extend_schema_field(SourceBriefSerializer(allow_null=True))
    def get_attributed_to(self, candidate: Candidate) -> dict | None:
        source = self.context.get("sources", {}).get(candidate.proposal.get("attributed_to"))
        return SourceBriefSerializer(source).data if source else None

    @extend_schema_field(SourceBriefSerializer(many=True))
    def get_entities(self, candidate: Candidate) -> list[dict]:
        sources = self.context.get("sources", {})
        return [
            SourceBriefSerializer(sources[pk]).data for pk in candidate.proposal.get("entities", []) if pk in sources
        ]

    def get_uncertainty(self, candidate: Candidate) -> str:
        return candidate.proposal.get("uncertainty", "none")

    def get_uncertainty_as_stated(self, candidate: Candidate) -> str:
        return candidate.proposal.get("uncertainty_as_stated", "")

    def get_checkability(self, candidate: Candidate) -> str:
        return candidate.proposal.get("checkability", "checkable_now")

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_recheck_on(self, candidate: Candidate) -> str | None:
        return candidate.proposal.get("recheck_on")

    @extend_schema_field(SimilarSerializer(many=True))
    def get_similar(self, candidate: Candidate) -> list[dict]:
        return similar_items(self.context["similar"](candidate), self.context.get("request"))


class DismissSerializer(StrictSerializerMixin, serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why this passage is not worth a claim.")


class SimilarQuerySerializer(StrictSerializerMixin, serializers.Serializer):
    text = serializers.CharField(max_length=5000, help_text="The passage to look for, in its language.")
    language = serializers.ChoiceField(
        choices=list(SUPPORTED_LANGUAGES), required=False, help_text="The passage's language; detected when left out."
    )
