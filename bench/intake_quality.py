"""How well the intake language layer finds the claims editors record.

    .venv/bin/python bench/intake_quality.py              # the tables
    .venv/bin/python bench/intake_quality.py --misses     # and every miss, for diagnosis
    .venv/bin/python bench/intake_quality.py --sweep      # recall/precision at several thresholds

Runs `claims.language.candidates.find_candidates` over the shipped article (fixtures/, its 24 recorded
claims) and the annotated articles of bench/intake_corpus/, and prints per language:
  - passages found / annotated (recall): a passage is found when a candidate contains it or overlaps
    at least half of it;
  - check-worthy candidates / candidates (precision): a candidate is check-worthy when it overlaps an
    annotated passage by at least half of the shorter of the two;
  - amounts normalized exactly / annotated: a candidate's amount at the annotated place with the same
    value, unit, qualifier and bounds;
  - dates normalized exactly / annotated: a candidate's date at the annotated place with the same
    precision, year, month and day;
and, as indications, the agreement on date roles, attributions and uncertainty kinds.
No Django setup: the layer needs no settings, database or models (only the vocabularies of claims.choices
and the bounds of claims.rules.validation), and this script only puts the repository root on sys.path.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.language.attribution import KnownSource  # noqa: E402
from claims.language.candidates import DEFAULT_MIN_SCORE, Candidate, find_candidates  # noqa: E402
from claims.rules.validation import parse_partial_date  # noqa: E402

SHIPPED = ROOT / "fixtures" / "000_openai_oracle_stargate.json"
CORPUS = ROOT / "bench" / "intake_corpus"


@dataclass
class Article:
    name: str
    language: str
    published_on: dt.date
    text: str
    passages: list[dict]
    sources: tuple[KnownSource, ...] = ()
    shipped: bool = False
    held_out: bool = False

    @property
    def group(self) -> str:
        return "shipped" if self.shipped else "held-out" if self.held_out else "corpus"


@dataclass
class Tally:
    passages: int = 0
    found: int = 0
    candidates: int = 0
    worthy: int = 0
    amounts: int = 0
    amounts_exact: int = 0
    amounts_value_unit: int = 0
    dates: int = 0
    dates_exact: int = 0
    roles: int = 0
    attributions: int = 0
    attributions_found: int = 0
    uncertainties: int = 0
    uncertainties_same: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            if name == "misses":
                self.misses.extend(other.misses)
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))


def load_articles() -> list[Article]:
    articles = []
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    meta = shipped["article"]
    sources = tuple(KnownSource(s["slug"], (s["name"],)) for s in shipped["sources"])
    articles.append(
        Article(
            name=meta["slug"],
            language=meta["language"],
            published_on=dt.date.fromisoformat(meta["published_on"]),
            text=(SHIPPED.parent / meta["text_file"]).read_text(encoding="utf-8"),
            passages=shipped["claims"],
            sources=sources,
            shipped=True,
        )
    )
    for path in sorted(CORPUS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        articles.append(
            Article(
                name=path.stem,
                language=doc["language"],
                published_on=dt.date.fromisoformat(doc["published_on"]),
                text=(CORPUS / doc["article"]).read_text(encoding="utf-8"),
                passages=doc["passages"],
                held_out=doc.get("held_out", False),
            )
        )
    return articles


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _covers(candidate: tuple[int, int], passage: tuple[int, int]) -> bool:
    """The candidate contains the passage, or overlaps at least half of it."""
    contains = candidate[0] <= passage[0] and passage[1] <= candidate[1]
    return contains or _overlap(candidate, passage) * 2 >= passage[1] - passage[0]


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def evaluate(article: Article, candidates: list[Candidate]) -> Tally:
    tally = Tally()
    text = article.text
    spans = []
    for passage in article.passages:
        start = passage.get("start", text.find(passage["text"]))
        assert start >= 0, passage["text"]
        spans.append((start, start + len(passage["text"])))
    tally.candidates = len(candidates)
    for candidate in candidates:
        span = (candidate.start, candidate.end)
        if any(_overlap(span, p) * 2 >= min(span[1] - span[0], p[1] - p[0]) for p in spans):
            tally.worthy += 1
        else:
            tally.misses.append(f"{article.name}: candidate not annotated ({candidate.score}): {candidate.text[:90]!r}")
    all_amounts = [a for c in candidates for a in c.amounts]
    all_dates = [d for c in candidates for d in c.dates]
    for passage, (p_start, p_end) in zip(article.passages, spans, strict=True):
        tally.passages += 1
        covering = [c for c in candidates if _covers((c.start, c.end), (p_start, p_end))]
        if covering:
            tally.found += 1
        else:
            tally.misses.append(f"{article.name}: passage not found: {passage['text'][:90]!r}")
        for quantity in passage.get("quantities", passage.get("amounts", [])):
            tally.amounts += 1
            where = p_start + passage["text"].find(quantity["as_stated"])
            place = (where, where + len(quantity["as_stated"]))
            wanted = (
                _decimal(quantity["value"]), quantity["unit"], quantity["qualifier"],
                _decimal(quantity.get("lower_bound")), _decimal(quantity.get("upper_bound")),
            )  # fmt: skip
            at_place = [a for a in all_amounts if _overlap((a.start, a.end), place)]
            got = [(a.value, a.unit, a.qualifier, a.lower_bound, a.upper_bound) for a in at_place]
            if wanted in got:
                tally.amounts_exact += 1
            else:
                tally.misses.append(f"{article.name}: amount {quantity['as_stated']!r} wanted {wanted}, got {got}")
            if any(g[0] == wanted[0] and g[1] == wanted[1] for g in got):
                tally.amounts_value_unit += 1
        for date in passage.get("dates", []):
            tally.dates += 1
            where = p_start + passage["text"].find(date["as_stated"])
            place = (where, where + len(date["as_stated"]))
            wanted = (date["precision"], *parse_partial_date(date["value"], date["precision"]))
            at_place = [d for d in all_dates if _overlap((d.start, d.end), place)]
            got = [(d.precision, d.year, d.month, d.day) for d in at_place]
            if wanted in got:
                tally.dates_exact += 1
                if any(d.role == date["role"] for d in at_place):
                    tally.roles += 1
            else:
                tally.misses.append(f"{article.name}: date {date['as_stated']!r} wanted {wanted}, got {got}")
        stated = passage.get("attribution_as_stated")
        if stated and not article.shipped:
            tally.attributions += 1
            where = text.find(stated)
            if any(c.attribution and _overlap((c.attribution.start, c.attribution.end), (where, where + len(stated)))
                   for c in covering):  # fmt: skip
                tally.attributions_found += 1
            else:
                tally.misses.append(f"{article.name}: attribution {stated!r} not found")
        wanted_uncertainty = passage.get("uncertainty") or "none"
        tally.uncertainties += 1
        if any(c.uncertainty == wanted_uncertainty for c in covering):
            tally.uncertainties_same += 1
        elif covering:
            got = sorted({f"{c.uncertainty}:{c.uncertainty_as_stated}" for c in covering})
            tally.misses.append(f"{article.name}: uncertainty {wanted_uncertainty!r} wanted, got {got}")
    return tally


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


ROWS = [
    ("passages found (recall)", "found", "passages"),
    ("check-worthy candidates (precision)", "worthy", "candidates"),
    ("amounts normalized exactly", "amounts_exact", "amounts"),
    ("dates normalized exactly", "dates_exact", "dates"),
    ("(amounts: same value and unit)", "amounts_value_unit", "amounts"),
    ("(date roles, of exact dates)", "roles", "dates_exact"),
    ("(attributions found)", "attributions_found", "attributions"),
    ("(same uncertainty kind)", "uncertainties_same", "uncertainties"),
]


def report(title: str, columns: dict[str, Tally]) -> None:
    """One table: a row per measure, a column per group of articles."""
    print(f"\n{title}")
    print(f"  {'':38}" + "".join(f"{name:>16}" for name in columns))
    for label, part, whole in ROWS:
        cells = [_pct(getattr(t, part), getattr(t, whole)) for t in columns.values()]
        print(f"  {label:38}" + "".join(f"{cell:>16}" for cell in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--sweep", action="store_true", help="recall and precision at several thresholds")
    args = parser.parse_args()
    articles = load_articles()
    if args.sweep:
        for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
            line = []
            for language in ("fr", "en"):
                total = Tally()
                for article in (a for a in articles if a.language == language):
                    candidates = find_candidates(
                        article.text, language=article.language, published_on=article.published_on,
                        sources=article.sources, min_score=threshold,
                    )  # fmt: skip
                    total.add(evaluate(article, candidates))
                line.append(
                    f"{language}: recall {_pct(total.found, total.passages)}, "
                    f"precision {_pct(total.worthy, total.candidates)}"
                )
            print(f"min_score {threshold:.2f}  " + "  |  ".join(line))
        return
    print(f"find_candidates, min_score {args.min_score}")
    print("columns: shipped = the fixture article and its 24 recorded claims; corpus = bench/intake_corpus")
    print("articles the rules were developed on; held-out = annotated after that work, see docs/intake.md")
    tallies = []
    for article in articles:
        candidates = find_candidates(
            article.text, language=article.language, published_on=article.published_on,
            sources=article.sources, min_score=args.min_score,
        )  # fmt: skip
        tallies.append((article, evaluate(article, candidates)))
    for language in ("fr", "en"):
        columns: dict[str, Tally] = {"all": Tally()}
        for group in ("shipped", "corpus", "held-out"):
            for article, tally in tallies:
                if article.language == language and article.group == group:
                    columns["all"].add(tally)
                    columns.setdefault(group, Tally()).add(tally)
        names = ", ".join(f"{a.name} ({a.group})" for a, _ in tallies if a.language == language)
        report(f"{language.upper()}: {names}", columns)
        if args.misses:
            for miss in columns["all"].misses:
                print("   -", miss)


if __name__ == "__main__":
    main()
