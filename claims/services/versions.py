"""The compare-and-swap on `Claim.version` that every write to a claim goes through.

Each write runs `UPDATE ... SET version = version + 1 WHERE id = %s AND version = %s` inside its
transaction. On PostgreSQL the row lock taken first makes a concurrent writer wait and then find the version
changed; on SQLite the write takes the database's write lock. Either way exactly one of two writers from the
same version wins, and the other gets StaleVersion.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import Claim


class StaleVersion(Exception):
    """The claim changed since the version the caller saw."""

    def __init__(self, *, expected: int, current: Claim):
        self.expected = expected
        self.current = current
        super().__init__(
            f"This claim was changed by someone else since you opened it (you saw version {expected}, "
            f"it is now version {current.version}, status \u201c{current.status.label}\u201d). "
            "Reload it and apply your change again."
        )


def lock_claim(claim_id: int) -> Claim:
    """The claim's row, locked until the transaction ends. The claim row alone: joining the status would lock
    the shared status row too (writers on different claims then deadlock) and, after waiting, re-check the
    join and find no row."""
    return Claim.objects.select_for_update().get(pk=claim_id)


def bump_version(claim_id: int, expected_version: int | None) -> int:
    """Compare-and-swap the version; return the new one or raise StaleVersion. `expected_version` None
    takes the version found (commands acting as the system)."""
    with transaction.atomic():
        current = lock_claim(claim_id)
        if expected_version is None:
            expected_version = current.version
        updated = Claim.objects.filter(pk=claim_id, version=expected_version).update(
            version=F("version") + 1, updated_at=timezone.now()
        )
        if updated != 1:
            current.refresh_from_db()
            raise StaleVersion(expected=expected_version, current=current)
        return expected_version + 1
