"""Conditional requests: ETag and Last-Modified from cheap queries, so that an unchanged resource costs no
serialization, and If-Match carrying the version a write expects.

A list's validators come from its statistics (how many claims match, the latest `updated_at`), computed
once per data revision for the same filters and role (claims.selectors.revision); a claim's from its version,
`updated_at` and the data revision, which every write raises (edits and status changes alike, so the history
too, and a renamed article or source through the revision).
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from django.http import JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from rest_framework.exceptions import ValidationError

from claims.api.errors import error_body
from claims.api.permissions import can_see_drafts
from claims.selectors import revision
from claims.selectors.api import list_stats

# Parameters that choose a page or a rendering, not which claims: the list's statistics are shared across
# them (a client walking a list by cursor pays for the count once, not once per page).
PAGE_PARAMETERS = frozenset({"page", "page_size", "format", "cursor"})


def make_etag(*parts) -> str:
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return quote_etag(digest)


def claim_etag(pk: int, version: int, updated_at: datetime, token: int | None) -> str:
    # Readable on purpose: "id.version.updated_at.revision" lets If-Match carry the version a write expects.
    # The data revision covers what the claim shows from other rows (its article's title, a source's name),
    # which can change without the claim's version.
    return f'"{pk}.{version}.{int(updated_at.timestamp() * 1_000_000)}.{token or 0}"'


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


def answer_if_current(request, *, etag: str | None, last_modified: datetime | None):
    """The 304 (or 412) with its validators when the client's copy is current, else None."""
    if response := not_modified(request, etag=etag, last_modified=last_modified):
        return set_validators(response, etag=etag, last_modified=last_modified)
    return None


def _stats_scope(request) -> tuple:
    matching = sorted((key, values) for key, values in request.query_params.lists() if key not in PAGE_PARAMETERS)
    return (matching, can_see_drafts(request.user))


def cached_list_stats(name: str, request, queryset, token: int | None) -> dict:
    """list_stats() of the filtered queryset, computed once per data revision, filters and role."""
    return revision.cached(name, token, _stats_scope(request), lambda: list_stats(queryset))


def known_list_stats(name: str, request, token: int | None) -> dict | None:
    """The stats cached_list_stats() holds for this request's filters under this revision, if any. They exist
    only once the same filters were read and answered for the same role under the same data, so a client
    holding the ETag may have its 304 before the filters are parsed again."""
    return revision.peek(name, token, _stats_scope(request))


def _validators_scope(request, pk) -> tuple:
    return (str(pk), can_see_drafts(request.user))


def remember_claim_validators(request, claim, token: int | None) -> None:
    """Keep the validators of a claim's full answer for known_claim_validators() under this revision."""
    validators = (claim.pk, claim.version, claim.updated_at)
    revision.remember("claim-validators", token, _validators_scope(request, claim.pk), validators)


def cached_claim_validators(request, pk, token: int | None, compute):
    """(pk, version, updated_at) of the claim's last full answer to the same role under this revision, else
    `compute()`'s (False for a claim this role cannot read), kept for the next request."""
    return revision.cached("claim-validators", token, _validators_scope(request, pk), compute)


_IF_MATCH = re.compile(r'^\s*(?:W/)?"?(?:(?P<id>\d+)\.)?(?P<version>\d{1,9})(?:\.\d+){0,2}"?\s*$')


def expected_version(request, claim, body_version: int | None) -> int:
    """The version the client saw: `version` in the body or If-Match (our ETag, or a bare version)."""
    header = request.headers.get("If-Match")
    header_version = None
    if header:
        match = _IF_MATCH.match(header)
        if not match or (match["id"] and int(match["id"]) != claim.pk):
            raise ValidationError({"If-Match": ["Send this claim's ETag, or the version you read, as If-Match."]})
        header_version = int(match["version"])
    if body_version is not None and header_version is not None and body_version != header_version:
        raise ValidationError({"version": ["The body's version and If-Match disagree."]})
    version = body_version if body_version is not None else header_version
    if version is None:
        raise ValidationError({"version": ["Send the version you read (body `version` or If-Match): see 409."]})
    return version


class RevisionETagMixin:
    """ETag for articles, sources and statuses: the data revision and the request, one query whatever
    the number of rows (the revision changes with any row these answers show)."""

    def list(self, request, *args, **kwargs):
        etag = make_etag(self.basename, sorted(request.query_params.lists()), revision.current_token())
        if response := answer_if_current(request, etag=etag, last_modified=None):
            return response
        return set_validators(super().list(request, *args, **kwargs), etag=etag, last_modified=None)

    def retrieve(self, request, *args, **kwargs):
        if not self.get_queryset().filter(pk=kwargs["pk"]).exists():
            return super().retrieve(request, *args, **kwargs)  # the 404, whatever validator was sent
        etag = make_etag(self.basename, kwargs["pk"], revision.current_token())
        if response := answer_if_current(request, etag=etag, last_modified=None):
            return response
        return set_validators(super().retrieve(request, *args, **kwargs), etag=etag, last_modified=None)
