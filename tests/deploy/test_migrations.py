"""Migrations ship the editorial groups with their permissions, and leave the database guards in
place. On SQLite, adding a constraint rebuilds the table and drops its triggers, so a later migration can
silently remove the append-only guard or the search index's triggers; this test catches that for every
migration to come."""

import importlib

from django.contrib.auth.models import Group
from django.db import connection

_revision = importlib.import_module("claims.migrations.0005_revision_indexes_stored_search")

SQLITE_TRIGGERS = {
    "claims_statuschange_append_only",
    "claims_statuschangecitation_append_only",
    "claims_claim_fts_insert",
    "claims_claim_fts_update",
    "claims_claim_fts_delete",
    # the data revision's: one per watched table and event
    *(f"{table}_changed_{event}" for table in _revision.WATCHED for event in ("insert", "update", "delete")),
}
POSTGRES_TRIGGERS = {
    "claims_statuschange_append_only",
    "claims_statuschangecitation_append_only",
    *(f"{table}_changed" for table in _revision.WATCHED),
}


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
    from claims.selectors.search import search_claims

    Claim.objects.filter(pk=claim.pk).update(text_en="a partnership with a zeppelin")
    assert list(search_claims(Claim.objects.all(), "zeppelin")) == [claim]


def test_the_personas_groups_come_from_the_migration(editor, contributor):
    assert set(Group.objects.values_list("name", flat=True)) >= {"editors", "contributors"}
    assert editor.has_perm("claims.set_verdict") and not contributor.has_perm("claims.set_verdict")
