"""ClaimReview JSON-LD per claim and the DataFeed for aggregators: the same fields as the claim page."""

from __future__ import annotations

import json
import re

import pytest

from claims import claimreview
from claims.models import Claim
from claims.services import claim_change_status
from tests.test_api_support import API, add_broadcom_claim, add_capacity_claim


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The personas' passwords are never checked here: skip the deliberately slow production hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


def test_the_feed_lists_published_verdicts_as_a_datafeed(reviewed, article, client):
    add_capacity_claim(article)  # published but unverified: nothing to review yet
    add_broadcom_claim(article)  # a draft

    body = client.get(f"{API}claimreview/feed/").json()

    assert body["@context"] == "https://schema.org"
    assert body["@type"] == "DataFeed"
    assert [element["url"] for element in body["dataFeedElement"]] == [f"http://testserver/claims/{reviewed.slug}/"]
    assert body["dataFeedElement"][0]["@type"] == "ClaimReview"
    assert body["dateModified"] == Claim.objects.get(pk=reviewed.pk).updated_at.isoformat()


def test_the_feed_takes_updated_since_for_incremental_pulls(reviewed, client):
    later = "2999-01-01T00:00:00Z"
    assert client.get(f"{API}claimreview/feed/", {"updated_since": later}).json()["dataFeedElement"] == []
    assert client.get(f"{API}claimreview/feed/", {"updated_since": "yesterday"}).status_code == 400


def test_the_feed_pins_its_queries(reviewed, article, client, django_assert_num_queries):
    # 1 COUNT and MAX(updated_at), 2 the claims with status, article, publisher and source, 3 their histories
    with django_assert_num_queries(3):
        assert client.get(f"{API}claimreview/feed/").status_code == 200
