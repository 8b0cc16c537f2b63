"""Public reads: published claims only, every field of a claim, articles, sources, the scale, the history,
pagination, errors in one shape, and query counts that do not grow with the page size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Source
from claims.services.status import claim_change_status
from tests.api.support import ANON_THROTTLE_QUERIES, API, client_for, error_of, view_queries
from tests.factories import ClaimFactory
from tests.helpers.seed_article import CNA_REUTERS, add_broadcom_claim, add_capacity_claim, add_start_date


@pytest.fixture
def claims(article, claim, citation, editor, status):
    """Three claims of the seed article: two published (one with a verdict and history), one draft."""
    add_start_date(claim)
    claim_change_status(
        claim=claim,
        to_status=status("accurate"),
        rationale="Two reports agree.",
        by=editor,
        citations=[citation],
        expected_version=claim.version,
    )
    capacity = add_capacity_claim(article)
    draft = add_broadcom_claim(article)
    return {"starts": claim, "capacity": capacity, "draft": draft}


def test_the_claims_list_shows_published_claims_only_in_a_page(claims, client):
    response = client.get(f"{API}claims/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    assert {row["id"] for row in body["results"]} == {claims["starts"].pk, claims["capacity"].pk}


def test_a_claim_carries_every_documented_field(claims, client):
    claim = claims["starts"]
    response = client.get(f"{API}claims/{claim.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == claim.pk
    assert body["url"] == f"http://testserver/claims/{claim.slug}/"
    assert body["text"] == "ce partenariat démarre en 2027"
    assert body["language"] == "fr"
    assert body["text_en"] == "the partnership starts in 2027"
    assert body["article"]["id"] == claim.article_id
    assert body["attributed_to"]["name"] == "The Wall Street Journal"
    assert body["attribution_as_stated"] == "Selon le Wall Street Journal"
    assert body["uncertainty"] == {"kind": "attribution", "as_stated": "Selon"}
    assert body["checkability"] == "checkable_now"
    assert body["recheck_on"] is None
    assert body["dates"] == [{"role": "starts", "value": "2027", "precision": "year", "as_stated": "2027"}]
    assert body["status"] == "accurate"
    assert body["status_label"] == "Accurate"
    assert body["rationale"] == "Two reports agree."
    [citation] = body["citations"]
    assert citation["publisher"] == "The Decoder"
    assert citation["quote"] == "The five-year contract begins in 2027"
    assert citation["stance"] == "supports"
    assert set(citation) >= {"url", "title", "publisher", "published_on", "accessed_on", "archived_url", "quote"}
    assert body["version"] == 2
    assert body["updated_at"]


def test_quantities_keep_decimals_as_strings(claims, client):
    body = client.get(f"{API}claims/{claims['capacity'].pk}/").json()

    assert body["quantities"] == [
        {
            "measure": "capacity",
            "value": "4.5000",
            "unit": "GW",
            "lower_bound": None,
            "upper_bound": "4.5000",
            "qualifier": "up_to",
            "as_stated": "jusqu’à 4,5 gigawatts",
        }
    ]


def test_a_draft_is_not_found_for_anonymous_readers_and_outsiders(claims, client, outsider):
    for reader in (client, client_for(outsider)):
        response = reader.get(f"{API}claims/{claims['draft'].pk}/")
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
        assert reader.get(f"{API}claims/{claims['draft'].pk}/history/").status_code == 404


def test_contributors_and_editors_read_a_draft_but_lists_stay_published_by_default(claims, contributor, editor):
    for user in (contributor, editor):
        reader = client_for(user)
        assert reader.get(f"{API}claims/{claims['draft'].pk}/").json()["visibility"] == "draft"
        assert reader.get(f"{API}claims/").json()["count"] == 2
        drafts = reader.get(f"{API}claims/", {"visibility": "draft"}).json()
        assert [row["id"] for row in drafts["results"]] == [claims["draft"].pk]
        assert reader.get(f"{API}claims/", {"visibility": "all"}).json()["count"] == 3


def test_listing_drafts_needs_a_role(claims, client, outsider):
    assert client.get(f"{API}claims/", {"visibility": "draft"}).status_code == 401
    response = client_for(outsider).get(f"{API}claims/", {"visibility": "draft"})
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"


def test_the_history_lists_each_change_with_its_citations(claims, client):
    claim = claims["starts"]
    body = client.get(f"{API}claims/{claim.pk}/history/").json()

    assert body == [
        {
            "from_status": "unverified",
            "to_status": "accurate",
            "to_status_label": "Accurate",
            "effective_at": body[0]["effective_at"],
            "rationale": "Two reports agree.",
            "citations": [claim.citations.get().pk],
            "claim_version": 2,
            "signed_off_at": None,  # given by the system (a fixture), no second editor was needed
        }
    ]


def test_articles_list_counts_published_claims_and_the_detail_carries_them(claims, client, article):
    listing = client.get(f"{API}articles/").json()
    assert listing["count"] == 1
    [row] = listing["results"]
    assert row["published_claims"] == 2
    assert row["page_url"] == f"http://testserver/articles/{article.slug}/"
    assert "text" not in row

    detail = client.get(f"{API}articles/{article.pk}/").json()
    assert detail["text"] == article.text
    assert [c["id"] for c in detail["claims"]] == [claims["starts"].pk, claims["capacity"].pk]


def test_sources_list_the_sources_published_claims_name_and_editorial_roles_see_every_one(claims, client, editor):
    # Broadcom is named by the draft only (tests/api/test_source_visibility.py has every case).
    names = [row["name"] for row in client.get(f"{API}sources/").json()["results"]]
    assert names == ["The Wall Street Journal"]
    wsj = client.get(f"{API}sources/").json()["results"][0]
    assert client.get(f"{API}sources/{wsj['id']}/").json()["kind"] == "outlet"
    every = [row["name"] for row in client_for(editor).get(f"{API}sources/").json()["results"]]
    assert every == ["Broadcom", "The Wall Street Journal"]


def test_statuses_give_the_scale_with_normalized_classes_and_ratings(db, client):
    body = client.get(f"{API}statuses/").json()
    accurate = next(row for row in body if row["code"] == "accurate")
    assert accurate["normalized"] == "true"
    assert (accurate["rating_value"], accurate["best_rating"], accurate["worst_rating"]) == (5, 5, 1)
    assert [row["code"] for row in body][:2] == ["unverified", "in_review"]
    assert client.get(f"{API}statuses/inaccurate/").json()["normalized"] == "false"


def test_page_size_goes_up_to_100_and_beyond_is_a_400(claims, client):
    body = client.get(f"{API}claims/", {"page_size": 1}).json()
    assert len(body["results"]) == 1
    assert body["next"].startswith("http://testserver/api/v1/claims/?")
    assert client.get(f"{API}claims/", {"page_size": 100}).status_code == 200

    for bad in ("101", "0", "-1", "ten", "99999999999999999999999"):
        response = client.get(f"{API}claims/", {"page_size": bad})
        assert response.status_code == 400, bad
        assert "page_size" in error_of(response)["fields"]


def test_a_page_past_the_end_is_a_404_and_a_bad_page_a_400(claims, client):
    assert client.get(f"{API}claims/", {"page": 9}).status_code == 404
    response = client.get(f"{API}claims/", {"page": "x"})
    assert response.status_code == 400
    assert "page" in error_of(response)["fields"]


@pytest.mark.parametrize(
    "path",
    ["claims/999999999/", "claims/99999999999999999999999999/", "nothing/here/", "claims/1/nothing/"],
)
def test_unknown_addresses_answer_the_json_404(db, client, path):
    response = client.get(f"{API}{path}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == "not_found"


def test_a_method_the_endpoint_lacks_is_a_405_in_the_error_shape(claims, editor):
    response = client_for(editor).delete(f"{API}claims/{claims['starts'].pk}/")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_anonymous_clients_are_throttled_with_a_clear_429(claims, client, settings):
    from django.core.cache import caches

    cache = caches["shared"]  # the throttle's counts, shared by every worker
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"}}
    try:
        assert client.get(f"{API}statuses/").status_code == 200
        assert client.get(f"{API}statuses/").status_code == 200
        response = client.get(f"{API}statuses/")
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0
        error = error_of(response)
        assert error["code"] == "throttled"
        assert "throttled" in error["detail"]
    finally:
        cache.clear()


def _list_queries(client, path, page_size) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, {"page_size": page_size})
    assert response.status_code == 200
    return view_queries([q["sql"] for q in captured.captured_queries])


def _more_claims(article, n):
    """n extra published claims, one per word of the article, each with a quantity and a citation."""
    words = list(dict.fromkeys(w for w in article.text.split(" ") if len(w) > 3))[:n]
    for i, word in enumerate(words):
        claim = ClaimFactory(article=article, slug=f"word-{i}", text=word, published=True)
        claim.quantities.create(measure="words", value=1, unit="count", as_stated="one")
        claim.citations.create(url=f"{CNA_REUTERS}?n={i}", title="Reuters", publisher="CNA", stance="context")
    assert Claim.objects.published().count() == 2 + n


def test_the_claims_list_runs_six_queries_whatever_the_page_size(claims, client, article):
    _more_claims(article, 8)
    # 1 the data revision
    # 2 COUNT and MAX(updated_at) (ETag, Last-Modified and the paginator's count), once per revision
    # 3 the page of claims joined with article, status and attributed source
    # 4-7 entities, quantities, dates, citations of the page's claims
    first = _list_queries(client, f"{API}claims/", 2)
    small = _list_queries(client, f"{API}claims/", 2)
    large = _list_queries(client, f"{API}claims/", 50)
    assert len(first) == 7 and "COUNT(" in first[1].upper() and "JOIN" not in first[1].upper()
    # The count is shared by every page size and page of the same filters, until the data changes.
    assert len(small) == len(large) == 6
    assert not any("COUNT(" in sql.upper() for sql in small + large)
    Claim.objects.filter(pk=claims["draft"].pk).update(visibility=Claim.Visibility.PUBLISHED)
    again = _list_queries(client, f"{API}claims/", 50)
    assert len(again) == 7 and "COUNT(" in again[1].upper()


def test_the_claims_count_follows_every_change_of_the_data(claims, client, article):
    """The cached count is keyed by the data revision, which the database itself changes on each write."""
    before = client.get(f"{API}claims/").json()["count"]
    Claim.objects.filter(pk=claims["starts"].pk).update(visibility=Claim.Visibility.DRAFT)  # no model save
    assert client.get(f"{API}claims/").json()["count"] == before - 1
    with connection.cursor() as cursor:  # nor the ORM at all
        cursor.execute("UPDATE claims_claim SET visibility = 'published' WHERE id = %s", [claims["starts"].pk])
    assert client.get(f"{API}claims/").json()["count"] == before


def test_the_articles_list_and_detail_pin_their_queries(claims, client, article, django_assert_num_queries):
    # 1 the data revision for the ETag, 2 COUNT for the paginator, 3 the page of articles with publisher
    # and claim counts; and the anonymous throttle's
    with django_assert_num_queries(3 + ANON_THROTTLE_QUERIES):
        assert client.get(f"{API}articles/").status_code == 200
    # 1 the article exists, 2 the data revision for the ETag, 3 the article, 4 its published claims with
    # article, status and source, 5-8 their children
    with django_assert_num_queries(8 + ANON_THROTTLE_QUERIES):
        assert client.get(f"{API}articles/{article.pk}/").status_code == 200


def test_the_claim_detail_and_history_pin_their_queries(claims, client, django_assert_num_queries):
    claim = claims["starts"]
    # 1 the claim with article, status and source, 2-5 entities, quantities, dates, citations; the throttle's
    with django_assert_num_queries(5 + ANON_THROTTLE_QUERIES):
        assert client.get(f"{API}claims/{claim.pk}/").status_code == 200
    # 1 the claim, 2 its changes with their target status, 3 the citations they relied on; the throttle's
    with django_assert_num_queries(3 + ANON_THROTTLE_QUERIES):
        assert client.get(f"{API}claims/{claim.pk}/history/").status_code == 200


def test_an_unsupported_accept_header_is_a_406_in_the_error_shape(claims, client):
    response = client.get(f"{API}claims/{claims['starts'].pk}/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == "not_acceptable"


def test_the_sources_and_articles_lists_do_not_grow_with_the_page_size(claims, client, article):
    for n in range(30):
        source = Source.objects.create(slug=f"source-{n}", name=f"Source {n}", kind=Source.Kind.ORGANISATION)
        claims["starts"].entities.add(source)  # named by a published claim: public
    for path in ("sources/", "articles/"):
        small = _list_queries(client, f"{API}{path}", 1)
        large = _list_queries(client, f"{API}{path}", 100)
        assert len(small) == len(large), path


def test_the_written_out_representation_equals_drf_s_generic_one(db, rf):
    """ClaimSerializer.to_representation is written out for speed; it must say exactly what DRF's walk
    over the declared fields says, for the shipped claims (every kind of quantity, date and citation
    they hold) and for synthetic ones (drafts, no attribution, bounds)."""
    from django.core.management import call_command

    from claims.api.serializers.read import ClaimSerializer
    from claims.bulk.synthetic.seed import seed_claims
    from claims.selectors.api import for_display as claim_queryset_for_display
    from claims.selectors.api import with_children

    call_command("load_claims", "fixtures/", verbosity=0)
    seed_claims(claims=80, seed=7)
    serializer = ClaimSerializer(context={"request": rf.get("/api/v1/claims/")})
    claims = with_children(list(claim_queryset_for_display(Claim.objects.all())))
    assert len(claims) > 100
    assert any(q.lower_bound is not None or q.upper_bound is not None for c in claims for q in c.quantities.all())
    assert any(c.attributed_to is None for c in claims) and any(c.recheck_on for c in claims)
    for claim in claims:
        generic = super(ClaimSerializer, serializer).to_representation(claim)  # DRF's own walk
        assert serializer.to_representation(claim) == generic, claim.slug
        assert list(serializer.to_representation(claim)) == list(generic)  # same keys, same order


def test_next_links_walk_the_whole_list_by_cursor_in_the_order_of_the_pages(claims, client, article):
    _more_claims(article, 9)
    by_page, page = [], 1
    while (response := client.get(f"{API}claims/", {"page_size": 3, "page": page})).status_code == 200:
        by_page += [row["id"] for row in response.json()["results"]]
        page += 1
    walked, url, pages = [], f"{API}claims/?page_size=3", []
    while url:
        body = client.get(url).json()
        walked += [row["id"] for row in body["results"]]
        pages.append(body)
        url = body["next"]
    assert walked == by_page and len(walked) == len(set(walked)) == pages[0]["count"]
    assert "cursor=" in pages[0]["next"] and "page=" not in pages[0]["next"]
    assert "page=2" in pages[2]["previous"] and "cursor=" not in pages[2]["previous"]
    assert pages[1]["previous"] == "http://testserver/api/v1/claims/?page_size=3"
    # With another order, next is a page number.
    assert "page=2" in client.get(f"{API}claims/", {"page_size": 3, "ordering": "id"}).json()["next"]


def test_a_cursor_page_costs_what_the_first_page_costs(claims, client, article):
    _more_claims(article, 9)
    first = client.get(f"{API}claims/", {"page_size": 3}).json()
    with CaptureQueriesContext(connection) as captured:
        second = client.get(first["next"])
    assert second.status_code == 200 and second.json()["results"] != first["results"]
    # 1 the data revision, 2 the page after the cursor's row (an index range scan), 3-6 its children; the
    # count is the first page's, cached for these filters: walking the list never counts it again (the
    # anonymous throttle's queries aside)
    queries = [sql.upper() for sql in view_queries([q["sql"] for q in captured.captured_queries])]
    assert len(queries) == 6 and "OFFSET" not in queries[1] and not any("COUNT(" in sql for sql in queries)


@pytest.mark.parametrize(
    "query",
    ["cursor=nonsense", "cursor=WzEsICJ4IiwgMV0", "cursor=WzIsICIwMDAxLTAxLTAxVDAwOjAwOjAwKzE0OjAwIiwgMV0",
     "cursor=WzIsICIyMDI2LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwgMV0&page=2",
     "cursor=WzIsICIyMDI2LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwgMV0&ordering=id"],
)  # fmt: skip
def test_a_cursor_that_cannot_be_read_is_a_400_naming_it(claims, client, query):
    response = client.get(f"{API}claims/?{query}")
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


def test_the_api_root_links_every_endpoint_and_each_link_answers(db, client):
    response = client.get(API)
    assert response.status_code == 200
    links = response.json()
    assert {"claims", "articles", "sources", "statuses", "claimreview_feed", "schema", "docs"} <= set(links)
    for name, url in links.items():
        assert client.get(url).status_code == 200, name
