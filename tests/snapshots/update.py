"""Write the current OpenAPI schema to tests/snapshots/openapi.<database>.json (run from the project root,
after a deliberate change of the API, once on SQLite and once with DATABASE_URL naming PostgreSQL):
`python tests/snapshots/update.py`."""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "snapshot-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from tests.api.schema_snapshot import current_schema, snapshot_path  # noqa: E402

SNAPSHOT = snapshot_path()
SNAPSHOT.write_text(json.dumps(current_schema(), indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {SNAPSHOT.relative_to(ROOT)}")
