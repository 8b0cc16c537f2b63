"""Migrations leave the database guards in place. On SQLite, adding a constraint rebuilds the table and
drops its triggers, so a later migration can silently remove the append-only guard or the search index's
triggers; this test catches that for every migration to come."""

from django.db import connection

SQLITE_TRIGGERS = {
    "claims_statuschange_append_only",
    "claims_statuschangecitation_append_only",
    "claims_claim_fts_insert",
    "claims_claim_fts_update",
    "claims_claim_fts_delete",
}
POSTGRES_TRIGGERS = {"claims_statuschange_append_only", "claims_statuschangecitation_append_only"}


def test_every_guard_trigger_survives_the_migrations(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = SQLITE_TRIGGERS
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            expected = POSTGRES_TRIGGERS
        found = {row[0] for row in cursor.fetchall()}
    assert expected <= found, f"missing triggers: {sorted(expected - found)}"


def test_the_search_index_follows_an_edit_after_the_migrations(claim):
    from claims.models import Claim
    from claims.search import search_claims

    Claim.objects.filter(pk=claim.pk).update(text_en="a partnership with a zeppelin")
    assert list(search_claims(Claim.objects.all(), "zeppelin")) == [claim]
