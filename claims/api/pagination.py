from django.core.paginator import InvalidPage
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    """`{count, next, previous, results}`; `page_size` from 1 to 100.

    A page size or page number that is not a positive integer is a 400 naming the parameter (DRF's own
    class silently clamps or falls back). When the view has already counted the rows for its ETag, the
    count is reused instead of asked again.
    """

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise ValidationError({"page_size": [f"Give a whole number from 1 to {MAX_PAGE_SIZE}."]})
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw not in (None, "", "last") and (not raw.isdigit() or int(raw) < 1 or len(raw) > 18):
            raise ValidationError({"page": ["Give a page number from 1."]})
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        known_count = getattr(view, "known_count", None)
        if known_count is not None:
            paginator.count = known_count  # cached_property: set it to skip a second COUNT(*)
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage:
            raise NotFound(f"There is no page {page_number}.") from None
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=MAX_PAGE_SIZE)
                parameter["description"] = f"Results per page, 1 to {MAX_PAGE_SIZE} (default {self.page_size})."
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters
