"""The API's contract does not move by accident: the OpenAPI schema the app generates is compared with the
snapshot in tests/snapshots/, taken before the code was laid out by layer. There is one per database,
because DRF takes an integer field's bounds from the database's own ranges (PostgreSQL's smallint and
integer, SQLite's 64 bits). A deliberate change of the API updates both snapshots in the same commit
(`python tests/snapshots/update.py`, once without DATABASE_URL and once with a PostgreSQL one), so that the
diff shows every path, parameter and response shape it changes."""

from __future__ import annotations

import json

from tests.api.schema_snapshot import current_schema, snapshot_path


def test_the_openapi_schema_matches_the_snapshot():
    expected = json.loads(snapshot_path().read_text(encoding="utf-8"))
    actual = current_schema()
    assert sorted(actual["paths"]) == sorted(expected["paths"])
    for path, operations in expected["paths"].items():
        assert actual["paths"][path] == operations, path
    assert actual["components"] == expected["components"]
    assert actual == expected
