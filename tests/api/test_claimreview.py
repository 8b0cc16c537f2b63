"""ClaimReview JSON-LD per claim and the DataFeed for aggregators: the same fields as the claim page."""

from __future__ import annotations

import json
import re

import pytest

from claims.models import Claim
from claims.selectors import claimreview
from claims.services.status import claim_change_status
from tests.api.support import ANON_THROTTLE_QUERIES, API, error_of
from tests.helpers.seed_article import add_broadcom_claim, add_capacity_claim


@pytest.fixture
def reviewed(claim, citation, editor):
    claim_change_status(
        claim=claim,
        to_status="accurate",
        rationale="Two reports agree.",
        by=editor,
        citations=[citation],
        expected_version=1,
    )
    return claim


def test_a_claims_review_carries_googles_required_fields(reviewed, client):
    body = client.get(f"{API}claims/{reviewed.pk}/claimreview/").json()

    assert body["@context"] == "https://schema.org"
    assert body["@type"] == "ClaimReview"
    assert body["url"] == f"http://testserver/claims/{reviewed.slug}/"
    assert body["claimReviewed"] == "ce partenariat démarre en 2027"
    assert body["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Accurate",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert body["itemReviewed"]["author"]["name"] == "The Wall Street Journal"
    assert body["itemReviewed"]["inLanguage"] == "fr"
    assert body["datePublished"] == reviewed.history.get().effective_at.date().isoformat()
    assert body["author"]["@type"] == "Organization"


def test_the_api_and_the_claim_page_give_the_same_review(reviewed, client):
    api = client.get(f"{API}claims/{reviewed.pk}/claimreview/").json()
    assert api == claimreview.claim_review(
        claimreview.claim_review_queryset().get(pk=reviewed.pk), base_url="http://testserver/"
    )
    page = client.get(reviewed.get_absolute_url()).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    assert api in [json.loads(script) for script in scripts]


def test_a_draft_has_no_review_even_for_editors(article, client, editor):
    draft = add_broadcom_claim(article)
    assert client.get(f"{API}claims/{draft.pk}/claimreview/").status_code == 404


@pytest.mark.parametrize("code", ["unverified", "in_review", "unverifiable_yet", "not_checkable", "retracted"])
def test_a_published_claim_whose_status_rates_nothing_has_no_review_a_json_404(claim, client, code, status):
    if code != "unverified":
        claim_change_status(claim=claim, to_status=code, rationale="No rating possible.", by=None)
    response = client.get(f"{API}claims/{claim.pk}/claimreview/")

    assert response.status_code == 404
    error = error_of(response)
    assert (error["status"], error["code"]) == (404, "not_found")
    assert error["detail"] == f"No ClaimReview: this claim's status (\u201c{status(code).label}\u201d) gives no rating."
    # The same shape as the 404 of a claim that does not exist.
    missing = error_of(client.get(f"{API}claims/{claim.pk + 1000}/claimreview/"))
    assert set(missing) == set(error) and missing["code"] == "not_found"
    assert client.get(f"{API}claimreview/feed/").json()["dataFeedElement"] == []


def test_the_feed_lists_exactly_the_claims_that_have_a_review(reviewed, article, client):
    unrated_verdict = add_capacity_claim(article)
    claim_change_status(claim=unrated_verdict, to_status="unverifiable_yet", rationale="Too early.", by=None)
    add_broadcom_claim(article, visibility=Claim.Visibility.PUBLISHED)  # published, never reviewed
    add_broadcom_claim(article, slug="broadcom-draft")  # a draft

    body = client.get(f"{API}claimreview/feed/").json()

    assert body["@context"] == "https://schema.org"
    assert body["@type"] == "DataFeed"
    assert [element["url"] for element in body["dataFeedElement"]] == [f"http://testserver/claims/{reviewed.slug}/"]
    assert body["dataFeedElement"][0]["@type"] == "ClaimReview"
    assert body["dateModified"] == Claim.objects.get(pk=reviewed.pk).updated_at.isoformat()
    # Each element is the claim's own review, and every published claim left out answers 404 there.
    by_url = {element["url"]: element for element in body["dataFeedElement"]}
    for claim in Claim.objects.published():
        response = client.get(f"{API}claims/{claim.pk}/claimreview/")
        url = f"http://testserver{claim.get_absolute_url()}"
        assert (response.status_code == 200) == (url in by_url), claim.slug
        if response.status_code == 200:
            assert response.json() == by_url[url]


def test_the_feed_takes_updated_since_for_incremental_pulls(reviewed, client):
    later = "2999-01-01T00:00:00Z"
    assert client.get(f"{API}claimreview/feed/", {"updated_since": later}).json()["dataFeedElement"] == []
    assert client.get(f"{API}claimreview/feed/", {"updated_since": "yesterday"}).status_code == 400


def test_the_feed_pins_its_queries(reviewed, article, client, django_assert_num_queries):
    # 1 the data revision, 2 COUNT and MAX(updated_at) (cached under the revision), 3 the page's claims with
    # status, article, publisher and source, 4 their histories; and the anonymous throttle's.
    with django_assert_num_queries(4 + ANON_THROTTLE_QUERIES):
        assert client.get(f"{API}claimreview/feed/").status_code == 200
    # Again, with no change in between: the count and latest change come from the cache.
    with django_assert_num_queries(3 + ANON_THROTTLE_QUERIES):
        assert client.get(f"{API}claimreview/feed/").status_code == 200
