"""Planner statistics after a bulk load. A table filled in bulk has none until the database gathers them
(PostgreSQL's autovacuum, later; SQLite, never unless asked), and without them the planner guesses: a freshly
seeded PostgreSQL answered the claims list several times slower, and SQLite chose the visibility index over a
primary-key lookup. Every bulk loader (synthetic claims, claims files, a backup restore) ends by asking."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections, models


def analyze(tables: Iterable[type[models.Model]], using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """ANALYZE the tables of these models (their many-to-many tables included); returns the table names."""
    connection = connections[using]
    names: list[str] = []
    for model in tables:
        names.append(model._meta.db_table)
        names += [field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many]
    names = list(dict.fromkeys(names))
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(quote(name) for name in names))
        else:
            for name in names:
                cursor.execute(f"ANALYZE {quote(name)}")
    return names
