"""The anonymous throttle counts per client address as the deployment sees it, in the shared cache: a client
cannot escape it by writing another X-Forwarded-For, and behind trusted proxies it is the address the nearest
proxy recorded that counts. (tests/deploy/test_throttle_across_processes.py shows the count shared by two
processes.)"""

from __future__ import annotations

import pytest
from django.core.cache import caches

from tests.api.support import ANON_THROTTLE_QUERIES, API, client_for, error_of


@pytest.fixture
def limit(settings, db):
    """An anonymous rate of 3 a minute, counted from zero."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}
    caches["shared"].clear()
    yield 3
    caches["shared"].clear()


def statuses(client, forwarded_for: list[str], **extra) -> list[int]:
    return [
        client.get(f"{API}statuses/", HTTP_X_FORWARDED_FOR=address, **extra).status_code for address in forwarded_for
    ]


def test_it_refuses_a_client_that_rotates_x_forwarded_for_once_its_address_is_over_the_limit(limit, client):
    rotated = [f"198.51.100.{n}" for n in range(limit + 2)]

    assert statuses(client, rotated) == [200] * limit + [429, 429]


def test_without_trusted_proxies_x_forwarded_for_is_ignored_and_the_socket_address_counts(limit, client):
    assert statuses(client, ["203.0.113.9"] * limit, REMOTE_ADDR="192.0.2.1") == [200] * limit
    # Another socket address is another client, whatever it claims to be forwarded for.
    assert statuses(client, ["203.0.113.9"], REMOTE_ADDR="192.0.2.2") == [200]


def test_behind_one_trusted_proxy_the_address_it_recorded_is_the_client(limit, client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # The client writes what it likes before the proxy's entry; the proxy's entry (the last) is the client.
    spoofed = [f"10.0.0.{n}, 203.0.113.7" for n in range(limit + 1)]
    assert statuses(client, spoofed) == [200] * limit + [429]
    assert statuses(client, ["203.0.113.8"]) == [200]


def test_the_counts_live_in_the_shared_cache_never_in_the_process_memory(limit, client):
    caches["default"].clear()
    client.get(f"{API}statuses/", REMOTE_ADDR="192.0.2.50")

    assert caches["shared"].get("throttle_anon_192.0.2.50")
    assert caches["default"].get("throttle_anon_192.0.2.50") is None


def test_the_refusal_is_a_429_in_the_error_shape_with_retry_after(limit, client):
    statuses(client, ["198.51.100.1"] * limit)
    response = client.get(f"{API}statuses/")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert error_of(response)["code"] == "throttled"


def test_an_anonymous_request_pays_the_throttles_queries_on_the_database_cache(
    db, client, django_assert_num_queries, editor
):
    client.get(f"{API}statuses/")
    # The data revision and the scale, plus the throttle's read and write of the client's count.
    with django_assert_num_queries(2 + ANON_THROTTLE_QUERIES):
        assert client.get(f"{API}statuses/").status_code == 200
    # A client with a token is not throttled: the token and its user, the revision, the scale.
    token_client = client_for(editor)
    token_client.get(f"{API}statuses/")
    with django_assert_num_queries(3):
        assert token_client.get(f"{API}statuses/").status_code == 200
