"""The claims list's filters. They combine (AND); a value that cannot be read is a 400 naming the
parameter, never an empty list.

Filters on a claim's children (unit, amount range, mentioned dates) use EXISTS subqueries, so a claim
with two matching quantities is listed once and the count needs no DISTINCT.
"""

from __future__ import annotations

import datetime as dt

import django_filters as filters
from django import forms
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_filters.fields import IsoDateTimeField
from rest_framework.exceptions import NotAuthenticated, PermissionDenied

from claims.models import MAX_AMOUNT, Article, Claim, DateMention, Quantity, Source, VerificationStatus


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


def can_see_drafts(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("claims.view_claim"))


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


# Dates are stored as year/month/day at a precision; a mention covers the days from its first to its
# last. As yyyymmdd integers (31 stands for "end of month": only order matters) both ends are SQL.
_FIRST_DAY = F("year") * 10000 + Coalesce("month", 1) * 100 + Coalesce("day", 1)
_LAST_DAY = Case(
    When(precision=DateMention.Precision.DAY, then=F("year") * 10000 + F("month") * 100 + F("day")),
    When(precision=DateMention.Precision.MONTH, then=F("year") * 10000 + F("month") * 100 + 31),
    When(precision=DateMention.Precision.QUARTER, then=F("year") * 10000 + (F("month") + 2) * 100 + 31),
    When(precision=DateMention.Precision.HALF, then=F("year") * 10000 + (F("month") + 5) * 100 + 31),
    default=F("year") * 10000 + Value(1231),
    output_field=IntegerField(),
)


def _day_key(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


class ClaimFilter(filters.FilterSet):
    # Every filter names its label: django-filter otherwise derives it, through gettext, for each filter
    # on each request (a tenth of a list request's time).
    # distinct=False: a status is a column of the claim, no join can repeat a row, and DISTINCT over every
    # column (the texts included) would turn an index range scan into a sort of all matching rows.
    status = filters.ModelMultipleChoiceFilter(
        label="Status",
        queryset=VerificationStatus.objects.all(),
        distinct=False,
        help_text="Status code; repeat for several (OR).",
    )
    normalized = filters.MultipleChoiceFilter(
        label="Normalized class",
        distinct=False,
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
        method="filter_quantities",
        help_text="Claims with a quantity in this unit.",
    )
    amount_min = filters.NumberFilter(
        label="Amount at least",
        method="filter_quantities",
        min_value=0,
        max_value=MAX_AMOUNT,
        max_digits=20,
        decimal_places=4,
        help_text="With unit: a quantity of that unit at least this large.",
    )
    amount_max = filters.NumberFilter(
        label="Amount at most",
        method="filter_quantities",
        min_value=0,
        max_value=MAX_AMOUNT,
        max_digits=20,
        decimal_places=4,
        help_text="With unit: a quantity of that unit at most this large.",
    )
    date_from = filters.DateFilter(
        label="Mentions a date from",
        method="filter_dates",
        help_text="Claims mentioning a date (at any precision) that reaches this day or later.",
    )
    date_to = filters.DateFilter(
        label="Mentions a date until",
        method="filter_dates",
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
        method="filter_recheck_due",
        help_text="true: the re-check date has come; false: it has not or there is none.",
    )
    search = filters.CharFilter(
        label="Search",
        method="filter_search",
        max_length=500,
        help_text="Words in the text, its English rendering or its summary.",
    )
    visibility = filters.ChoiceFilter(
        label="Visibility",
        choices=[*Claim.Visibility.choices, ("all", "All")],
        method="filter_visibility",
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

    def filter_quantities(self, queryset, name, value):
        # unit, amount_min and amount_max are one condition on the same quantity: applied once, from unit.
        if name != "unit":
            return queryset
        data = self.form.cleaned_data
        quantities = Quantity.objects.filter(claim=OuterRef("pk"), unit=value)
        if data.get("amount_min") is not None:
            quantities = quantities.filter(value__gte=data["amount_min"])
        if data.get("amount_max") is not None:
            quantities = quantities.filter(value__lte=data["amount_max"])
        return queryset.filter(Exists(quantities))

    def filter_dates(self, queryset, name, value):
        if name == "date_to" and self.form.cleaned_data.get("date_from"):
            return queryset  # both ends were applied together with date_from
        data = self.form.cleaned_data
        mentions = DateMention.objects.filter(claim=OuterRef("pk")).alias(first_day=_FIRST_DAY, last_day=_LAST_DAY)
        if data.get("date_from"):
            mentions = mentions.filter(last_day__gte=_day_key(data["date_from"]))
        if data.get("date_to"):
            mentions = mentions.filter(first_day__lte=_day_key(data["date_to"]))
        return queryset.filter(Exists(mentions))

    def filter_recheck_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "true":
            return queryset.filter(recheck_on__lte=today)
        return queryset.filter(Q(recheck_on__isnull=True) | Q(recheck_on__gt=today))

    def filter_search(self, queryset, name, value):
        from claims.search import search_claims

        return search_claims(queryset, value)

    def filter_visibility(self, queryset, name, value):
        return queryset  # applied in filter_queryset, which also applies the default

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        visibility = self.form.cleaned_data.get("visibility") or Claim.Visibility.PUBLISHED
        if visibility != Claim.Visibility.PUBLISHED and not can_see_drafts(self.request.user):
            if not self.request.user.is_authenticated:
                raise NotAuthenticated("Log in or send a token to list drafts.")
            raise PermissionDenied("Drafts are listed only for contributors and editors.")
        ordering = [*queryset.query.order_by] if self.form.cleaned_data.get("ordering") else None
        return unfiltered_list(queryset, visibility=visibility, ordering=ordering)


def unfiltered_list(queryset, *, visibility: str = Claim.Visibility.PUBLISHED, ordering: list[str] | None = None):
    """What every list is before its filters: one visibility (published unless asked) and a total order.
    ClaimFilter ends with it; the claims list calls it alone when no filter was sent, without building
    the filter form (a fifth of an unfiltered list request otherwise)."""
    if visibility != "all":
        queryset = queryset.filter(visibility=visibility)
    # Pages must not overlap: the id breaks ties between equal sort keys.
    ordering = ordering or ["-updated_at"]
    return queryset.order_by(*ordering, "-id" if ordering[0].startswith("-") else "id")
