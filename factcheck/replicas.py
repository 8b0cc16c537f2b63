"""Reads from replicas, writes to the primary, and a writer's own reads kept on the primary.

Installed by settings when DATABASE_REPLICA_URLS names at least one replica (aliases replica1..n):

- writes, migrations and everything inside a transaction on the primary go to `default`;
- reads go to a replica only inside a request that `ReadYourWritesMiddleware` judged safe: a GET/HEAD from
  a client that has not written in the last DATABASE_READ_YOUR_WRITES_SECONDS. Everywhere else (management
  commands, the shell, background jobs, any request that writes) reads stay on the primary, so code that
  reads and then writes never acts on a replica's lagging copy;
- sessions, users, permissions, tokens and login lockouts are always read from the primary: a logout, a
  revoked token or a lockout must take effect at once, not after the replica catches up.

"Has written recently" is remembered two ways, because browsers and API clients differ: a cookie (browsers
and the admin; it survives the session key changing at login) and a cache key derived from the client's
Authorization header or session cookie (token clients that keep no cookies). The cache key works across
workers only with a shared cache (REDIS_URL); the cookie works everywhere. Neither needs to be secret:
forging one only sends the forger's own reads to the primary.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import random
import time
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

PIN_COOKIE = "fc_primary_until"
# Apps whose rows decide who may do what: never read them from a copy that may lag.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "authtoken", "axes", "admin"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# True: reads go to the primary. The default, so that only requests the middleware cleared use replicas.
_read_from_primary: contextvars.ContextVar[bool] = contextvars.ContextVar("factcheck_read_from_primary", default=True)


def replica_aliases() -> list[str]:
    return [alias for alias in connections if alias.startswith("replica")]


def pin_seconds() -> int:
    return getattr(settings, "READ_YOUR_WRITES_SECONDS", 5)


@contextlib.contextmanager
def use_replicas(allowed: bool = True) -> Iterator[None]:
    """Let reads in this block go to replicas (or keep them on the primary with allowed=False)."""
    token = _read_from_primary.set(not allowed)
    try:
        yield
    finally:
        _read_from_primary.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _read_from_primary.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        # Inside a transaction on the primary, read what that transaction sees.
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        replicas = replica_aliases()
        return random.choice(replicas) if replicas else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data: objects read from a replica may point to objects of the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replicas copy the primary's schema through replication; migrating them directly would fail
        # (read-only) or diverge.
        return db == DEFAULT_DB_ALIAS


def _client_key(request) -> str | None:
    identity = request.headers.get("Authorization") or request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not identity:
        return None
    return "factcheck:primary-pin:" + hashlib.sha256(identity.encode()).hexdigest()


def _pinned_by_cookie(request) -> bool:
    try:
        return float(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
    except ValueError:
        return False


class ReadYourWritesMiddleware:
    """Decide per request whether its reads may use a replica; remember clients that just wrote.

    Place it high in MIDDLEWARE (after SecurityMiddleware/WhiteNoise, before SessionMiddleware): it reads only
    headers and cookies, and everything below it must see its decision.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_aliases():
            return self.get_response(request)
        writes = request.method not in SAFE_METHODS
        key = _client_key(request)
        primary = writes or _pinned_by_cookie(request) or bool(key and cache.get(key))
        with use_replicas(not primary):
            response = self.get_response(request)
        if writes:
            # Pin this client to the primary for a while, whatever the outcome: a failed request may still
            # have written (a login that rotated the session, a partial bulk call).
            seconds = pin_seconds()
            response.set_cookie(
                PIN_COOKIE, f"{time.time() + seconds:.3f}", max_age=seconds, httponly=True, samesite="Lax"
            )
            if key:
                cache.set(key, 1, timeout=seconds)
        return response
