"""Load claims files (the JSON that `fixtures/` ships, or a newsroom's own) through the services.

A file describes one article: its sources (outlets, companies, people), the article with its verbatim
text, and its claims with their quantities, dates, citations and status history. The format is
documented in fixtures/README.md.

Two phases per file, both inside one transaction: first every object is built unsaved and validated
(`full_clean` plus the cross-references and history rules), so a mistake anywhere is reported before
anything is written; then rows are matched by natural key (slug; claim and address for citations) and
only what differs is written, through `claim_create`, `claim_update` and `claim_change_status`. Loading
the same file twice therefore writes nothing. Stored history is never rewritten: a file whose history
disagrees with the stored one is refused.

Every error names the file, the JSON path and the field: `fixtures/x.json: claims[3].quantities[0].lower_bound: ...`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from claims import validation
from claims.models import (
    Article,
    Citation,
    Claim,
    DateMention,
    Quantity,
    Source,
    StatusChange,
    VerificationStatus,
)
from claims.services import (
    StaleVersion,
    TransitionNotAllowed,
    claim_change_status,
    claim_create,
    claim_update,
)

FORMAT = "factcheck.claims/1"

TOP_KEYS = {"format": True, "article": False, "sources": False, "claims": False}
SOURCE_KEYS = {"slug": True, "name": True, "kind": True, "url": False, "description": False}
ARTICLE_KEYS = {
    "slug": True,
    "title": True,
    "publisher": False,
    "language": True,
    "published_on": True,
    "url": False,
    "text": False,
    "text_file": False,
}
CLAIM_KEYS = {
    "slug": True,
    "article": True,
    "text": True,
    "start": False,
    "text_en": False,
    "summary": False,
    "entities": False,
    "attributed_to": False,
    "attribution_as_stated": False,
    "attribution_basis": False,
    "uncertainty": False,
    "uncertainty_as_stated": False,
    "checkability": False,
    "recheck_on": False,
    "visibility": False,
    "quantities": False,
    "dates": False,
    "citations": False,
    "history": False,
}
QUANTITY_KEYS = {
    "measure": True,
    "value": True,
    "unit": True,
    "lower_bound": False,
    "upper_bound": False,
    "qualifier": False,
    "as_stated": True,
}
DATE_KEYS = {"role": True, "precision": True, "value": True, "as_stated": True}
CITATION_KEYS = {
    "url": True,
    "title": True,
    "publisher": True,
    "published_on": False,
    "accessed_on": False,
    "archived_url": False,
    "quote": False,
    "stance": True,
    "is_primary": False,
    "access": False,
    "access_note": False,
}
HISTORY_KEYS = {"to": True, "effective_at": True, "rationale": True, "citations": False}

# Claim fields copied from the file as they are (the references are resolved separately).
CLAIM_PLAIN_FIELDS = (
    "text_en",
    "summary",
    "attribution_as_stated",
    "attribution_basis",
    "uncertainty",
    "uncertainty_as_stated",
    "checkability",
    "visibility",
)
QUANTITY_FIELDS = ("measure", "value", "unit", "lower_bound", "upper_bound", "qualifier", "as_stated")
DATE_FIELDS = ("role", "precision", "year", "month", "day", "as_stated")
CITATION_FIELDS = (
    "title",
    "publisher",
    "published_on",
    "accessed_on",
    "archived_url",
    "quote",
    "stance",
    "is_primary",
    "access",
    "access_note",
)


class ClaimsImportError(Exception):
    """Bad input: `problems` lists (json path, message); str() gives one line per problem, each naming the
    file and the path."""

    def __init__(self, file: str, problems: list[tuple[str, str]]):
        self.file = file
        self.problems = problems
        super().__init__(
            "\n".join(f"{file}: {path}: {message}" if path else f"{file}: {message}" for path, message in problems)
        )


class _Invalid(Exception):
    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


@dataclass
class ImportResult:
    file: str
    articles: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    sources: int = 0
    sources_new: int = 0
    sources_updated: int = 0
    claims: int = 0
    claims_new: int = 0
    claims_updated: int = 0
    citations: int = 0
    citations_new: int = 0
    status_changes: int = 0
    status_changes_new: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.articles_new,
                self.articles_updated,
                self.sources_new,
                self.sources_updated,
                self.claims_new,
                self.claims_updated,
                self.citations_new,
                self.status_changes_new,
            )
        )

    def summary(self) -> str:
        def part(count: int, singular: str, plural: str, new: int = 0, updated: int = 0) -> str:
            extra = [f"{n} {word}" for n, word in ((new, "new"), (updated, "updated")) if n]
            return f"{count} {singular if count == 1 else plural}" + (f" ({', '.join(extra)})" if extra else "")

        line = ", ".join(
            (
                part(self.articles, "article", "articles", self.articles_new, self.articles_updated),
                part(self.sources, "source", "sources", self.sources_new, self.sources_updated),
                part(self.claims, "claim", "claims", self.claims_new, self.claims_updated),
                part(self.citations, "citation", "citations", self.citations_new),
                part(self.status_changes, "status change", "status changes", self.status_changes_new),
            )
        )
        line = f"{self.file}: {line}"
        if not self.changed:
            line += ": nothing changed"
        return line


# --- reading JSON values -------------------------------------------------------------------------


def _object(value: Any, path: str, keys: dict[str, bool]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid(path or "(top level)", "Expected an object.")
    prefix = f"{path}." if path else ""
    for key in value:
        if key not in keys:
            raise _Invalid(f"{prefix}{key}", f"Unknown key; expected one of: {', '.join(keys)}.")
    for key, required in keys.items():
        if required and key not in value:
            raise _Invalid(f"{prefix}{key}", "This key is required.")
    return value


def _list(value: Any, path: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Invalid(path, "Expected a list.")
    return value


def _text(value: Any, path: str, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _Invalid(path, "Expected a string.")
    # full_clean() does not look for NUL (only form fields do), and PostgreSQL refuses it at write time
    # with an error that names no field.
    if "\x00" in value:
        raise _Invalid(path, "NUL characters (\\x00) are not allowed.")
    if required and not value.strip():
        raise _Invalid(path, "This cannot be empty.")
    return value


def _slug_ref(value: Any, path: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise _Invalid(path, "Expected a slug (a string) or null.")
    return value


def _decimal(value: Any, path: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Invalid(path, "Expected a number, written as a string (\u201c4.5\u201d) or a whole number.")
    try:
        # repr() of a float is its shortest exact spelling: 4.5 stays 4.5, not 4.4999...
        amount = Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        raise _Invalid(path, f"\u201c{value}\u201d is not a number.") from None
    if not amount.is_finite():
        raise _Invalid(path, "Enter a finite number.")
    return amount


def _date(value: Any, path: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _Invalid(path, "Expected a date as YYYY-MM-DD.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid(path, f"\u201c{value}\u201d is not a date as YYYY-MM-DD.") from None


def _datetime(value: Any, path: str) -> dt.datetime:
    """A day ("2025-09-11", taken as 00:00 UTC) or an ISO 8601 time with its offset."""
    if not isinstance(value, str):
        raise _Invalid(path, "Expected a date (YYYY-MM-DD) or a time with its offset (2025-09-11T08:31:00Z).")
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Invalid(path, f"\u201c{value}\u201d is not a date or an ISO 8601 time.") from None
    if moment.tzinfo is None:
        raise _Invalid(path, "Give the time's offset (\u201cZ\u201d or \u201c+02:00\u201d): a bare time is ambiguous.")
    return moment


def _bool(value: Any, path: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _Invalid(path, "Expected true or false.")
    return value


def _constraint_field(model, message: str) -> str:
    """The field a violated check constraint is about, for constraints that give no field of their own.

    The last field the condition names is the one to fix: `~Q(qualifier="up_to") | Q(upper_bound__isnull=False)`
    is about the upper bound."""
    for constraint in model._meta.constraints:
        if constraint.name in message and getattr(constraint, "condition", None) is not None:
            names: list[str] = []
            pending = [constraint.condition]
            while pending:
                node = pending.pop(0)
                for child in node.children:
                    if isinstance(child, tuple):
                        names.append(child[0].split("__")[0])
                    else:
                        pending.append(child)
            if names:
                return names[-1]
    return "__all__"


def _clean(instance, path: str, *, exclude: list[str], rename: dict[str, str] | None = None) -> None:
    """full_clean an unsaved instance and report its first error at the JSON key of the field."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        message = " ".join(messages)
        if field_name == "__all__":
            field_name = _constraint_field(type(instance), message)
        key = (rename or {}).get(field_name, field_name)
        prefix = f"{path}." if path else ""
        raise _Invalid(f"{prefix}{key}" if key != "__all__" else path, message) from None


def _first_message(exc: ValidationError) -> tuple[str, str]:
    if hasattr(exc, "error_dict"):
        name, messages = next(iter(exc.message_dict.items()))
        return name, " ".join(messages)
    return "", " ".join(exc.messages)


# --- phase 1: parse and validate -----------------------------------------------------------------


@dataclass
class _ClaimSpec:
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


@dataclass
class _FileSpec:
    sources: list[dict[str, Any]]
    article: dict[str, Any] | None
    claims: list[_ClaimSpec]


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[tuple[str, str]] = []

    def collect(self, fn, *args):
        """Run one object's checks; record its problem and go on with the next object."""
        try:
            return fn(*args)
        except _Invalid as exc:
            self.problems.append((exc.path, exc.message))
            return None

    def read(self) -> _FileSpec:
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
            top = _object(raw, "", TOP_KEYS)
            if top["format"] != FORMAT:
                raise _Invalid("format", f"Expected \u201c{FORMAT}\u201d.")
            source_items = _list(top.get("sources"), "sources")
            claim_items = _list(top.get("claims"), "claims")
        except _Invalid as exc:
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
        return _FileSpec(sources=sources, article=article, claims=claims)

    def source_exists(self, slug: str) -> bool:
        return slug in self.file_sources or Source.objects.filter(slug=slug).exists()

    def check_source(self, value: Any, path: str) -> str | None:
        slug = _slug_ref(value, path)
        if slug is not None and not self.source_exists(slug):
            raise _Invalid(path, f"No source \u201c{slug}\u201d in this file's sources or in the database.")
        return slug

    def read_source(self, item: Any, path: str) -> dict[str, Any]:
        item = _object(item, path, SOURCE_KEYS)
        spec = {
            "slug": _text(item["slug"], f"{path}.slug", required=True),
            "name": _text(item["name"], f"{path}.name", required=True),
            "kind": _text(item["kind"], f"{path}.kind", required=True),
            "url": _text(item.get("url"), f"{path}.url"),
            "description": _text(item.get("description"), f"{path}.description"),
        }
        _clean(Source(**spec), path, exclude=[])
        return spec

    def read_article(self, item: Any, path: str) -> dict[str, Any]:
        item = _object(item, path, ARTICLE_KEYS)
        if ("text" in item) == ("text_file" in item):
            raise _Invalid(f"{path}.text", "Give the article's text either inline (text) or as a file (text_file).")
        if "text_file" in item:
            name = _text(item["text_file"], f"{path}.text_file", required=True)
            folder = self.path.parent.resolve()
            text_path = (folder / name).resolve()
            # The text sits beside its claims file; a path out of that folder is a mistake, or worse.
            if not text_path.is_relative_to(folder):
                raise _Invalid(f"{path}.text_file", "Give a path inside the claims file's folder.")
            try:
                text = text_path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise _Invalid(f"{path}.text_file", f"Cannot read {name}: {exc}") from None
            text = _text(text, f"{path}.text_file", required=True)
        else:
            text = _text(item["text"], f"{path}.text", required=True)
        spec = {
            "slug": _text(item["slug"], f"{path}.slug", required=True),
            "title": _text(item["title"], f"{path}.title", required=True),
            "language": _text(item["language"], f"{path}.language", required=True),
            "published_on": _date(item["published_on"], f"{path}.published_on"),
            "url": _text(item.get("url"), f"{path}.url"),
            "text": text,
        }
        publisher = self.check_source(item.get("publisher"), f"{path}.publisher")
        _clean(Article(**spec), path, exclude=["publisher"])
        spec["publisher"] = publisher
        return spec

    def article_text(self, slug: str, path: str) -> str:
        if self.article and self.article["slug"] == slug:
            return self.article["text"]
        stored = Article.objects.filter(slug=slug).values_list("text", flat=True).first()
        if stored is None:
            raise _Invalid(path, f"No article \u201c{slug}\u201d in this file or in the database.")
        return stored

    def read_claim(self, item: Any, path: str) -> _ClaimSpec:
        item = _object(item, path, CLAIM_KEYS)
        slug = _text(item["slug"], f"{path}.slug", required=True)
        article_slug = _text(item["article"], f"{path}.article", required=True)
        article_text = self.article_text(article_slug, f"{path}.article")
        passage = _text(item["text"], f"{path}.text", required=True)
        start = item.get("start")
        if start is not None and (isinstance(start, bool) or not isinstance(start, int) or start < 0):
            raise _Invalid(f"{path}.start", "Expected a character offset (a whole number, 0 or more).")
        try:
            start, end = validation.locate_passage(article_text, passage, start)
        except ValidationError as exc:
            raise _Invalid(f"{path}.text", " ".join(exc.messages)) from None

        fields: dict[str, Any] = {"slug": slug, "text": passage, "start": start, "end": end}
        for name in CLAIM_PLAIN_FIELDS:
            if name in item:
                fields[name] = _text(item[name], f"{path}.{name}")
        fields["recheck_on"] = _date(item.get("recheck_on"), f"{path}.recheck_on")
        attributed_to = self.check_source(item.get("attributed_to"), f"{path}.attributed_to")
        entities = [
            self.check_source(value, f"{path}.entities[{i}]")
            for i, value in enumerate(_list(item.get("entities"), f"{path}.entities"))
        ]
        if None in entities:
            raise _Invalid(f"{path}.entities", "Entities are slugs; null is not one.")

        claim = Claim(**fields)
        # Claim.clean() only asks whether a source is set; the source may exist only in this file yet.
        claim.attributed_to_id = -1 if attributed_to else None
        _clean(claim, path, exclude=["article", "attributed_to", "status", "version", "entities", "created_by"])

        quantities = [
            self.read_quantity(q, f"{path}.quantities[{i}]", i)
            for i, q in enumerate(_list(item.get("quantities"), f"{path}.quantities"))
        ]
        dates = [
            self.read_date(d, f"{path}.dates[{i}]", i) for i, d in enumerate(_list(item.get("dates"), f"{path}.dates"))
        ]
        citations = []
        for i, c in enumerate(_list(item.get("citations"), f"{path}.citations")):
            spec = self.read_citation(c, f"{path}.citations[{i}]")
            if any(other["url"] == spec["url"] for other in citations):
                raise _Invalid(f"{path}.citations[{i}].url", "This address is cited twice for the same claim.")
            citations.append(spec)
        history = self.read_history(_list(item.get("history"), f"{path}.history"), f"{path}.history", citations)
        return _ClaimSpec(
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
        )

    def read_quantity(self, item: Any, path: str, position: int) -> dict[str, Any]:
        item = _object(item, path, QUANTITY_KEYS)
        spec = {
            "position": position,
            "measure": _text(item["measure"], f"{path}.measure", required=True),
            "value": _decimal(item["value"], f"{path}.value"),
            "unit": _text(item["unit"], f"{path}.unit", required=True),
            "lower_bound": _decimal(item.get("lower_bound"), f"{path}.lower_bound"),
            "upper_bound": _decimal(item.get("upper_bound"), f"{path}.upper_bound"),
            "qualifier": _text(item.get("qualifier") or Quantity.Qualifier.EXACT, f"{path}.qualifier"),
            "as_stated": _text(item["as_stated"], f"{path}.as_stated", required=True),
        }
        if spec["value"] is None:
            raise _Invalid(f"{path}.value", "Every quantity needs a value.")
        _clean(Quantity(**spec), path, exclude=["claim"])
        return spec

    def read_date(self, item: Any, path: str, position: int) -> dict[str, Any]:
        item = _object(item, path, DATE_KEYS)
        precision = _text(item["precision"], f"{path}.precision", required=True)
        if precision not in DateMention.Precision.values:
            raise _Invalid(
                f"{path}.precision", f"Unknown precision; expected one of: {', '.join(DateMention.Precision.values)}."
            )
        try:
            year, month, day = validation.parse_partial_date(_text(item["value"], f"{path}.value"), precision)
        except ValidationError as exc:
            raise _Invalid(f"{path}.value", _first_message(exc)[1]) from None
        spec = {
            "position": position,
            "role": _text(item["role"], f"{path}.role", required=True),
            "precision": precision,
            "year": year,
            "month": month,
            "day": day,
            "as_stated": _text(item["as_stated"], f"{path}.as_stated", required=True),
        }
        _clean(DateMention(**spec), path, exclude=["claim"], rename={"year": "value", "month": "value", "day": "value"})
        return spec

    def read_citation(self, item: Any, path: str) -> dict[str, Any]:
        item = _object(item, path, CITATION_KEYS)
        spec = {
            "url": _text(item["url"], f"{path}.url", required=True),
            "title": _text(item["title"], f"{path}.title", required=True),
            "publisher": _text(item["publisher"], f"{path}.publisher", required=True),
            "published_on": _date(item.get("published_on"), f"{path}.published_on"),
            "accessed_on": _date(item.get("accessed_on"), f"{path}.accessed_on"),
            "archived_url": _text(item.get("archived_url"), f"{path}.archived_url"),
            "quote": _text(item.get("quote"), f"{path}.quote"),
            "stance": _text(item["stance"], f"{path}.stance", required=True),
            "is_primary": _bool(item.get("is_primary"), f"{path}.is_primary"),
            "access": _text(item.get("access") or Citation.Access.READ, f"{path}.access"),
            "access_note": _text(item.get("access_note"), f"{path}.access_note"),
        }
        if spec["access"] == Citation.Access.ADDRESS_ONLY and spec["quote"]:
            raise _Invalid(f"{path}.quote", "A page known only by its address was not read: it cannot be quoted.")
        _clean(Citation(**spec), path, exclude=["claim"])
        return spec

    def read_history(self, items: list, path: str, citations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The service's rules, checked here too so that each mistake is reported at its JSON path."""
        by_url = {c["url"]: c for c in citations}
        now = timezone.now()
        steps: list[dict[str, Any]] = []
        current = "unverified"
        for i, item in enumerate(items):
            step_path = f"{path}[{i}]"
            item = _object(item, step_path, HISTORY_KEYS)
            code = _text(item["to"], f"{step_path}.to", required=True)
            status = self.statuses.get(code)
            if status is None:
                raise _Invalid(
                    f"{step_path}.to",
                    f"Unknown status \u201c{code}\u201d; expected one of: {', '.join(self.statuses)}.",
                )
            if code == "unverified":
                raise _Invalid(f"{step_path}.to", "A claim cannot go back to \u201cunverified\u201d.")
            if code == current and not status.is_verdict:
                raise _Invalid(f"{step_path}.to", f"The claim is already \u201c{status.label}\u201d at this point.")
            effective_at = _datetime(item["effective_at"], f"{step_path}.effective_at")
            if effective_at > now:
                raise _Invalid(f"{step_path}.effective_at", "A change cannot take effect in the future.")
            if steps and effective_at < steps[-1]["effective_at"]:
                raise _Invalid(
                    f"{step_path}.effective_at", "A change cannot take effect before the previous one in the history."
                )
            rationale = _text(item["rationale"], f"{step_path}.rationale", required=True).strip()
            urls = _list(item.get("citations"), f"{step_path}.citations")
            for j, url in enumerate(urls):
                cited = by_url.get(url) if isinstance(url, str) else None
                if cited is None:
                    raise _Invalid(f"{step_path}.citations[{j}]", "Cite the address of one of this claim's citations.")
                if cited["published_on"] and cited["published_on"] > effective_at.date():
                    raise _Invalid(
                        f"{step_path}.citations[{j}]",
                        f"This citation was published on {cited['published_on']}, after the change took effect: "
                        "history records what was known then.",
                    )
            if len(set(urls)) != len(urls):
                raise _Invalid(f"{step_path}.citations", "An address is listed twice.")
            if status.is_verdict and status.normalized != VerificationStatus.Normalized.OTHER and not urls:
                raise _Invalid(
                    f"{step_path}.citations",
                    f"A \u201c{status.label}\u201d verdict must rely on at least one citation.",
                )
            steps.append(
                {"path": step_path, "to": code, "effective_at": effective_at, "rationale": rationale, "urls": urls}
            )
            current = code
        return steps


# --- phase 2: write what differs -----------------------------------------------------------------


def _differs(instance, spec: dict[str, Any], names) -> dict[str, Any]:
    return {name: spec[name] for name in names if getattr(instance, name) != spec[name]}


class _Writer:
    def __init__(self, path: Path, spec: _FileSpec, by, defined: dict[str, tuple[str, dict]]):
        self.path = path
        self.spec = spec
        self.by = by
        # Sources defined by the files loaded earlier in this run: two files that define one source
        # differently would overwrite each other on every load, so that is refused.
        self.defined = defined
        self.result = ImportResult(file=str(path))

    def run(self) -> ImportResult:
        for i, source in enumerate(self.spec.sources):
            self.guard(f"sources[{i}]", self.write_source, source)
        if self.spec.article:
            self.guard("article", self.write_article, self.spec.article)
        for claim in self.spec.claims:
            self.guard(claim.path, self.write_claim, claim)
        return self.result

    def guard(self, path: str, fn, *args):
        """Turn a refusal from the database or a service into an error at the JSON path."""
        try:
            return fn(*args)
        except _Invalid as exc:
            raise ClaimsImportError(str(self.path), [(exc.path, exc.message)]) from None
        except ValidationError as exc:
            name, message = _first_message(exc)
            where = f"{path}.{name}" if name and name != "__all__" else path
            raise ClaimsImportError(str(self.path), [(where, message)]) from None
        except (StaleVersion, TransitionNotAllowed, PermissionDenied, DatabaseError) as exc:
            raise ClaimsImportError(str(self.path), [(path, str(exc))]) from None

    def write_source(self, spec: dict[str, Any]) -> None:
        self.result.sources += 1
        earlier = self.defined.get(spec["slug"])
        if earlier and earlier[1] != spec:
            raise ValidationError(
                {"slug": f"{earlier[0]} defines the source \u201c{spec['slug']}\u201d differently; define it once."}
            )
        self.defined[spec["slug"]] = (str(self.path), spec)
        source = Source.objects.filter(slug=spec["slug"]).first()
        if source is None:
            source = Source(**spec)
            source.full_clean()
            source.save()
            self.result.sources_new += 1
            return
        changes = _differs(source, spec, ("name", "kind", "url", "description"))
        if changes:
            for name, value in changes.items():
                setattr(source, name, value)
            source.full_clean()
            source.save(update_fields=list(changes))
            self.result.sources_updated += 1

    def write_article(self, spec: dict[str, Any]) -> None:
        self.result.articles += 1
        fields = dict(spec)
        publisher_slug = fields.pop("publisher")
        fields["publisher"] = Source.objects.get(slug=publisher_slug) if publisher_slug else None
        article = Article.objects.filter(slug=spec["slug"]).first()
        if article is None:
            article = Article(**fields)
            article.full_clean()
            article.save()
            self.result.articles_new += 1
            return
        changes = _differs(article, fields, ("title", "publisher", "language", "published_on", "url", "text"))
        if "text" in changes and article.claims.exists():
            raise _Invalid(
                "article.text",
                "The stored article already has claims pointing into its text; its text cannot change.",
            )
        if changes:
            for name, value in changes.items():
                setattr(article, name, value)
            article.full_clean()
            article.save(update_fields=list(changes))
            self.result.articles_updated += 1

    def write_claim(self, spec: _ClaimSpec) -> None:
        result = self.result
        result.claims += 1
        fields = {
            **spec.fields,
            "article": Article.objects.get(slug=spec.article_slug),
            "attributed_to": Source.objects.get(slug=spec.attributed_to) if spec.attributed_to else None,
        }
        entities = list(Source.objects.filter(slug__in=spec.entities))
        claim = Claim.objects.filter(slug=spec.slug).first()
        if claim is None:
            claim = claim_create(by=self.by, entities=entities, **fields)
            result.claims_new += 1
            changed = True
        else:
            if claim.article_id != fields["article"].pk:
                # Claim slugs are unique across articles: a reused slug would move another article's claim.
                raise _Invalid(
                    f"{spec.path}.slug",
                    f"The claim \u201c{spec.slug}\u201d belongs to the article \u201c{claim.article.slug}\u201d; "
                    "choose another slug.",
                )
            changes = _differs(claim, fields, fields.keys())
            entities_differ = {e.pk for e in entities} != set(claim.entities.values_list("pk", flat=True))
            children_differ = self.children_differ(claim, spec)
            changed = bool(changes or entities_differ or children_differ)
            if changed:
                # One version bump for the whole edit, as when an editor saves the admin form.
                claim_update(claim=claim, by=self.by, expected_version=claim.version, data=changes)
                claim.entities.set(entities)
                result.claims_updated += 1
        if changed:
            self.sync_rows(claim, spec.quantities, Quantity, QUANTITY_FIELDS, "quantities", spec.path)
            self.sync_rows(claim, spec.dates, DateMention, DATE_FIELDS, "dates", spec.path)
        citations = self.sync_citations(claim, spec)
        self.sync_history(claim, spec, citations)

    def children_differ(self, claim: Claim, spec: _ClaimSpec) -> bool:
        for specs, manager, names in (
            (spec.quantities, claim.quantities, QUANTITY_FIELDS),
            (spec.dates, claim.dates, DATE_FIELDS),
        ):
            stored = list(manager.order_by("position", "id"))
            if len(stored) != len(specs):
                return True
            if any(
                row.position != i or _differs(row, s, names)
                for i, (row, s) in enumerate(zip(stored, specs, strict=True))
            ):
                return True
        stored_citations = {c.url: c for c in claim.citations.all()}
        return any(
            c["url"] not in stored_citations or _differs(stored_citations[c["url"]], c, CITATION_FIELDS)
            for c in spec.citations
        )

    def sync_rows(self, claim: Claim, specs, model, names, key: str, path: str) -> None:
        """Quantities and dates have no natural key: the file's list, in order, is the claim's list."""
        stored = list(getattr(claim, key).order_by("position", "id"))
        for i, item in enumerate(specs):
            row = stored[i] if i < len(stored) else model(claim=claim)
            changes = _differs(row, item, ("position", *names)) if row.pk else item
            if not changes:
                continue
            for name, value in item.items():
                setattr(row, name, value)
            self.guard(f"{path}.{key}[{i}]", self.save_row, row)
        for row in stored[len(specs) :]:
            row.delete()

    @staticmethod
    def save_row(row) -> None:
        # Already full_clean'ed in the first phase with these very values; cleaning again would repeat one
        # query per check constraint. The database constraints still guard the write.
        row.save()

    def sync_citations(self, claim: Claim, spec: _ClaimSpec) -> dict[str, Citation]:
        """Match citations by address; stored citations the file does not list are kept (history may rely
        on them)."""
        stored = {c.url: c for c in claim.citations.all()}
        for i, item in enumerate(spec.citations):
            self.result.citations += 1
            citation = stored.get(item["url"])
            if citation is None:
                citation = Citation(claim=claim, **item)
                self.result.citations_new += 1
            elif not _differs(citation, item, CITATION_FIELDS):
                continue
            else:
                for name, value in item.items():
                    setattr(citation, name, value)
            self.guard(f"{spec.path}.citations[{i}]", self.save_row, citation)
            stored[citation.url] = citation
        return stored

    def sync_history(self, claim: Claim, spec: _ClaimSpec, citations: dict[str, Citation]) -> None:
        stored = list(StatusChange.objects.filter(claim=claim).order_by("claim_version").prefetch_related("citations"))
        self.result.status_changes += len(spec.history)
        for row, step in zip(stored, spec.history, strict=False):
            differences = []
            if row.to_status_id != step["to"]:
                differences.append(f"status \u201c{row.to_status_id}\u201d, the file says \u201c{step['to']}\u201d")
            if row.effective_at != step["effective_at"]:
                differences.append(
                    f"effective {row.effective_at.isoformat()}, the file says {step['effective_at'].isoformat()}"
                )
            if row.rationale.strip() != step["rationale"]:
                differences.append("a different rationale")
            if {c.url for c in row.citations.all()} != set(step["urls"]):
                differences.append("different citations")
            if differences:
                raise _Invalid(
                    step["path"],
                    "The stored history differs from this file (stored change "
                    f"{row.claim_version}: {'; '.join(differences)}). History is never rewritten: record a new "
                    "change after the stored ones instead.",
                )
        # Changes stored beyond the file's list (an editor's later re-check) are kept as they are.
        for step in spec.history[len(stored) :]:
            claim_change_status(
                claim=claim,
                to_status=step["to"],
                rationale=step["rationale"],
                by=self.by,
                citations=[citations[url] for url in step["urls"]],
                expected_version=claim.version,
                effective_at=step["effective_at"],
            )
            self.result.status_changes_new += 1


# --- entry points --------------------------------------------------------------------------------


def _import_one(path: Path, by, defined: dict) -> ImportResult:
    spec = _Reader(path).read()
    return _Writer(path, spec, by, defined).run()


def claims_files(path: str | Path) -> list[Path]:
    """A file, or every *.json directly inside a directory, in name order (000_..., 001_...)."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.glob("*.json") if p.is_file())
    if not path.exists():
        raise ClaimsImportError(str(path), [("", "No such file or directory.")])
    return [path]


def import_claims(paths, *, by=None) -> list[ImportResult]:
    """Load files and directories in one transaction: one bad file leaves the database unchanged."""
    files = [f for p in paths for f in claims_files(p)]
    with transaction.atomic():
        defined: dict[str, tuple[str, dict]] = {}
        return [_import_one(f, by, defined) for f in files]


def import_claims_file(path: str | Path, *, by=None) -> ImportResult:
    return import_claims([path], by=by)[0]


def import_claims_directory(path: str | Path, *, by=None) -> list[ImportResult]:
    if not Path(path).is_dir():
        raise ClaimsImportError(str(path), [("", "Not a directory.")])
    return import_claims([path], by=by)
