"""The public site's absolute addresses: the claim page, the API's `url` fields and ClaimReview all name a
page by the same address."""

from __future__ import annotations

from django.conf import settings


def site_base_url(request=None) -> str:
    """The public site's absolute root without trailing slash: settings.FACTCHECK_SITE_URL when set (the
    address readers use, whatever host a request came through), else the request's own."""
    configured = settings.FACTCHECK_SITE_URL
    if configured or request is None:
        return configured.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/")


def absolute_url(request, path: str) -> str:
    """`path` (from get_absolute_url() or reverse()) as an absolute address of the public site."""
    return site_base_url(request) + path
