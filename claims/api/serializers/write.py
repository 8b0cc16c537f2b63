"""What the API accepts. The shape a client sends differs from the one it reads (no `status`, dates as
text, sources by id), and every write is checked by the models' own `full_clean()` and claims.rules before a
service stores it, so the API and the admin give the same message for the same mistake. Rules that need the
stored rows (a citation the history relied on, a slug taken) are the services' to judge.
"""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from claims.api.errors import django_validation_to_drf
from claims.api.serializers.read import UncertaintySerializer
from claims.models import Article, Citation, Claim, DateMention, Quantity, Source, VerificationStatus
from claims.rules import validation
from claims.rules.validation import MAX_AMOUNT


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
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        max_length=10_000,
        help_text="Why a published claim is corrected: required when what it says or rests on changes, and "
        "public with the correction (claims/{id}/revisions/).",
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
        reason = attrs.pop("reason", None)

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
        if not errors:
            # A new claim without a slug gets one from the service, which makes it unique.
            unchecked = ["status", "version", "entities", "rationale", "created_by", *([] if claim.slug else ["slug"])]
            try:
                claim.full_clean(exclude=unchecked)
            except DjangoValidationError as exc:
                errors.update(_model_errors(exc, {"uncertainty_as_stated": "uncertainty"}).detail)
        if errors:
            raise serializers.ValidationError(errors)

        fields = {name: getattr(claim, name) for name in {*attrs, "start", "end", "slug"}}
        return {"fields": fields, "entities": entities, "version": version, "reason": reason, **children}


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


class SignOffSerializer(StrictSerializerMixin, serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("sign_off", "sign off: the verdict becomes public"), ("send_back", "send back, with a note")]
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=10_000, help_text="Why it is sent back (required then)."
    )
