"""Project-wide middleware."""

from django.urls import NoReverseMatch, reverse


class AdminStyleAttributesMiddleware:
    """Let the admin's widgets (select2's autocomplete) write style="..." attributes.

    Django's admin JavaScript builds some elements with inline style attributes, which `style-src 'self'`
    refuses, leaving dropdowns unsized. Style attributes cannot run code; scripts stay 'self' only, and
    the public pages keep the strict policy. Placed below CSPMiddleware, so its mark is read on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            # Per request (reverse() caches): a urlconf without the admin simply has no admin pages.
            prefix = reverse("admin:index", urlconf=getattr(request, "urlconf", None))
        except NoReverseMatch:
            return response
        if request.path.startswith(prefix):
            update = dict(getattr(response, "_csp_update", None) or {})
            update["style-src-attr"] = ["'unsafe-inline'"]
            response._csp_update = update
        return response
