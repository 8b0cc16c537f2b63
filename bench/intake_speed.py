"""How long the intake language layer takes on a 2,000-word article.

    .venv/bin/python bench/intake_speed.py [--repeat 15] [--words 2000]

For each language it builds an article of at least --words words by concatenating the annotated
articles of bench/intake_corpus/ of that language (whole paragraphs, in turn), then times
`find_candidates` on it: once cold (the first call in this process, after importing the modules) and
--repeat times warm, reporting min and median. Importing the package (compiling its patterns) and the
first `detect_language` call (py3langid decompresses its model) are reported on their own lines, as is
importing the vocabularies the layer shares with the database (claims.choices loads django.db.models),
because they are paid once per process, not per article. Must run in a fresh process to be meaningful.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "bench" / "intake_corpus"


def build_article(language: str, min_words: int) -> tuple[str, dt.date]:
    paragraphs: list[str] = []
    published_on = None
    sources = []
    for path in sorted(CORPUS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc["language"] == language:
            sources.append((CORPUS / doc["article"]).read_text(encoding="utf-8").strip().split("\n\n"))
            published_on = published_on or dt.date.fromisoformat(doc["published_on"])
    count = 0
    while count < min_words:
        for source in sources:
            for paragraph in source:
                paragraphs.append(paragraph)
                count += len(paragraph.split())
                if count >= min_words:
                    break
            if count >= min_words:
                break
    return "\n\n".join(paragraphs), published_on


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--words", type=int, default=2000)
    args = parser.parse_args()

    # The vocabularies the layer shares with the database load Django's models module; timed apart, so that
    # the next line is the layer's own cost.
    started = time.perf_counter()
    import claims.choices
    import claims.rules.validation  # noqa: F401

    vocabularies = time.perf_counter() - started
    started = time.perf_counter()
    from claims.language.candidates import find_candidates
    from claims.language.detect import detect_language

    imported = time.perf_counter() - started
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print(f"import claims.choices (loads django.db.models)     {vocabularies * 1000:7.1f} ms")
    print(f"import claims.language (compiles the patterns)     {imported * 1000:7.1f} ms")

    for language in ("fr", "en"):
        text, published_on = build_article(language, args.words)
        words = len(text.split())
        started = time.perf_counter()
        detected = detect_language(text)
        detect_first = time.perf_counter() - started
        started = time.perf_counter()
        candidates = find_candidates(text, language=language, published_on=published_on)
        cold = time.perf_counter() - started
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            find_candidates(text, language=language, published_on=published_on)
            runs.append(time.perf_counter() - started)
        started = time.perf_counter()
        detect_language(text)
        detect_warm = time.perf_counter() - started
        print(
            f"\n{language}: {words} words, {len(text)} characters, {len(candidates)} candidates, detected {detected!r}"
        )
        print(f"  detect_language, first call (loads the model)    {detect_first * 1000:7.1f} ms")
        print(f"  detect_language, warm                            {detect_warm * 1000:7.1f} ms")
        print(f"  find_candidates, first call                      {cold * 1000:7.1f} ms")
        print(
            f"  find_candidates, {args.repeat} warm runs: min {min(runs) * 1000:.1f} ms, "
            f"median {statistics.median(runs) * 1000:.1f} ms, max {max(runs) * 1000:.1f} ms"
        )
        verdict = "under" if statistics.median(runs) < 1 else "OVER"
        print(f"  target: median under 1 s per article             {verdict}")


if __name__ == "__main__":
    main()
