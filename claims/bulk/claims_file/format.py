"""The claims file: its format, its errors, and how each JSON value is read.

A claims file (documented in fixtures/README.md) describes one article: its sources, the article with its
verbatim text, and its claims with their quantities, dates, citations and status history. Every error names
the file, the JSON path and the field: `fixtures/x.json: claims[3].quantities[0].lower_bound: ...`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError

from claims.models import CITATION_FIELDS, QUANTITY_FIELDS

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
    "correction": False,
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
    "correction": False,
}
QUANTITY_KEYS = {name: name in ("measure", "value", "unit", "as_stated") for name in QUANTITY_FIELDS}
DATE_KEYS = {"role": True, "precision": True, "value": True, "as_stated": True}
# A citation's keys are its fields; these must be given.
CITATION_KEYS = {name: name in ("url", "title", "publisher", "stance") for name in CITATION_FIELDS}
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


class ClaimsImportError(Exception):
    """Bad input: `problems` lists (json path, message); str() gives one line per problem, each naming the
    file and the path."""

    def __init__(self, file: str, problems: list[tuple[str, str]]):
        self.file = file
        self.problems = problems
        super().__init__(
            "\n".join(f"{file}: {path}: {message}" if path else f"{file}: {message}" for path, message in problems)
        )


class Invalid(Exception):
    """One value is wrong: where (its JSON path) and why."""

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


def as_object(value: Any, path: str, keys: dict[str, bool]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid(path or "(top level)", "Expected an object.")
    prefix = f"{path}." if path else ""
    for key in value:
        if key not in keys:
            raise Invalid(f"{prefix}{key}", f"Unknown key; expected one of: {', '.join(keys)}.")
    for key, required in keys.items():
        if required and key not in value:
            raise Invalid(f"{prefix}{key}", "This key is required.")
    return value


def as_list(value: Any, path: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise Invalid(path, "Expected a list.")
    return value


def as_text(value: Any, path: str, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(path, "Expected a string.")
    # full_clean() does not look for NUL (only form fields do), and PostgreSQL refuses it at write time
    # with an error that names no field.
    if "\x00" in value:
        raise Invalid(path, "NUL characters (\\x00) are not allowed.")
    if required and not value.strip():
        raise Invalid(path, "This cannot be empty.")
    return value


def as_slug_ref(value: Any, path: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise Invalid(path, "Expected a slug (a string) or null.")
    return value


def as_decimal(value: Any, path: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid(path, "Expected a number, written as a string (\u201c4.5\u201d) or a whole number.")
    try:
        # repr() of a float is its shortest exact spelling: 4.5 stays 4.5, not 4.4999...
        amount = Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        raise Invalid(path, f"\u201c{value}\u201d is not a number.") from None
    if not amount.is_finite():
        raise Invalid(path, "Enter a finite number.")
    return amount


def as_date(value: Any, path: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Invalid(path, "Expected a date as YYYY-MM-DD.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid(path, f"\u201c{value}\u201d is not a date as YYYY-MM-DD.") from None


def as_datetime(value: Any, path: str) -> dt.datetime:
    """A day ("2025-09-11", taken as 00:00 UTC) or an ISO 8601 time with its offset."""
    if not isinstance(value, str):
        raise Invalid(path, "Expected a date (YYYY-MM-DD) or a time with its offset (2025-09-11T08:31:00Z).")
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(path, f"\u201c{value}\u201d is not a date or an ISO 8601 time.") from None
    if moment.tzinfo is None:
        raise Invalid(path, "Give the time's offset (\u201cZ\u201d or \u201c+02:00\u201d): a bare time is ambiguous.")
    return moment


def as_bool(value: Any, path: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise Invalid(path, "Expected true or false.")
    return value


def constraint_field(model, message: str) -> str:
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


def clean(instance, path: str, *, exclude: list[str], rename: dict[str, str] | None = None) -> None:
    """full_clean an unsaved instance and report its first error at the JSON key of the field."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        message = " ".join(messages)
        if field_name == "__all__":
            field_name = constraint_field(type(instance), message)
        key = (rename or {}).get(field_name, field_name)
        prefix = f"{path}." if path else ""
        raise Invalid(f"{prefix}{key}" if key != "__all__" else path, message) from None


def first_message(exc: ValidationError) -> tuple[str, str]:
    if hasattr(exc, "error_dict"):
        name, messages = next(iter(exc.message_dict.items()))
        return name, " ".join(messages)
    return "", " ".join(exc.messages)
