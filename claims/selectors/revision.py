"""Values computed from many rows, cached until the data changes.

`DataRevision.token` changes, in the writer's own transaction, on every write to a table whose rows
readers see (database triggers, migration 0005). A value cached under the token is therefore exactly as
fresh as the data: the first request after a change computes it, the next ones read it from the cache.
A missing revision row (a test's flush emptied the table) means: nothing is cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from claims.models import DataRevision

T = TypeVar("T")
# Only a bound on memory: a cached value is never stale, since a change of data changes its key.
TIMEOUT = 24 * 3600


def current_token() -> int | None:
    """The data's current revision token: one query by primary key."""
    return DataRevision.objects.filter(pk=1).values_list("token", flat=True).first()


def cache_key(name: str, token: int, *parts) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    return f"claims:{name}:{token}:{digest}"


def peek(name: str, token: int | None, parts: tuple):
    """The value cached for this revision, or None: nothing is computed."""
    return None if token is None else cache.get(cache_key(name, token, *parts))


def remember(name: str, token: int | None, parts: tuple, value) -> None:
    """Store a value already at hand (a full answer's validators) for the next peek or cached()."""
    if token is not None:
        cache.set(cache_key(name, token, *parts), value, TIMEOUT)


def cached(name: str, token: int | None, parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`'s value for this revision of the data, computed at most once per revision."""
    if token is None:
        return compute()
    key = cache_key(name, token, *parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
