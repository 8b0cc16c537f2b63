"""The home page: what the site is, a way to every page, only published claims counted, in a fixed number
of queries; and the reader pages answer reads only."""

import pytest
from django.urls import reverse

from tests.web.support import many_claims


def test_the_home_page_says_what_the_site_is_and_leads_to_every_page(client, newsroom):
    response = client.get(reverse("claims:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "checks each one against" in html
    for name in ("claims:claim-list", "claims:changes", "claims:changes-feed"):
        assert f'href="{reverse(name)}"' in html
    assert f'href="{newsroom["article"].get_absolute_url()}"' in html
    # Counts only published claims: five, one of them accurate twice over? No: two accurate.
    assert "5 published claims, by verdict" in html
    assert response.context["statuses"][[s.code for s, _ in response.context["statuses"]].index("accurate")][1] == 2
    assert "draft-stargate" not in html


@pytest.mark.parametrize("count", [3, 30])
def test_the_home_page_runs_the_same_queries_for_3_or_30_claims(client, db, django_assert_num_queries, count):
    many_claims(count)
    # the data revision; statuses; status counts; latest claims; articles with their claim counts
    with django_assert_num_queries(5):
        assert client.get(reverse("claims:home")).status_code == 200
    # again, with nothing changed: the revision and the latest claims; the aggregates come from the cache
    with django_assert_num_queries(2):
        assert client.get(reverse("claims:home")).status_code == 200


def test_home_page_answers(client, db):
    assert client.get("/").status_code == 200


def test_pages_only_answer_reads(client, newsroom):
    for url in (reverse("claims:claim-list"), newsroom["claims"]["amount"].get_absolute_url()):
        assert client.post(url).status_code == 405
