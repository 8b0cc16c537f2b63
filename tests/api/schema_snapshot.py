"""The OpenAPI schema the app generates and the snapshot it is compared with (tests/snapshots/), one per
database; read by tests/api/test_schema_snapshot.py and written by tests/snapshots/update.py."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import connection
from drf_spectacular.generators import SchemaGenerator


def snapshot_path() -> Path:
    return Path(__file__).resolve().parents[1] / "snapshots" / f"openapi.{connection.vendor}.json"


def current_schema() -> dict:
    # Through JSON, so that lazy strings and tuples compare as the file holds them.
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))
