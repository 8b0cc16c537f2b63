"""The answers Django gives itself, outside any API view: under /api/ in the API's one JSON error shape
(claims.api.errors.error_body), elsewhere Django's own pages.

Django answers by itself an unhandled exception (500), a request it refuses before or around the view (a
Host it does not serve, more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS, a body over
DATA_UPLOAD_MAX_MEMORY_SIZE: 413 here, since the size is what is wrong), and a 403 or 404 raised where DRF
does not translate it. factcheck/urls.py installs these as its handler400/403/404/500;
APIBodySizeMiddleware (factcheck.middleware) refuses an API body too large before anything reads it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views import defaults

from claims.api.errors import error_body

API_PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(status_code: int, code: str, detail: str) -> JsonResponse:
    return JsonResponse(error_body(status_code=status_code, code=code, detail=detail), status=status_code)


def body_too_large() -> JsonResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return api_error(413, "body_too_large", f"The request body is larger than the API accepts ({limit} bytes).")


def bad_request(request, exception=None):
    if not is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return body_too_large()
    return api_error(400, "bad_request", "The request could not be read as sent (its host, fields or encoding).")


def permission_denied(request, exception=None):
    if not is_api(request):
        return defaults.permission_denied(request, exception)
    return api_error(403, "permission_denied", "You do not have permission to perform this action.")


def page_not_found(request, exception=None):
    if not is_api(request):
        return defaults.page_not_found(request, exception)
    return api_error(404, "not_found", "No API endpoint at this address.")


def server_error(request):
    if not is_api(request):
        return defaults.server_error(request)
    return api_error(500, "server_error", "The server failed to answer this request; the error has been logged.")
