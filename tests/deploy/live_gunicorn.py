"""What the deploy tests that need a real server share (no tests here): a SQLite file that a fresh process
migrated and filled with synthetic claims, gunicorn started as production starts it (gunicorn.conf.py) on a
free loopback port against that file, and the production-like environment both run with.

The server's settings come from the environment, as in production; a test passes what it is about (the
worker count, the worker timeout, the anonymous rate) as overrides.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# Enough claims that their CSV export (some 700 KB) outlasts a server's socket buffers towards a slow client.
SITE_CLAIMS = 1500
# Variables of the test run that would point the server elsewhere than its own SQLite file and settings.
FOREIGN = ("DATABASE_", "REDIS_URL", "GUNICORN_", "WEB_CONCURRENCY", "SQLITE_PATH", "FACTCHECK_TRUSTED_PROXIES")


def production_env(sqlite_path: Path, **overrides: str) -> dict[str, str]:
    """Debug off, plain HTTP on loopback, this SQLite file; then the test's overrides."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(FOREIGN)}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "factcheck.settings",
            "PYTHONPATH": str(ROOT),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "deploy-test-only-secret-key-" + "k" * 40,
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_STATIC_MANIFEST": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "API_ANON_RATE": "1000000/minute",
            "SQLITE_PATH": str(sqlite_path),
        }
    )
    env.update(overrides)
    return env


PREPARE = """
import django
django.setup()
from django.core.management import call_command
from claims.bulk.synthetic.seed import seed_claims
from claims.models import Claim
call_command("migrate", verbosity=0, interactive=False)
if CLAIMS:
    seed_claims(claims=CLAIMS, seed=7)
print("PUBLISHED", Claim.objects.published().count())
"""


def prepare_database(sqlite_path: Path, claims: int) -> int:
    """Migrate a fresh SQLite file and write `claims` synthetic claims in it; the number of published ones."""
    result = subprocess.run(
        [sys.executable, "-c", PREPARE.replace("CLAIMS", str(claims))],
        cwd=ROOT,
        env=production_env(sqlite_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split("PUBLISHED")[-1].strip())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Gunicorn:
    """`gunicorn -c gunicorn.conf.py factcheck.wsgi` on a free loopback port; a context manager."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.env = {**env, "GUNICORN_BIND": f"{HOST}:{self.port}"}
        self.log_path = log_path

    def __enter__(self) -> Gunicorn:
        self.log = open(self.log_path, "wb")
        command = [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "factcheck.wsgi"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_ready()
        return self

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.log.close()

    def _wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited with {self.process.returncode}:\n{self.log_text()}")
            try:
                if self.get("/robots.txt", timeout=2)[0] < 500:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"gunicorn did not answer within {timeout:.0f} s:\n{self.log_text()}")

    def get(self, path: str, timeout: float = 10.0) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            connection.request("GET", path, headers={"Host": HOST})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def log_text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-4000:]


def narrow_socket() -> socket.socket:
    """A client socket that takes data in small sips: a 536-byte segment size and a 4 KB receive buffer keep
    the server's send buffer small too, so a server writing to a client that does not read blocks after
    some tens of kilobytes, as it would for a slow client on a real network."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 536)
    return sock
