"""Reading a claims file: every object is built unsaved and validated (`full_clean` plus the cross-references
and the history's rules, claims.rules.workflow), so that a mistake anywhere is reported, at its JSON path,
before anything is written. claims.bulk.claims_file.loader then writes what the file holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from claims.bulk.claims_file.format import (
    ARTICLE_KEYS,
    CITATION_KEYS,
    CLAIM_KEYS,
    CLAIM_PLAIN_FIELDS,
    DATE_KEYS,
    FORMAT,
    HISTORY_KEYS,
    QUANTITY_KEYS,
    SOURCE_KEYS,
    TOP_KEYS,
    ClaimsImportError,
    Invalid,
    as_bool,
    as_date,
    as_datetime,
    as_decimal,
    as_list,
    as_object,
    as_slug_ref,
    as_text,
    clean,
    first_message,
)
from claims.models import Article, Citation, Claim, DateMention, Quantity, Source, VerificationStatus
from claims.rules import validation, workflow


@dataclass
class ClaimSpec:
    path: str
    slug: str
    article_slug: str
    fields: dict[str, Any]
    attributed_to: str | None
    entities: list[str]
    quantities: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    citations: list[dict[str, Any]]
    history: list[dict[str, Any]]
    correction: str = ""


@dataclass
class FileSpec:
    sources: list[dict[str, Any]]
    article: dict[str, Any] | None
    claims: list[ClaimSpec]


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[tuple[str, str]] = []

    def collect(self, fn, *args):
        """Run one object's checks; record its problem and go on with the next object."""
        try:
            return fn(*args)
        except Invalid as exc:
            self.problems.append((exc.path, exc.message))
            return None

    def read(self) -> FileSpec:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ClaimsImportError(str(self.path), [("", f"Cannot read the file: {exc}")]) from None
        except json.JSONDecodeError as exc:
            raise ClaimsImportError(
                str(self.path), [("", f"Not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}.")]
            ) from None
        except RecursionError:
            # json.loads recurses once per level: a hostile or broken file must not crash the command.
            raise ClaimsImportError(
                str(self.path), [("", "Not a claims file: the JSON is nested too deeply.")]
            ) from None
        try:
            top = as_object(raw, "", TOP_KEYS)
            if top["format"] != FORMAT:
                raise Invalid("format", f"Expected \u201c{FORMAT}\u201d.")
            source_items = as_list(top.get("sources"), "sources")
            claim_items = as_list(top.get("claims"), "claims")
        except Invalid as exc:
            raise ClaimsImportError(str(self.path), [(exc.path, exc.message)]) from None

        sources = [self.collect(self.read_source, item, f"sources[{i}]") for i, item in enumerate(source_items)]
        sources = [s for s in sources if s]
        seen: set[str] = set()
        for i, spec in enumerate(sources):
            if spec["slug"] in seen:
                self.problems.append((f"sources[{i}].slug", f"The slug \u201c{spec['slug']}\u201d is listed twice."))
            seen.add(spec["slug"])
        self.file_sources = {s["slug"] for s in sources}

        article = None
        if "article" in top:
            article = self.collect(self.read_article, top["article"], "article")
        self.article = article

        self.statuses = {s.code: s for s in VerificationStatus.objects.all()}
        claims = [self.collect(self.read_claim, item, f"claims[{i}]") for i, item in enumerate(claim_items)]
        claims = [c for c in claims if c]
        seen = set()
        for spec in claims:
            if spec.slug in seen:
                self.problems.append((f"{spec.path}.slug", f"The slug \u201c{spec.slug}\u201d is used twice."))
            seen.add(spec.slug)

        if self.problems:
            raise ClaimsImportError(str(self.path), self.problems)
        return FileSpec(sources=sources, article=article, claims=claims)

    def source_exists(self, slug: str) -> bool:
        return slug in self.file_sources or Source.objects.filter(slug=slug).exists()

    def check_source(self, value: Any, path: str) -> str | None:
        slug = as_slug_ref(value, path)
        if slug is not None and not self.source_exists(slug):
            raise Invalid(path, f"No source \u201c{slug}\u201d in this file's sources or in the database.")
        return slug

    def read_source(self, item: Any, path: str) -> dict[str, Any]:
        item = as_object(item, path, SOURCE_KEYS)
        spec = {
            "slug": as_text(item["slug"], f"{path}.slug", required=True),
            "name": as_text(item["name"], f"{path}.name", required=True),
            "kind": as_text(item["kind"], f"{path}.kind", required=True),
            "url": as_text(item.get("url"), f"{path}.url"),
            "description": as_text(item.get("description"), f"{path}.description"),
        }
        clean(Source(**spec), path, exclude=[])
        return spec

    def read_article(self, item: Any, path: str) -> dict[str, Any]:
        item = as_object(item, path, ARTICLE_KEYS)
        if ("text" in item) == ("text_file" in item):
            raise Invalid(f"{path}.text", "Give the article's text either inline (text) or as a file (text_file).")
        if "text_file" in item:
            name = as_text(item["text_file"], f"{path}.text_file", required=True)
            folder = self.path.parent.resolve()
            text_path = (folder / name).resolve()
            # The text sits beside its claims file; a path out of that folder is a mistake, or worse.
            if not text_path.is_relative_to(folder):
                raise Invalid(f"{path}.text_file", "Give a path inside the claims file's folder.")
            try:
                text = text_path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise Invalid(f"{path}.text_file", f"Cannot read {name}: {exc}") from None
            text = as_text(text, f"{path}.text_file", required=True)
        else:
            text = as_text(item["text"], f"{path}.text", required=True)
        spec = {
            "slug": as_text(item["slug"], f"{path}.slug", required=True),
            "title": as_text(item["title"], f"{path}.title", required=True),
            "language": as_text(item["language"], f"{path}.language", required=True),
            "published_on": as_date(item["published_on"], f"{path}.published_on"),
            "url": as_text(item.get("url"), f"{path}.url"),
            "text": text,
            "correction": as_text(item.get("correction"), f"{path}.correction"),
        }
        publisher = self.check_source(item.get("publisher"), f"{path}.publisher")
        clean(Article(**{k: v for k, v in spec.items() if k != "correction"}), path, exclude=["publisher"])
        spec["publisher"] = publisher
        return spec

    def article_text(self, slug: str, path: str) -> str:
        if self.article and self.article["slug"] == slug:
            return self.article["text"]
        stored = Article.objects.filter(slug=slug).values_list("text", flat=True).first()
        if stored is None:
            raise Invalid(path, f"No article \u201c{slug}\u201d in this file or in the database.")
        return stored

    def read_claim(self, item: Any, path: str) -> ClaimSpec:
        item = as_object(item, path, CLAIM_KEYS)
        slug = as_text(item["slug"], f"{path}.slug", required=True)
        article_slug = as_text(item["article"], f"{path}.article", required=True)
        article_text = self.article_text(article_slug, f"{path}.article")
        passage = as_text(item["text"], f"{path}.text", required=True)
        start = item.get("start")
        if start is not None and (isinstance(start, bool) or not isinstance(start, int) or start < 0):
            raise Invalid(f"{path}.start", "Expected a character offset (a whole number, 0 or more).")
        try:
            start, end = validation.locate_passage(article_text, passage, start)
        except ValidationError as exc:
            raise Invalid(f"{path}.text", " ".join(exc.messages)) from None
        passage = article_text[start:end]  # the article's own characters, however the file typed them

        fields: dict[str, Any] = {"slug": slug, "text": passage, "start": start, "end": end}
        for name in CLAIM_PLAIN_FIELDS:
            if name in item:
                fields[name] = as_text(item[name], f"{path}.{name}")
        fields["recheck_on"] = as_date(item.get("recheck_on"), f"{path}.recheck_on")
        attributed_to = self.check_source(item.get("attributed_to"), f"{path}.attributed_to")
        entities = [
            self.check_source(value, f"{path}.entities[{i}]")
            for i, value in enumerate(as_list(item.get("entities"), f"{path}.entities"))
        ]
        if None in entities:
            raise Invalid(f"{path}.entities", "Entities are slugs; null is not one.")

        claim = Claim(**fields)
        # Claim.clean() only asks whether a source is set; the source may exist only in this file yet.
        claim.attributed_to_id = -1 if attributed_to else None
        clean(claim, path, exclude=["article", "attributed_to", "status", "version", "entities", "created_by"])

        quantities = [
            self.read_quantity(q, f"{path}.quantities[{i}]", i)
            for i, q in enumerate(as_list(item.get("quantities"), f"{path}.quantities"))
        ]
        dates = [
            self.read_date(d, f"{path}.dates[{i}]", i)
            for i, d in enumerate(as_list(item.get("dates"), f"{path}.dates"))
        ]
        citations = []
        for i, c in enumerate(as_list(item.get("citations"), f"{path}.citations")):
            spec = self.read_citation(c, f"{path}.citations[{i}]")
            if any(other["url"] == spec["url"] for other in citations):
                raise Invalid(f"{path}.citations[{i}].url", "This address is cited twice for the same claim.")
            citations.append(spec)
        history = self.read_history(as_list(item.get("history"), f"{path}.history"), f"{path}.history", citations)
        return ClaimSpec(
            path=path,
            slug=slug,
            article_slug=article_slug,
            fields=fields,
            attributed_to=attributed_to,
            entities=entities,
            quantities=quantities,
            dates=dates,
            citations=citations,
            history=history,
            correction=as_text(item.get("correction"), f"{path}.correction"),
        )

    def read_quantity(self, item: Any, path: str, position: int) -> dict[str, Any]:
        item = as_object(item, path, QUANTITY_KEYS)
        spec = {
            "position": position,
            "measure": as_text(item["measure"], f"{path}.measure", required=True),
            "value": as_decimal(item["value"], f"{path}.value"),
            "unit": as_text(item["unit"], f"{path}.unit", required=True),
            "lower_bound": as_decimal(item.get("lower_bound"), f"{path}.lower_bound"),
            "upper_bound": as_decimal(item.get("upper_bound"), f"{path}.upper_bound"),
            "qualifier": as_text(item.get("qualifier") or Quantity.Qualifier.EXACT, f"{path}.qualifier"),
            "as_stated": as_text(item["as_stated"], f"{path}.as_stated", required=True),
        }
        if spec["value"] is None:
            raise Invalid(f"{path}.value", "Every quantity needs a value.")
        clean(Quantity(**spec), path, exclude=["claim"])
        return spec

    def read_date(self, item: Any, path: str, position: int) -> dict[str, Any]:
        item = as_object(item, path, DATE_KEYS)
        precision = as_text(item["precision"], f"{path}.precision", required=True)
        if precision not in DateMention.Precision.values:
            raise Invalid(
                f"{path}.precision", f"Unknown precision; expected one of: {', '.join(DateMention.Precision.values)}."
            )
        try:
            year, month, day = validation.parse_partial_date(as_text(item["value"], f"{path}.value"), precision)
        except ValidationError as exc:
            raise Invalid(f"{path}.value", first_message(exc)[1]) from None
        spec = {
            "position": position,
            "role": as_text(item["role"], f"{path}.role", required=True),
            "precision": precision,
            "year": year,
            "month": month,
            "day": day,
            "as_stated": as_text(item["as_stated"], f"{path}.as_stated", required=True),
        }
        clean(DateMention(**spec), path, exclude=["claim"], rename={"year": "value", "month": "value", "day": "value"})
        return spec

    def read_citation(self, item: Any, path: str) -> dict[str, Any]:
        item = as_object(item, path, CITATION_KEYS)
        spec: dict[str, Any] = {}
        for name, required in CITATION_KEYS.items():
            value, where = item.get(name), f"{path}.{name}"
            if name in ("published_on", "accessed_on"):
                spec[name] = as_date(value, where)
            elif name == "is_primary":
                spec[name] = as_bool(value, where)
            else:
                if name == "access" and not value:
                    value = Citation.Access.READ
                spec[name] = as_text(value, where, required=required)
        if spec["access"] == Citation.Access.ADDRESS_ONLY and spec["quote"]:
            raise Invalid(f"{path}.quote", "A page known only by its address was not read: it cannot be quoted.")
        clean(Citation(**spec), path, exclude=["claim"])
        return spec

    def read_history(self, items: list, path: str, citations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The status service's rules (claims.rules.workflow), checked here too so that each mistake is reported
        at its JSON path before anything is written."""
        by_url = {c["url"]: c for c in citations}
        now = timezone.now()
        steps: list[dict[str, Any]] = []
        current = workflow.INITIAL_STATUS
        for i, item in enumerate(items):
            step_path = f"{path}[{i}]"
            item = as_object(item, step_path, HISTORY_KEYS)
            code = as_text(item["to"], f"{step_path}.to", required=True)
            status = self.statuses.get(code)
            if status is None:
                raise Invalid(
                    f"{step_path}.to",
                    f"Unknown status \u201c{code}\u201d; expected one of: {', '.join(self.statuses)}.",
                )
            if refused := workflow.transition_error(current=current, target=status):
                raise Invalid(f"{step_path}.to", refused)
            effective_at = as_datetime(item["effective_at"], f"{step_path}.effective_at")
            if effective_at > now:
                raise Invalid(f"{step_path}.effective_at", "A change cannot take effect in the future.")
            if steps and effective_at < steps[-1]["effective_at"]:
                raise Invalid(
                    f"{step_path}.effective_at", "A change cannot take effect before the previous one in the history."
                )
            rationale = as_text(item["rationale"], f"{step_path}.rationale", required=True).strip()
            urls = as_list(item.get("citations"), f"{step_path}.citations")
            for j, url in enumerate(urls):
                cited = by_url.get(url) if isinstance(url, str) else None
                if cited is None:
                    raise Invalid(f"{step_path}.citations[{j}]", "Cite the address of one of this claim's citations.")
                if cited["published_on"] and cited["published_on"] > effective_at.date():
                    raise Invalid(
                        f"{step_path}.citations[{j}]",
                        f"This citation was published on {cited['published_on']}, after the change took effect: "
                        "history records what was known then.",
                    )
            if len(set(urls)) != len(urls):
                raise Invalid(f"{step_path}.citations", "An address is listed twice.")
            if refused := workflow.citation_error(status, len(urls)):
                raise Invalid(f"{step_path}.citations", refused)
            steps.append(
                {"path": step_path, "to": code, "effective_at": effective_at, "rationale": rationale, "urls": urls}
            )
            current = code
        return steps


def read_claims_file(path: Path) -> FileSpec:
    """The file's sources, article and claims, validated; ClaimsImportError lists every problem found."""
    return _Reader(path).read()
