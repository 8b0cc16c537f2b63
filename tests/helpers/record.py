"""The public record's guard as a deployment has it (no tests here).

tests/conftest.py unlocks the record for the test runner's flushes (a row of claims_history_unlocked, see
migration 0007); a test of the guard locks it again, inside its own transaction, so the row comes back
when the test's transaction rolls back."""

from __future__ import annotations

from django.db import connection


def lock_the_record() -> None:
    """Remove the unlock row: from here on the database refuses deleting or truncating the record."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM claims_history_unlocked")
