"""The bad-input catalogue: every input path x every kind of bad input, as one table (CASES).

A case is (path, what, edits, expect):

  path   where the input goes in: admin_add, admin_change (the claim form with its inlines), admin_status (the
         status form), admin_get (an admin address), api_create / api_patch (claims with nested quantities,
         dates and citations), api_status, api_get (query strings and ids), page_get (reader pages),
         load_claims (a claims file), backup_restore (an export file).
  edits  what to change in that path's valid base input (tests/helpers/bad_input.py builds it): {location: value}
         where a location is a form field name (admin), a key path into the JSON body or file (a tuple), or
         (model, field) for an export file; or a Raw body / file; or, for the *_get paths, the address.
  expect the field the error must name: a form field, a dotted path into the API error's `fields`, the JSON
         path a command prints; or, for addresses, (status, parameter or None).

Scheme-less addresses are not in the admin rows: the admin's URL fields assume https (Django's
`assume_scheme`), so "www.example.org/x" is stored as "https://www.example.org/x", which is not bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection

MEGABYTE = "x" * (1024 * 1024)
DEEP = "[" * 10_000 + "]" * 10_000
MISSING = object()  # as a value: remove the key


@dataclass(frozen=True)
class Raw:
    """A body or file sent as these bytes, with this content type (API) instead of the base input."""

    body: str
    content_type: str = "application/json"


@dataclass(frozen=True)
class Case:
    path: str
    what: str
    edits: Any
    expect: Any
    bug: str | None = None  # set: a known bug; the case is expected to fail until it is fixed
    bug_on: str | None = None  # the database vendor the bug shows on, when only one

    def param(self):
        shows = self.bug is not None and self.bug_on in (None, connection.vendor)
        marks = [pytest.mark.xfail(strict=True, reason=self.bug)] if shows else []
        return pytest.param(self, id=f"{self.path}: {self.what}", marks=marks)


ADMIN_FORMS = ("admin_add", "admin_change")
API_BODIES = ("api_create", "api_patch")
FILES = ("load_claims", "backup_restore")
CLAIM_PATHS = (*ADMIN_FORMS, *API_BODIES, *FILES)

_INLINE = {"quantity": "quantities", "date": "dates", "citation": "citations"}
_MODEL = {
    "claim": "claims.claim",
    "quantity": "claims.quantity",
    "date": "claims.datemention",
    "citation": "claims.citation",
}


def at(path: str, part: str, name: str):
    """Where `name` of the claim (or of its first quantity, date or citation) sits in `path`'s input."""
    if path in ADMIN_FORMS:
        return name if part == "claim" else f"{_INLINE[part]}-0-{name}"
    if path in API_BODIES:
        return (name,) if part == "claim" else (_INLINE[part], 0, name)
    if path == "load_claims":
        return ("claims", 0, name) if part == "claim" else ("claims", 0, _INLINE[part], 0, name)
    return (_MODEL[part], name)


def named(path: str, part: str, name: str):
    """What the error must name for that field in `path`."""
    if path in ADMIN_FORMS:
        return at(path, part, name)
    if path in API_BODIES:
        return name if part == "claim" else f"{_INLINE[part]}.0.{name}"
    if path == "load_claims":
        return "claims[0]." + (name if part == "claim" else f"{_INLINE[part]}[0].{name}")
    return (_MODEL[part], name)


def each(paths, what: str, part: str, values: dict[str, Any], error: str, *, bugs: dict[str, str] | None = None):
    """One case per path: set `values` (field -> value) of `part`, expect an error on `error`."""
    return [
        Case(
            path,
            what,
            {at(path, part, name): value for name, value in values.items()},
            named(path, part, error),
            (bugs or {}).get(path),
        )
        for path in paths
    ]


def date_value(path: str, precision: str, text: str, year, month, day) -> dict:
    """A date mention: admin forms and exports hold year, month and day; the API and claims files a text."""
    if path in (*ADMIN_FORMS, "backup_restore"):
        return {"precision": precision, "year": year, "month": month, "day": day}
    return {"precision": precision, "value": text}


def dates(what: str, precision: str, text: str, year, month, day, part_named: str):
    cases = []
    for path in CLAIM_PATHS:
        values = date_value(path, precision, text, year, month, day)
        error = part_named if path in (*ADMIN_FORMS, "backup_restore") else "value"
        cases += each([path], what, "date", values, error)
    return cases


def addresses():
    cases = []
    for scheme, address in (
        ("javascript:", "javascript:alert(document.cookie)"),
        ("data:", "data:text/html,<script>alert(1)</script>"),
        ("ftp:", "ftp://archive.ph/fUGqA"),
        ("scheme-less", "archive.ph/fUGqA"),
    ):
        paths = CLAIM_PATHS if scheme != "scheme-less" else (*API_BODIES, *FILES)
        for name in ("url", "archived_url"):
            cases += each(paths, f"{scheme} address in a citation's {name}", "citation", {name: address}, name)
    return cases


API_CLAIMS = "/api/v1/claims/"
BIG = str(2**63)
HUGE = str(10**30)


CASES: list[Case] = [
    # --- amounts: negative, NaN, infinite ----------------------------------------------------------------
    *each(CLAIM_PATHS, "negative amount", "quantity", {"value": "-1"}, "value"),
    *each(CLAIM_PATHS, "negative lower bound", "quantity", {"lower_bound": "-1"}, "lower_bound"),
    *each(CLAIM_PATHS, "NaN amount", "quantity", {"value": "NaN"}, "value"),
    *each(
        CLAIM_PATHS,
        "NaN upper bound",
        "quantity",
        {"upper_bound": "NaN"},
        "upper_bound",
    ),
    *each(
        CLAIM_PATHS,
        "infinite amount",
        "quantity",
        {"value": "Infinity", "upper_bound": "Infinity"},
        "value",
    ),
    *each(CLAIM_PATHS, "amount above the largest", "quantity", {"value": "1e30", "upper_bound": "1e30"}, "value"),
    Case("api_create", "NaN literal (not JSON)", Raw('{"article": 1, "text": NaN}'), None),
    Case("api_create", "number that overflows to infinity", Raw('{"article": 1, "text": "x", "start": 1e999}'), None),
    Case(
        "load_claims",
        "NaN literal in the file",
        {("claims", 0, "quantities", 0, "value"): float("nan")},
        "claims[0].quantities[0].value",
    ),
    Case(
        "load_claims",
        "1e999 in the file",
        {("claims", 0, "quantities", 0, "value"): float("inf")},
        "claims[0].quantities[0].value",
    ),
    # --- bounds --------------------------------------------------------------------------------------------
    *each(
        CLAIM_PATHS, "lower bound above the value and the upper bound", "quantity", {"lower_bound": "5"}, "lower_bound"
    ),
    *each(CLAIM_PATHS, "upper bound below the value", "quantity", {"upper_bound": "4"}, "upper_bound"),
    # --- units and currencies ----------------------------------------------------------------------------
    *each(CLAIM_PATHS, "unknown unit", "quantity", {"unit": "furlong"}, "unit"),
    *each(CLAIM_PATHS, "unknown currency", "quantity", {"unit": "XBT"}, "unit"),
    # --- dates ---------------------------------------------------------------------------------------------
    *dates("impossible date 2025-02-30", "day", "2025-02-30", 2025, 2, 30, "day"),
    *dates("day precision without a day", "day", "2025-01", 2025, 1, None, "day"),
    *dates("quarter starting in February", "quarter", "2025-02", 2025, 2, None, "month"),
    *each(
        CLAIM_PATHS,
        "impossible publication date 2025-02-30",
        "citation",
        {"published_on": "2025-02-30"},
        "published_on",
    ),
    *each(
        CLAIM_PATHS,
        "impossible re-check date 2025-02-30",
        "claim",
        {"recheck_on": "2025-02-30"},
        "recheck_on",
    ),
    # --- passages ------------------------------------------------------------------------------------------
    *each(
        (*ADMIN_FORMS, *API_BODIES, "load_claims"),
        "passage not in the article",
        "claim",
        {"text": "ce partenariat démarre en 2028"},
        "text",
    ),
    Case(
        "backup_restore",
        "passage not in the article",
        {("claims.claim", "text"): "ce partenariat démarre en 2028"},
        "passage",
    ),
    # --- addresses -----------------------------------------------------------------------------------------
    *addresses(),
    # --- NUL characters ------------------------------------------------------------------------------------
    *each(
        CLAIM_PATHS,
        "NUL in a claim's summary",
        "claim",
        {"summary": "Capacity\x00"},
        "summary",
    ),
    *each(
        CLAIM_PATHS,
        "NUL in a citation's title",
        "citation",
        {"title": "Oracle\x00OpenAI"},
        "title",
    ),
    Case("admin_status", "NUL in the rationale", {"rationale": "Confirmed\x00."}, "rationale"),
    Case("api_status", "NUL in the rationale", {("rationale",): "Confirmed\x00."}, "rationale"),
    # --- 1 MB of text --------------------------------------------------------------------------------------
    *each(CLAIM_PATHS, "1 MB summary", "claim", {"summary": MEGABYTE}, "summary"),
    *each(CLAIM_PATHS, "1 MB quantity wording", "quantity", {"as_stated": MEGABYTE}, "as_stated"),
    *each(
        CLAIM_PATHS,
        "1 MB English rendering",
        "claim",
        {"text_en": MEGABYTE},
        "text_en",
    ),
    Case("admin_status", "1 MB rationale", {"rationale": MEGABYTE}, "rationale"),
    Case("api_status", "1 MB rationale", {("rationale",): MEGABYTE}, "rationale"),
    # --- JSON: deeply nested, malformed --------------------------------------------------------------------
    *[Case(path, "10 000 levels of nesting", Raw(DEEP), None) for path in (*API_BODIES, "api_status")],
    *[Case(path, "malformed JSON", Raw('{"text": "unterminated'), None) for path in (*API_BODIES, "api_status")],
    Case(
        "load_claims",
        "10 000 levels of nesting",
        Raw(DEEP),
        "nested too deeply",
    ),
    Case("load_claims", "malformed JSON", Raw('{"format": "factcheck.claims/1", '), "Not valid JSON"),
    Case("backup_restore", "10 000 levels of nesting", Raw(DEEP), "nested"),
    Case("backup_restore", "malformed JSON", Raw('[{"model": "claims.source", '), "not valid JSON"),
    # --- wrong content type --------------------------------------------------------------------------------
    Case("api_create", "text/plain body", Raw('{"article": 1}', "text/plain"), None),
    Case("api_create", "form-encoded body", Raw("article=1&text=x", "application/x-www-form-urlencoded"), None),
    Case("api_create", "multipart body", Raw("--b\r\n\r\nx\r\n--b--\r\n", "multipart/form-data; boundary=b"), None),
    Case("api_patch", "text/plain body", Raw('{"summary": "x"}', "text/plain"), None),
    Case(
        "api_status", "form-encoded body", Raw("status=accurate&rationale=x", "application/x-www-form-urlencoded"), None
    ),
    # --- ids out of range in bodies and forms --------------------------------------------------------------
    *[Case("api_create", f"article id {value}", {("article",): value}, "article") for value in (0, -1, 2**63, "abc")],
    *[
        Case("api_create", f"entity id {value}", {("entities",): [value]}, "entities")
        for value in (0, -1, 2**63, "abc")
    ],
    *[
        Case("api_patch", f"citation id {value}", {("citations", 0, "id"): value}, "citations.0.id")
        for value in (0, -1, 2**63, "abc")
    ],
    *[
        Case("api_status", f"citation id {value}", {("citations",): [value]}, "citations")
        for value in (0, -1, 2**63, "abc")
    ],
    *[Case("api_status", f"version {value}", {("version",): value}, "version") for value in (0, -1, 2**63, "abc")],
    *[Case("admin_add", f"article id {value}", {"article": str(value)}, "article") for value in (0, -1, 2**63, "abc")],
    *[
        Case("admin_status", f"citation id {value}", {"citations": [str(value)]}, "citations")
        for value in (0, -1, 2**63, "abc")
    ],
    *[
        Case("admin_status", f"opened version {value}", {"opened_version": str(value)}, "opened_version")
        for value in (0, -1, "abc")
    ],
    *[
        Case("admin_change", f"opened version {value}", {"opened_version": str(value)}, "opened_version")
        for value in (0, -1, "abc")
    ],
    # --- statuses ------------------------------------------------------------------------------------------
    Case("api_status", "unknown status", {("status",): "true"}, "status"),
    Case("admin_status", "unknown status", {"status": "true"}, "status"),
    Case("api_status", "blank rationale", {("rationale",): "   "}, "rationale"),
    Case("admin_status", "blank rationale", {"rationale": "   "}, "rationale"),
    Case(
        "load_claims",
        "unknown status in the history",
        {("claims", 0, "history", 0, "to"): "true"},
        "claims[0].history[0].to",
    ),
    Case(
        "load_claims",
        "impossible day in the history",
        {("claims", 0, "history", 0, "effective_at"): "2025-02-30"},
        "claims[0].history[0].effective_at",
    ),
    # --- query strings: page sizes, pages, ids, NUL ---------------------------------------------------------
    *[
        Case("api_get", f"page_size={value} on {where}", f"/api/v1/{where}/?page_size={value}", (400, "page_size"))
        for where in ("claims", "articles", "sources")
        for value in (0, -1, 101, HUGE, "abc")
    ],
    *[Case("api_get", f"page={value}", f"{API_CLAIMS}?page={value}", (400, "page")) for value in (0, -1, HUGE, "abc")],
    *[
        Case("api_get", f"{where} id {value}", f"/api/v1/{where}/{value}/", (404, None))
        for where in ("claims", "articles", "sources")
        for value in (0, -1, BIG, "abc")
    ],
    *[Case("api_get", f"claim id {value} history", f"{API_CLAIMS}{value}/history/", (404, None)) for value in (0, BIG)],
    *[
        Case("api_get", f"{name}={value} filter", f"{API_CLAIMS}?{name}={value}", (400, name))
        for name in ("article", "entity", "attributed_to")
        for value in (0, -1, BIG, "abc")
    ],
    *[
        Case("api_get", f"{name} with NUL", f"{API_CLAIMS}?{name}=%00", (400, name))
        for name in ("search", "status", "unit", "ordering", "updated_since")
    ],
    Case("api_get", "amount_min=NaN", f"{API_CLAIMS}?unit=USD&amount_min=NaN", (400, "amount_min")),
    Case("api_get", "amount_max=-1", f"{API_CLAIMS}?unit=USD&amount_max=-1", (400, "amount_max")),
    Case("api_get", "amount_min=Infinity", f"{API_CLAIMS}?unit=USD&amount_min=Infinity", (400, "amount_min")),
    Case("api_get", "date_from=2025-02-30", f"{API_CLAIMS}?date_from=2025-02-30", (400, "date_from")),
    Case(
        "api_get", "date_from after date_to", f"{API_CLAIMS}?date_from=2026-01-01&date_to=2025-01-01", (400, "date_to")
    ),
    Case("api_get", "1 MB search", f"{API_CLAIMS}?search={MEGABYTE}", (400, "search")),
    Case("page_get", "q with NUL", "/claims/?q=%00", (400, None)),
    Case("page_get", "unknown status filter", "/claims/?status=true", (400, None)),
    Case("page_get", "NUL in a claim address", "/claims/%00/", (404, None)),
    *[
        Case("admin_get", f"claim id {value}", f"/admin/claims/claim/{value}/change/", (302, None))
        for value in (0, -1, BIG, "abc")
    ],
    *[
        Case("admin_get", f"status page of claim id {value}", f"/admin/claims/claim/{value}/status/", (302, None))
        for value in (0, BIG, "abc")
    ],
    Case("admin_get", "search with NUL", "/admin/claims/claim/?q=%00", (200, None)),
]
