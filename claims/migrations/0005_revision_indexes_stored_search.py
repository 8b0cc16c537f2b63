"""The data revision and its triggers, indexes for the lists, and a stored search document.

- claims_datarevision holds one token; a trigger on every table whose rows readers and API clients see
  sets a new random token on each write, inside the writer's transaction (claims.revision caches under it).
  PostgreSQL fires it once per statement (a bulk insert of 5,000 rows is one bump); SQLite, which has no
  statement triggers, once per row. On PostgreSQL the row's lock serialises concurrent writing
  transactions from their first write to their commit: writes here are a few a minute, and a writer that
  locks several claims must lock them all before writing (claims.services.claims_mark_for_recheck).
- PostgreSQL: the search document becomes a stored generated column with its own GIN index, so that the
  fold of migration 0003 runs once per write instead of once per row a search reads. Changing the type of
  text, text_en or summary later needs the column dropped and added again around the change.
"""

from django.conf import settings
from django.db import migrations, models

# Every table whose rows show in a claim's JSON, its page, a list or a feed.
WATCHED = (
    "claims_article",
    "claims_source",
    "claims_verificationstatus",
    "claims_claim",
    "claims_claim_entities",
    "claims_quantity",
    "claims_datemention",
    "claims_citation",
    "claims_statuschange",
    "claims_statuschangecitation",
)
NEW_TOKEN_SQL = {
    # A random 63-bit token rather than a counter: a restored backup or a rolled-back test cannot bring
    # back a number that already keys cached values of other data.
    "postgresql": (
        "INSERT INTO claims_datarevision (id, token) VALUES (1, (random() * 9.2e18)::bigint) "
        "ON CONFLICT (id) DO UPDATE SET token = excluded.token"
    ),
    "sqlite": (
        "INSERT INTO claims_datarevision (id, token) VALUES (1, random() & 9223372036854775807) "
        "ON CONFLICT (id) DO UPDATE SET token = excluded.token"
    ),
}


def pg_forward() -> list[str]:
    statements = [
        f"""CREATE FUNCTION claims_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN {NEW_TOKEN_SQL["postgresql"]}; RETURN NULL; END $$""",
    ]
    for table in WATCHED:
        statements.append(
            f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION claims_data_changed()"
        )
    statements += [
        # Serves claims.search.search_claims on PostgreSQL (replaces the expression index of 0003).
        "ALTER TABLE claims_claim ADD COLUMN search_document tsvector "
        "GENERATED ALWAYS AS (claims_search_document(text, text_en, summary)) STORED",
        "CREATE INDEX claims_claim_search_document ON claims_claim USING gin (search_document)",
        "DROP INDEX IF EXISTS claims_claim_search",
    ]
    return statements


def pg_backward() -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS {table}_changed ON {table}" for table in WATCHED]
    return [
        *statements,
        "DROP FUNCTION IF EXISTS claims_data_changed()",
        "CREATE INDEX claims_claim_search ON claims_claim USING gin (claims_search_document(text, text_en, summary))",
        "ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_document",
    ]


def sqlite_triggers() -> list[str]:
    """Also used to put the triggers back after a later migration rebuilds one of these tables."""
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_changed_{event.lower()} AFTER {event} ON {table} "
        f"BEGIN {NEW_TOKEN_SQL['sqlite']}; END"
        for table in WATCHED
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def sqlite_backward() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_changed_{event.lower()}"
        for table in WATCHED
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in NEW_TOKEN_SQL:
        return
    schema_editor.execute(NEW_TOKEN_SQL[vendor], params=None)  # the one row, with a first token
    for statement in pg_forward() if vendor == "postgresql" else sqlite_triggers():
        # params=None: the fold table of 0003, which the generated column calls, contains '%'.
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": pg_backward, "sqlite": sqlite_backward}.get(vendor, list)():
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_text_length_limits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DataRevision",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("token", models.BigIntegerField(default=0, help_text="Changes on every write to the claims tables.")),
            ],
        ),
        migrations.RemoveIndex(
            model_name="claim",
            name="claims_claim_visible_recent",
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["visibility", "-updated_at", "-id"], name="claims_claim_visible_recent"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["status", "visibility", "-updated_at", "-id"], name="claims_claim_status_recent"
            ),
        ),
        migrations.AddConstraint(
            model_name="datarevision",
            constraint=models.CheckConstraint(condition=models.Q(("id", 1)), name="claims_datarevision_single_row"),
        ),
        migrations.RunPython(forward, backward),
    ]
