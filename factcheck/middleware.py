"""Project-wide middleware: the admin's style attributes, and the API's body size limit."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from factcheck.errors import body_too_large, is_api


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


class APIBodySizeMiddleware:
    """Refuse an API request whose declared body is over DATA_UPLOAD_MAX_MEMORY_SIZE: a 413 in the API's
    error shape, before anything reads it.

    Django checks the limit when a form or `request.body` is read, but DRF's parsers read the request as a
    stream, which Django does not measure: without this, a JSON body of any size would be read into memory.
    Placed high in MIDDLEWARE, so that no session or user is loaded for a request refused anyway.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and is_api(request):
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0  # unreadable: DRF reads no body then
            if declared > limit:
                return body_too_large()
        return self.get_response(request)
