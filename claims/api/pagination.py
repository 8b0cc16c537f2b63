"""The API's pages (the lists, and the ClaimReview DataFeed): page numbers for jumping, cursors for walking."""

import base64
import binascii
import datetime as dt
import json

from django.core.paginator import InvalidPage, Page
from django.db.models import Q
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.utils.urls import remove_query_param, replace_query_param

from claims.selectors.claim_filters import LIST_ORDER

MAX_PAGE_SIZE = 100
# A cursor (keyset) continues the lists' default order, and only it.
KEYSET_ORDER = LIST_ORDER


def decode_cursor(raw: str) -> tuple[int, dt.datetime, int]:
    """(page number, updated_at, id) of a `next` link's cursor; ValueError if it is not one."""
    try:
        number, instant, pk = json.loads(base64.urlsafe_b64decode(raw.encode("ascii") + b"==").decode())
        updated_at = dt.datetime.fromisoformat(instant).astimezone(dt.UTC)  # an instant that exists in UTC
    except (ValueError, TypeError, OverflowError, UnicodeError, binascii.Error):
        raise ValueError("not a cursor") from None
    if not (isinstance(number, int) and isinstance(pk, int) and 2 <= number < 10**9 and 0 < pk < 2**63):
        raise ValueError("not a cursor")
    return number, updated_at, pk


def _ascii_digits(raw: str) -> bool:
    # str.isdigit() also accepts "²" and "①", which int() then refuses (a 500).
    return raw.isascii() and raw.isdigit()


def after_row(queryset, updated_at: dt.datetime, pk: int):
    """The rows after (updated_at, id) in the order -updated_at, -id. The first condition alone bounds
    the index range scan (an OR of the two cases would make the database read from the list's start);
    the second drops the rows of the same instant already shown."""
    return queryset.filter(updated_at__lte=updated_at).filter(Q(updated_at__lt=updated_at) | Q(pk__lt=pk))


class PageNumberPagination(pagination.PageNumberPagination):
    """`{count, next, previous, results}`; `page_size` from 1 to 100.

    `next` continues from the last row shown (a `cursor`: the keyset `updated_at, id` of that row and the
    page's number), so a client walking a list page after page pays the same for the last page as for
    the first, on an index range scan; `page=N` jumps anywhere but reads and skips the rows before it.
    A cursor works with the default order only; with `ordering=`, `next` is a page number.

    A page size, page number or cursor that cannot be read is a 400 naming the parameter (DRF's own
    class silently clamps or falls back). A view that has already counted the rows (for its ETag) passes
    `count`, which is used instead of asking the database again.
    """

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    cursor_query_param = "cursor"

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not _ascii_digits(raw) or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise ValidationError({"page_size": [f"Give a whole number from 1 to {MAX_PAGE_SIZE}."]})
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None, *, count: int | None = None):
        raw = request.query_params.get(self.page_query_param)
        if raw not in (None, "", "last") and (not _ascii_digits(raw) or int(raw) < 1 or len(raw) > 18):
            raise ValidationError({"page": ["Give a page number from 1."]})
        self.request = request
        self.keyset = tuple(queryset.query.order_by) == KEYSET_ORDER
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        if count is not None:
            paginator.count = count  # cached_property: set it to skip a second COUNT(*)
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor is not None:
            if raw not in (None, ""):
                raise ValidationError({"cursor": ["Give a page or a cursor, not both."]})
            number, after = self.decode_cursor(cursor)
            updated_at, pk = after
            rows = after_row(queryset, updated_at, pk)
            self.page = Page(list(rows[:page_size]), number, paginator)
            return list(self.page)
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage:
            raise NotFound(f"There is no page {page_number}.") from None
        return list(self.page)

    def decode_cursor(self, raw: str) -> tuple[int, tuple[dt.datetime, int]]:
        if not self.keyset:
            raise ValidationError({"cursor": ["Only the claims list in its default order takes a cursor."]})
        try:
            number, updated_at, pk = decode_cursor(raw)
        except ValueError:
            raise ValidationError({"cursor": ["Use a cursor from a `next` link as it is."]}) from None
        return number, (updated_at, pk)

    def encode_cursor(self, number: int, claim) -> str:
        position = [number, claim.updated_at.isoformat(), claim.pk]
        return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")

    def get_next_link(self):
        if not self.page.has_next():
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        if self.keyset and self.page.object_list:
            cursor = self.encode_cursor(self.page.number + 1, self.page.object_list[-1])
            return replace_query_param(url, self.cursor_query_param, cursor)
        url = remove_query_param(url, self.cursor_query_param)
        return replace_query_param(url, self.page_query_param, self.page.next_page_number())

    def get_previous_link(self):
        if not self.page.has_previous():
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        number = self.page.previous_page_number()
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=MAX_PAGE_SIZE)
                parameter["description"] = f"Results per page, 1 to {MAX_PAGE_SIZE} (default {self.page_size})."
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        if getattr(view, "action", None) == "list" and getattr(view, "basename", "") == "claim":
            parameters.append(
                {
                    "name": self.cursor_query_param,
                    "required": False,
                    "in": "query",
                    "description": "Where a `next` link continues (default order only); instead of `page`.",
                    "schema": {"type": "string"},
                }
            )
        return parameters


FEED_PAGE_SIZE = 100


class FeedPagination(PageNumberPagination):
    """The ClaimReview DataFeed's pages: each a whole schema.org DataFeed of at most `page_size` reviews (100
    by default), walked by the `next` link (a cursor, as on the claims list), which the body and the Link
    header both carry. A page is built from one query for its claims and one for their histories, whatever
    the feed's length, so memory and time per request stay bounded."""

    page_size = FEED_PAGE_SIZE

    def links(self) -> dict[str, str | None]:
        return {"next": self.get_next_link(), "previous": self.get_previous_link()}

    def link_header(self) -> str:
        """RFC 8288: `<url>; rel="next", <url>; rel="prev"`, or "" on a feed of one page."""
        links = self.links()
        return ", ".join(
            f'<{url}>; rel="{relation}"'
            for relation, url in (("next", links["next"]), ("prev", links["previous"]))
            if url
        )
