"""If-Match names the claim as well as the version: another claim's ETag is refused (400 naming If-Match)
even when the two versions happen to be equal, so that a write meant for one claim never lands on another;
for an edit (PATCH) and for a status change (POST status/) alike."""

from __future__ import annotations

import pytest

from claims.models import Claim
from tests.api.support import API, client_for, error_of
from tests.factories import ClaimFactory
from tests.helpers.seed_article import BROADCOM_PASSAGE


@pytest.fixture
def two_claims(article):
    """Two draft claims of the same article, both at version 1 (drafts: an edit needs no reason to publish)."""
    target = ClaimFactory(article=article, slug="starts")
    other = ClaimFactory(article=article, slug="broadcom", text=BROADCOM_PASSAGE)
    assert target.version == other.version == 1
    return target, other


def etag_of(api, claim: Claim) -> str:
    etag = api.get(f"{API}claims/{claim.pk}/")["ETag"]
    assert etag.startswith(f'"{claim.pk}.1.')  # the version is the same as the target's; the id is not
    return etag


def untouched(claim: Claim) -> dict:
    return Claim.objects.filter(pk=claim.pk).values("version", "summary", "status", "rationale").get()


def test_an_edit_with_another_claim_s_etag_is_refused_and_changes_nothing(two_claims, contributor):
    target, other = two_claims
    api = client_for(contributor)
    before = untouched(target)

    response = api.patch(
        f"{API}claims/{target.pk}/",
        {"summary": "meant for the other"},
        format="json",
        HTTP_IF_MATCH=etag_of(api, other),
    )

    assert response.status_code == 400
    assert set(error_of(response)["fields"]) == {"If-Match"}
    assert untouched(target) == before


def test_a_status_change_with_another_claim_s_etag_is_refused_and_changes_nothing(two_claims, editor):
    target, other = two_claims
    api = client_for(editor)
    before = untouched(target)

    response = api.post(
        f"{API}claims/{target.pk}/status/",
        {"status": "in_review", "rationale": "Meant for the other claim."},
        format="json",
        HTTP_IF_MATCH=etag_of(api, other),
    )

    assert response.status_code == 400
    assert set(error_of(response)["fields"]) == {"If-Match"}
    assert untouched(target) == before


def test_the_claim_s_own_etag_is_accepted_for_both(two_claims, editor):
    target, _ = two_claims
    api = client_for(editor)

    edit = api.patch(
        f"{API}claims/{target.pk}/", {"summary": "Starts in 2027"}, format="json", HTTP_IF_MATCH=etag_of(api, target)
    )
    assert edit.status_code == 200
    etag = api.get(f"{API}claims/{target.pk}/")["ETag"]
    change = api.post(
        f"{API}claims/{target.pk}/status/",
        {"status": "in_review", "rationale": "Checking the date."},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert change.status_code == 200
