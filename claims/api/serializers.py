"""What the API reads and writes.

Reads use ModelSerializers with explicit fields. Writes use their own serializers: the shape a client
sends differs from the one it reads (no `status`, dates as text, sources by id), and every write is
checked by the models' own `full_clean()` and `claims.validation` before a service stores it, so the API
and the admin give the same message for the same mistake.
"""

from __future__ import annotations

import copy
import functools
from types import SimpleNamespace

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.text import slugify
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import validation
from claims.api.errors import django_validation_to_drf
from claims.models import (
    MAX_AMOUNT,
    Article,
    Citation,
    Claim,
    DateMention,
    Quantity,
    Source,
    StatusChange,
    StatusChangeCitation,
    VerificationStatus,
)

# ---------------------------------------------------------------------------------------------- reads


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
        fields = ["measure", "value", "unit", "lower_bound", "upper_bound", "qualifier", "as_stated"]


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
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "published_on",
            "accessed_on",
            "archived_url",
            "quote",
            "stance",
            "is_primary",
            "access",
            "access_note",
        ]


class UncertaintySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Claim.Uncertainty.choices)
    as_stated = serializers.CharField(
        max_length=300, allow_blank=True, help_text="The hedge in the article's words; empty when kind is none."
    )


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
        fields = [
            "id",
            "url",
            "slug",
            "text",
            "start",
            "end",
            "language",
            "text_en",
            "summary",
            "article",
            "entities",
            "attributed_to",
            "attribution_as_stated",
            "attribution_basis",
            "uncertainty",
            "checkability",
            "recheck_on",
            "quantities",
            "dates",
            "status",
            "status_label",
            "status_normalized",
            "rationale",
            "citations",
            "visibility",
            "updated_at",
            "version",
        ]
        read_only_fields = fields

    def get_url(self, claim: Claim) -> str:
        # The site's address once per serializer, not a URL resolution per claim of a page.
        prefix = self.context.get("_claim_url_prefix")
        if prefix is None:
            prefix = absolute(self.context.get("request"), claim.get_absolute_url()).removesuffix(f"{claim.slug}/")
            self.context["_claim_url_prefix"] = prefix
        return f"{prefix}{claim.slug}/"

    @extend_schema_field(UncertaintySerializer)
    def get_uncertainty(self, claim: Claim) -> dict:
        return {"kind": claim.uncertainty, "as_stated": claim.uncertainty_as_stated}

    def to_representation(self, claim: Claim) -> dict:
        """The fields above, written out: every read of a claim comes through here, and DRF's generic walk
        over ~70 nested fields a claim was most of a list request's time. Decimals, dates and instants go
        through the declared fields' own to_representation, so the text is DRF's; a test checks that the
        result equals the generic representation, key for key, for every shipped and synthetic claim."""
        out = _field_formatters()
        article, source = claim.article, claim.attributed_to
        return {
            "id": claim.pk,
            "url": self.get_url(claim),
            "slug": claim.slug,
            "text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "language": article.language,
            "text_en": claim.text_en,
            "summary": claim.summary,
            "article": {
                "id": article.pk,
                "slug": article.slug,
                "title": article.title,
                "published_on": out.date(article.published_on),
            },
            "entities": [_source_brief(entity) for entity in claim_children(claim, "entities")],
            "attributed_to": _source_brief(source) if source is not None else None,
            "attribution_as_stated": claim.attribution_as_stated,
            "attribution_basis": claim.attribution_basis,
            "uncertainty": {"kind": claim.uncertainty, "as_stated": claim.uncertainty_as_stated},
            "checkability": claim.checkability,
            "recheck_on": out.date(claim.recheck_on),
            "quantities": [
                {
                    "measure": quantity.measure,
                    "value": out.amount(quantity.value),
                    "unit": quantity.unit,
                    "lower_bound": out.amount(quantity.lower_bound),
                    "upper_bound": out.amount(quantity.upper_bound),
                    "qualifier": quantity.qualifier,
                    "as_stated": quantity.as_stated,
                }
                for quantity in claim_children(claim, "quantities")
            ],
            "dates": [
                {"role": date.role, "value": date.value, "precision": date.precision, "as_stated": date.as_stated}
                for date in claim_children(claim, "dates")
            ],
            "status": claim.status_id,
            "status_label": claim.status.label,
            "status_normalized": claim.status.normalized,
            "rationale": claim.rationale,
            "citations": [
                {
                    "id": citation.pk,
                    "url": citation.url,
                    "title": citation.title,
                    "publisher": citation.publisher,
                    "published_on": out.date(citation.published_on),
                    "accessed_on": out.date(citation.accessed_on),
                    "archived_url": citation.archived_url,
                    "quote": citation.quote,
                    "stance": citation.stance,
                    "is_primary": citation.is_primary,
                    "access": citation.access,
                    "access_note": citation.access_note,
                }
                for citation in claim_children(claim, "citations")
            ],
            "visibility": claim.visibility,
            "updated_at": out.instant(claim.updated_at),
            "version": claim.version,
        }

    def generic_representation(self, claim: Claim) -> dict:
        """DRF's own walk over the declared fields: what to_representation must equal (tests)."""
        return super().to_representation(claim)


_CHILD_LISTS = {
    "entities": "entity_list",
    "quantities": "quantity_list",
    "dates": "date_list",
    "citations": "citation_list",
}


def claim_children(claim: Claim, relation: str) -> list:
    """A claim's entities, quantities, dates or citations: the list claims.api.views prefetched, else a query."""
    prefetched = claim.__dict__.get(_CHILD_LISTS[relation])
    return prefetched if prefetched is not None else list(getattr(claim, relation).all())


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
        return absolute(self.context.get("request"), article.get_absolute_url())


class ArticleDetailSerializer(ArticleSerializer):
    claims = ClaimSerializer(many=True, read_only=True, source="published_claim_list")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text", "claims"]


class StatusChangeSerializer(serializers.ModelSerializer):
    from_status = serializers.CharField(source="from_status_id", read_only=True)
    to_status = serializers.CharField(source="to_status_id", read_only=True)
    to_status_label = serializers.CharField(source="to_status.label", read_only=True)
    citations = serializers.SerializerMethodField(help_text="Ids of the claim's citations this change relied on.")

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
        ]

    def get_citations(self, change: StatusChange) -> list[int]:
        return sorted(citation.pk for citation in change.citations.all())


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


# --------------------------------------------------------------------------------------------- writes


class StrictSerializerMixin:
    """Refuse fields the serializer does not know: a misspelt field must not be silently dropped."""

    read_only_hint = {}

    def to_internal_value(self, data):
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data) - writable)
            if unknown:
                raise serializers.ValidationError(
                    {name: [self.read_only_hint.get(name, "Unknown or read-only field.")] for name in unknown}
                )
            if self.root is not self:
                # A PATCH is partial for the claim's own fields, but DRF would make each quantity, date
                # and citation in it partial too: an item sent must still be complete.
                missing = [name for name, field in self.fields.items() if field.required and name not in data]
                if missing:
                    raise serializers.ValidationError({name: ["This field is required."] for name in missing})
        return super().to_internal_value(data)


def _model_errors(exc: DjangoValidationError, rename: dict[str, str] | None = None) -> serializers.ValidationError:
    detail = django_validation_to_drf(exc).detail
    for old, new in (rename or {}).items():
        if old in detail:
            detail[new] = detail.pop(old)
    return serializers.ValidationError(detail)


class UncertaintyWriteSerializer(StrictSerializerMixin, UncertaintySerializer):
    """Both parts together: the kind and its words go as a pair (the database checks they match)."""


def _amount_field(**kwargs):
    return serializers.DecimalField(max_digits=20, decimal_places=4, min_value=0, max_value=MAX_AMOUNT, **kwargs)


class QuantityWriteSerializer(StrictSerializerMixin, serializers.Serializer):
    measure = serializers.CharField(max_length=120)
    value = _amount_field(help_text='In the unit, unscaled: 300 billion is "300000000000".')
    unit = serializers.ChoiceField(choices=Quantity.Unit.choices)
    lower_bound = _amount_field(required=False, allow_null=True, default=None)
    upper_bound = _amount_field(required=False, allow_null=True, default=None)
    qualifier = serializers.ChoiceField(choices=Quantity.Qualifier.choices, default=Quantity.Qualifier.EXACT)
    as_stated = serializers.CharField(max_length=300)

    def validate(self, attrs):
        try:
            Quantity(**attrs).full_clean(exclude=["claim"])
        except DjangoValidationError as exc:
            raise _model_errors(exc) from None
        return attrs


class DateWriteSerializer(StrictSerializerMixin, serializers.Serializer):
    role = serializers.ChoiceField(choices=DateMention.Role.choices)
    value = serializers.CharField(
        max_length=10, help_text="At its precision: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Hn."
    )
    precision = serializers.ChoiceField(choices=DateMention.Precision.choices)
    as_stated = serializers.CharField(max_length=200)

    def validate(self, attrs):
        try:
            year, month, day = validation.parse_partial_date(attrs["value"], attrs["precision"])
            mention = DateMention(
                role=attrs["role"],
                precision=attrs["precision"],
                year=year,
                month=month,
                day=day,
                as_stated=attrs["as_stated"],
            )
            mention.full_clean(exclude=["claim"])
        except DjangoValidationError as exc:
            raise _model_errors(exc, {"year": "value", "month": "value", "day": "value"}) from None
        return {
            "role": mention.role,
            "precision": mention.precision,
            "year": year,
            "month": month,
            "day": day,
            "as_stated": mention.as_stated,
        }


class CitationWriteSerializer(StrictSerializerMixin, serializers.Serializer):
    id = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**53,
        help_text="Give the id of one of this claim's citations to edit it; leave it out to add one.",
    )
    url = serializers.URLField(max_length=1000)
    title = serializers.CharField(max_length=500)
    publisher = serializers.CharField(max_length=200)
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    accessed_on = serializers.DateField(required=False, allow_null=True, default=None)
    archived_url = serializers.URLField(max_length=1000, required=False, allow_blank=True, default="")
    quote = serializers.CharField(required=False, allow_blank=True, default="")
    stance = serializers.ChoiceField(choices=Citation.Stance.choices)
    is_primary = serializers.BooleanField(required=False, default=False)
    access = serializers.ChoiceField(choices=Citation.Access.choices, default=Citation.Access.READ)
    access_note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        fields = {name: value for name, value in attrs.items() if name != "id"}
        try:
            Citation(**fields).full_clean(exclude=["claim"])
        except DjangoValidationError as exc:
            raise _model_errors(exc) from None
        return attrs


class ClaimWriteSerializer(StrictSerializerMixin, serializers.Serializer):
    """Create (POST) or edit (PATCH) a claim with its quantities, dates and citations.

    A list given replaces the claim's list: quantities and dates are rewritten in the order given (the
    first is the main one); citations with an `id` are edited, without one added, and those left out
    removed (unless the status history relies on them).
    """

    read_only_hint = {
        "status": "The status is changed with POST claims/{id}/status/, which records why.",
        "rationale": "The rationale is given with the status change (POST claims/{id}/status/).",
    }

    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all())
    slug = serializers.SlugField(max_length=120, required=False, help_text="Made from the English text when left out.")
    text = serializers.CharField(help_text="The words as stated: an exact passage of the article's text.")
    start = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text="Where the passage starts in the article's text; found automatically when left out.",
    )
    text_en = serializers.CharField(required=False, allow_blank=True, default="")
    summary = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    entities = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), many=True, required=False, default=list, help_text="Ids of sources."
    )
    attributed_to = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True, default=None, help_text="Id of a source."
    )
    attribution_as_stated = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    attribution_basis = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    uncertainty = UncertaintyWriteSerializer(required=False)
    checkability = serializers.ChoiceField(
        choices=Claim.Checkability.choices, required=False, default=Claim.Checkability.CHECKABLE_NOW
    )
    recheck_on = serializers.DateField(required=False, allow_null=True, default=None)
    visibility = serializers.ChoiceField(
        choices=Claim.Visibility.choices,
        required=False,
        default=Claim.Visibility.DRAFT,
        help_text="Only editors may publish or unpublish.",
    )
    quantities = QuantityWriteSerializer(many=True, required=False, max_length=50)
    dates = DateWriteSerializer(many=True, required=False, max_length=50)
    citations = CitationWriteSerializer(many=True, required=False, max_length=100)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        write_only=True,
        help_text="On edits: the version you read (or send it as If-Match). A stale version gets 409.",
    )

    def validate(self, attrs):
        attrs = dict(attrs)
        uncertainty = attrs.pop("uncertainty", None)
        if uncertainty is not None:
            attrs["uncertainty"] = uncertainty["kind"]
            attrs["uncertainty_as_stated"] = uncertainty["as_stated"]
        children = {name: attrs.pop(name) for name in ("quantities", "dates", "citations") if name in attrs}
        entities = attrs.pop("entities", None)
        version = attrs.pop("version", None)

        claim = copy.copy(self.instance) if self.instance is not None else Claim()
        for name, value in attrs.items():
            setattr(claim, name, value)
        errors: dict = {}
        if claim.article_id and claim.text and ("text" in attrs or "article" in attrs or "start" in attrs):
            try:
                claim.start, claim.end = validation.locate_passage(
                    claim.article.text, claim.text, attrs.get("start", claim.start if self.instance else None)
                )
            except DjangoValidationError as exc:
                errors["text"] = exc.messages
        if not claim.slug:
            claim.slug = unique_slug(claim.text_en or claim.summary or claim.text)
        if not errors:
            try:
                claim.full_clean(exclude=["status", "version", "entities", "rationale", "created_by"])
            except DjangoValidationError as exc:
                errors.update(_model_errors(exc, {"uncertainty_as_stated": "uncertainty"}).detail)
        citations = children.get("citations")
        if citations is not None:
            errors.update(self._check_citations(citations))
        if errors:
            raise serializers.ValidationError(errors)

        fields = {name: getattr(claim, name) for name in {*attrs, "start", "end", "slug"}}
        return {"fields": fields, "entities": entities, "version": version, **children}

    def _check_citations(self, citations: list[dict]) -> dict:
        errors: dict = {}
        urls = [citation["url"] for citation in citations]
        if len(set(urls)) != len(urls):
            errors["citations"] = ["Each address can be cited once per claim."]
        ids = [citation["id"] for citation in citations if "id" in citation]
        own = set(self.instance.citations.values_list("pk", flat=True)) if self.instance is not None else set()
        stray = sorted(set(ids) - own)
        if stray:
            errors["citations"] = [f"Citation {pk} is not one of this claim's citations." for pk in stray]
        dropped = own - set(ids)
        relied_on = sorted(
            StatusChangeCitation.objects.filter(citation__in=dropped).values_list("citation_id", flat=True).distinct()
        )
        if relied_on:
            errors["citations"] = [
                f"Citation {pk} supports a change in the public status history; keep it in the list."
                for pk in relied_on
            ]
        return errors


def unique_slug(text: str) -> str:
    base = slugify(text)[:100].strip("-") or "claim"
    slug, n = base, 1
    while Claim.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class StatusChangeWriteSerializer(StrictSerializerMixin, serializers.Serializer):
    status = serializers.SlugRelatedField(slug_field="code", queryset=VerificationStatus.objects.all())
    rationale = serializers.CharField(help_text="Why: shown in the public corrections log.")
    citations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        required=False,
        default=list,
        max_length=100,
        help_text="Ids of this claim's citations the change relies on (verdicts true or false need one).",
    )
    version = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text="The version you read (or send it as If-Match)."
    )

    def validate_citations(self, ids: list[int]) -> list[Citation]:
        claim = self.context["claim"]
        found = {c.pk: c for c in claim.citations.filter(pk__in=ids)}
        stray = [pk for pk in ids if pk not in found]
        if stray:
            raise serializers.ValidationError("Cite only this claim's own citations.")
        return [found[pk] for pk in dict.fromkeys(ids)]
