"""The claims list's parameters. This FilterSet reads and validates them (a value that cannot be read is a
400 naming the parameter, never an empty list) and documents them in the OpenAPI schema; what each one does
to the list is claims.selectors.claim_filters', which the reader site's list uses too. They combine (AND).
"""

from __future__ import annotations

import datetime as dt

import django_filters as filters
from django import forms
from django_filters.fields import IsoDateTimeField
from rest_framework.exceptions import NotAuthenticated, PermissionDenied

from claims.api.permissions import can_see_drafts
from claims.models import Article, Claim, Quantity, Source, VerificationStatus
from claims.rules.validation import MAX_AMOUNT
from claims.selectors.claim_filters import ClaimFilters, filter_claims, in_list_order


class InstantField(IsoDateTimeField):
    """An ISO 8601 instant that must exist in UTC: "0001-01-01T00:00+14:00" is a valid text but falls
    before year 1 in UTC, where the database adapter would fail with an OverflowError (a 500)."""

    def to_python(self, value):
        instant = super().to_python(value)
        if instant is not None:
            try:
                instant.astimezone(dt.UTC)
            except OverflowError:
                raise forms.ValidationError("This instant is out of range.", code="invalid") from None
        return instant


class InstantFilter(filters.IsoDateTimeFilter):
    field_class = InstantField


class ClaimFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        ranged = [name for name in ("amount_min", "amount_max") if data.get(name) is not None]
        if ranged and not data.get("unit"):
            for name in ranged:
                self.add_error(name, "An amount range needs a unit: add unit=, e.g. unit=USD.")
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error("amount_max", "The maximum cannot be below the minimum.")
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end of the date range cannot be before its start.")
        return data


class ClaimFilter(filters.FilterSet):
    # Every filter names its label: django-filter otherwise derives it, through gettext, for each filter
    # on each request (a tenth of a list request's time).
    status = filters.ModelMultipleChoiceFilter(
        label="Status",
        queryset=VerificationStatus.objects.all(),
        help_text="Status code; repeat for several (OR).",
    )
    normalized = filters.MultipleChoiceFilter(
        label="Normalized class",
        field_name="status__normalized",
        choices=VerificationStatus.Normalized.choices,
        help_text="The verdict's normalized class (true, false, mixture, other); repeat for several.",
    )
    article = filters.ModelChoiceFilter(label="Article", queryset=Article.objects.all(), help_text="Article id.")
    entity = filters.ModelChoiceFilter(
        label="Entity",
        field_name="entities",
        queryset=Source.objects.all(),
        help_text="Id of a source the claim is about.",
    )
    attributed_to = filters.ModelChoiceFilter(
        label="Attributed to", queryset=Source.objects.all(), help_text="Id of the source the claim is attributed to."
    )
    uncertainty = filters.MultipleChoiceFilter(
        label="Uncertainty", choices=Claim.Uncertainty.choices, help_text="Kind of hedge."
    )
    checkability = filters.MultipleChoiceFilter(label="Checkability", choices=Claim.Checkability.choices)
    unit = filters.ChoiceFilter(
        label="Unit",
        choices=Quantity.Unit.choices,
        help_text="Claims with a quantity in this unit.",
    )
    amount_min = filters.NumberFilter(
        label="Amount at least",
        min_value=0,
        max_value=MAX_AMOUNT,
        max_digits=20,
        decimal_places=4,
        help_text="With unit: a quantity of that unit at least this large.",
    )
    amount_max = filters.NumberFilter(
        label="Amount at most",
        min_value=0,
        max_value=MAX_AMOUNT,
        max_digits=20,
        decimal_places=4,
        help_text="With unit: a quantity of that unit at most this large.",
    )
    date_from = filters.DateFilter(
        label="Mentions a date from",
        help_text="Claims mentioning a date (at any precision) that reaches this day or later.",
    )
    date_to = filters.DateFilter(
        label="Mentions a date until",
        help_text="Claims mentioning a date (at any precision) that starts by this day.",
    )
    updated_since = InstantFilter(
        label="Updated since",
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Changed at or after this instant (ISO 8601; UTC when no offset): incremental sync.",
    )
    # A choice, not a BooleanFilter: that one reads any unknown word as "no filter" instead of a 400.
    recheck_due = filters.ChoiceFilter(
        label="Re-check due",
        choices=[("true", "true"), ("false", "false")],
        help_text="true: the re-check date has come; false: it has not or there is none.",
    )
    search = filters.CharFilter(
        label="Search",
        max_length=500,
        help_text="Words in the text, its English rendering or its summary.",
    )
    visibility = filters.ChoiceFilter(
        label="Visibility",
        choices=[*Claim.Visibility.choices, ("all", "All")],
        help_text="Drafts are listed only for contributors and editors; published by default.",
    )
    ordering = filters.OrderingFilter(
        label="Ordering",
        fields=(
            ("updated_at", "updated_at"),
            ("id", "id"),
            ("recheck_on", "recheck_on"),
            ("article__published_on", "published_on"),
        ),
        help_text="Sort key, '-' for descending; the default is -updated_at.",
    )

    class Meta:
        model = Claim
        fields: list[str] = []
        form = ClaimFilterForm

    def get_form_class(self):
        # The form class is the same for every request (no filter's field depends on the request), and
        # building its seventeen fields was a fifth of a list request's time: build it once. Each form
        # instance still deep-copies its fields, querysets included, so nothing is shared between requests.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    def filter_queryset(self, queryset):
        """The list narrowed by claims.selectors.claim_filters, in one visibility and a total order."""
        data = self.form.cleaned_data
        visibility = data.get("visibility") or Claim.Visibility.PUBLISHED
        if visibility != Claim.Visibility.PUBLISHED and not can_see_drafts(self.request.user):
            if not self.request.user.is_authenticated:
                raise NotAuthenticated("Log in or send a token to list drafts.")
            raise PermissionDenied("Drafts are listed only for contributors and editors.")
        claims = filter_claims(queryset, self.claim_filters(data))
        ordering = None
        if data.get("ordering"):
            ordering = self.filters["ordering"].filter(claims, data["ordering"]).query.order_by
        return in_list_order(claims, visibility=visibility, ordering=ordering)

    @staticmethod
    def claim_filters(data: dict) -> ClaimFilters:
        """The validated parameters as the selector's filters."""
        recheck = data.get("recheck_due")
        return ClaimFilters(
            statuses=tuple(status.pk for status in data.get("status") or ()),
            normalized=tuple(data.get("normalized") or ()),
            article=data["article"].pk if data.get("article") else None,
            entity=data["entity"].pk if data.get("entity") else None,
            attributed_to=data["attributed_to"].pk if data.get("attributed_to") else None,
            uncertainty=tuple(data.get("uncertainty") or ()),
            checkability=tuple(data.get("checkability") or ()),
            unit=data.get("unit") or "",
            amount_min=data.get("amount_min"),
            amount_max=data.get("amount_max"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            updated_since=data.get("updated_since"),
            recheck_due=None if not recheck else recheck == "true",
            query=data.get("search") or "",
        )
