"""The benchmark works: seeded data, one round over every endpoint, every endpoint answering, the
baseline returning exactly what the API returns, and the query counts the benchmark reports.

Timings are never asserted (a shared CI machine makes them meaningless); what is asserted would break if
an endpoint disappeared, started to depend on the page size or on the number of claims, or if the baseline
stopped being a fair comparison. BENCH_SMOKE_CLAIMS sets the size (default 1,000; see docs/benchmarks.md
for why not 10,000).
"""

import os

import pytest

from bench.run import BASELINE_OF, measure
from claims.bulk.synthetic.seed import seed_claims
from claims.models import Claim
from tests.api.support import ANON_THROTTLE_QUERIES

CLAIMS = int(os.environ.get("BENCH_SMOKE_CLAIMS", "1000"))
# The benchmark's client is anonymous: each API request also reads and writes its count in the throttle's
# shared cache, the database's cache table here (none with REDIS_URL). The baseline and reader pages are not
# throttled.
T = ANON_THROTTLE_QUERIES

# Queries per request, constant in the number of claims and in the page size:
QUERIES = {
    # the data revision (the count and last change, for the ETag and the paginator, are cached under it),
    # the page with article, status and attributed source joined, then entities, quantities, dates, citations
    "api_list": 6 + T,
    "base_list": 6,
    "api_list_search": 6 + T,
    "base_list_search": 6,
    "api_list_deep": 6 + T,
    "base_list_deep": 6,
    # a deep page reached by the previous page's `next` cursor: the same six, by keyset, no OFFSET
    "api_list_cursor": 6 + T,
    "base_list_cursor": 6,
    # the status filter's own lookup of the status, then the six above
    "api_list_status": 7 + T,
    "base_list_status": 6,
    # the data revision only: a matching ETag costs no filter parsing, no page and no serialization
    "api_list_304": 1 + T,
    # the claim with its joins, then entities, quantities, dates, citations
    "api_detail": 5 + T,
    "base_detail": 5,
    # the data revision only: the claim's validators are cached under it
    "api_detail_304": 1 + T,
    # the claim, its changes with their statuses, the citations they relied on
    "api_history": 3 + T,
    "base_history": 3,
    # the data revision, the page (the statuses, filter choices and status counts are cached under the
    # revision; tests/web/test_list.py pins the cold request's seven)
    "reader_list": 2,
    # the claim, its history, the history's citations, citations, quantities, dates, entities
    "reader_detail": 8,  # the claim page reads its corrections too
}


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"


def test_one_round_over_every_endpoint_answers_with_the_pinned_number_of_queries(db, bench_urls, client):
    # One seed and one round for every assertion: seeding is most of this test's time.
    seed_claims(claims=CLAIMS, seed=1)
    run = measure(client, repeat=1, warmup=1, sample_size=10)

    endpoints = run["endpoints"]
    assert set(endpoints) == set(QUERIES)
    for name, entry in endpoints.items():
        assert "missing" not in entry, f"{name}: {entry}"
        assert entry["status"] == (304 if name.endswith("_304") else 200), name
        assert entry["n"] == 1 and entry["errors"] == 0, name
    assert set(BASELINE_OF) <= set(endpoints) and set(BASELINE_OF.values()) <= set(endpoints)

    assert {name: entry["queries"] for name, entry in endpoints.items()} == {
        name: [count] for name, count in QUERIES.items()
    }
    # The lists' queries do not depend on the page size.
    assert run["queries_by_page_size"] == {
        "api_list": {10: 6 + T, 50: 6 + T, 100: 6 + T},
        "base_list": {10: 6, 50: 6, 100: 6},
    }


def test_the_baseline_returns_exactly_what_the_api_returns(db, bench_urls, client):
    seed_claims(claims=300, seed=2)
    sample = Claim.objects.published().order_by("-id").first()
    for query in ("page_size=50", "page_size=50&status=misleading", "page_size=50&search=kestrel", "page=3"):
        api = client.get(f"/api/v1/claims/?{query}", secure=True).json()
        base = client.get(f"/bench/baseline/claims/?{query}", secure=True).json()
        assert api["count"] == base["count"] > 0, query
        assert api["results"] == base["results"], query
    for suffix in ("", "history/"):
        api = client.get(f"/api/v1/claims/{sample.pk}/{suffix}", secure=True).json()
        assert api == client.get(f"/bench/baseline/claims/{sample.pk}/{suffix}", secure=True).json()


def test_a_missing_endpoint_is_reported_and_the_run_goes_on(db, client, settings):
    settings.ROOT_URLCONF = "factcheck.urls"  # the site without the baseline's addresses
    seed_claims(claims=60, seed=3)
    endpoints = measure(client, repeat=1, warmup=1, sample_size=5)["endpoints"]
    assert endpoints["base_list"]["missing"] == "answered 404, expected 200"
    assert "p50_ms" not in endpoints["base_list"]
    assert endpoints["api_list"]["n"] == 1 and "missing" not in endpoints["api_list"]


def _skip_claim_ids_past(value):
    """Move the claims table's id counter on, as a flush by an earlier committing test does."""
    from django.db import connection

    table = Claim._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, value])
        else:
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, value])


def test_detail_endpoints_find_claims_whose_ids_start_far_from_one(db, bench_urls, client):
    _skip_claim_ids_past(1_000_000)
    seed_claims(claims=40, seed=4)
    assert Claim.objects.order_by("id").values_list("id", flat=True).first() > 1_000_000
    endpoints = measure(client, repeat=1, warmup=1, sample_size=5)["endpoints"]
    for name in ("api_detail", "base_detail", "api_history", "reader_detail"):
        assert "missing" not in endpoints[name] and endpoints[name]["n"] == 1, (name, endpoints[name])
