"""The corrections log and its Atom feed (public changes only, newest first), the sitemap and robots.txt."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory, change_status
from tests.web.support import many_claims


def test_the_corrections_log_lists_every_public_change_newest_first(client, newsroom):
    response = client.get(reverse("claims:changes"))
    html = response.content.decode()
    changes = list(response.context["page"])
    assert len(changes) == 5  # amount twice, start, capacity, broadcom; not the draft
    assert all(c.kind == "status" for c in changes)
    assert [c.when for c in changes] == sorted((c.when for c in changes), reverse=True)
    assert "DRAFT-ONLY REASON" not in html
    assert "Reported by the WSJ from anonymous sources; unconfirmed." in html
    assert f'href="{newsroom["claims"]["amount"].get_absolute_url()}#change-2"' in html


def test_the_corrections_log_is_paginated(client, db):
    many_claims(60)
    first = client.get(reverse("claims:changes"))
    assert len(first.context["page"]) == 50
    assert len(client.get(f"{reverse('claims:changes')}?page=2").context["page"]) == 10


@pytest.mark.parametrize("count", [3, 30])
def test_the_corrections_log_runs_the_same_queries_for_3_or_30_changes(client, db, django_assert_num_queries, count):
    many_claims(count)
    # The count; the page's keys (status changes and corrections, newest first); its status changes with
    # claims, articles and statuses (its corrections, when it has some, are one query more).
    with django_assert_num_queries(3):
        assert client.get(reverse("claims:changes")).status_code == 200


ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_atom_feed_is_valid_xml_with_one_entry_per_public_change(client, newsroom, django_assert_num_queries):
    # The newest keys of the corrections log; its status changes with their claims and statuses (its
    # corrections, when it has some, are one query more).
    with django_assert_num_queries(2):
        response = client.get(reverse("claims:changes-feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 -- our own response
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert "OpenAI's Oracle contract is worth $300 billion over five years: In review \u2192 Accurate" in titles
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert "http://testserver/claims/amount/#change-3" in links
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == 5
    assert b"DRAFT-ONLY" not in response.content


def test_the_sitemap_is_valid_xml_listing_public_pages_only(client, newsroom):
    lonely = ArticleFactory(slug="lonely")
    ClaimFactory(article=lonely, text="C’est officiel", slug="lonely-draft")
    response = client.get(reverse("claims:sitemap"))
    root = ElementTree.fromstring(response.content)  # noqa: S314 -- our own response
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = {url.findtext(f"{namespace}loc") for url in root.findall(f"{namespace}url")}
    expected_claims = {f"http://testserver/claims/{slug}/" for slug in newsroom["claims"]}
    assert expected_claims <= locations
    assert "http://testserver/articles/openai-oracle/" in locations
    assert {"http://testserver/", "http://testserver/claims/", "http://testserver/changes/"} <= locations
    assert not any("draft" in location or "lonely" in location for location in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


MARKUP = (
    'See <img src="https://attacker.example/p.gif" onerror="alert(1)"> and <a href="https://attacker.example">here</a>.'
)


def test_the_atom_feed_sends_a_rationale_as_plain_text_never_as_live_markup(client, newsroom):
    claim = newsroom["claims"]["amount"]
    change_status(claim, "in_review", MARKUP)

    response = client.get(reverse("claims:changes-feed"))
    feed = ElementTree.fromstring(response.content)  # noqa: S314 -- our own response
    summaries = [entry.find(f"{ATOM}summary") for entry in feed.findall(f"{ATOM}entry")]
    [summary] = [element for element in summaries if element.text == MARKUP]

    assert summary.get("type") == "text"
    assert {element.get("type") for element in summaries} == {"text"}
    assert b"<img" not in response.content and b"&lt;img" in response.content


def test_the_atom_feed_s_entry_ids_and_links_are_absolute_addresses(client, newsroom):
    feed = ElementTree.fromstring(client.get(reverse("claims:changes-feed")).content)  # noqa: S314
    entries = feed.findall(f"{ATOM}entry")

    for entry in entries:
        assert entry.findtext(f"{ATOM}id").startswith("http://testserver/claims/")
        assert entry.find(f"{ATOM}link").get("href") == entry.findtext(f"{ATOM}id")
    assert feed.findtext(f"{ATOM}id").startswith("http://testserver/")
