"""gunicorn settings for production (docker-compose, behind nginx) and the load, soak and deploy tests.

Threaded workers (gthread). A worker's main loop keeps answering the arbiter's heartbeat while its threads
serve, so a long response (the CSV of every claim, streamed to a slow client) is never killed at `timeout`
halfway through, which with sync workers left a truncated file behind a 200. A client that sends its headers
slowly holds one thread, not a whole worker (three such clients held the three sync workers of a one-CPU
container for `timeout` seconds). nginx in front (deploy/nginx.conf) buffers slow clients entirely; these
workers keep answering without it too. `timeout` now bounds a worker whose main loop is stuck, not a request.

Each thread keeps its own database connection: WEB_CONCURRENCY × GUNICORN_THREADS of them at most, which
PostgreSQL's max_connections (or the pooler) must allow. docs/security.md has the limits.
"""

import multiprocessing
import os


def _whole(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < minimum:
        raise RuntimeError(f"{name} must be a whole number from {minimum}, got {raw!r}")
    return int(raw)


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = _whole("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _whole("GUNICORN_THREADS", 4)
timeout = _whole("GUNICORN_TIMEOUT", 30)
# Restart workers now and then so a slow leak never takes the site down.
max_requests = _whole("GUNICORN_MAX_REQUESTS", 2000, minimum=0)
max_requests_jitter = 200
accesslog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
