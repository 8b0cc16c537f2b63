"""What the API answers: explicit fields, and the claim written out by hand for speed (see
ClaimSerializer.to_representation). The shape a client sends is claims.api.serializers.write's."""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import (
    CITATION_FIELDS,
    QUANTITY_FIELDS,
    Article,
    Citation,
    Claim,
    DateMention,
    PendingVerdict,
    Quantity,
    Revision,
    Source,
    StatusChange,
    VerificationStatus,
)
from claims.selectors.api import children_of
from claims.selectors.links import absolute_url


class SourceBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "slug", "name", "kind"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "slug", "name", "kind", "url", "description"]


class StatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = VerificationStatus
        fields = [
            "code",
            "label",
            "description",
            "normalized",
            "is_verdict",
            "rating_value",
            "best_rating",
            "worst_rating",
            "order",
            "color",
        ]


class ArticleBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "slug", "title", "published_on"]


class QuantitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Quantity
        fields = list(QUANTITY_FIELDS)


class DateSerializer(serializers.ModelSerializer):
    value = serializers.CharField(
        read_only=True,
        help_text="ISO 8601-style text at the stated precision: 2025-01-21, 2025-01, 2025-Q1, 2026-H2, 2025.",
    )

    class Meta:
        model = DateMention
        fields = ["role", "value", "precision", "as_stated"]


class CitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Citation
        # A superseded citation stays on the record beside the one that `corrects` it.
        fields = ["id", *CITATION_FIELDS, "superseded_at", "corrects"]


class UncertaintySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Claim.Uncertainty.choices)
    as_stated = serializers.CharField(
        max_length=300, allow_blank=True, help_text="The hedge in the article's words; empty when kind is none."
    )


def _children(relation: str, represent: Callable[[Any], dict]) -> Callable[[serializers.Serializer, Claim], list]:
    return lambda serializer, claim: [represent(row) for row in getattr(children_of(claim), relation)]


def _quantity(row) -> dict:
    out = _field_formatters()
    return {
        name: out.amount(getattr(row, name)) if name in ("value", "lower_bound", "upper_bound") else getattr(row, name)
        for name in QUANTITY_FIELDS
    }


def _citation(row) -> dict:
    out = _field_formatters()
    dates = ("published_on", "accessed_on")
    return {
        "id": row.pk,
        **{name: out.date(getattr(row, name)) if name in dates else getattr(row, name) for name in CITATION_FIELDS},
        "superseded_at": out.instant(row.superseded_at),
        "corrects": row.corrects_id,
    }


def _date(row) -> dict:
    return {"role": row.role, "value": row.value, "precision": row.precision, "as_stated": row.as_stated}


def _article_brief(article: Article) -> dict:
    published_on = _field_formatters().date(article.published_on)
    return {"id": article.pk, "slug": article.slug, "title": article.title, "published_on": published_on}


CLAIM_REPRESENTATION: dict[str, Callable[[serializers.Serializer, Claim], Any]] = {
    "id": lambda s, claim: claim.pk,
    "url": lambda s, claim: s.get_url(claim),
    "slug": lambda s, claim: claim.slug,
    "text": lambda s, claim: claim.text,
    "start": lambda s, claim: claim.start,
    "end": lambda s, claim: claim.end,
    "language": lambda s, claim: claim.article.language,
    "text_en": lambda s, claim: claim.text_en,
    "summary": lambda s, claim: claim.summary,
    "article": lambda s, claim: _article_brief(claim.article),
    "entities": _children("entities", lambda row: _source_brief(row)),
    "attributed_to": lambda s, claim: _source_brief(claim.attributed_to) if claim.attributed_to else None,
    "attribution_as_stated": lambda s, claim: claim.attribution_as_stated,
    "attribution_basis": lambda s, claim: claim.attribution_basis,
    "uncertainty": lambda s, claim: {"kind": claim.uncertainty, "as_stated": claim.uncertainty_as_stated},
    "checkability": lambda s, claim: claim.checkability,
    "recheck_on": lambda s, claim: _field_formatters().date(claim.recheck_on),
    "quantities": _children("quantities", _quantity),
    "dates": _children("dates", _date),
    "status": lambda s, claim: claim.status_id,
    "status_label": lambda s, claim: claim.status.label,
    "status_normalized": lambda s, claim: claim.status.normalized,
    "rationale": lambda s, claim: claim.rationale,
    "citations": _children("citations", _citation),
    "visibility": lambda s, claim: claim.visibility,
    "updated_at": lambda s, claim: _field_formatters().instant(claim.updated_at),
    "version": lambda s, claim: claim.version,
}


class ClaimSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The claim's public page.")
    language = serializers.CharField(read_only=True, help_text="BCP 47 tag of the article's language.")
    article = ArticleBriefSerializer(read_only=True)
    entities = SourceBriefSerializer(many=True, read_only=True)
    attributed_to = SourceBriefSerializer(read_only=True, allow_null=True)
    uncertainty = serializers.SerializerMethodField()
    quantities = QuantitySerializer(many=True, read_only=True)
    dates = DateSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    status = serializers.CharField(source="status_id", read_only=True, help_text="The status code.")
    status_label = serializers.CharField(source="status.label", read_only=True)
    status_normalized = serializers.CharField(source="status.normalized", read_only=True)

    class Meta:
        model = Claim
        # The keys of a claim, in order: written once, in CLAIM_REPRESENTATION above.
        fields = read_only_fields = list(CLAIM_REPRESENTATION)

    def get_url(self, claim: Claim) -> str:
        # The site's address once per serializer, not a URL resolution per claim of a page.
        prefix = self.context.get("_claim_url_prefix")
        if prefix is None:
            prefix = absolute_url(self.context.get("request"), claim.get_absolute_url()).removesuffix(f"{claim.slug}/")
            self.context["_claim_url_prefix"] = prefix
        return f"{prefix}{claim.slug}/"

    @extend_schema_field(UncertaintySerializer)
    def get_uncertainty(self, claim: Claim) -> dict:
        return {"kind": claim.uncertainty, "as_stated": claim.uncertainty_as_stated}

    def to_representation(self, claim: Claim) -> dict:
        """The declared fields, written out: every read of a claim comes through here, and DRF's generic walk
        over ~70 nested fields a claim was most of a list request's time. Decimals, dates and instants go
        through the declared fields' own to_representation, so the text is DRF's; a test checks that the
        result equals DRF's generic representation, key for key, for every shipped and synthetic claim."""
        return {name: represent(self, claim) for name, represent in CLAIM_REPRESENTATION.items()}


def _source_brief(source: Source) -> dict:
    return {"id": source.pk, "slug": source.slug, "name": source.name, "kind": source.kind}


@functools.cache
def _field_formatters() -> SimpleNamespace:
    """The declared fields' to_representation for the types whose text DRF shapes (None stays None)."""
    amount = QuantitySerializer().fields["value"]
    day = CitationSerializer().fields["published_on"]
    instant = serializers.DateTimeField()

    def keep_none(convert):
        return lambda value: None if value is None else convert(value)

    return SimpleNamespace(
        amount=keep_none(amount.to_representation),
        date=keep_none(day.to_representation),
        instant=keep_none(instant.to_representation),
    )


class ArticleSerializer(serializers.ModelSerializer):
    page_url = serializers.SerializerMethodField(help_text="The article's public page.")
    publisher = SourceBriefSerializer(read_only=True, allow_null=True)
    published_claims = serializers.IntegerField(read_only=True, help_text="How many of its claims are published.")

    class Meta:
        model = Article
        fields = ["id", "slug", "title", "page_url", "publisher", "language", "published_on", "url", "published_claims"]

    def get_page_url(self, article: Article) -> str:
        return absolute_url(self.context.get("request"), article.get_absolute_url())


class ArticleDetailSerializer(ArticleSerializer):
    claims = ClaimSerializer(many=True, read_only=True, source="published_claim_list")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text", "claims"]


class StatusChangeSerializer(serializers.ModelSerializer):
    from_status = serializers.CharField(source="from_status_id", read_only=True)
    to_status = serializers.CharField(source="to_status_id", read_only=True)
    to_status_label = serializers.CharField(source="to_status.label", read_only=True)
    citations = serializers.SerializerMethodField(help_text="Ids of the claim's citations this change relied on.")
    signed_off_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When a second editor signed the verdict off; null when none was required.",
    )

    class Meta:
        model = StatusChange
        fields = [
            "from_status",
            "to_status",
            "to_status_label",
            "effective_at",
            "rationale",
            "citations",
            "claim_version",
            "signed_off_at",
        ]

    def get_citations(self, change: StatusChange) -> list[int]:
        return sorted(citation.pk for citation in change.citations.all())


class RevisionSerializer(serializers.ModelSerializer):
    scope = serializers.SerializerMethodField(help_text="claim: the claim itself; article: the article it quotes.")
    changes = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        help_text="Field by field: field, label, before, after (as readers see them). For the lists (quantities, "
        "dates, citations), `kind` is `items`, and before and after hold the items removed and added.",
    )

    class Meta:
        model = Revision
        fields = ["scope", "claim_version", "recorded_at", "reason", "changes"]

    def get_scope(self, revision: Revision) -> str:
        return "claim" if revision.claim_id else "article"


class PendingVerdictSerializer(serializers.ModelSerializer):
    status = serializers.CharField(source="to_status_id", read_only=True, help_text="The verdict's status code.")
    status_label = serializers.CharField(source="to_status.label", read_only=True)
    citations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    proposed_by = serializers.CharField(source="proposed_by.get_username", read_only=True)

    class Meta:
        model = PendingVerdict
        fields = [
            "id",
            "status",
            "status_label",
            "rationale",
            "citations",
            "claim_version",
            "proposed_by",
            "proposed_at",
            "state",
            "note",
        ]
