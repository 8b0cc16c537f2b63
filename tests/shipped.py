"""The rows migrations ship (the verification scale, the editorial groups), put back after a flush.

Every transactional test (live server, threads, soak) ends with a flush that empties every table, and
pytest-django's serialized_rollback has been seen not to restore them after ordinary tests ran first.
"""

import importlib

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

SHIPPED = ("claims", "0002_statuses_groups_history_guard")


def restore_shipped_data(using: str = DEFAULT_DB_ALIAS) -> None:
    """Run migration 0002's own data step again if its rows are gone; a no-op otherwise."""
    from django.contrib.auth.models import Group

    from claims.models import VerificationStatus

    module = importlib.import_module(f"claims.migrations.{SHIPPED[1]}")
    if (
        VerificationStatus.objects.using(using).count() == len(module.STATUSES)
        and Group.objects.using(using).filter(name__in=["contributors", "editors"]).count() == 2
    ):
        return
    # The migration's historical models, so that its code runs exactly as it did when migrating.
    state = MigrationExecutor(connections[using]).loader.project_state(SHIPPED)
    module.forwards(state.apps, None)
