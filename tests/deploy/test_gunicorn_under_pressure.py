"""gunicorn as production runs it (gunicorn.conf.py), on loopback against a SQLite file of synthetic claims,
under what took the production site down: a CSV export longer than the worker timeout, and clients that
send their headers a byte at a time."""

from __future__ import annotations

import csv
import http.client
import io
import socket
import threading
import time

import pytest

from tests.deploy.live_gunicorn import HOST, SITE_CLAIMS, Gunicorn, narrow_socket, production_env

WORKER_TIMEOUT = 2  # seconds: the shortest the arbiter's one-second heartbeat check reads reliably


def test_the_csv_of_every_claim_arrives_whole_when_the_client_reads_past_the_worker_timeout(synthetic_site, tmp_path):
    path, published = synthetic_site
    env = production_env(path, WEB_CONCURRENCY="1", GUNICORN_TIMEOUT=str(WORKER_TIMEOUT))
    with Gunicorn(env, tmp_path / "gunicorn.log") as server:
        connection = http.client.HTTPConnection(HOST, server.port, timeout=60)
        connection.sock = narrow_socket()
        connection.sock.connect((HOST, server.port))
        connection.request("GET", "/api/v1/claims/?format=csv", headers={"Host": HOST})
        # A slow reader: nothing read for twice the worker timeout, so the server is still writing the
        # export when the arbiter checks on its worker.
        time.sleep(2 * WORKER_TIMEOUT + 1)
        response = connection.getresponse()
        try:
            body = response.read()
        except http.client.IncompleteRead as cut:
            pytest.fail(f"the export was cut after {len(cut.partial)} bytes behind a {response.status}")
        finally:
            connection.close()
        log = server.log_text()

    assert response.status == 200
    assert "WORKER TIMEOUT" not in log
    text = body.decode("utf-8-sig")
    assert text.endswith("\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["id", "url"]
    assert len(rows) - 1 == published >= SITE_CLAIMS // 2
    assert len({row[0] for row in rows[1:]}) == published


def _send_headers_slowly(port: int, stop: threading.Event, opened: threading.Barrier) -> None:
    request = f"GET /api/v1/claims/ HTTP/1.1\r\nHost: {HOST}\r\nX-Padding: {'x' * 200}\r\n\r\n".encode()
    with socket.create_connection((HOST, port), timeout=30) as sock:
        sock.sendall(request[:1])
        opened.wait()
        for byte in request[1:-2]:  # never the blank line that ends the headers
            if stop.wait(0.3):
                return
            sock.sendall(bytes([byte]))


def test_three_clients_sending_headers_slowly_leave_a_normal_request_answered(synthetic_site, tmp_path):
    path, _ = synthetic_site
    # Three workers, as a one-CPU container's 2 x 1 + 1: three slow clients held every sync worker.
    env = production_env(path, WEB_CONCURRENCY="3")
    with Gunicorn(env, tmp_path / "gunicorn.log") as server:
        stop = threading.Event()
        opened = threading.Barrier(4)
        slow = [threading.Thread(target=_send_headers_slowly, args=(server.port, stop, opened)) for _ in range(3)]
        for thread in slow:
            thread.start()
        try:
            opened.wait(timeout=10)
            time.sleep(1)  # the server has taken up all three
            started = time.monotonic()
            try:
                status, _ = server.get("/api/v1/statuses/", timeout=5)
            except TimeoutError:
                pytest.fail("a normal request waited more than 5 s behind three slow clients")
            elapsed = time.monotonic() - started
        finally:
            stop.set()
            for thread in slow:
                thread.join(timeout=10)

    assert status == 200
    assert elapsed < 3, f"answered after {elapsed:.1f} s"
