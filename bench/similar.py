"""How fast "already checked?" answers on a large database: the similar-claims search, in process and
through the API, on the benchmark's databases (bench/run.py prepares and seeds them).

    python bench/similar.py --size 100000 --db sqlite,postgres --repeat 30

Queries are passages of three kinds: sentences of synthetic articles already recorded (an amount, a date
and a company name each: the search finds their claims), the shipped French article's sentences (nothing
like them among synthetic claims: the search gathers little), and English passages about invented
companies. Each round asks every passage once; p50 and p99 over all rounds, per kind, with the number of
queries per search. The target is 50 ms at 100,000 claims on both databases.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.run import RESULTS, _create_pg_database, _env, percentile  # noqa: E402

ENGLISH = [
    "Halden Systems will invest 3.5 billion dollars in battery plants in 2026.",
    "According to The Norvale Ledger, Kestrel Cloud signed a 5-year contract worth about 40 million euros.",
    "Quillon Motors plans to build up to 4.5 gigawatts of offshore wind capacity starting early 2027.",
]


def measure(repeat: int) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from claims.models import Article, Claim
    from claims.selectors.similar import similar_claims

    recorded = [c.text for c in Claim.objects.published().order_by("-id")[:10]]
    french = [
        s for s in Path(ROOT / "fixtures/articles/openai-oracle-stargate.txt").read_text().split(". ") if len(s) > 60
    ][:6]
    kinds = {"recorded": (recorded, "en"), "french": (french, "fr"), "english": (ENGLISH, "en")}
    client = Client()
    times: dict[str, list[float]] = {f"{kind}_{where}": [] for kind in kinds for where in ("search", "api")}
    queries: dict[str, set[int]] = {name: set() for name in times}
    found: dict[str, list[int]] = {kind: [] for kind in kinds}
    published = Claim.objects.published()
    for texts, language in kinds.values():  # warm-up: caches, the planner, the language data
        for text in texts:
            similar_claims(text=text, language=language, claims=published)
    for _ in range(repeat):
        for kind, (texts, language) in kinds.items():
            for text in texts:
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    result = similar_claims(text=text, language=language, claims=published)
                    times[f"{kind}_search"].append((time.perf_counter() - started) * 1000)
                queries[f"{kind}_search"].add(len(captured))
                found[kind].append(len(result))
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get("/api/v1/claims/similar/", {"text": text, "language": language}, secure=True)
                    times[f"{kind}_api"].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.content
                queries[f"{kind}_api"].add(len(captured))
    return {
        "claims": Claim.objects.count(),
        "articles": Article.objects.count(),
        "vendor": connection.vendor,
        "results": {
            name: {
                "p50_ms": round(statistics.median(values), 2),
                "p99_ms": round(percentile(values, 0.99), 2),
                "n": len(values),
                "queries": sorted(queries[name]),
            }
            for name, values in times.items()
        },
        "found_per_search": {kind: round(statistics.mean(values), 2) for kind, values in found.items()},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--db", default="sqlite,postgres", type=lambda s: s.split(","))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        Path(args.out).write_text(json.dumps(measure(args.repeat), indent=1))
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    for db in args.db:
        env = _env(db, args.size, args.pg_url)
        if db == "postgres":
            _create_pg_database(args.pg_url, f"factcheck_bench_{args.size}")
        run = [sys.executable, str(ROOT / "bench" / "run.py"), "--size", str(args.size), "--seed", "1"]
        print(f"== {db}, {args.size:,} claims: preparing", flush=True)
        subprocess.run([*run, "--worker", "prepare"], env=env, cwd=ROOT, check=True)
        out = RESULTS / f"similar-{db}-{args.size}.json"
        subprocess.run(
            [sys.executable, __file__, "--worker", "--repeat", str(args.repeat), "--out", str(out)],
            env={**env, "DJANGO_SETTINGS_MODULE": "factcheck.settings"},
            cwd=ROOT,
            check=True,
        )
        result = json.loads(out.read_text())
        print(f"   {result['claims']:,} claims ({result['vendor']}); results per search: {result['found_per_search']}")
        for name, entry in result["results"].items():
            print(
                f"   {name:18} p50 {entry['p50_ms']:7.2f} ms  p99 {entry['p99_ms']:7.2f} ms  queries {entry['queries']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
