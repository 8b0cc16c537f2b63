"""What a list of claims is narrowed by: one implementation for the reader list (claims.web) and the API's
list, CSV and ClaimReview feed (claims.api.filters). Each of those parses its own parameters (the reader
names articles and sources by slug, the API by id) into a ClaimFilters, and this module applies it.

Filters on a claim's children (unit and amount range, mentioned dates) are EXISTS subqueries, so a claim
with two matching quantities is listed once and a count needs no DISTINCT; no other filter joins a table
that could repeat a claim (entity slugs and ids are unique), so none adds DISTINCT either: DISTINCT over
every column (the texts included) turns an index range scan into a sort of every matching row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Exists, F, IntegerField, OuterRef, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.models import Claim, DateMention, Quantity
from claims.selectors.search import search_claims

# The lists' default order, newest change first; the id breaks ties so that pages never overlap, and a
# cursor (claims.api.pagination) continues exactly this order.
LIST_ORDER = ("-updated_at", "-id")


@dataclass(frozen=True)
class ClaimFilters:
    """Every filter a list may apply, already validated; an empty value means "any". Articles, entities and
    sources are named by id (the API) or by slug (the reader site's addresses)."""

    statuses: tuple[str, ...] = ()
    normalized: tuple[str, ...] = ()
    article: int | None = None
    article_slug: str = ""
    entity: int | None = None
    entity_slug: str = ""
    attributed_to: int | None = None
    attributed_to_slug: str = ""
    uncertainty: tuple[str, ...] = ()
    checkability: tuple[str, ...] = ()
    unit: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    updated_since: dt.datetime | None = None
    recheck_due: bool | None = None
    query: str = ""


def filter_claims(claims: QuerySet[Claim], filters: ClaimFilters) -> QuerySet[Claim]:
    """`claims` narrowed by every filter set in `filters` (they combine: AND; the values of one filter: OR)."""
    f = filters
    if f.statuses:
        claims = claims.filter(status_id__in=f.statuses)
    if f.normalized:
        claims = claims.filter(status__normalized__in=f.normalized)
    if f.article is not None:
        claims = claims.filter(article_id=f.article)
    if f.article_slug:
        claims = claims.filter(article__slug=f.article_slug)
    if f.entity is not None:
        claims = claims.filter(entities=f.entity)
    if f.entity_slug:
        claims = claims.filter(entities__slug=f.entity_slug)
    if f.attributed_to is not None:
        claims = claims.filter(attributed_to_id=f.attributed_to)
    if f.attributed_to_slug:
        claims = claims.filter(attributed_to__slug=f.attributed_to_slug)
    if f.uncertainty:
        claims = claims.filter(uncertainty__in=f.uncertainty)
    if f.checkability:
        claims = claims.filter(checkability__in=f.checkability)
    if f.unit:
        claims = claims.filter(Exists(_quantities(f.unit, f.amount_min, f.amount_max)))
    if f.date_from or f.date_to:
        claims = claims.filter(Exists(_dates_reaching(f.date_from, f.date_to)))
    if f.updated_since is not None:
        claims = claims.filter(updated_at__gte=f.updated_since)
    if f.recheck_due is True:
        claims = claims.recheck_due(timezone.localdate())
    elif f.recheck_due is False:
        claims = claims.recheck_not_due(timezone.localdate())
    return search_claims(claims, f.query)


def in_list_order(claims: QuerySet[Claim], *, visibility: str = Claim.Visibility.PUBLISHED, ordering=None):
    """What every list is before its filters: one visibility (published unless asked; "all" for both) and a
    total order, LIST_ORDER unless `ordering` names another sort key (the id then breaks its ties)."""
    if visibility != "all":
        claims = claims.filter(visibility=visibility)
    if not ordering:
        return claims.order_by(*LIST_ORDER)
    ordering = list(ordering)
    return claims.order_by(*ordering, "-id" if ordering[0].startswith("-") else "id")


def _quantities(unit: str, low: Decimal | None, high: Decimal | None) -> QuerySet[Quantity]:
    """A quantity of the claim in `unit`, between the bounds given: the unit and its range are one
    condition on the same quantity."""
    quantities = Quantity.objects.filter(claim=OuterRef("pk"), unit=unit)
    if low is not None:
        quantities = quantities.filter(value__gte=low)
    if high is not None:
        quantities = quantities.filter(value__lte=high)
    return quantities


# Dates are stored as year/month/day at a precision; a mention covers the days from its first to its last.
# As yyyymmdd integers (31 stands for "end of month": only order matters) both ends are SQL.
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


def _dates_reaching(start: dt.date | None, end: dt.date | None) -> QuerySet[DateMention]:
    """A date mention of the claim whose span reaches `start` or later and starts by `end`."""
    mentions = DateMention.objects.filter(claim=OuterRef("pk")).alias(first_day=_FIRST_DAY, last_day=_LAST_DAY)
    if start:
        mentions = mentions.filter(last_day__gte=_day_key(start))
    if end:
        mentions = mentions.filter(first_day__lte=_day_key(end))
    return mentions
