"""The anonymous API limit holds across processes, whatever X-Forwarded-For a client writes: two separate
processes (as two gunicorn workers, or two servers) share one count per client address, in the database's
cache table by default and in Redis with REDIS_URL."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest
import redis

from tests.deploy.live_gunicorn import HOST, ROOT, free_port, production_env

RATE = 5  # per minute
# argv: the client's address, the Host header, the first X-Forwarded-For number, how many requests.
REQUESTS = """
import django, json, sys
django.setup()
from django.test import Client
address, host, first, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
client = Client(REMOTE_ADDR=address, HTTP_HOST=host)
statuses = [
    client.get("/api/v1/statuses/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
    for n in range(first, first + count)
]
print("STATUSES", json.dumps(statuses))
"""


def requests_from_a_new_process(env: dict[str, str], address: str, first: int, count: int) -> list[int]:
    """`count` anonymous reads from `address`, each claiming another X-Forwarded-For, in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", REQUESTS, address, HOST, str(first), str(count)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.split("STATUSES")[-1])


def a_fresh_address() -> str:
    # Each run counts from zero, whatever an earlier run of this test left in the shared count.
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def assert_limited_across_two_processes(env: dict[str, str]) -> None:
    address = a_fresh_address()
    first = requests_from_a_new_process(env, address, first=0, count=3)
    second = requests_from_a_new_process(env, address, first=3, count=3)

    assert first == [200, 200, 200]
    assert second == [200, 200, 429]


def test_migrate_creates_the_shared_cache_table_that_no_migration_makes(synthetic_site):
    path, _ = synthetic_site
    with sqlite3.connect(path) as database:
        tables = {name for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "factcheck_shared_cache" in tables


def test_rotating_x_forwarded_for_in_two_processes_still_meets_the_limit_in_the_database_cache(synthetic_site):
    path, _ = synthetic_site
    assert_limited_across_two_processes(production_env(path, API_ANON_RATE=f"{RATE}/minute"))


@pytest.fixture
def redis_url():
    """A throwaway redis-server on a free loopback port (skipped where none is installed)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed: the Redis path is not exercised here")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                redis.Redis(host=HOST, port=port).ping()
                break
            except redis.ConnectionError:  # not up yet
                time.sleep(0.05)
        yield f"redis://{HOST}:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_rotating_x_forwarded_for_in_two_processes_still_meets_the_limit_in_redis(synthetic_site, redis_url):
    path, _ = synthetic_site
    assert_limited_across_two_processes(production_env(path, API_ANON_RATE=f"{RATE}/minute", REDIS_URL=redis_url))
