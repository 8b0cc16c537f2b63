"""The benchmark: API, reader pages and the bare-Django baseline at several database sizes.

    python bench/run.py --sizes 10000,100000,1000000 --db sqlite,postgres --repeat 100

For each database and size it prepares a database of its own (PostgreSQL: factcheck_bench_<N> on the
server of --pg-url; SQLite: bench/results/factcheck_bench_<N>.sqlite3), migrates it and seeds it with
`seed_synthetic` unless it already holds that many claims; then a fresh process measures every endpoint,
in-process through Django's test Client (no network, no server: what is measured is Django, the
framework and the database), round-robin: each round requests every endpoint once, so that a slow
moment of a shared machine spreads over all endpoints instead of falling on one. It prints median and
p99, queries per request, the ratio to the baseline and the growth from the smallest to the largest size,
and writes the table into docs/benchmarks.md between its markers (--no-write to skip).

An endpoint that answers anything but 200 on the warm-up round (404 while it is not built yet) is
reported as missing and left out of the rounds; the run goes on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
MARK = "<!-- bench/run.py results, {db}: {edge} -->"  # one block per database, so runs of one leave the other
PAGE_SIZE = 50
SEARCH = "kestrel"  # a company-name word: in about one claim in twenty
STATUS = "misleading"  # about one published claim in eleven

# endpoint -> the endpoint it is compared with
BASELINE_OF = {
    "api_list": "base_list",
    "api_list_status": "base_list_status",
    "api_list_search": "base_list_search",
    "api_list_deep": "base_list_deep",
    "api_list_cursor": "base_list_cursor",
    "api_list_304": "api_list",
    "api_detail": "base_detail",
    "api_detail_304": "api_detail",
    "api_history": "base_history",
    "reader_list": "base_list",
    "reader_detail": "base_detail",
}

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# ------------------------------------------------------------------------------- inside Django


def endpoints(*, published: int, sample: list[tuple[int, str]], deep_cursor: str = "") -> dict[str, callable]:
    """name -> f(round) -> (path, headers). Detail endpoints walk through a sample of published claims;
    `deep_cursor` is the `next` cursor of the page before the deep one (the same rows by keyset)."""
    deep = max(1, int(published / PAGE_SIZE * 0.9))  # 90% of the way through the list

    def one(i):
        return sample[i % len(sample)]

    api = "/api/v1/claims/"
    base = "/bench/baseline/claims/"
    size = f"page_size={PAGE_SIZE}"
    return {
        "api_list": lambda i: (f"{api}?{size}", {}),
        "base_list": lambda i: (f"{base}?{size}", {}),
        "api_list_status": lambda i: (f"{api}?status={STATUS}&{size}", {}),
        "base_list_status": lambda i: (f"{base}?status={STATUS}&{size}", {}),
        "api_list_search": lambda i: (f"{api}?search={SEARCH}&{size}", {}),
        "base_list_search": lambda i: (f"{base}?search={SEARCH}&{size}", {}),
        "api_list_deep": lambda i: (f"{api}?{size}&page={deep}", {}),
        "base_list_deep": lambda i: (f"{base}?{size}&page={deep}", {}),
        "api_list_cursor": lambda i: (f"{api}?{size}&cursor={deep_cursor}", {}),
        "base_list_cursor": lambda i: (f"{base}?{size}&cursor={deep_cursor}", {}),
        "api_list_304": lambda i: (f"{api}?{size}", {"etag_of": f"{api}?{size}"}),
        "api_detail": lambda i: (f"{api}{one(i)[0]}/", {}),
        "base_detail": lambda i: (f"{base}{one(i)[0]}/", {}),
        "api_detail_304": lambda i: (f"{api}{one(i)[0]}/", {"etag_of": f"{api}{one(i)[0]}/"}),
        "api_history": lambda i: (f"{api}{one(i)[0]}/history/", {}),
        "base_history": lambda i: (f"{base}{one(i)[0]}/history/", {}),
        "reader_list": lambda i: ("/claims/", {}),
        "reader_detail": lambda i: (f"/claims/{one(i)[1]}/", {}),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def measure(client, *, repeat: int, warmup: int = 2, seed: int = 1, sample_size: int = 100) -> dict:
    """Request every endpoint `repeat` times, round-robin; return timings and query counts per endpoint."""
    from django.db import connection
    from django.db.models import Max, Min
    from django.test.utils import CaptureQueriesContext

    from claims.models import Claim

    published = Claim.objects.published().count()
    rng = random.Random(seed)
    # Guess ids between the lowest and the highest rather than list a million of them; ids need not start
    # at 1 (a sequence keeps counting after rows are flushed), so the range is the table's own.
    bounds = Claim.objects.aggregate(low=Min("id"), high=Max("id"))
    low, high = bounds["low"] or 1, bounds["high"] or 0
    span = range(low, high + 1)
    candidates = rng.sample(span, min(len(span), sample_size * 3))
    sample = sorted(Claim.objects.published().filter(pk__in=candidates).values_list("id", "slug"))[:sample_size]
    if not sample:  # sparse ids missed every published claim: take the first ones instead
        sample = list(Claim.objects.published().order_by("id").values_list("id", "slug")[:sample_size])
    rng.shuffle(sample)
    deep = max(1, int(published / PAGE_SIZE * 0.9))
    deep_cursor = ""
    if deep > 1:  # the cursor a client walking the list by `next` holds at the deep page
        before = client.get(f"/api/v1/claims/?page_size={PAGE_SIZE}&page={deep - 1}", secure=True)
        if before.status_code == 200 and before.json().get("next"):
            deep_cursor = parse_qs(urlsplit(before.json()["next"]).query).get("cursor", [""])[0]
    routes = endpoints(published=published, sample=sample, deep_cursor=deep_cursor)
    etags: dict[str, str] = {}
    results: dict[str, dict] = {name: {"times": [], "queries": set(), "status": None} for name in routes}

    def call(name: str, i: int, record: bool):
        path, headers = routes[name](i)
        extra = {}
        if "etag_of" in headers:
            source = headers["etag_of"]
            if source not in etags:
                etags[source] = client.get(source, secure=True).headers.get("ETag", "")
            extra["HTTP_IF_NONE_MATCH"] = etags[source]
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path, secure=True, **extra)
            elapsed = time.perf_counter() - started
        result = results[name]
        result["status"] = response.status_code
        result["path"] = path
        if record:
            result["times"].append(elapsed)
            result["queries"].add(len(queries))
        return response

    live = []
    for name in routes:
        expected = 304 if name.endswith("_304") else 200
        for i in range(warmup):
            response = call(name, i, record=False)
            if response.status_code != expected:
                results[name]["missing"] = f"answered {response.status_code}, expected {expected}"
                break
        else:
            live.append(name)
    for i in range(repeat):
        for name in live:  # round-robin: one request per endpoint per round
            response = call(name, warmup + i, record=True)
            expected = 304 if name.endswith("_304") else 200
            if response.status_code != expected:
                results[name].setdefault("errors", 0)
                results[name]["errors"] = results[name]["errors"] + 1

    # Queries must not depend on the page size: count them at 10 and 100 as well.
    by_page_size = {}
    for size in (10, 50, 100):
        for name, prefix in (("api_list", "/api/v1/claims/"), ("base_list", "/bench/baseline/claims/")):
            with CaptureQueriesContext(connection) as queries:
                status = client.get(f"{prefix}?page_size={size}", secure=True).status_code
            by_page_size.setdefault(name, {})[size] = len(queries) if status == 200 else None

    summary = {}
    for name, result in results.items():
        entry = {"path": result.get("path"), "status": result["status"]}
        if "missing" in result:
            entry["missing"] = result["missing"]
        elif result["times"]:
            times = result["times"]
            entry.update(
                n=len(times),
                p50_ms=statistics.median(times) * 1000,
                p99_ms=percentile(times, 0.99) * 1000,
                queries=sorted(result["queries"]),
                errors=result.get("errors", 0),
            )
        summary[name] = entry
    return {"published": published, "endpoints": summary, "queries_by_page_size": by_page_size}


def _versions() -> dict:
    import django
    import rest_framework
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = "PostgreSQL " + cursor.fetchone()[0]
        else:
            cursor.execute("SELECT sqlite_version()")
            database = "SQLite " + cursor.fetchone()[0]
    return {"python": platform.python_version(), "django": django.get_version(), "drf": rest_framework.VERSION,
            "database": database}  # fmt: skip


def worker(args) -> None:
    """Runs in its own process, with the database chosen by the environment."""
    import warnings

    import django

    # No collectstatic in a benchmark database's checkout: whitenoise's note about it is noise here.
    warnings.filterwarnings("ignore", message="No directory at")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from claims.bulk.statistics import analyze
    from claims.bulk.synthetic.seed import SEEDED_MODELS, seed_claims
    from claims.models import Claim

    if args.worker == "prepare":
        call_command("migrate", verbosity=0, interactive=False)
        prefix = f"s{args.seed}-"
        have = Claim.objects.filter(slug__startswith=prefix).count()
        if have == args.size:
            print(f"  {args.size} claims already there")
            analyze(SEEDED_MODELS)  # a database seeded before loaders refreshed statistics
            return
        if have:
            sys.exit(f"This database holds {have} synthetic claims, not {args.size}: drop it and run again.")
        started = time.monotonic()
        seed_claims(
            claims=args.size,
            seed=args.seed,
            progress=lambda done, total, seconds: print(f"  {done}/{total} claims, {seconds:.0f} s", flush=True),
        )
        print(f"  seeded {args.size} claims in {time.monotonic() - started:.0f} s", flush=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # fresh statistics, as a live database has
        return

    with override_settings(ROOT_URLCONF="bench.urls"):
        load_before = os.getloadavg()
        result = measure(Client(), repeat=args.repeat, seed=args.seed)
        result.update(
            size=args.size,
            db=connection.vendor,
            versions=_versions(),
            load_before=load_before,
            load_after=os.getloadavg(),
        )
    Path(args.out).write_text(json.dumps(result, indent=1, default=list))


# ------------------------------------------------------------------------------ the orchestrator


def _env(db: str, size: int, pg_url: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-key-never-used-elsewhere"),
        "DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
        "DJANGO_STATIC_MANIFEST": "0",
        "API_ANON_RATE": "100000000/minute",  # measure the API, not its throttle
        # The load's writer gives verdicts as one editor: each write is measured whole, not held for a second one.
        "FACTCHECK_SIGNOFF_REQUIRED": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_REPLICA_URLS", None)
    if db == "postgres":
        env["DATABASE_URL"] = f"{pg_url.rstrip('/')}/factcheck_bench_{size}"
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(RESULTS / f"factcheck_bench_{size}.sqlite3")
    return env


def _create_pg_database(pg_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{pg_url.rstrip('/')}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "platform": platform.platform()}


def _fmt(value: float | None) -> str:
    return "–" if value is None else (f"{value:.1f}" if value < 100 else f"{value:.0f}")


def table(db: str, runs: list[dict]) -> str:
    runs = sorted(runs, key=lambda r: r["size"])
    sizes = [r["size"] for r in runs]
    names = list(runs[0]["endpoints"])
    head = ["endpoint", "queries"]
    for size in sizes:
        head += [f"p50 ms {size:,}", f"p99 ms {size:,}", f"× baseline {size:,}"]
    if len(sizes) > 1:
        head.append(f"growth p50 {sizes[0]:,}→{sizes[-1]:,}")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in names:
        cells = [f"`{name}`"]
        queries = sorted({q for r in runs for q in r["endpoints"][name].get("queries", [])})
        cells.append("/".join(map(str, queries)) or "–")
        for run in runs:
            entry = run["endpoints"][name]
            if "missing" in entry:
                cells += [f"missing ({entry['missing']})", "", ""]
                continue
            ratio = None
            other = run["endpoints"].get(BASELINE_OF.get(name, ""), {})
            if "p50_ms" in other and "p50_ms" in entry:
                ratio = entry["p50_ms"] / other["p50_ms"]
            if ratio and name.endswith("_304"):
                shown = f"{1 / ratio:.1f}× faster than 200"  # compared with the full render
            else:
                shown = f"{ratio:.2f}" if ratio else ""
            cells += [_fmt(entry.get("p50_ms")), _fmt(entry.get("p99_ms")), shown]
        if len(sizes) > 1:
            first, last = runs[0]["endpoints"][name], runs[-1]["endpoints"][name]
            growth = last["p50_ms"] / first["p50_ms"] if "p50_ms" in first and "p50_ms" in last else None
            cells.append(f"{growth:.2f}×" if growth else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(all_runs: dict[str, list[dict]], args, machine: dict) -> str:
    any_run = next(r for runs in all_runs.values() for r in runs)
    versions = any_run["versions"]
    parts = [
        f"Run of {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: `python bench/run.py --sizes "
        f"{','.join(map(str, args.sizes))} --db {','.join(all_runs)} --repeat {args.repeat}`.",
        "",
        f"Machine: {machine['nproc']} cores, {machine['cpu']}, {machine['platform']}; Python {versions['python']}, "
        f"Django {versions['django']}, DRF {versions['drf']}. Measured in-process with Django's test Client "
        f"(no network, no server), {args.repeat} interleaved rounds after 2 warm-up rounds; page size {PAGE_SIZE}. "
        "The machine is shared with other work (load averages below): read ratios and growth, not absolute times.",
        "",
    ]
    for db, runs in all_runs.items():
        runs = sorted(runs, key=lambda r: r["size"])
        loads = ", ".join(f"{r['size']:,}: {r['load_before'][0]:.1f}→{r['load_after'][0]:.1f}" for r in runs)
        parts += [f"### {runs[0]['versions']['database']}", "", f"1-minute load average during each size: {loads}.", ""]
        parts += [table(db, runs), ""]
        qps = "; ".join(
            f"{r['size']:,}: " + ", ".join(f"{name} {sizes}" for name, sizes in r["queries_by_page_size"].items())
            for r in runs
        )
        parts += [f"Queries at page size 10/50/100: {qps}.", ""]
    return "\n".join(parts)


def write_doc(text: str, db: str) -> None:
    start, end = MARK.format(db=db, edge="start"), MARK.format(db=db, edge="end")
    DOC.parent.mkdir(exist_ok=True)
    current = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    if start not in current:
        current += f"\n{start}\n{end}\n"
    before, rest = current.split(start, 1)
    _, after = rest.split(end, 1)
    DOC.write_text(f"{before}{start}\n{text}\n{end}{after}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--db", default="sqlite,postgres", type=lambda s: s.split(","))
    parser.add_argument("--repeat", type=int, default=100, help="Rounds over every endpoint (default 100).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--no-write", action="store_true", help="Print only; leave docs/benchmarks.md alone.")
    parser.add_argument("--worker", choices=["prepare", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    unknown = set(args.db) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"--db takes sqlite and/or postgres, not {', '.join(sorted(unknown))}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    machine = _machine()
    all_runs: dict[str, list[dict]] = {}
    for db in args.db:
        for size in args.sizes:
            env = _env(db, size, args.pg_url)
            if db == "postgres":
                _create_pg_database(args.pg_url, f"factcheck_bench_{size}")
            me = [sys.executable, str(Path(__file__).resolve()), "--size", str(size), "--seed", str(args.seed)]
            print(f"== {db}, {size:,} claims: preparing", flush=True)
            subprocess.run([*me, "--worker", "prepare"], env=env, cwd=ROOT, check=True)
            out = RESULTS / f"{db}-{size}.json"
            print(f"== {db}, {size:,} claims: measuring ({args.repeat} rounds)", flush=True)
            subprocess.run(
                [*me, "--worker", "measure", "--repeat", str(args.repeat), "--out", str(out)],
                env=env,
                cwd=ROOT,
                check=True,
            )
            run = json.loads(out.read_text())
            all_runs.setdefault(db, []).append(run)
            for name, entry in run["endpoints"].items():
                if "missing" in entry:
                    print(f"   {name:18} MISSING: {entry['path']} {entry['missing']}")
                else:
                    print(
                        f"   {name:18} p50 {entry['p50_ms']:8.1f} ms  p99 {entry['p99_ms']:8.1f} ms  "
                        f"queries {entry['queries']}"
                    )
    for db, runs in all_runs.items():
        text = report({db: runs}, args, machine)
        print()
        print(text)
        if not args.no_write:
            write_doc(text, db)
            print(f"\nWritten to {DOC.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
