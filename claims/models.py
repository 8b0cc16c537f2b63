"""The claim database.

Every rule that must hold whatever the path (admin, API, shell, fixture) is a database constraint named
`claims_<model>_<what>`. Rules that need another table (a passage must occur in its article's text, a
calendar date must exist) live in `clean()` methods and in `claims.rules.validation`, which the admin, the
API and the claims-file loader all call.

The closed vocabularies (units, precisions, stances...) live in claims.choices; each model names its own as
an attribute (`Quantity.Unit`).
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone

from claims.choices import (
    CURRENCIES,
    CandidateStatus,
    CitationAccess,
    CitationStance,
    ClaimCheckability,
    ClaimUncertainty,
    ClaimVisibility,
    DateMentionPrecision,
    DateMentionRole,
    QuantityQualifier,
    QuantityUnit,
    SourceKind,
    VerificationStatusNormalized,
)
from claims.rules import validation
from claims.rules.validation import MAX_AMOUNT, no_bidi_controls

# Ceilings on free text, in characters: generous for a newsroom, but no path may store a megabyte
# of text in a field that pages and feeds render whole.
MAX_TEXT = 5_000
MAX_RATIONALE = 10_000
MAX_ARTICLE_TEXT = 200_000


# Each child's data fields, in the order every representation lists them (the API, the claims file, the
# CSV exports); the model's own fields below say what each means.
QUANTITY_FIELDS = ("measure", "value", "unit", "lower_bound", "upper_bound", "qualifier", "as_stated")
DATE_FIELDS = ("role", "precision", "year", "month", "day", "as_stated")
CITATION_FIELDS = (
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
)


def _length_at_most(field: str, limit: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field), limit), name=name)


class Source(models.Model):
    """An outlet, organisation or person: who published an article, who a claim is attributed to, or
    what a claim is about."""

    Kind = SourceKind
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    url = models.URLField(blank=True, max_length=500, help_text="Home page, when it has one.")
    description = models.TextField(blank=True, max_length=5000, validators=[MaxLengthValidator(5000)])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="claims_source_kind_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="claims_source_name_not_empty"),
            models.CheckConstraint(
                condition=Q(url="") | Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="claims_source_url_http",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=500)
    publisher = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="Leave empty when the copy at hand does not say who published it; never guess.",
    )
    language = models.CharField(max_length=12, help_text="BCP 47 language tag of the text, e.g. 'fr'.")
    published_on = models.DateField()
    url = models.URLField(blank=True, max_length=1000, help_text="The article's address, when known.")
    text = models.TextField(
        max_length=MAX_ARTICLE_TEXT,
        validators=[MaxLengthValidator(MAX_ARTICLE_TEXT)],
        help_text="The full text, verbatim: claims point into it by character offsets.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="claims_article_title_not_empty"),
            models.CheckConstraint(condition=~Q(text=""), name="claims_article_text_not_empty"),
            _length_at_most("text", MAX_ARTICLE_TEXT, "claims_article_text_length"),
            models.CheckConstraint(
                condition=Q(language__regex=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"), name="claims_article_language_bcp47"
            ),
            models.CheckConstraint(
                condition=Q(url="") | Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="claims_article_url_http",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("claims:article-detail", kwargs={"slug": self.slug})


class VerificationStatus(models.Model):
    """One step of the verification scale. Stored as data so that a newsroom can word its own scale;
    the code is the stable identifier used by the API and by history rows."""

    Normalized = VerificationStatusNormalized
    code = models.SlugField(max_length=40, primary_key=True)
    label = models.CharField(max_length=80)
    description = models.TextField(max_length=2000, validators=[MaxLengthValidator(2000)])
    normalized = models.CharField(max_length=10, choices=Normalized.choices)
    is_verdict = models.BooleanField(
        help_text="A verdict is a conclusion only editors may set; it always carries a rationale."
    )
    rating_value = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="schema.org ratingValue; empty for statuses that rate nothing."
    )
    best_rating = models.PositiveSmallIntegerField(default=5)
    worst_rating = models.PositiveSmallIntegerField(default=1)
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in lists and legends.")
    color = models.CharField(max_length=7, default="#555555", help_text="Hex colour used beside the written label.")

    class Meta:
        ordering = ["order", "code"]
        verbose_name_plural = "verification statuses"
        constraints = [
            models.CheckConstraint(
                condition=Q(normalized__in=VerificationStatusNormalized.values),
                name="claims_verificationstatus_normalized",
            ),
            models.CheckConstraint(
                condition=Q(worst_rating__lt=F("best_rating")), name="claims_verificationstatus_worst_below_best"
            ),
            models.CheckConstraint(
                condition=Q(rating_value__isnull=True)
                | (Q(rating_value__gte=F("worst_rating")) & Q(rating_value__lte=F("best_rating"))),
                name="claims_verificationstatus_rating_in_scale",
            ),
            models.CheckConstraint(condition=~Q(label=""), name="claims_verificationstatus_label_not_empty"),
            models.CheckConstraint(
                condition=Q(color__regex=r"^#[0-9a-fA-F]{6}$"), name="claims_verificationstatus_color"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ClaimQuerySet(models.QuerySet):
    def published(self):
        return self.filter(visibility=Claim.Visibility.PUBLISHED)

    # The re-check schedule, as the API filter, the admin's filter and the editors' queue all read it.
    def recheck_due(self, on: dt.date | None = None):
        """Claims whose re-check date has come by `on` (today in the site's time zone by default)."""
        return self.filter(recheck_on__lte=on or timezone.localdate())

    def recheck_scheduled(self, on: dt.date | None = None):
        """Claims with a re-check date still to come after `on`."""
        return self.filter(recheck_on__gt=on or timezone.localdate())

    def recheck_not_due(self, on: dt.date | None = None):
        """Claims with no re-check due by `on`: scheduled later, or with no date at all."""
        return self.filter(Q(recheck_on__isnull=True) | Q(recheck_on__gt=on or timezone.localdate()))


class Claim(models.Model):
    Uncertainty = ClaimUncertainty
    Checkability = ClaimCheckability
    Visibility = ClaimVisibility
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="claims")
    slug = models.SlugField(max_length=120, unique=True)
    text = models.TextField(
        max_length=MAX_TEXT,
        validators=[MaxLengthValidator(MAX_TEXT)],
        help_text="The words as stated: an exact passage of the article's text.",
    )
    start = models.PositiveIntegerField(help_text="Character offset of the passage in the article's text.")
    end = models.PositiveIntegerField(help_text="Character offset just after the passage.")
    text_en = models.TextField(
        "English rendering",
        blank=True,
        max_length=MAX_TEXT,
        validators=[MaxLengthValidator(MAX_TEXT), no_bidi_controls],
    )
    summary = models.CharField(
        max_length=200, blank=True, validators=[no_bidi_controls], help_text="A short title for lists and the admin."
    )
    entities = models.ManyToManyField(
        Source, blank=True, related_name="claims_about", help_text="What the claim is about."
    )
    attributed_to = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_attributed",
        help_text="The source the article attributes the claim to, e.g. The Wall Street Journal.",
    )
    attribution_as_stated = models.CharField(
        max_length=300,
        blank=True,
        help_text="The attribution in the article's words: \u201cSelon le Wall Street Journal\u201d.",
    )
    attribution_basis = models.CharField(
        max_length=300,
        blank=True,
        help_text=(
            "How the source knew, when the article or the source says so: \u201cpeople familiar with the matter\u201d."
        ),
    )
    uncertainty = models.CharField(max_length=20, choices=Uncertainty.choices, default=Uncertainty.NONE)
    uncertainty_as_stated = models.CharField(
        max_length=300,
        blank=True,
        help_text="The hedge in the article's words: \u201cjusqu'\u00e0\u201d, \u201cpr\u00e9parerait\u201d.",
    )
    checkability = models.CharField(max_length=20, choices=Checkability.choices, default=Checkability.CHECKABLE_NOW)
    recheck_on = models.DateField(
        null=True, blank=True, help_text="When to check again; required for claims checkable only later."
    )
    # Written only by claims.services.claim_change_status, together with a StatusChange row.
    status = models.ForeignKey(
        VerificationStatus, on_delete=models.PROTECT, related_name="claims", default="unverified"
    )
    rationale = models.TextField(
        blank=True,
        max_length=MAX_RATIONALE,
        validators=[MaxLengthValidator(MAX_RATIONALE), no_bidi_controls],
        help_text="Why the current status: the rationale of the latest change.",
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.DRAFT)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every write; an edit made from an older version is refused."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "start"]
        permissions = [
            ("set_verdict", "Can set a verdict on a claim"),
            ("set_review_status", "Can move a claim in and out of review"),
            ("publish_claim", "Can publish or unpublish a claim"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claims_claim_passage_not_empty"),
            models.CheckConstraint(condition=~Q(text=""), name="claims_claim_text_not_empty"),
            _length_at_most("text", MAX_TEXT, "claims_claim_text_length"),
            _length_at_most("text_en", MAX_TEXT, "claims_claim_text_en_length"),
            _length_at_most("rationale", MAX_RATIONALE, "claims_claim_rationale_length"),
            models.CheckConstraint(
                condition=Q(uncertainty__in=ClaimUncertainty.values), name="claims_claim_uncertainty_valid"
            ),
            models.CheckConstraint(
                condition=Q(uncertainty="none", uncertainty_as_stated="")
                | (~Q(uncertainty="none") & ~Q(uncertainty_as_stated="")),
                name="claims_claim_uncertainty_words_match_kind",
            ),
            models.CheckConstraint(
                condition=Q(checkability__in=ClaimCheckability.values), name="claims_claim_checkability_valid"
            ),
            models.CheckConstraint(
                condition=~Q(checkability="checkable_later") | Q(recheck_on__isnull=False),
                name="claims_claim_later_needs_recheck_date",
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=ClaimVisibility.values), name="claims_claim_visibility_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claims_claim_version_positive"),
            models.CheckConstraint(
                condition=Q(attribution_basis="") | Q(attributed_to__isnull=False),
                name="claims_claim_basis_needs_source",
            ),
        ]
        indexes = [
            # The reader list and the API list: WHERE visibility = %s ORDER BY updated_at DESC, id DESC,
            # an index range scan whose order is the page's (the id breaks ties, so no sort is added).
            models.Index(fields=["visibility", "-updated_at", "-id"], name="claims_claim_visible_recent"),
            # The same lists filtered by status (API ?status=, reader list's status links).
            models.Index(fields=["status", "visibility", "-updated_at", "-id"], name="claims_claim_status_recent"),
            # The "re-check due" filter and the editors' queue.
            models.Index(fields=["recheck_on"], name="claims_claim_recheck_on"),
        ]

    def __str__(self) -> str:
        return self.summary or self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("claims:claim-detail", kwargs={"slug": self.slug})

    @property
    def language(self) -> str:
        return self.article.language

    @property
    def is_published(self) -> bool:
        return self.visibility == self.Visibility.PUBLISHED

    def status_on(self, day: dt.date) -> VerificationStatus:
        """The status in force at the end of `day` (a day of the site's time zone), from the history's
        `effective_at`: what was known then. Before the first change, the status that change left.

        Reads `self.history.all()`: prefetch it with its statuses joined (claims.selectors.claim_for_page
        does) and this runs no query."""
        changes = sorted(self.history.all(), key=lambda change: change.claim_version)
        known = [change for change in changes if timezone.localtime(change.effective_at).date() <= day]
        if known:
            return known[-1].to_status
        return changes[0].from_status if changes else self.status

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        if self.article_id and self.text:
            try:
                self.start, self.end = validation.locate_passage(self.article.text, self.text, self.start)
                # Found through a typographic variant (a straight apostrophe for the article's curly one):
                # the claim holds the article's own characters.
                self.text = self.article.text[self.start : self.end]
            except ValidationError as exc:
                errors["text"] = exc.messages
        if self.checkability == self.Checkability.CHECKABLE_LATER and not self.recheck_on:
            errors["recheck_on"] = ["A claim checkable only later needs a re-check date."]
        if self.uncertainty != self.Uncertainty.NONE and not self.uncertainty_as_stated:
            errors["uncertainty_as_stated"] = ["Give the words that express this uncertainty, as stated."]
        if self.uncertainty == self.Uncertainty.NONE and self.uncertainty_as_stated:
            errors["uncertainty"] = ["Choose the kind of uncertainty these words express."]
        if self.attribution_basis and not self.attributed_to_id:
            errors["attributed_to"] = ["Name the source before saying how it knew."]
        if errors:
            raise ValidationError(errors)


class Quantity(models.Model):
    Unit = QuantityUnit
    CURRENCIES = CURRENCIES

    Qualifier = QuantityQualifier
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="quantities")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order within the claim; the first is the main one."
    )
    measure = models.CharField(
        max_length=120, help_text="What is measured: \u201ccontract value\u201d, \u201cterm\u201d."
    )
    value = models.DecimalField(
        max_digits=20, decimal_places=4, help_text="In the unit, unscaled: 300 billion is 300000000000."
    )
    unit = models.CharField(max_length=10, choices=Unit.choices)
    lower_bound = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    upper_bound = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    qualifier = models.CharField(max_length=20, choices=Qualifier.choices, default=Qualifier.EXACT)
    as_stated = models.CharField(
        max_length=300, help_text="The amount in the article's words: \u201c300 milliards de dollars\u201d."
    )

    class Meta:
        ordering = ["claim_id", "position", "id"]
        verbose_name_plural = "quantities"
        constraints = [
            models.CheckConstraint(condition=Q(unit__in=QuantityUnit.values), name="claims_quantity_unit_known"),
            models.CheckConstraint(
                condition=Q(qualifier__in=QuantityQualifier.values), name="claims_quantity_qualifier_valid"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(value__lte=MAX_AMOUNT), name="claims_quantity_value_in_range"
            ),
            models.CheckConstraint(
                condition=Q(lower_bound__isnull=True) | (Q(lower_bound__gte=0) & Q(lower_bound__lte=F("value"))),
                name="claims_quantity_lower_bound_below_value",
            ),
            models.CheckConstraint(
                condition=Q(upper_bound__isnull=True)
                | (Q(upper_bound__gte=F("value")) & Q(upper_bound__lte=MAX_AMOUNT)),
                name="claims_quantity_upper_bound_above_value",
            ),
            models.CheckConstraint(
                condition=~Q(qualifier__in=["up_to", "less_than"]) | Q(upper_bound__isnull=False),
                name="claims_quantity_upper_qualifier_has_bound",
            ),
            models.CheckConstraint(
                condition=~Q(qualifier__in=["at_least", "more_than"]) | Q(lower_bound__isnull=False),
                name="claims_quantity_lower_qualifier_has_bound",
            ),
            models.CheckConstraint(condition=~Q(measure=""), name="claims_quantity_measure_not_empty"),
            models.CheckConstraint(condition=~Q(as_stated=""), name="claims_quantity_as_stated_not_empty"),
        ]
        indexes = [
            # The API's amount-range filter: claims with a quantity of this unit between two values.
            models.Index(fields=["unit", "value"], name="claims_quantity_unit_value"),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.as_stated}"

    def clean(self) -> None:
        super().clean()
        validation.check_quantity(
            value=self.value,
            unit=self.unit,
            lower_bound=self.lower_bound,
            upper_bound=self.upper_bound,
            qualifier=self.qualifier,
        )


class DateMention(models.Model):
    Role = DateMentionRole
    Precision = DateMentionPrecision
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="dates")
    position = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(max_length=12, choices=Role.choices)
    precision = models.CharField(max_length=12, choices=Precision.choices)
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For a quarter or a half-year, its first month (1, 4, 7, 10 / 1, 7)."
    )
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    as_stated = models.CharField(
        max_length=200, help_text="The date in the article's words: \u201cd\u00e9but 2025\u201d."
    )

    class Meta:
        ordering = ["claim_id", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=DateMentionRole.values), name="claims_datemention_role_valid"),
            models.CheckConstraint(
                condition=Q(year__gte=1800) & Q(year__lte=2200), name="claims_datemention_year_in_range"
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | (Q(month__gte=1) & Q(month__lte=12)),
                name="claims_datemention_month_in_range",
            ),
            models.CheckConstraint(
                condition=Q(day__isnull=True) | (Q(day__gte=1) & Q(day__lte=31)), name="claims_datemention_day_in_range"
            ),
            # Each precision says exactly which parts are known; "early 2025" is not 1 January 2025.
            models.CheckConstraint(
                condition=Q(precision="day", month__isnull=False, day__isnull=False)
                | Q(precision="month", month__isnull=False, day__isnull=True)
                | Q(precision="quarter", month__in=[1, 4, 7, 10], day__isnull=True)
                | Q(precision="half", month__in=[1, 7], day__isnull=True)
                | Q(
                    precision__in=["early_year", "mid_year", "late_year", "year"], month__isnull=True, day__isnull=True
                ),
                name="claims_datemention_parts_match_precision",
            ),
            models.CheckConstraint(condition=~Q(as_stated=""), name="claims_datemention_as_stated_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.as_stated}"

    @property
    def value(self) -> str:
        """ISO 8601-style text at the stated precision: 2025-01-21, 2025-01, 2025-Q1, 2026-H2, 2025."""
        return validation.format_partial_date(self.precision, self.year, self.month, self.day)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.precision == self.Precision.DAY:
            return self.first_day
        if self.precision == self.Precision.MONTH:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if self.precision in (self.Precision.QUARTER, self.Precision.HALF):
            months = 3 if self.precision == self.Precision.QUARTER else 6
            last_month = self.month + months - 1
            return dt.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])
        return dt.date(self.year, 12, 31)

    def clean(self) -> None:
        super().clean()
        validation.check_date_parts(self.precision, self.year, self.month, self.day)


class Citation(models.Model):
    Stance = CitationStance
    Access = CitationAccess
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    url = models.URLField("address", max_length=1000)
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=200)
    published_on = models.DateField(null=True, blank=True)
    accessed_on = models.DateField(null=True, blank=True)
    archived_url = models.URLField("archived copy", max_length=1000, blank=True)
    quote = models.TextField(
        blank=True,
        max_length=MAX_TEXT,
        validators=[MaxLengthValidator(MAX_TEXT), no_bidi_controls],
        help_text="The passage relied on, word for word.",
    )
    stance = models.CharField(max_length=10, choices=Stance.choices)
    is_primary = models.BooleanField(default=False, help_text="The original source, not a report of it.")
    access = models.CharField(max_length=15, choices=Access.choices, default=Access.READ)
    access_note = models.CharField(
        max_length=500,
        blank=True,
        help_text="How it was read: \u201cprimary address; text read in a syndicated copy\u201d.",
    )
    superseded_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a correction replaced it. A citation the status history relied on is never edited in "
        "place: its correction is a new citation, and this one stays on the record.",
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        help_text="The citation this one corrects.",
    )

    class Meta:
        ordering = ["claim_id", "published_on", "id"]
        constraints = [
            # One current citation per address: a superseded one keeps its address beside its correction.
            models.UniqueConstraint(
                fields=["claim", "url"],
                condition=Q(superseded_at__isnull=True),
                name="claims_citation_unique_url_per_claim",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(corrects=F("id")), name="claims_citation_corrects_another"
            ),
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"), name="claims_citation_url_http"
            ),
            models.CheckConstraint(
                condition=Q(archived_url="")
                | Q(archived_url__startswith="http://")
                | Q(archived_url__startswith="https://"),
                name="claims_citation_archived_url_http",
            ),
            models.CheckConstraint(condition=Q(stance__in=CitationStance.values), name="claims_citation_stance_valid"),
            models.CheckConstraint(condition=Q(access__in=CitationAccess.values), name="claims_citation_access_valid"),
            models.CheckConstraint(condition=~Q(title=""), name="claims_citation_title_not_empty"),
            _length_at_most("quote", MAX_TEXT, "claims_citation_quote_length"),
            # An address nobody read cannot be quoted.
            models.CheckConstraint(
                condition=~Q(access="address_only") | Q(quote=""), name="claims_citation_address_only_has_no_quote"
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True)
                | Q(accessed_on__isnull=True)
                | Q(accessed_on__gte=F("published_on")),
                name="claims_citation_accessed_after_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}"

    def clean(self) -> None:
        super().clean()
        for field in ("url", "archived_url"):
            value = getattr(self, field)
            if value:
                try:
                    validation.check_http_url(value)
                except ValidationError as exc:
                    raise ValidationError({field: exc.messages}) from None


class StatusChangeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Status history is append-only: rows are never updated.")

    def delete(self):
        raise TypeError("Status history is append-only: rows are never deleted.")


class StatusChange(models.Model):
    """One row per status change: the public corrections log. Append-only; the database refuses updates
    (and, on PostgreSQL, deletes) with a trigger, see migration 0002."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="history")
    from_status = models.ForeignKey(VerificationStatus, on_delete=models.PROTECT, related_name="+")
    to_status = models.ForeignKey(VerificationStatus, on_delete=models.PROTECT, related_name="+")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="status_changes"
    )
    effective_at = models.DateTimeField(
        help_text="When the change took effect: what was known then. Earlier than recorded_at for back-filled history."
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    rationale = models.TextField(
        max_length=MAX_RATIONALE,
        validators=[MaxLengthValidator(MAX_RATIONALE), no_bidi_controls],
        help_text="Why: required for every change, shown in the public log.",
    )
    citations = models.ManyToManyField(
        Citation, through="StatusChangeCitation", blank=True, related_name="status_changes"
    )
    claim_version = models.PositiveIntegerField(help_text="The claim's version this change produced.")
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The second editor who signed the verdict off before it became public.",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["claim_id", "claim_version"]
        get_latest_by = "claim_version"
        constraints = [
            models.UniqueConstraint(fields=["claim", "claim_version"], name="claims_statuschange_one_per_version"),
            models.CheckConstraint(
                condition=Q(signed_off_by__isnull=True, signed_off_at__isnull=True)
                | Q(signed_off_by__isnull=False, signed_off_at__isnull=False),
                name="claims_statuschange_sign_off_dated",
            ),
            # Nobody signs off their own verdict.
            models.CheckConstraint(
                condition=Q(signed_off_by__isnull=True)
                | Q(changed_by__isnull=True)
                | ~Q(signed_off_by=F("changed_by")),
                name="claims_statuschange_signed_off_by_another",
            ),
            models.CheckConstraint(condition=~Q(rationale=""), name="claims_statuschange_rationale_required"),
            _length_at_most("rationale", MAX_RATIONALE, "claims_statuschange_rationale_length"),
        ]
        indexes = [
            # The public corrections log and its feed: every change, newest first.
            models.Index(fields=["-effective_at", "-id"], name="claims_statuschange_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.from_status_id} \u2192 {self.to_status_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise TypeError("Status history is append-only: rows are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Status history is append-only: rows are never deleted.")


class StatusChangeCitation(models.Model):
    """The citations a status change relied on; append-only like its change."""

    status_change = models.ForeignKey(StatusChange, on_delete=models.PROTECT)
    citation = models.ForeignKey(Citation, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["status_change", "citation"], name="claims_statuschangecitation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.status_change} relied on {self.citation}"


class AppendOnlyQuerySet(models.QuerySet):
    """Rows that are on the public record: never updated, never deleted (the database refuses too)."""

    def update(self, **kwargs):
        raise TypeError(f"{self.model._meta.verbose_name_plural} are append-only: rows are never updated.")

    def delete(self):
        raise TypeError(f"{self.model._meta.verbose_name_plural} are append-only: rows are never deleted.")


class Revision(models.Model):
    """One correction of what a published claim says or rests on (its passage, English rendering, summary,
    amounts, dates, attribution, uncertainty, checkability, citations) or of the article it quotes: who,
    when, why, and each field before and after. On the public record (the claim's page, the corrections log
    and its feed, the API); append-only like the status history (migration 0007)."""

    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.PROTECT, related_name="revisions")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="revisions")
    claim_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The claim's version this correction produced (empty for the article's)."
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(
        max_length=MAX_RATIONALE,
        validators=[MaxLengthValidator(MAX_RATIONALE), no_bidi_controls],
        help_text="Why: required for every correction of a published claim, shown in the public log.",
    )
    changes = models.JSONField(
        help_text="Field by field: [{field, label, before, after}], the values as readers see them."
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "recorded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="claims_revision_reason_required"),
            _length_at_most("reason", MAX_RATIONALE, "claims_revision_reason_length"),
            models.UniqueConstraint(
                fields=["claim", "claim_version"],
                condition=Q(claim__isnull=False),
                name="claims_revision_one_per_version",
            ),
            models.CheckConstraint(
                condition=Q(claim__isnull=True, claim_version__isnull=True)
                | Q(claim__isnull=False, claim_version__isnull=False),
                name="claims_revision_claim_has_version",
            ),
        ]
        indexes = [
            # The corrections log and its feed, with the status changes: newest first.
            models.Index(fields=["-recorded_at", "-id"], name="claims_revision_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id or 'article ' + str(self.article_id)}: {', '.join(c['label'] for c in self.changes)}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise TypeError("Revisions are append-only: rows are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Revisions are append-only: rows are never deleted.")


class PendingVerdictState(models.TextChoices):
    AWAITING = "awaiting", "Awaiting sign-off"
    SIGNED_OFF = "signed_off", "Signed off: public"
    SENT_BACK = "sent_back", "Sent back"


class PendingVerdict(models.Model):
    """A verdict an editor gave that is not public yet: with sign-off required, a second editor signs it off
    (the status change is then written, both editors on it) or sends it back with a note. One awaiting per
    claim; not public."""

    State = PendingVerdictState
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="pending_verdicts")
    to_status = models.ForeignKey(VerificationStatus, on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField(
        max_length=MAX_RATIONALE, validators=[MaxLengthValidator(MAX_RATIONALE), no_bidi_controls]
    )
    citations = models.ManyToManyField(Citation, blank=True, related_name="+")
    claim_version = models.PositiveIntegerField(help_text="The claim's version the verdict was given on.")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.AWAITING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(
        blank=True,
        max_length=MAX_RATIONALE,
        validators=[MaxLengthValidator(MAX_RATIONALE), no_bidi_controls],
        help_text="Why it was sent back.",
    )
    status_change = models.OneToOneField(
        "StatusChange", null=True, blank=True, on_delete=models.PROTECT, related_name="sign_off_of"
    )

    class Meta:
        ordering = ["claim_id", "proposed_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(rationale=""), name="claims_pendingverdict_rationale_required"),
            models.CheckConstraint(
                condition=Q(state__in=PendingVerdictState.values), name="claims_pendingverdict_state_valid"
            ),
            models.UniqueConstraint(
                fields=["claim"], condition=Q(state="awaiting"), name="claims_pendingverdict_one_awaiting"
            ),
            models.CheckConstraint(
                condition=Q(state="awaiting", decided_by__isnull=True, decided_at__isnull=True)
                | (~Q(state="awaiting") & Q(decided_by__isnull=False, decided_at__isnull=False)),
                name="claims_pendingverdict_decision_recorded",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("proposed_by")),
                name="claims_pendingverdict_decided_by_another",
            ),
            models.CheckConstraint(
                condition=~Q(state="signed_off") | Q(status_change__isnull=False),
                name="claims_pendingverdict_signed_off_is_written",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.to_status_id} ({self.state})"


class Candidate(models.Model):
    """A passage of an article that intake found worth checking (claims.language), with what a claim of it
    would hold. An editor accepts it (a draft claim is made from it, claims.services.intake) or dismisses it,
    and who decided, when and why is kept. Not public: readers see claims, never candidates."""

    Status = CandidateStatus
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="candidates")
    start = models.PositiveIntegerField(help_text="Character offset of the passage in the article's text.")
    end = models.PositiveIntegerField(help_text="Character offset just after the passage.")
    text = models.TextField(max_length=MAX_TEXT, validators=[MaxLengthValidator(MAX_TEXT)])
    score = models.DecimalField(
        max_digits=4, decimal_places=3, help_text="Check-worthiness, from 0 to 1: how much the passage asserts."
    )
    reasons = models.JSONField(default=list, blank=True, help_text="Why the score: one phrase per feature found.")
    proposal = models.JSONField(
        default=dict,
        blank=True,
        help_text="What a claim of this passage would hold: quantities, dates, attribution, uncertainty, "
        "checkability, as the claim's own fields.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    claim = models.OneToOneField(
        Claim,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidate",
        help_text="The draft made from it.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    dismiss_reason = models.CharField(
        max_length=500, blank=True, validators=[no_bidi_controls], help_text="Why it is not worth a claim."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article_id", "start", "end"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claims_candidate_passage_not_empty"),
            models.CheckConstraint(
                condition=Q(status__in=CandidateStatus.values), name="claims_candidate_status_valid"
            ),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="claims_candidate_score_range"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(decided_at__isnull=False), name="claims_candidate_decision_dated"
            ),
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(dismiss_reason=""), name="claims_candidate_dismissal_has_reason"
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="claims_candidate_one_per_passage"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class DataRevision(models.Model):
    """One row whose token changes whenever anything a reader or an API client sees changes.

    Database triggers (migration 0005) set a new random token on every write to the claims tables, in
    the writer's own transaction, so the token and the data become visible together and no path (admin,
    API, commands, shell, raw SQL) can change the data without changing it. Reads that are expensive and
    rarely change — a list's count and last change, the reader list's status counts and filter choices —
    are cached under the token (claims.revision), so they are computed once per change instead of once
    per request.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.BigIntegerField(default=0, help_text="Changes on every write to the claims tables.")

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="claims_datarevision_single_row")]

    def __str__(self) -> str:
        return f"data revision {self.token}"
