"""ETag and Last-Modified from cheap queries, so that an unchanged resource costs no serialization.

A list's validators come from one aggregate query over the filtered rows (how many, the latest
`updated_at`) and the request's query string; a claim's from its version and `updated_at`, which every
write (edits and status changes alike, so the history too) raises.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.http import JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from claims.api.errors import error_body


def make_etag(*parts) -> str:
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return quote_etag(digest)


def not_modified(request, *, etag: str | None, last_modified: datetime | None):
    """A 304 (or 412 for a failed If-Match on a read) when the client's copy is current, else None."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is not None and response.status_code == 412:
        # Django's 412 has an empty HTML body; the API's errors all have one shape.
        detail = "The resource changed: its current ETag or date no longer matches If-Match / If-Unmodified-Since."
        return JsonResponse(error_body(status_code=412, code="precondition_failed", detail=detail), status=412)
    return response


def set_validators(response, *, etag: str | None, last_modified: datetime | None):
    if etag and not response.has_header("ETag"):
        response["ETag"] = etag
    if last_modified and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified.timestamp())
    # The same address answers drafts to contributors and 404 to others: caches must key on the credentials.
    response["Vary"] = "Accept, Authorization, Cookie"
    return response
