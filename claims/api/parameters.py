"""Query parameters an API read does not know are refused, never ignored: `?statuss=accurate` would
otherwise answer the whole list as if it were filtered. Each unknown name is a 400 in the API's error shape,
its `fields` naming the parameter and its message listing what the address reads.

What a read knows: `format` everywhere; on a listing (a list, the feed, an article's candidates) its filter
set's parameters and its paginator's (`page`, `page_size`, and `cursor` where the listing is walked by
keyset); and what the view declares for an action in `query_parameters`. The OpenAPI schema documents the
same names for each address (tests/api/test_unknown_parameters.py checks that the two agree).
"""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from claims.api.serializers.intake import SimilarQuerySerializer

CHECKED_METHODS = frozenset({"GET", "HEAD"})


# These mixins carry comments, not docstrings: a view's first docstring is its description in the OpenAPI schema.
class KnownParametersMixin:
    # Actions whose answer is filtered and paged (None: a plain APIView's one read, e.g. the feed).
    listing_actions: frozenset[str | None] = frozenset({"list"})
    # Listings walked by keyset, which document `cursor`.
    cursor_actions: frozenset[str | None] = frozenset()
    # Anything else an action reads from its query string.
    query_parameters: dict[str | None, tuple[str, ...]] = {}

    def known_query_parameters(self) -> frozenset[str]:
        action = getattr(self, "action", None)
        known = {api_settings.URL_FORMAT_OVERRIDE, *self.query_parameters.get(action, ())}
        if action in self.listing_actions:
            filterset = getattr(self, "filterset_class", None)
            if filterset is not None and self.filter_backends:
                known.update(filterset.base_filters)
            paginator = self.paginator
            if paginator is not None:
                known.update({paginator.page_query_param, paginator.page_size_query_param})
                if action in self.cursor_actions:
                    known.add(paginator.cursor_query_param)
        return frozenset(name for name in known if name)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authenticated and throttled first, as any request
        if request.method not in CHECKED_METHODS:
            return
        known = self.known_query_parameters()
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            message = f"Unknown parameter: this address reads {', '.join(sorted(known))}."
            raise ValidationError({name: [message] for name in unknown})


class ClaimParametersMixin(KnownParametersMixin):
    # The claims endpoints: the list is walked by cursor; `similar` reads its own query.
    cursor_actions = frozenset({"list"})
    query_parameters = {"similar": tuple(SimilarQuerySerializer().fields)}


class ArticleParametersMixin(KnownParametersMixin):
    # The articles endpoints: an article's candidates are paged like a list.
    listing_actions = frozenset({"list", "candidates"})
