"""The API's contract does not move by accident: the OpenAPI schema the app generates is compared with the
snapshot in tests/snapshots/openapi.json, taken before the code was laid out by layer. A deliberate change
of the API updates the snapshot in the same commit (`python tests/snapshots/update.py`), so that the diff
shows every path, parameter and response shape it changes."""

from __future__ import annotations

import json
from pathlib import Path

from drf_spectacular.generators import SchemaGenerator

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def current_schema() -> dict:
    # Through JSON, so that lazy strings and tuples compare as the file holds them.
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))


def test_the_openapi_schema_matches_the_snapshot():
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    actual = current_schema()
    assert sorted(actual["paths"]) == sorted(expected["paths"])
    for path, operations in expected["paths"].items():
        assert actual["paths"][path] == operations, path
    assert actual["components"] == expected["components"]
    assert actual == expected
