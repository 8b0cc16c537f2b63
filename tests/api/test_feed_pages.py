"""The ClaimReview DataFeed comes in pages: each a whole schema.org DataFeed of at most `page_size` reviews,
linked to the next by a `next` address in the body and a Link header, each with its own ETag, the filters
still applied, and the same queries for every page whatever its size or place."""

from __future__ import annotations

import re

import pytest

from claims.bulk.synthetic.seed import seed_claims
from claims.models import Claim
from claims.selectors import claimreview
from tests.api.support import ANON_THROTTLE_QUERIES, API

FEED = f"{API}claimreview/feed/"


@pytest.fixture
def rated(db):
    """Synthetic claims, and the public addresses of the published ones that have a ClaimReview."""
    seed_claims(claims=320, seed=31)
    rated = claimreview.with_claim_review(Claim.objects.published())
    urls = {f"http://testserver{claim.get_absolute_url()}" for claim in rated}
    assert len(urls) > 100  # more than one page at the default size
    return urls


def walk(client, url: str) -> list[dict]:
    """Every page from `url`, following `next`; checks that the Link header says the same as the body."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.json()
        links = {
            relation: address for address, relation in re.findall(r'<([^>]+)>; rel="(\w+)"', response.get("Link", ""))
        }
        assert links.get("next") == page["next"]
        assert links.get("prev") == page["previous"]
        pages.append(page)
        url = page["next"]
    return pages


def test_each_page_is_a_whole_datafeed_of_at_most_100_reviews_and_the_pages_hold_every_review(rated, client):
    pages = walk(client, FEED)

    assert len(pages) > 1
    for page in pages:
        assert (page["@context"], page["@type"]) == ("https://schema.org", "DataFeed")
        assert page["dateModified"] and page["name"]
        assert 1 <= len(page["dataFeedElement"]) <= 100
        assert {element["@type"] for element in page["dataFeedElement"]} == {"ClaimReview"}
    assert len(pages[0]["dataFeedElement"]) == 100
    assert pages[0]["previous"] is None and pages[-1]["next"] is None
    urls = [element["url"] for page in pages for element in page["dataFeedElement"]]
    assert len(urls) == len(set(urls))
    assert set(urls) == rated


def test_a_smaller_page_size_walks_the_same_reviews(rated, client):
    pages = walk(client, f"{FEED}?page_size=40")

    assert [len(page["dataFeedElement"]) for page in pages[:-1]] == [40] * (len(pages) - 1)
    assert {element["url"] for page in pages for element in page["dataFeedElement"]} == rated


def test_filters_apply_to_every_page(rated, client):
    accurate = {
        f"http://testserver{claim.get_absolute_url()}" for claim in Claim.objects.published().filter(status="accurate")
    }
    pages = walk(client, f"{FEED}?status=accurate&page_size=10")

    assert len(pages) > 1
    assert all("status=accurate" in page["next"] for page in pages[:-1])
    assert {element["url"] for page in pages for element in page["dataFeedElement"]} == accurate


def test_each_page_has_its_own_etag_and_answers_304_to_it(rated, client):
    first = client.get(FEED)
    second = client.get(first.json()["next"])

    assert first["ETag"] != second["ETag"]
    assert client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(first.json()["next"], HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    assert client.get(first.json()["next"], HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize("page_size", [5, 100])
def test_every_page_costs_the_same_queries_whatever_its_size_or_place(
    rated, client, django_assert_num_queries, page_size
):
    first = client.get(FEED, {"page_size": page_size}).json()  # the feed's statistics, now cached
    # The data revision, the page's claims (with status, article, publisher and source), their histories.
    with django_assert_num_queries(3 + ANON_THROTTLE_QUERIES):
        assert client.get(FEED, {"page_size": page_size}).status_code == 200
    with django_assert_num_queries(3 + ANON_THROTTLE_QUERIES):
        assert client.get(first["next"]).status_code == 200


def test_a_page_number_jumps_and_a_page_past_the_end_is_a_json_404(rated, client):
    second = client.get(FEED, {"page": 2}).json()

    assert len(second["dataFeedElement"]) >= 1
    response = client.get(FEED, {"page": 999})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
