"""ETag and Last-Modified on lists and details, 304s that cost no serialization, and validators that
change whenever what they describe changes (edits, status changes, history)."""

from __future__ import annotations

import pytest
from django.utils.http import http_date

from claims.models import Article, Source
from claims.services.claims import claim_update
from claims.services.status import claim_change_status
from tests.api.support import ANON_THROTTLE_QUERIES, API, client_for
from tests.helpers.seed_article import add_broadcom_claim, add_capacity_claim, techspot_citation


@pytest.fixture
def claims(article, claim, citation):
    # "reviewed" has a rated verdict, hence a ClaimReview (claims/{id}/claimreview/ is a 404 without one).
    reviewed = add_broadcom_claim(article, visibility="published")
    claim_change_status(
        claim=reviewed, to_status="misleading", rationale="Denied.", by=None, citations=[techspot_citation(reviewed)]
    )
    return {"starts": claim, "capacity": add_capacity_claim(article), "reviewed": reviewed}


def urls(claims, article):
    claim = claims["starts"]
    return [
        f"{API}claims/",
        f"{API}claims/?format=csv",
        f"{API}claims/{claim.pk}/",
        f"{API}claims/{claim.pk}/history/",
        f"{API}claims/{claims['reviewed'].pk}/claimreview/",
        f"{API}claimreview/feed/",
        f"{API}articles/",
        f"{API}articles/{article.pk}/",
        f"{API}sources/",
        f"{API}statuses/",
    ]


def test_every_read_answers_304_to_its_own_etag(claims, article, client):
    for url in urls(claims, article):
        first = client.get(url)
        assert first.status_code == 200, url
        etag = first["ETag"]
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, url
        assert again["ETag"] == etag
        assert again.content == b""


def test_claim_reads_also_carry_last_modified_and_honour_if_modified_since(claims, article, client):
    claim = claims["starts"]
    latest = max(c.updated_at for c in claims.values())
    expected = {
        f"{API}claims/": latest,
        f"{API}claims/{claim.pk}/": claim.updated_at,
        f"{API}claims/{claim.pk}/history/": claim.updated_at,
    }
    for url, modified in expected.items():
        response = client.get(url)
        assert response["Last-Modified"] == http_date(modified.timestamp()), url
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


def test_a_304_runs_no_serialization_query(claims, client, django_assert_num_queries):
    etag = client.get(f"{API}claims/").headers["ETag"]
    # 1 the data revision (the count and latest change are cached under it); nothing else but the throttle's
    with django_assert_num_queries(1 + ANON_THROTTLE_QUERIES):
        assert client.get(f"{API}claims/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    claim = claims["starts"]
    etag = client.get(f"{API}claims/{claim.pk}/").headers["ETag"]
    # 1 the claim row (version and updated_at) with the data revision; no children; the throttle's
    with django_assert_num_queries(1 + ANON_THROTTLE_QUERIES):
        assert client.get(f"{API}claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_edit_changes_the_claim_and_list_etags(claims, client, contributor):
    claim = claims["capacity"]
    before = {url: client.get(url)["ETag"] for url in (f"{API}claims/", f"{API}claims/{claim.pk}/")}
    claim_update(claim=claim, by=contributor, expected_version=1, data={"summary": "4.5 GW"}, reason="A clearer title.")
    for url, etag in before.items():
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200, url


def test_a_status_change_changes_the_history_etag(claims, client, editor):
    claim = claims["starts"]
    url = f"{API}claims/{claim.pk}/history/"
    etag = client.get(url)["ETag"]
    claim_change_status(claim=claim, to_status="in_review", rationale="Checking.", by=editor, expected_version=1)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert len(response.json()) == 1


def test_list_etags_depend_on_the_query_string(claims, client):
    assert client.get(f"{API}claims/")["ETag"] != client.get(f"{API}claims/", {"unit": "GW"})["ETag"]
    assert client.get(f"{API}claims/")["ETag"] != client.get(f"{API}claims/", {"format": "csv"})["ETag"]


def test_renaming_a_source_changes_the_sources_etag(claims, client, wsj):
    etag = client.get(f"{API}sources/")["ETag"]
    Source.objects.filter(pk=wsj.pk).update(name="WSJ")
    assert client.get(f"{API}sources/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_renaming_what_a_claim_shows_changes_its_etags(claims, client, wsj, article):
    """A claim embeds its article's title and its sources' names, which change without its version."""
    claim = claims["starts"]
    reads = (f"{API}claims/", f"{API}claims/{claim.pk}/", f"{API}claims/{claims['reviewed'].pk}/claimreview/")
    for rename in (
        lambda: Source.objects.filter(pk=wsj.pk).update(name="WSJ"),
        lambda: Article.objects.filter(pk=article.pk).update(title="OpenAI and Oracle"),
    ):
        etags = {url: client.get(url)["ETag"] for url in reads}
        rename()
        for url, etag in etags.items():
            response = client.get(url, HTTP_IF_NONE_MATCH=etag)
            assert response.status_code == 200, url
    assert client.get(f"{API}claims/{claim.pk}/").json()["article"]["title"] == "OpenAI and Oracle"


def test_publishing_a_claim_changes_the_article_etag(claims, client, editor, article):
    url = f"{API}articles/{article.pk}/"
    etag = client.get(url)["ETag"]
    claim = claims["capacity"]
    claim_update(claim=claim, by=editor, expected_version=1, data={"visibility": "draft"})
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_responses_vary_on_credentials(claims, client, editor):
    assert "Authorization" in client.get(f"{API}claims/")["Vary"]
    assert client_for(editor).get(f"{API}claims/")["ETag"] == client.get(f"{API}claims/")["ETag"]


def test_a_missing_resource_is_a_404_whatever_validator_is_sent(db, client):
    etag = client.get(f"{API}statuses/accurate/")["ETag"]
    assert client.get(f"{API}statuses/nonexistent/", HTTP_IF_NONE_MATCH=etag).status_code == 404
    assert client.get(f"{API}sources/999999/", HTTP_IF_NONE_MATCH="*").status_code == 404


def test_an_early_304_never_skips_the_role_or_the_filters_checks(claims, client, contributor):
    """A list's 304 may come before its filters are parsed, from validators cached for the same filters,
    role and data; a client with another role, or with a bad filter, still gets its 401 or 400."""
    drafts = f"{API}claims/?visibility=draft"
    etag = client_for(contributor).get(drafts)["ETag"]
    assert client_for(contributor).get(drafts, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(drafts, HTTP_IF_NONE_MATCH=etag).status_code == 401
    assert client.get(f"{API}claims/?unit=parsecs", HTTP_IF_NONE_MATCH="*").status_code == 400


def test_a_claim_s_304_costs_one_query_and_ends_with_any_change(claims, client, editor, django_assert_num_queries):
    claim = claims["starts"]
    url = f"{API}claims/{claim.pk}/"
    etag = client.get(url)["ETag"]
    # 1 the data revision: the validators of the last full answer are cached under it; the throttle's
    with django_assert_num_queries(1 + ANON_THROTTLE_QUERIES):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    claim_change_status(claim=claim, to_status="in_review", rationale="Checking.", by=editor, expected_version=1)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
