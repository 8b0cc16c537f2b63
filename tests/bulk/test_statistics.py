"""Every bulk loader leaves the planner statistics of the tables it filled, so that the first reader after a
load gets the planned speed."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection

from claims.bulk.statistics import analyze
from claims.bulk.synthetic.seed import seed_claims
from claims.models import Claim


def analyzed_tables() -> set[str]:
    """The claims tables the database holds statistics for."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT relname FROM pg_stat_user_tables WHERE relname LIKE 'claims_%%' "
                "AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone():
                return set()
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1 WHERE tbl LIKE 'claims_%'")
        return {row[0] for row in cursor.fetchall()}


def test_analyze_names_the_tables_and_their_link_tables(db):
    assert analyze([Claim]) == ["claims_claim", "claims_claim_entities"]


def test_seeding_synthetic_claims_refreshes_the_statistics_of_what_it_filled(db):
    seed_claims(claims=30, seed=5)
    assert {"claims_claim", "claims_quantity", "claims_citation", "claims_statuschange"} <= analyzed_tables()


def test_loading_claims_files_refreshes_the_statistics(db):
    call_command("load_claims", "fixtures/", verbosity=0)
    assert {"claims_claim", "claims_citation", "claims_article"} <= analyzed_tables()
