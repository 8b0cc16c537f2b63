"""Soak test: gunicorn on loopback, concurrent readers and writers for a bounded time, then every invariant.

    .venv/bin/python soak/run.py                 # 20 s (tests/deploy/test_soak.py runs a shorter form in CI)
    .venv/bin/python soak/run.py --seconds 600   # the long form, by hand

The database is the suite's kind, never the one in use: without DATABASE_URL a fresh SQLite file in a
temporary directory; with DATABASE_URL=postgres://…/NAME a database NAME_soak on the same server, dropped
and created by this script (and dropped again afterwards unless --keep).

It migrates, loads the seed claims (`load_claims fixtures/`, or a few claims made through the services when
that command is missing), makes an editor with an API token, starts `gunicorn factcheck.wsgi -w 2` on
127.0.0.1 at a free port (with gunicorn.conf.py, as in production), and runs until --seconds have passed:
  readers         GET every reader page, API list and detail, and the admin login page that answered at start
  API writers     GET a claim, then POST /api/v1/claims/{id}/status/ with the version read (200 or 409)
  service writers claims.services.claim_change_status from this process, on the same database
Writers share a few "hot" claims so that they really race. Afterwards it checks: no 5xx, no connection
error, no unexpected status, no traceback in the server log, the invariants (claims.invariants) hold, and
nothing was lost: new history rows == writes accepted == the sum of version increases.
The last line is `SOAK_RESULT {json}`; the exit status is 0 only when every check passes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
HOT_CLAIMS = 8
# Two statuses an editor may alternate between without citations: every write is a legal change.
FLIP = {"in_review": "not_checkable"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="How long to run the load (default 20).")
    parser.add_argument("--readers", type=int, default=4, help="Reader threads (default 4).")
    parser.add_argument("--api-writers", type=int, default=2, help="Threads writing through the API (default 2).")
    parser.add_argument(
        "--service-writers", type=int, default=2, help="Threads writing through the services (default 2)."
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--keep", action="store_true", help="Keep the soak database and the server log afterwards.")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 24 * 3600:
        parser.error("--seconds must be above 0 and at most a day")
    return args


# --- the database --------------------------------------------------------------------------------------


@dataclass
class SoakDatabase:
    """Where the soak runs: a throwaway SQLite file or a throwaway PostgreSQL database."""

    env: dict[str, str]
    description: str
    workdir: Path
    admin_url: str | None = None  # PostgreSQL: the maintenance database to create and drop from
    name: str | None = None

    @classmethod
    def prepare(cls, workdir: Path) -> SoakDatabase:
        url = os.environ.get("DATABASE_URL", "")
        if not url:
            path = workdir / "soak.sqlite3"
            return cls({"SQLITE_PATH": str(path)}, f"SQLite file {path}", workdir)
        soak_url, admin_url, name = soak_database_url(url)
        database = cls({"DATABASE_URL": soak_url}, f"PostgreSQL database {name}", workdir, admin_url, name)
        database._recreate()
        return database

    def _admin(self, statement) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(statement)

    def _recreate(self) -> None:
        from psycopg import sql

        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name)))
        self._admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))

    def drop(self) -> None:
        if self.name:
            from psycopg import sql

            self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name)))


def soak_database_url(url: str) -> tuple[str, str, str]:
    """For postgres://…/NAME: the soak database's URL, the maintenance database's URL, and NAME_soak."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(f"soak: DATABASE_URL must be PostgreSQL or unset (SQLite), not {parts.scheme}")
    name = parts.path.lstrip("/") + "_soak"
    soak_url = urlunsplit(parts._replace(path="/" + name))
    admin_url = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    return soak_url, admin_url, name


def django_env(database: SoakDatabase) -> dict[str, str]:
    """Production-like settings for both this process and gunicorn: debug off (no query log growing for
    ten minutes), plain HTTP on loopback, no anonymous API throttle (the soak is not a throttling test), and
    verdicts written at once (no second editor)."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("SQLITE_PATH", None)
    env.update(database.env)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "factcheck.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_STATIC_MANIFEST": "0",
            "API_ANON_RATE": "1000000/minute",
            # The writers race status changes to one version; sign-off has its own race
            # (tests/services/test_concurrency.py).
            "FACTCHECK_SIGNOFF_REQUIRED": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    env.setdefault("DJANGO_SECRET_KEY", "soak-test-only-secret-key-" + "x" * 40)
    return env


def setup_django(env: dict[str, str]) -> None:
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- the data ------------------------------------------------------------------------------------------


@dataclass
class Prepared:
    editor_id: int
    token: str | None
    claim_ids: list[int]
    hot_ids: list[int]
    read_paths: list[str]
    how: str


def prepare_data() -> Prepared:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command, get_commands

    from claims.models import Claim

    call_command("migrate", verbosity=0, interactive=False)
    fixtures = ROOT / "fixtures"
    if "load_claims" in get_commands() and any(fixtures.glob("*.json")):
        call_command("load_claims", str(fixtures), verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        how = "load_claims fixtures/"
    else:
        make_claims_through_services()
        how = "claims made through the services"

    editor = get_user_model().objects.create_user(username="soak-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    token = None
    try:
        from rest_framework.authtoken.models import Token

        token = Token.objects.create(user=editor).key
    except (ImportError, RuntimeError):
        pass

    claims = list(Claim.objects.select_related("article").order_by("pk"))
    if not claims:
        raise SystemExit("soak: no claims to read or write")
    published = [claim for claim in claims if claim.is_published]
    paths = ["/", "/claims/", "/changes/", "/changes/feed/", "/sitemap.xml", "/admin/login/", "/api/v1/claims/"]
    for claim in published[:10]:
        paths += [f"/claims/{claim.slug}/", f"/api/v1/claims/{claim.pk}/"]
    paths += sorted({f"/articles/{claim.article.slug}/" for claim in published})
    # Hot claims are the published ones, so that readers see every change the writers make.
    hot = [claim.pk for claim in (published or claims)[:HOT_CLAIMS]]
    return Prepared(editor.pk, token, [claim.pk for claim in claims], hot, paths, how)


def make_claims_through_services() -> None:
    """A few claims on one article, for a tree where load_claims does not exist yet."""
    import datetime as dt

    from claims.models import Article
    from claims.services.claims import claim_create

    text = (
        "Selon le Wall Street Journal, ce partenariat démarre en 2027 et prévoit jusqu’à 4,5 gigawatts de "
        "capacité. OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom."
    )
    article = Article.objects.create(
        slug="soak-article", title="OpenAI et Oracle", language="fr", published_on=dt.date(2025, 9, 11), text=text
    )
    for n, passage in enumerate(["ce partenariat démarre en 2027", "jusqu’à 4,5 gigawatts de capacité"]):
        claim_create(
            by=None,
            article=article,
            slug=f"soak-claim-{n}",
            text=passage,
            start=text.index(passage),
            end=text.index(passage) + len(passage),
            visibility="published",
        )


# --- the server ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str], workers: int, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115 -- closed in stop()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        # The production configuration (timeouts, worker recycling, forwarded headers); the command line
        # sets what differs here: the worker count and a loopback address.
        command = [str(gunicorn), "-c", "gunicorn.conf.py", "factcheck.wsgi", "-w", str(workers)]
        command += ["-b", f"{HOST}:{self.port}"]
        command += ["--access-logfile", "-", "--graceful-timeout", "10"]
        self.process = subprocess.Popen(  # noqa: S603 -- our own gunicorn, fixed arguments
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"soak: gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                status, _ = request(self.port, "GET", "/robots.txt", timeout=2)
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"soak: gunicorn did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.log.close()

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])


def request(port: int, method: str, path: str, body: dict | None = None, token: str | None = None, timeout=30):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Accept": "*/*", "Host": HOST}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Token {token}"
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- the load ------------------------------------------------------------------------------------------


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: int = 0
    connection_errors: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    api_writes: int = 0
    service_writes: int = 0
    stale: int = 0
    write_errors: list[str] = field(default_factory=list)

    def http(self, port: int, method: str, path: str, expected: tuple[int, ...], **kwargs):
        started = time.monotonic()
        try:
            status, body = request(port, method, path, **kwargs)
        except OSError as exc:
            with self.lock:
                self.requests += 1
                self.connection_errors.append(f"{method} {path}: {exc!r}")
            return None, b""
        elapsed = time.monotonic() - started
        with self.lock:
            self.requests += 1
            self.statuses[status] += 1
            self.latencies.append(elapsed)
            if status >= 500:
                self.server_errors += 1
            if status not in expected:
                self.unexpected.append(f"{method} {path}: {status} {body[:200]!r}")
        return status, body


def reader(port: int, paths: list[str], deadline: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        tally.http(port, "GET", rng.choice(paths), expected=(200,))


def api_writer(port: int, token: str, hot: list[int], deadline: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    n = 0
    while time.monotonic() < deadline:
        claim_id = rng.choice(hot)
        status, body = tally.http(port, "GET", f"/api/v1/claims/{claim_id}/", expected=(200,), token=token)
        if status != 200:
            continue
        seen = json.loads(body)
        n += 1
        status, _ = tally.http(
            port,
            "POST",
            f"/api/v1/claims/{claim_id}/status/",
            expected=(200, 409),
            token=token,
            body={
                "status": FLIP.get(seen["status"], "in_review"),
                "rationale": f"Soak: API writer {seed}, write {n}.",
                "version": seen["version"],
            },
        )
        with tally.lock:
            if status == 200:
                tally.api_writes += 1
            elif status == 409:
                tally.stale += 1


def service_writer(editor_id: int, hot: list[int], deadline: float, tally: Tally, seed: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from claims.models import Claim
    from claims.services.status import claim_change_status
    from claims.services.versions import StaleVersion

    rng = random.Random(seed)
    n = 0
    try:
        editor = get_user_model().objects.get(pk=editor_id)
        while time.monotonic() < deadline:
            seen = Claim.objects.get(pk=rng.choice(hot))
            n += 1
            try:
                claim_change_status(
                    claim=seen,
                    to_status=FLIP.get(seen.status_id, "in_review"),
                    rationale=f"Soak: service writer {seed}, write {n}.",
                    by=editor,
                    expected_version=seen.version,
                )
            except StaleVersion:
                with tally.lock:
                    tally.stale += 1
            except Exception as exc:  # every other failure is a finding: record it, keep going
                with tally.lock:
                    first_line = (str(exc).splitlines() or [""])[0]
                    tally.write_errors.append(f"{type(exc).__name__}: {first_line}")
            else:
                with tally.lock:
                    tally.service_writes += 1
            # An editor's pace, roughly: a writer that never paused would starve the readers on SQLite's
            # single write lock, and win every race against the API writers, who read over HTTP first.
            time.sleep(rng.uniform(0.1, 0.5))
    finally:
        connection.close()


def server_exceptions(log: str) -> list[str]:
    """The exception line ending each traceback in the server log."""
    found = []
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Traceback (most recent call last)"):
            for after in lines[i + 1 :]:
                if after and not after[0].isspace():
                    found.append(after.strip()[:300])
                    break
    return found


def probe(port: int, paths: list[str]) -> tuple[list[str], list[str]]:
    """Keep the pages that exist in this tree; a 5xx here is already a failure."""
    kept, broken = [], []
    for path in paths:
        status, _ = request(port, "GET", path)
        if status == 200:
            kept.append(path)
        elif status >= 500:
            broken.append(f"GET {path}: {status}")
    return kept, broken


# --- the run -------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="factcheck-soak-"))
    database = SoakDatabase.prepare(workdir)
    env = django_env(database)
    setup_django(env)
    server = None
    try:
        preparing = time.monotonic()
        prepared = prepare_data()
        prepare_seconds = time.monotonic() - preparing
        from django.db import connection

        from claims.models import Claim, StatusChange
        from claims.selectors import invariants

        history_before = StatusChange.objects.count()
        versions_before = dict(Claim.objects.values_list("pk", "version"))
        connection.close()  # the writer threads open their own

        server = Server(env, args.workers, workdir / "gunicorn.log")
        server.wait_ready()
        read_paths, broken = probe(server.port, prepared.read_paths)
        print(
            f"soak: {database.description}; data from {prepared.how}: {len(prepared.claim_ids)} claims "
            f"(migrated and loaded in {prepare_seconds:.1f} s)"
        )
        print(f"soak: gunicorn -w {args.workers} on {HOST}:{server.port}; {len(read_paths)} pages to read")

        tally = Tally()
        tally.unexpected += broken
        use_api = prepared.token is not None and f"/api/v1/claims/{prepared.hot_ids[0]}/" in read_paths
        api_writers = args.api_writers if use_api else 0
        started = time.monotonic()
        deadline = started + args.seconds
        threads = [
            threading.Thread(target=reader, args=(server.port, read_paths, deadline, tally, i))
            for i in range(args.readers)
        ]
        threads += [
            threading.Thread(
                target=api_writer, args=(server.port, prepared.token, prepared.hot_ids, deadline, tally, i)
            )
            for i in range(api_writers)
        ]
        threads += [
            threading.Thread(
                target=service_writer, args=(prepared.editor_id, prepared.hot_ids, deadline, tally, 100 + i)
            )
            for i in range(args.service_writers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
        stuck = sum(thread.is_alive() for thread in threads)
        duration = time.monotonic() - started
        server.stop()

        history_after = StatusChange.objects.count()
        versions_after = dict(Claim.objects.values_list("pk", "version"))
        report = invariants.check()
        log = server.log_text()
        exceptions = server_exceptions(log)
        tracebacks = len(exceptions)

        accepted = tally.api_writes + tally.service_writes
        new_rows = history_after - history_before
        raised = sum(versions_after[pk] - versions_before.get(pk, 0) for pk in versions_after)
        latencies = sorted(tally.latencies) or [0.0]
        result = {
            "database": database.description.split()[0].lower(),
            "seconds": round(duration, 1),
            "requests": tally.requests,
            "throughput": round(tally.requests / duration, 1),
            "statuses": {str(code): count for code, count in sorted(tally.statuses.items())},
            "server_errors": tally.server_errors,
            "connection_errors": len(tally.connection_errors),
            "unexpected": len(tally.unexpected),
            "write_errors": len(tally.write_errors),
            "writes_accepted": accepted,
            "api_writes": tally.api_writes,
            "service_writes": tally.service_writes,
            "stale_refused": tally.stale,
            "new_history_rows": new_rows,
            "versions_raised": raised,
            "claims_checked": report.claims_checked,
            "violations": len(report.violations),
            "tracebacks": tracebacks,
            "server_exceptions": sorted(set(exceptions)),
            "write_errors_seen": sorted(set(tally.write_errors))[:20],
            "stuck_threads": stuck,
            "latency_ms": {
                "p50": round(statistics.median(latencies) * 1000, 1),
                "p95": round(latencies[int(len(latencies) * 0.95) - 1 if len(latencies) > 1 else 0] * 1000, 1),
                "max": round(latencies[-1] * 1000, 1),
            },
        }
        failures = []
        if tally.server_errors:
            failures.append(f"{tally.server_errors} responses were 5xx")
        if tally.connection_errors:
            failures.append(f"{len(tally.connection_errors)} connection errors, e.g. {tally.connection_errors[0]}")
        if tally.unexpected:
            failures.append(f"{len(tally.unexpected)} unexpected responses, e.g. {tally.unexpected[0]}")
        if tally.write_errors:
            failures.append(f"{len(tally.write_errors)} service writes failed, e.g. {tally.write_errors[0]}")
        if not report.ok:
            failures.append(f"{len(report.violations)} invariants fail, e.g. {report.violations[0]}")
        if new_rows != accepted:
            failures.append(f"{accepted} writes accepted but {new_rows} new history rows")
        if raised != accepted:
            failures.append(f"{accepted} writes accepted but versions raised by {raised}")
        if tracebacks:
            failures.append(f"{tracebacks} tracebacks in the server log")
        if stuck:
            failures.append(f"{stuck} threads did not finish")
        if accepted == 0:
            failures.append("no write was accepted: the soak raced nothing")

        print(
            f"soak: {duration:.1f} s, {args.readers} readers, {api_writers} API writers, "
            f"{args.service_writers} service writers"
        )
        print(
            f"soak: {tally.requests} requests, {result['throughput']} requests/s, statuses {result['statuses']}, "
            f"latency p50 {result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms"
        )
        print(
            f"soak: errors: {tally.server_errors} 5xx, {len(tally.connection_errors)} connection errors, "
            f"{len(tally.unexpected)} unexpected responses, {len(tally.write_errors)} failed service writes"
        )
        print(
            f"soak: writes: {accepted} accepted ({tally.api_writes} API, {tally.service_writes} service), "
            f"{tally.stale} refused as stale; {new_rows} new history rows; versions raised by {raised}"
        )
        print(f"soak: invariants: {report.claims_checked} claims checked, {len(report.violations)} violations")
        for failure in failures:
            print(f"soak: FAIL: {failure}")
        if failures and tracebacks:
            print(server.log_tail())
        print("soak: " + ("FAIL" if failures else "PASS"))
        result["passed"] = not failures
        print("SOAK_RESULT " + json.dumps(result))
        return 1 if failures else 0
    finally:
        if server is not None:
            server.stop()
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"soak: kept {database.description} and {workdir}")
        else:
            database.drop()
            shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
