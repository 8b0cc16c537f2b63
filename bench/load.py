"""Load test: gunicorn as configured for production (gunicorn.conf.py), 2 workers on loopback, driven for
a bounded time by threads mixing reads and status writes.

    python bench/load.py --db postgres --size 10000 --duration 60

It uses the benchmark's database of that size (run bench/run.py for that size first, which creates and
seeds it), starts gunicorn on 127.0.0.1 only, waits until it answers, runs reader threads (API list,
detail, history, reader list and claim pages) and writer threads (an editor's token moving claims between
"in review" and "not checkable" through POST /api/v1/claims/{id}/status/ with the version it read; each
writer owns its own claims, so a 409 would be a bug, not a race), then stops everything and prints
throughput, p50/p99 per kind and every error. Requests carry X-Forwarded-Proto: https as the TLS proxy in
front of production would. Writes the figures into docs/benchmarks.md between its markers (--no-write
to skip). Exit status 1 if any request failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.run import DOC, RESULTS, _env, _machine, percentile  # noqa: E402

MARK_START = "<!-- bench/load.py results: start -->"
MARK_END = "<!-- bench/load.py results: end -->"
HOST = "127.0.0.1"  # loopback only, always
WRITER = "synthetic-editor-1"
READ_MIX = (("api_list", 30), ("api_detail", 25), ("api_history", 10), ("reader_list", 15), ("reader_detail", 20))


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: Counter = Counter()

    def add(self, kind: str, seconds: float, ok: bool, detail: str = ""):
        with self.lock:
            self.times.setdefault(kind, []).append(seconds)
            if not ok:
                self.errors[f"{kind}: {detail}"] += 1


def request(conn: http.client.HTTPConnection, method: str, path: str, headers: dict, body: bytes | None = None):
    conn.request(method, path, body=body, headers={"X-Forwarded-Proto": "https", "Host": "localhost", **headers})
    response = conn.getresponse()
    data = response.read()
    return response.status, data


def reader(port: int, stop: float, claims: list[tuple[int, str]], stats: Stats, seed: int):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    kinds = [k for k, _ in READ_MIX]
    weights = [w for _, w in READ_MIX]
    while time.monotonic() < stop:
        kind = rng.choices(kinds, weights)[0]
        pk, slug = rng.choice(claims)
        path = {
            "api_list": f"/api/v1/claims/?page_size=50&page={rng.randint(1, 5)}",
            "api_detail": f"/api/v1/claims/{pk}/",
            "api_history": f"/api/v1/claims/{pk}/history/",
            "reader_list": f"/claims/?page={rng.randint(1, 5)}",
            "reader_detail": f"/claims/{slug}/",
        }[kind]
        started = time.perf_counter()
        try:
            status, _ = request(conn, "GET", path, {"Accept": "application/json" if kind.startswith("api") else "*/*"})
            stats.add(kind, time.perf_counter() - started, status == 200, str(status))
        except (OSError, http.client.HTTPException) as exc:
            stats.add(kind, time.perf_counter() - started, False, type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.close()


def writer(port: int, stop: float, claim_ids: list[int], token: str, stats: Stats, seed: int):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    auth = {"Authorization": f"Token {token}", "Accept": "application/json"}
    while time.monotonic() < stop:
        pk = rng.choice(claim_ids)
        started = time.perf_counter()
        try:
            status, data = request(conn, "GET", f"/api/v1/claims/{pk}/", auth)
            if status != 200:
                stats.add("write", time.perf_counter() - started, False, f"read before write {status}")
                continue
            claim = json.loads(data)
            target = "not_checkable" if claim["status"] == "in_review" else "in_review"
            body = json.dumps(
                {"status": target, "rationale": "Load test: moved by bench/load.py.", "version": claim["version"]}
            ).encode()
            status, data = request(
                conn, "POST", f"/api/v1/claims/{pk}/status/", {**auth, "Content-Type": "application/json"}, body
            )
            stats.add("write", time.perf_counter() - started, status == 200, f"{status} {data[:120]!r}")
        except (OSError, http.client.HTTPException) as exc:
            stats.add("write", time.perf_counter() - started, False, type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.close()


def wait_until_up(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            status, _ = request(conn, "GET", "/api/v1/statuses/", {})
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer on {HOST}:{port} within {seconds:.0f} s")


def prepare(env: dict, readers_sample: int, writer_claims: int, seed: int) -> tuple[list, list, str]:
    """Sample published claims and issue the writer's token, in a Django process on the same database."""
    code = f"""
import json, random, django
django.setup()
from io import StringIO
from django.core.management import call_command
from claims.models import Claim
ids = list(Claim.objects.published().order_by("id").values_list("id", "slug"))
if not ids:
    raise SystemExit("No published claims: run bench/run.py for this size first.")
rng = random.Random({seed})
readers = rng.sample(ids, min(len(ids), {readers_sample}))
writers = [pk for pk, _ in rng.sample(ids, min(len(ids), {writer_claims}))]
out = StringIO()
call_command("issue_token", "{WRITER}", stdout=out, stderr=StringIO())
print(json.dumps({{"readers": readers, "writers": writers, "token": out.getvalue().strip()}}))
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "factcheck.settings"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return data["readers"], data["writers"], data["token"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--size", type=int, default=10000, help="Which benchmark database (default 10000).")
    parser.add_argument("--duration", type=float, default=60, help="Seconds of load, at most 600 (default 60).")
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if not 0 < args.duration <= 600:
        parser.error("--duration must be between 0 and 600 seconds")

    env = _env(args.db, args.size, args.pg_url)
    env.update(
        WEB_CONCURRENCY=str(args.workers),
        GUNICORN_BIND=f"{HOST}:{args.port}",
        DJANGO_SECURE_PROXY_SSL_HEADER="1",  # as behind the production TLS proxy
        DATABASE_CONN_MAX_AGE=env.get("DATABASE_CONN_MAX_AGE", "60"),
    )
    try:
        http.client.HTTPConnection(HOST, args.port, timeout=2).connect()
    except OSError:
        pass
    else:
        parser.error(f"something already listens on {HOST}:{args.port}; choose another --port")
    read_claims, write_claims, token = prepare(env, 500, 40 * args.writers, args.seed)

    RESULTS.mkdir(parents=True, exist_ok=True)
    log = open(RESULTS / f"gunicorn-{args.db}-{args.size}.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "factcheck.wsgi"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stats = Stats()
    try:
        wait_until_up(args.port)
        load_before = os.getloadavg()
        started = time.monotonic()
        stop = started + args.duration
        threads = [
            threading.Thread(target=reader, args=(args.port, stop, read_claims, stats, args.seed + i))
            for i in range(args.readers)
        ]
        share = len(write_claims) // max(1, args.writers)
        threads += [
            threading.Thread(
                target=writer,
                args=(args.port, stop, write_claims[i * share : (i + 1) * share], token, stats, args.seed + 100 + i),
            )
            for i in range(args.writers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        load_after = os.getloadavg()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    total = sum(len(v) for v in stats.times.values())
    errors = sum(stats.errors.values())
    lines = [
        f"Run of {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: `python bench/load.py --db {args.db} --size {args.size} "
        f"--duration {args.duration:.0f} --readers {args.readers} --writers {args.writers} --workers {args.workers}`; "
        f"{_machine()['nproc']} cores shared by gunicorn, the database and the load generator, and with other work "
        f"(1-minute load average {load_before[0]:.1f} before, {load_after[0]:.1f} after).",
        "",
        f"**{total} requests in {elapsed:.1f} s: {total / elapsed:.1f} requests/s; {errors} errors.**",
        "",
        "| kind | requests | p50 ms | p99 ms |",
        "|---|---|---|---|",
    ]
    everything = []
    for kind in [k for k, _ in READ_MIX] + ["write"]:
        times = stats.times.get(kind, [])
        everything += times
        if times:
            lines.append(
                f"| {kind} | {len(times)} | {statistics.median(times) * 1000:.1f} | "
                f"{percentile(times, 0.99) * 1000:.1f} |"
            )
    if everything:
        lines.append(
            f"| all | {len(everything)} | {statistics.median(everything) * 1000:.1f} | "
            f"{percentile(everything, 0.99) * 1000:.1f} |"
        )
    lines.append("")
    lines.append("A write is the editor's GET of the claim (for its version) plus the POST of the status change.")
    for error, count in stats.errors.most_common():
        lines.append(f"- error ×{count}: {error}")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        current = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
        if MARK_START not in current:
            current += f"\n{MARK_START}\n{MARK_END}\n"
        before, rest = current.split(MARK_START, 1)
        _, after = rest.split(MARK_END, 1)
        DOC.write_text(f"{before}{MARK_START}\n{text}\n{MARK_END}{after}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
