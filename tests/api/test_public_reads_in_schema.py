"""The OpenAPI schema marks the public reads as needing nothing (`{}` among their security requirements), so
that generated clients do not demand a token to read; writes and intake still need one. What each role may
read is unchanged (tests/api/test_permission_matrix.py holds the whole rule book)."""

from __future__ import annotations

import pytest

from tests.api.schema_snapshot import current_schema
from tests.api.support import API, client_for
from tests.factories import ClaimFactory

PUBLIC_READS = [
    ("/api/v1/claims/", "get"),
    ("/api/v1/claims/{id}/", "get"),
    ("/api/v1/claims/{id}/history/", "get"),
    ("/api/v1/claims/{id}/claimreview/", "get"),
    ("/api/v1/claims/similar/", "get"),
    ("/api/v1/claimreview/feed/", "get"),
    ("/api/v1/articles/", "get"),
    ("/api/v1/articles/{id}/", "get"),
    ("/api/v1/sources/", "get"),
    ("/api/v1/sources/{id}/", "get"),
    ("/api/v1/statuses/", "get"),
    ("/api/v1/statuses/{code}/", "get"),
]
NEED_CREDENTIALS = [
    ("/api/v1/claims/", "post"),
    ("/api/v1/claims/{id}/", "patch"),
    ("/api/v1/claims/{id}/status/", "post"),
    ("/api/v1/articles/", "post"),
    ("/api/v1/articles/{id}/candidates/", "get"),
]


@pytest.fixture(scope="module")
def schema():
    return current_schema()


@pytest.mark.parametrize("path,method", PUBLIC_READS)
def test_a_public_read_needs_no_credentials_in_the_schema(schema, path, method):
    security = schema["paths"][path][method]["security"]

    assert {} in security
    assert {"tokenAuth": []} in security  # a token is still accepted (it shows drafts to editorial roles)


@pytest.mark.parametrize("path,method", NEED_CREDENTIALS)
def test_writes_and_intake_still_need_a_token_or_a_session(schema, path, method):
    assert {} not in schema["paths"][path][method]["security"]


def test_reads_are_permitted_exactly_as_before(claim, contributor):
    draft = ClaimFactory(article=claim.article, slug="a-draft")
    anonymous, editorial = client_for(None), client_for(contributor)

    assert anonymous.get(f"{API}claims/{claim.pk}/").status_code == 200
    assert anonymous.get(f"{API}claims/{claim.pk}/history/").status_code == 200
    assert anonymous.get(f"{API}claims/{draft.pk}/").status_code == 404
    assert anonymous.get(f"{API}claims/{draft.pk}/history/").status_code == 404
    assert editorial.get(f"{API}claims/{draft.pk}/").status_code == 200
    assert anonymous.post(f"{API}claims/", {}, format="json").status_code == 401
    assert anonymous.patch(f"{API}claims/{claim.pk}/", {}, format="json").status_code == 401
