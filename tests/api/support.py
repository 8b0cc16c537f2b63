"""What the API tests share (no tests here): the API's root address, clients for the personas, and the one
error shape every refusal answers with."""

from __future__ import annotations

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

API = "/api/v1/"


def client_for(user=None) -> APIClient:
    """An API client sending the user's token (anonymous without a user)."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def error_of(response) -> dict:
    """The API's one error shape; asserts it is there."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    assert body["error"]["code"] and body["error"]["detail"]
    return body["error"]


# What the anonymous throttle costs an anonymous request on the database cache (settings.CACHES["shared"]
# without REDIS_URL): reading the client's count, then writing it back (the table's size for culling, and
# inside a savepoint the row's read and its update). Queries pinned for anonymous requests include them;
# tests/api/test_throttle_identity.py pins this figure itself.
ANON_THROTTLE_QUERIES = 6


def view_queries(sqls: list[str]) -> list[str]:
    """The queries of an anonymous request without the throttle's (ANON_THROTTLE_QUERIES of them, on the
    shared cache's table, in their savepoint): what the view itself read."""
    from django.conf import settings

    throttle = [
        sql for sql in sqls if settings.SHARED_CACHE_TABLE in sql or sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert len(throttle) == ANON_THROTTLE_QUERIES, throttle
    return [sql for sql in sqls if sql not in throttle]
