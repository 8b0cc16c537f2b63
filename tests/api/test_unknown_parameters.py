"""A query parameter an API read does not know is a 400 naming it, never silently ignored (`?statuss=accurate`
answered every claim); and every parameter the OpenAPI schema documents for a read is one it reads."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from drf_spectacular.generators import SchemaGenerator

from claims.services.status import claim_change_status
from tests.api.support import API, client_for, error_of

UNKNOWN = "Unknown parameter"


@pytest.fixture
def world(claim, citation, editor, wsj):
    claim_change_status(
        claim=claim, to_status="accurate", rationale="Two reports agree.", by=editor, citations=[citation]
    )
    return {"id": {"claims": claim.pk, "articles": claim.article_id, "sources": wsj.pk}, "code": "accurate"}


READS = [
    "claims/",
    "claims/?format=csv",
    "claims/{claim}/",
    "claims/{claim}/history/",
    "claims/{claim}/claimreview/",
    "claims/similar/?text=partenariat",
    "claimreview/feed/",
    "articles/",
    "articles/{article}/",
    "articles/{article}/candidates/",
    "sources/",
    "sources/{source}/",
    "statuses/",
    "statuses/accurate/",
]


def address(path: str, world: dict) -> str:
    ids = world["id"]
    return f"{API}{path.format(claim=ids['claims'], article=ids['articles'], source=ids['sources'])}"


def with_query(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


@pytest.mark.parametrize("path", READS)
def test_every_read_refuses_an_unknown_parameter_with_a_400_naming_it(world, editor, path):
    response = client_for(editor).get(with_query(address(path, world), "statuss=accurate"))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = error_of(response)
    assert set(error["fields"]) == {"statuss"}
    assert error["fields"]["statuss"][0].startswith(UNKNOWN)


def test_the_claims_list_no_longer_answers_everything_for_a_misspelt_filter(world, client):
    response = client.get(f"{API}claims/", {"statuss": "inaccurate", "page_sise": "5"})

    assert response.status_code == 400
    error = error_of(response)
    assert set(error["fields"]) == {"statuss", "page_sise"}
    assert "status" in error["detail"] and "page_size" in error["detail"]  # what it reads, to fix the typo


def test_known_parameters_are_read_as_before(world, client):
    assert client.get(f"{API}claims/", {"status": "accurate", "page_size": 5, "format": "json"}).json()["count"] == 1
    assert client.get(f"{API}claimreview/feed/", {"updated_since": "2000-01-01", "page_size": 5}).status_code == 200
    assert client.get(f"{API}claims/similar/", {"text": "partenariat", "language": "fr"}).status_code == 200
    assert client.get(f"{API}statuses/", {"format": "json"}).status_code == 200


def documented_reads() -> list[tuple[str, list[str]]]:
    """Each GET operation of the schema with the query parameters it documents."""
    schema = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), cls=DjangoJSONEncoder))
    reads = []
    for path, operations in sorted(schema["paths"].items()):
        if "get" in operations:
            names = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
            reads.append((path, names))
    return reads


@pytest.mark.parametrize("path,names", documented_reads(), ids=[path for path, _ in documented_reads()])
def test_every_parameter_the_schema_documents_is_one_the_read_knows(world, editor, path, names):
    if path in ("/api/v1/schema/",):
        pytest.skip("drf-spectacular's own view")
    kind = path.split("/")[3]
    url = path.replace("{id}", str(world["id"].get(kind, 0))).replace("{code}", world["code"])
    api = client_for(editor)

    for name in names:
        response = api.get(url, {name: "1"})
        refused = response.status_code == 400 and UNKNOWN in json.dumps(error_of(response).get("fields", {}))
        assert not refused, f"{path} documents {name} but refuses it as unknown"
    response = api.get(url, {"no_such_parameter": "1"})
    assert response.status_code == 400, path
    assert set(error_of(response)["fields"]) == {"no_such_parameter"}
